/**
 * A position-keeping YAML tree for the cover sheet, built from js-yaml's
 * `parseEvents` (no YAML scanning of our own). Every node carries offsets into
 * the whole document; scalars keep their source text, decoded text and the
 * value the YAML 1.2 core schema gives them, so rules can compare "what was
 * written" with "what YAML loaded" (`10.10` → 10.1).
 *
 * Aliases are kept as alias nodes and never expanded, so an alias bomb costs
 * nothing here.
 */
import * as jsyaml from 'js-yaml';
import type { OffsetRange } from './types';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface NodeBase extends OffsetRange {
  /** Offset of the anchor/tag prefix if any, else `start`. */
  outerStart: number;
  tag?: string;
}

export interface YScalar extends NodeBase {
  kind: 'scalar';
  /** Exactly as written, quotes included. */
  source: string;
  /** Decoded text (quotes and escapes resolved). */
  text: string;
  /** As loaded by the core schema: string, number, boolean or null. */
  value: unknown;
  style: ScalarStyle;
  /** True for a key with no value written (`title:`). */
  empty: boolean;
}

export interface YPair {
  key: YNode;
  /** Key as text (`''` when the key is not a scalar). */
  name: string;
  value: YNode;
}

export interface YMap extends NodeBase {
  kind: 'map';
  flow: boolean;
  pairs: YPair[];
}

export interface YSeq extends NodeBase {
  kind: 'seq';
  flow: boolean;
  items: YNode[];
}

export interface YAlias extends NodeBase {
  kind: 'alias';
  name: string;
}

export type YNode = YScalar | YMap | YSeq | YAlias;

export interface YamlError {
  message: string;
  /** Offset in the whole document. */
  offset: number;
}

export interface YamlResult {
  root: YNode | null;
  error?: YamlError;
}

const STYLES: Record<number, ScalarStyle> = {
  1: 'plain',
  2: 'single',
  3: 'double',
  4: 'literal',
  5: 'folded',
};

/** The schema `constructFromEvents` uses by default (YAML 1.2 core). */
const CORE = jsyaml.CORE_SCHEMA;

/** Keep a nesting bound well under anything that could exhaust the stack. */
const MAX_DEPTH = 64;

function yamlError(e: unknown, base: number, source: string): YamlError {
  const err = e as { reason?: string; message?: string; mark?: { position?: number } };
  const reason = err.reason ?? String(err.message ?? e).split('\n')[0] ?? 'invalid YAML';
  const pos = Math.min(Math.max(0, err.mark?.position ?? 0), source.length);
  return { message: explainYamlError(reason, source, pos), offset: base + pos };
}

/**
 * YAML's reason in words an author can act on, where the cause is plain: an
 * unquoted value holding ": " (`title: Winter: the plan`), which YAML reads
 * as a second key on the line ("bad indentation of a mapping entry").
 */
function explainYamlError(reason: string, source: string, pos: number): string {
  const lineStart = source.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
  const lineEnd = source.indexOf('\n', pos);
  const line = source.slice(lineStart, lineEnd < 0 ? source.length : lineEnd).replace(/\r$/, '');
  const m = /^\s*(?:-\s+)?([A-Za-z_][\w-]*):[ \t]+([^'"|>&*![{#\s].*?:[ \t].*)$/.exec(line);
  if (m && /mapping entry|mapping pair|implicit key/.test(reason)) {
    const value = m[2]!.trim().replace(/"/g, '\\"');
    return `the value of "${m[1]}" contains ": ", which YAML reads as the start of another field; put the whole value in quotes: ${m[1]}: "${value}"`;
  }
  return reason;
}

/**
 * Parse `source` (the text between the front-matter fences) whose first
 * character sits at offset `base` of the document.
 */
export function parseYaml(source: string, base: number): YamlResult {
  let events: jsyaml.Event[];
  try {
    events = jsyaml.parseEvents(source, { maxDepth: MAX_DEPTH });
  } catch (e) {
    return { root: null, error: yamlError(e, base, source) };
  }
  // Whole-document construction catches what the event parser lets through
  // (duplicate keys, unknown tags, more than one document); aliases are
  // capped so a "billion laughs" document fails fast instead of expanding.
  try {
    const docs = jsyaml.constructFromEvents(events, { source, maxAliases: 50, maxTotalMergeKeys: 1000 });
    if (docs.length > 1) {
      return { root: null, error: { message: 'the cover sheet must be a single YAML document (remove the extra "---" or "...")', offset: base } };
    }
  } catch (e) {
    return { root: null, error: yamlError(e, base, source) };
  }
  const builder = new TreeBuilder(source, base, events);
  return { root: builder.build() };
}

class TreeBuilder {
  private i = 0;
  private readonly doc: jsyaml.DocumentEvent | undefined;

  constructor(
    private readonly src: string,
    private readonly base: number,
    private readonly events: jsyaml.Event[],
  ) {
    this.doc = events.find((e): e is jsyaml.DocumentEvent => e.type === jsyaml.EVENT_ID.DOCUMENT);
  }

  build(): YNode | null {
    // events: DOCUMENT, node, POP
    while (this.i < this.events.length && this.events[this.i]!.type === jsyaml.EVENT_ID.DOCUMENT) this.i++;
    if (this.i >= this.events.length || this.events[this.i]!.type === jsyaml.EVENT_ID.POP) return null;
    return this.node(this.base);
  }

  private tagOf(e: { tagStart: number; tagEnd: number }): string | undefined {
    return e.tagStart >= 0 ? this.src.slice(e.tagStart, e.tagEnd) : undefined;
  }

  private outer(e: { anchorStart: number; tagStart: number }, start: number): number {
    let o = start;
    if (e.anchorStart >= 0) o = Math.min(o, this.base + e.anchorStart);
    if (e.tagStart >= 0) o = Math.min(o, this.base + e.tagStart);
    return o;
  }

  /** Read one node; `fallback` is where an empty scalar is placed. */
  private node(fallback: number): YNode {
    const e = this.events[this.i++]!;
    switch (e.type) {
      case jsyaml.EVENT_ID.SCALAR:
        return this.scalar(e, fallback);
      case jsyaml.EVENT_ID.ALIAS: {
        const start = this.base + e.anchorStart - 1;
        const end = this.base + e.anchorEnd;
        return { kind: 'alias', name: this.src.slice(e.anchorStart, e.anchorEnd), start, end, outerStart: start };
      }
      case jsyaml.EVENT_ID.MAPPING: {
        const start = this.base + e.start;
        const map: YMap = {
          kind: 'map',
          flow: e.style === jsyaml.COLLECTION_STYLE.FLOW,
          pairs: [],
          start,
          end: start,
          outerStart: this.outer(e, start),
          tag: this.tagOf(e),
        };
        let end = start + 1;
        while (this.i < this.events.length && this.events[this.i]!.type !== jsyaml.EVENT_ID.POP) {
          const key = this.node(end);
          const value = this.node(key.end);
          const name = key.kind === 'scalar' ? key.text : '';
          map.pairs.push({ key, name, value });
          end = Math.max(end, key.end, value.end);
        }
        this.i++; // POP
        map.end = map.flow ? this.closing(end, '}') : end;
        return map;
      }
      case jsyaml.EVENT_ID.SEQUENCE: {
        const start = this.base + e.start;
        const seq: YSeq = {
          kind: 'seq',
          flow: e.style === jsyaml.COLLECTION_STYLE.FLOW,
          items: [],
          start,
          end: start,
          outerStart: this.outer(e, start),
          tag: this.tagOf(e),
        };
        let end = start + 1;
        while (this.i < this.events.length && this.events[this.i]!.type !== jsyaml.EVENT_ID.POP) {
          const item = this.node(end);
          seq.items.push(item);
          end = Math.max(end, item.end);
        }
        this.i++;
        seq.end = seq.flow ? this.closing(end, ']') : end;
        return seq;
      }
      default:
        // A stray DOCUMENT/POP: treat as empty.
        return emptyScalar(fallback);
    }
  }

  /**
   * The value the core schema gives a scalar, as the whole-document
   * construction in `parseYaml` gave it (js-yaml's `constructScalar`): an
   * untagged plain scalar goes through the schema's implicit resolvers
   * (`10.10` → 10.1, `yes` stays a string), an untagged quoted or block
   * scalar is a string. Explicitly tagged scalars (`!!str 10`, `!<…>`,
   * `%TAG` handles) are rare and go through js-yaml's own construction of
   * that one scalar, so tag handling stays js-yaml's. Only the tagged ones
   * pay for a construction pass: one per scalar made parsing the cover sheet
   * several times slower than loading it (docs/performance.md).
   */
  private valueOf(e: jsyaml.ScalarEvent, text: string): unknown {
    try {
      if (e.tagStart < 0) {
        if (e.style === jsyaml.SCALAR_STYLE.PLAIN) return CORE.resolveImplicitScalarTag(text).value;
        return CORE.defaultScalarTag.resolve(text, false, CORE.defaultScalarTag.tagName);
      }
      return jsyaml.constructFromEvents([this.doc!, e, { type: jsyaml.EVENT_ID.POP }], { source: this.src })[0];
    } catch {
      return text;
    }
  }

  /** Offset just past the closing bracket of a flow collection. */
  private closing(from: number, bracket: string): number {
    const rel = this.src.indexOf(bracket, from - this.base);
    return rel === -1 ? from : this.base + rel + 1;
  }

  private scalar(e: jsyaml.ScalarEvent, fallback: number): YScalar {
    if (e.valueStart < 0) {
      const s = emptyScalar(fallback);
      s.tag = this.tagOf(e);
      return s;
    }
    const start = this.base + e.valueStart;
    const end = this.base + e.valueEnd;
    const style = STYLES[e.style] ?? 'plain';
    let text: string;
    let value: unknown;
    try {
      text = jsyaml.getScalarValue(this.src, e);
      value = this.doc ? this.valueOf(e, text) : text;
    } catch {
      // Undecodable: construction would fail the same way; keep the source.
      text = this.src.slice(e.valueStart, e.valueEnd);
      value = text;
    }
    // Block scalars: source keeps the indicator line; trim the trailing break.
    return {
      kind: 'scalar',
      source: this.src.slice(e.valueStart, e.valueEnd),
      text,
      value,
      style,
      empty: false,
      start,
      end,
      outerStart: this.outer(e, start),
      tag: this.tagOf(e),
    };
  }
}

function emptyScalar(at: number): YScalar {
  return { kind: 'scalar', source: '', text: '', value: null, style: 'plain', empty: true, start: at, end: at, outerStart: at };
}

/** Helpers for rules. */
export function getPair(map: YNode | null | undefined, key: string): YPair | undefined {
  if (!map || map.kind !== 'map') return undefined;
  return map.pairs.find((p) => p.name === key);
}

export function getNode(map: YNode | null | undefined, key: string): YNode | undefined {
  return getPair(map, key)?.value;
}

/** True when the node holds nothing: an empty/null scalar, `[]` or `{}`. */
export function isEmptyNode(node: YNode | undefined): boolean {
  if (!node) return true;
  if (node.kind === 'scalar') return node.empty || node.value === null || (typeof node.value === 'string' && node.value.trim() === '');
  if (node.kind === 'seq') return node.items.length === 0;
  if (node.kind === 'map') return node.pairs.length === 0;
  return false;
}

/** The scalar's text as written (for ids and agenda items: never the loaded number). */
export function scalarText(node: YNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.empty) return undefined;
  return node.style === 'plain' ? node.source.trim() : node.text;
}

/** Plain JavaScript value of a node (aliases become undefined). */
export function toValue(node: YNode | undefined, depth = 0): unknown {
  if (!node || depth > MAX_DEPTH) return undefined;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map((n) => toValue(n, depth + 1));
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const p of node.pairs) o[p.name] = toValue(p.value, depth + 1);
      return o;
    }
    default:
      return undefined;
  }
}
