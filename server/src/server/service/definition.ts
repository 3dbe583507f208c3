/**
 * Go to definition: a risk ID to its row in the register file, a committee
 * name to its entry in the profile (.boardpaper.yaml). The built-in default
 * profile has no file: nothing to go to.
 */
import * as path from 'node:path';
import type { Location, Position } from 'vscode-languageserver';
import { findCommittee, normaliseName } from '../../core/profile';
import { scalarText } from '../../core/yaml';
import type { ReadText } from '../../node/profile-loader';
import { frontmatterRegion, nodeAt } from './cursor';
import type { DocumentModel } from './model';
import { fileUri } from './workspace-index';

export function definition(model: DocumentModel, position: Position, readText: ReadText): Location | null {
  const loaded = model.loaded;
  if (!loaded) return null;
  const offset = model.lines.offset(position);
  const region = frontmatterRegion(model.paper);
  if (!region || offset < region.start || offset > region.end) return null;
  const hit = nodeAt(model.paper.cover, offset);
  if (!hit || hit.onKey) return null;
  const p = hit.path;
  const value = scalarText(hit.node);
  if (!value) return null;

  if (p[0] === 'risks' && p[1] === 'items' && typeof p[2] === 'number' && p[3] === 'id') {
    const reg = loaded.profile.risk_register;
    const e = reg?.entries.find((r) => r.id === value);
    if (!reg || !e || e.line === undefined) return null;
    const file = path.resolve(loaded.baseDir, reg.file);
    let len = 0;
    try {
      len = (readText(file).split(/\r\n|\r|\n/)[e.line] ?? '').length;
    } catch {
      /* the register moved: still point at the line */
    }
    return { uri: fileUri(file), range: { start: { line: e.line, character: 0 }, end: { line: e.line, character: len } } };
  }

  const isMeeting = (p.length === 1 && p[0] === 'meeting') || (p.length === 3 && p[0] === 'committee_history' && p[2] === 'meeting');
  if (isMeeting && loaded.file) {
    const c = findCommittee(loaded.profile, value);
    if (!c) return null;
    const register = loaded.profile.risk_register ? path.resolve(loaded.baseDir, loaded.profile.risk_register.file) : null;
    // The most specific profile file that sets `committees` defines them.
    const profiles = loaded.files
      .map((f) => path.resolve(f))
      .filter((f) => f !== register)
      .reverse();
    for (const file of profiles) {
      let text: string;
      try {
        text = readText(file);
      } catch {
        continue;
      }
      const loc = committeeEntry(text, c.name);
      if (loc) return { uri: fileUri(file), range: loc };
    }
  }
  return null;
}

const isTerminator = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * `/^(\s*-?\s*(?:name\s*:\s*)?)(["']?)(.+?)\2\s*(?:#.*)?$/.exec(l)` (prefix,
 * quote, committee name) in linear time. The regex tries its prefixes in a
 * fixed order and, for each, grows the lazy name until the rest is the
 * quote, spaces and an optional comment; backtracking makes that quadratic
 * or worse on long lines. Here the same prefixes are tried in the same
 * order, and for each the end of the name is looked up in tables built
 * once from the end of the line. Same groups on every input.
 */
export function committeeLine(s: string): string[] | null {
  const n = s.length;
  // wsEnd[i]: end of the run of spaces from i; okFrom[i]: first p >= i where the rest is `\s*(?:#.*)?$`;
  // quoteOk[q][i]: first p >= i with s[p] = q and the rest after it such; termFrom[i]: first line terminator >= i.
  const wsEnd = new Int32Array(n + 2);
  const okFrom = new Int32Array(n + 2);
  const termFrom = new Int32Array(n + 2);
  const quoteOk: Record<string, Int32Array> = { '"': new Int32Array(n + 2), "'": new Int32Array(n + 2) };
  let lastT = -1;
  for (let i = 0; i < n; i++) if (isTerminator(s[i])) lastT = i;
  wsEnd[n] = wsEnd[n + 1] = n;
  termFrom[n] = termFrom[n + 1] = n + 1;
  okFrom[n] = n;
  okFrom[n + 1] = -1;
  quoteOk['"']![n] = quoteOk['"']![n + 1] = quoteOk["'"]![n] = quoteOk["'"]![n + 1] = -1;
  const tailOk = (r: number) => {
    const e = wsEnd[r]!;
    return e === n || (s[e] === '#' && e > lastT);
  };
  for (let i = n - 1; i >= 0; i--) {
    wsEnd[i] = isSpace(s[i]) ? wsEnd[i + 1]! : i;
    termFrom[i] = isTerminator(s[i]) ? i : termFrom[i + 1]!;
    okFrom[i] = tailOk(i) ? i : okFrom[i + 1]!;
    for (const q of ['"', "'"]) quoteOk[q]![i] = s[i] === q && tailOk(i + 1) ? i : quoteOk[q]![i + 1]!;
  }
  /** The name from `e` with quote `q` ('' for none): its end, or -1. */
  const nameEnd = (e: number, q: string): number => {
    if (e >= n) return -1;
    const p = q ? quoteOk[q]![e + 1]! : okFrom[e + 1]!;
    return p !== -1 && termFrom[e]! >= p ? p : -1;
  };
  const tryAt = (e0: number): string[] | null => {
    const c = s[e0];
    if (c === '"' || c === "'") {
      const p = nameEnd(e0 + 1, c);
      if (p !== -1) return [s, s.slice(0, e0), c, s.slice(e0 + 1, p)];
    }
    const p = nameEnd(e0, '');
    return p !== -1 ? [s, s.slice(0, e0), '', s.slice(e0, p)] : null;
  };
  /** After the `\s*-?\s*` part ends at `c`: with `name\s*:\s*` (longest first), then without. */
  const tryPrefix = (c: number): string[] | null => {
    if (s.startsWith('name', c)) {
      const colon = wsEnd[c + 4]!;
      if (s[colon] === ':') {
        for (let e0 = wsEnd[colon + 1]!; e0 > colon; e0--) {
          const m = tryAt(e0);
          if (m) return m;
        }
      }
    }
    return tryAt(c);
  };
  const w0 = wsEnd[0]!;
  if (s[w0] === '-') {
    for (let c = wsEnd[w0 + 1]!; c > w0; c--) {
      const m = tryPrefix(c);
      if (m) return m;
    }
  }
  for (let c = w0; c >= 0; c--) {
    const m = tryPrefix(c);
    if (m) return m;
  }
  return null;
}

/** The line of `name` inside the top-level `committees:` list of a profile's text. */
function committeeEntry(text: string, name: string): Location['range'] | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const start = lines.findIndex((l) => /^committees\s*:/.test(l));
  if (start === -1) return null;
  const want = normaliseName(name);
  // Flow style on one line: committees: [A, B]
  const flow = /^committees\s*:\s*\[(.*)\]/.exec(lines[start]!);
  if (flow) {
    const at = lines[start]!.indexOf(name);
    return at === -1 ? null : { start: { line: start, character: at }, end: { line: start, character: at + name.length } };
  }
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\S/.test(l) && !/^-/.test(l)) break; // next top-level key
    const m = committeeLine(l);
    if (!m || !/^\s*-|name\s*:/.test(m[1]!)) continue;
    if (/^\s*-\s*\w+\s*:/.test(l) && !/name\s*:/.test(l)) continue; // `- aliases: …` and the like
    if (normaliseName(m[3]!) === want) {
      const ch = m[1]!.length + m[2]!.length;
      return { start: { line: i, character: ch }, end: { line: i, character: ch + m[3]!.length } };
    }
  }
  return null;
}
