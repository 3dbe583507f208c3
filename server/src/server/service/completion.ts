/**
 * Completion. In the cover sheet: the keys still missing (required first, as
 * snippets with placeholders) and values — purpose, assurance, assessment
 * status, confidential, strategic objective codes, committee names, risk IDs,
 * dates. In the body: the section headings the paper still lacks and
 * acronym expansions.
 *
 * Works line by line on the text (cursor.ts) because the YAML is seldom
 * valid while it is being typed.
 */
import { objectiveEntries } from '../../core/queries/objectives';
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver';
import {
  ASSESSMENT_STATUSES,
  ASSURANCE_LEVELS,
  FIELDS,
  HISTORY_KEYS,
  IMPACT_KEYS,
  NESTED_MEANING,
  RISK_ITEM_KEYS,
  RISK_KEYS,
  ASSESSMENT_KEYS,
} from '../../core/fields';
import { acceptedHeadings, headingKey, sectionKey, templateName } from '../../core/queries/sections';
import { meetingDateOf } from '../../core/queries/dates';
import { healthInequalitiesRequired, healthInequalitiesSection } from '../../core/queries/health-inequalities';
import { coverSheetFields, sameValue, type TemplateField } from '../../core/template-fields';
import { findCommittee, isRealDate, normaliseName, PURPOSES, type Profile } from '../../core/profile';
import { getNode, scalarText } from '../../core/yaml';
import { usedBefore } from './acronyms';
import { toRange } from './convert';
import { cursorContext, frontmatterRegion, YamlLines, type CursorContext } from './cursor';
import { profileOf, type DocumentModel, type WorkspaceView } from './model';
import { dateOf, meetingOf } from './workspace-index';

export interface CompletionOptions {
  /** The client accepts snippets (`${1:…}`). */
  snippets: boolean;
  /** The client honours `insertTextMode: asIs`. */
  asIs: boolean;
}

const ASSESSMENT_PARENTS = new Set(['financial_implications', 'risks']);

export function complete(model: DocumentModel, position: Position, ws: WorkspaceView, opts: CompletionOptions): CompletionList {
  const items: CompletionItem[] = [];
  const offset = model.lines.offset(position);
  const ctx = cursorContext(model.paper, offset);
  const b = new Builder(model, offset, opts);
  switch (ctx.where) {
    case 'key':
      keyItems(model, ctx, b, items);
      break;
    case 'value':
      valueItems(model, ctx, b, ws, items);
      break;
    case 'heading':
      headingItems(model, ctx, b, items);
      break;
    case 'body':
      if (ctx.word) acronymItems(model, ctx, b, items);
      break;
  }
  return { isIncomplete: false, items };
}

class Builder {
  constructor(
    private readonly model: DocumentModel,
    private readonly offset: number,
    readonly opts: CompletionOptions,
  ) {}

  range(start: number, end = this.offset): Range {
    return toRange(this.model.lines, { start, end });
  }

  /** An item whose text replaces `start…cursor`; `snippet` used when the client takes snippets. */
  item(label: string, start: number, plain: string, extra: Partial<CompletionItem> = {}, snippet?: string, end?: number): CompletionItem {
    const useSnippet = snippet !== undefined && this.opts.snippets;
    const it: CompletionItem = {
      label,
      ...extra,
      textEdit: { range: this.range(start, end), newText: useSnippet ? snippet : plain },
      insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if ((useSnippet ? snippet : plain).includes('\n') && this.opts.asIs) it.insertTextMode = InsertTextMode.asIs;
    return it;
  }
}

// ---------------------------------------------------------------------------
// Keys

function keyItems(model: DocumentModel, ctx: Extract<CursorContext, { where: 'key' }>, b: Builder, items: CompletionItem[]) {
  const region = frontmatterRegion(model.paper);
  if (!region) return;
  const yl = new YamlLines(model.paper, region);
  const path = ctx.path;
  const parent = path.at(-1);
  const indent = ' '.repeat(ctx.column);

  // A list item with nothing typed yet: the values such a list holds.
  if (ctx.dash && parent === '[]' && path.length === 2 && path[0] === 'strategic_objectives') {
    soItems(model, ctx.start, presentObjectives(model, yl, ctx.line), (c) => c, b, items);
    return;
  }
  if (ctx.dash && parent === '[]' && path.length === 2 && path[0] === 'purpose') {
    // Several purposes, where the template allows them: those not given yet.
    const node = getNode(model.paper.cover, 'purpose');
    const given = new Set(node?.kind === 'seq' ? node.items.map((i) => scalarText(i)?.trim().toLowerCase()) : []);
    PURPOSES.filter((p) => !given.has(p)).forEach((p, i) =>
      items.push(b.item(p, ctx.start, p, { kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(2, '0'), documentation: PURPOSE_MEANING[p] })),
    );
    return;
  }

  // The organisation's template (PROFILE.md v2): its own fields are offered
  // too, requiredness follows it and the documentation gives its label.
  const profile = profileOf(model);
  const template = profile ? coverSheetFields(profile) : [];
  const own = template.filter((f) => !f.builtin);
  const labelled = !!profile?.cover_sheet;
  const docOf = (key: string, meaning: string) => {
    const f = template.find((x) => x.key === key);
    return labelled && f
      ? `**${f.label}**\n\n${meaning}${f.values?.length && !f.builtin ? `\n\nValues: ${f.values.map((v) => `\`${v}\``).join(', ')}` : ''}`
      : meaning;
  };
  const requiredOf = (key: string, fallback: boolean) => {
    if (!profile?.cover_sheet) return fallback;
    return template.some((f) => f.required && (f.key === key || f.key.startsWith(`${key}.`)));
  };
  // The template's own shape of two FORMAT.md fields: a history with no outcome column, assessments asked as a bare yes / no / N/A.
  const noOutcome = template.some((f) => f.key === 'committee_history' && f.outcome === false);
  const bare = new Set(template.filter((f) => f.builtin && f.type === 'yes-no-na').map((f) => f.key));
  let keys: { key: string; meaning: string; required: boolean; body: (i: string) => [string, string] }[] = [];
  if (path.length === 0) {
    keys = FIELDS.map((f) => ({
      key: f.key,
      meaning: docOf(f.key, f.meaning),
      required: requiredOf(f.key, f.required),
      body: (i) => fieldBody(f.key, f.placeholder, f.values, i, { outcome: !noOutcome, bare: bare.has(f.key) }),
    }));
    for (const f of own)
      if (!f.key.includes('.')) keys.push({ key: f.key, meaning: docOf(f.key, f.meaning), required: f.required, body: (i) => ownBody(f, i) });
  } else if (path.length === 1 && path[0] === 'impact_assessments') {
    keys = IMPACT_KEYS.map((k) => ({
      key: k,
      meaning: docOf(`impact_assessments.${k}`, NESTED_MEANING[k]!),
      required: requiredOf(`impact_assessments.${k}`, true),
      body: (i) => assessmentBody(i),
    }));
    for (const f of own)
      if (f.key.startsWith('impact_assessments.'))
        keys.push({
          key: f.key.slice('impact_assessments.'.length),
          meaning: docOf(f.key, f.meaning),
          required: f.required,
          body: (i) => ownBody({ ...f, key: f.key.slice('impact_assessments.'.length) }, i),
        });
  } else if (path.length === 1 && path[0] === 'risks') {
    keys = RISK_KEYS.map((k) => ({ key: k, meaning: NESTED_MEANING[k]!, required: k === 'status', body: (i) => nestedBody(k, i) }));
  } else if (
    (path.length === 1 && (ASSESSMENT_PARENTS.has(path[0]!) || own.some((f) => f.type === 'assessment' && f.key === path[0]))) ||
    (path.length === 2 && path[0] === 'impact_assessments')
  ) {
    keys = ASSESSMENT_KEYS.map((k) => ({ key: k, meaning: NESTED_MEANING[k]!, required: k === 'status', body: (i) => nestedBody(k, i) }));
  } else if (path.length === 3 && path[0] === 'risks' && path[1] === 'items' && parent === '[]') {
    keys = RISK_ITEM_KEYS.map((k) => ({
      key: k,
      meaning: NESTED_MEANING[k] ?? 'Title of the risk as the register words it',
      required: true,
      body: (i) => nestedBody(k, i),
    }));
  } else if (path.length === 2 && path[0] === 'committee_history' && parent === '[]') {
    keys = HISTORY_KEYS.filter((k) => k !== 'outcome' || !noOutcome).map((k) => ({
      key: k,
      meaning: NESTED_MEANING[k] ?? (k === 'meeting' ? 'The board or committee that discussed the paper' : 'Date of that meeting, YYYY-MM-DD'),
      required: true,
      body: (i) => nestedBody(k, i),
    }));
  }
  if (!keys.length) return;
  const present = ctx.dash ? new Set<string>() : yl.siblingKeys(ctx.line, ctx.column);
  keys.forEach((k, i) => {
    if (present.has(k.key)) return;
    const [plain, snippet] = k.body(indent);
    items.push(
      b.item(
        k.key,
        ctx.start,
        plain,
        {
          kind: CompletionItemKind.Property,
          detail: k.required ? 'required' : 'optional',
          documentation: { kind: MarkupKind.Markdown, value: k.meaning },
          sortText: `${k.required ? 0 : 1}${String(i).padStart(2, '0')}`,
          filterText: k.key,
        },
        snippet,
      ),
    );
  });
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

function choice(n: number, values: readonly string[]): string {
  return `\${${n}|${values.map((v) => v.replace(/[\\|,$}]/g, '\\$&')).join(',')}|}`;
}

/** Plain text and snippet for a top-level key with its placeholder. */
/**
 * Plain text and snippet for a FORMAT.md key, in the template's shape: `outcome` false for a history with no
 * outcome column, `bare` for an assessment the template asks as a bare yes / no / n/a.
 */
function fieldBody(
  key: string,
  placeholder: string,
  values: readonly string[] | undefined,
  indent: string,
  shape = { outcome: true, bare: false },
): [string, string] {
  if (shape.bare) return [`${key}: n/a`, `${key}: ${choice(1, ASSESSMENT_STATUSES)}`];
  if (key === 'committee_history' && !shape.outcome)
    return [`${key}:\n${indent}  - meeting: \n${indent}    date: `, `${key}:\n${indent}  - meeting: \${1}\n${indent}    date: \${2:YYYY-MM-DD}`];
  if (key === 'impact_assessments') {
    const plain = `${key}:${IMPACT_KEYS.map((k) => `\n${indent}  ${k}:\n${indent}    status: n/a\n${indent}    comment: TBC`).join('')}`;
    let n = 0;
    const snip = `${key}:${IMPACT_KEYS.map((k) => `\n${indent}  ${k}:\n${indent}    status: ${choice(++n, ASSESSMENT_STATUSES)}\n${indent}    comment: \${${++n}:TBC}`).join('')}`;
    return [plain, snip];
  }
  if (placeholder.startsWith('\n')) {
    const lines = placeholder.split('\n').slice(1);
    const plain = `${key}:${lines.map((l) => `\n${indent}${l}`).join('')}`;
    let n = 0;
    const snip = `${key}:${lines
      .map((l) => {
        const m = /^(\s*)([\w]+):\s*(.*)$/.exec(l);
        if (!m) return `\n${indent}${escapeSnippet(l)}`;
        const v = m[2] === 'status' || m[2] === 'on_register' ? choice(++n, ASSESSMENT_STATUSES) : `\${${++n}:${escapeSnippet(m[3]!)}}`;
        return `\n${indent}${m[1]}${m[2]}: ${v}`;
      })
      .join('')}`;
    return [plain, snip];
  }
  const plain = `${key}: ${placeholder}`;
  if (values?.length) return [plain, `${key}: ${choice(1, values)}`];
  if (key === 'strategic_objectives') return [plain, `${key}: [\${1:SO1}]`];
  if (key === 'agenda_item') return [plain, `${key}: "\${1:TBC}"`];
  if (key === 'date') return [plain, `${key}: \${1:YYYY-MM-DD}`];
  if (key === 'committee_history') return [plain, `${key}:\n${indent}  - meeting: \${1}\n${indent}    date: \${2:YYYY-MM-DD}\n${indent}    outcome: \${3}`];
  return [plain, `${key}: \${1:${escapeSnippet(placeholder)}}`];
}

/** Plain text and snippet for one of the organisation's own fields, by its type. */
function ownBody(f: TemplateField, indent: string): [string, string] {
  const values = f.values ?? [];
  switch (f.type) {
    case 'assessment': {
      const [p, s] = assessmentBody(indent);
      return [`${f.key}:${p}`, `${f.key}:${s}`];
    }
    case 'yes-no-na':
      return [`${f.key}: `, `${f.key}: ${choice(1, ASSESSMENT_STATUSES)}`];
    case 'boolean':
      return [`${f.key}: false`, `${f.key}: ${choice(1, ['false', 'true'])}`];
    case 'choice':
      return [`${f.key}: `, values.length ? `${f.key}: ${choice(1, values)}` : `${f.key}: \${1}`];
    case 'list':
      return [`${f.key}: []`, values.length ? `${f.key}: [${choice(1, values)}]` : `${f.key}: [\${1}]`];
    case 'date':
      return [`${f.key}: `, `${f.key}: \${1:YYYY-MM-DD}`];
    case 'dates':
      return [`${f.key}: `, `${f.key}: [\${1:YYYY-MM-DD}]`];
    default:
      return [`${f.key}: `, `${f.key}: \${1}`];
  }
}

function assessmentBody(indent: string): [string, string] {
  return ['', ''].map(
    (_, snip) => `\n${indent}  status: ${snip ? choice(1, ASSESSMENT_STATUSES) : 'n/a'}\n${indent}  comment: ${snip ? '${2:TBC}' : 'TBC'}`,
  ) as [string, string];
}

function nestedBody(key: string, indent: string): [string, string] {
  switch (key) {
    case 'quality':
    case 'equality':
    case 'data_privacy': {
      const [p, s] = assessmentBody(indent);
      return [`${key}:${p}`, `${key}:${s}`];
    }
    case 'status':
    case 'on_register':
      return [`${key}: `, `${key}: ${choice(1, ASSESSMENT_STATUSES)}`];
    case 'comment':
      return [`${key}: TBC`, `${key}: \${1:TBC}`];
    case 'items':
      return [`${key}:\n${indent}  - id: ""\n${indent}    title: `, `${key}:\n${indent}  - id: "\${1}"\n${indent}    title: \${2}`];
    case 'id':
      return [`${key}: ""`, `${key}: "\${1}"`];
    case 'date':
      return [`${key}: `, `${key}: \${1:YYYY-MM-DD}`];
    default:
      return [`${key}: `, `${key}: \${1}`];
  }
}

// ---------------------------------------------------------------------------
// Values

function valueItems(model: DocumentModel, ctx: Extract<CursorContext, { where: 'value' }>, b: Builder, ws: WorkspaceView, items: CompletionItem[]) {
  const profile = profileOf(model);
  const region = frontmatterRegion(model.paper);
  if (!region) return;
  const yl = new YamlLines(model.paper, region);
  const { path, key } = ctx;
  const top = path.length === 0;
  const sp = ctx.needsSpace ? ' ' : '';
  // Replace a quoted value whole: the typed opening quote and a closing one just after the cursor.
  // Replace the whole value written, including what follows the cursor.
  const valueEnd = ctx.end;
  const enumItems = (
    values: readonly string[],
    doc: (v: string) => string | undefined = () => undefined,
    kind: CompletionItemKind = CompletionItemKind.EnumMember,
  ) => {
    values.forEach((v, i) => {
      const d = doc(v);
      items.push(
        b.item(
          v,
          ctx.start,
          sp + v,
          { kind, sortText: String(i).padStart(2, '0'), ...(d ? { documentation: { kind: MarkupKind.Markdown, value: d } } : {}) },
          undefined,
          valueEnd,
        ),
      );
    });
  };

  if (top && key === 'purpose') {
    // In a list (a template that lets a paper give several purposes): those not given yet.
    const given = new Set((ctx.flow ?? []).map((x) => x.trim().toLowerCase()));
    enumItems(
      PURPOSES.filter((p) => !given.has(p)),
      (p) => {
        const verbs = profile?.purposes[p as keyof Profile['purposes']];
        return `${PURPOSE_MEANING[p] ?? ''}${verbs?.length ? `\n\nRecommendations should use: ${verbs.map((v: string) => `*${v}*`).join(', ')}.` : ''}`;
      },
    );
    return;
  }
  if (top && key === 'assurance') return enumItems(ASSURANCE_LEVELS, (a) => ASSURANCE_MEANING[a]);
  if (top && key === 'confidential') {
    return enumItems(
      ['false', 'true'],
      (v) => (v === 'true' ? 'A Part 2 (private) item: add `confidential_reason`.' : 'Taken in the public meeting.'),
      CompletionItemKind.Value,
    );
  }
  if (
    (key === 'status' && (path.length === 1 ? ASSESSMENT_PARENTS.has(path[0]!) : path.length === 2 && path[0] === 'impact_assessments')) ||
    (key === 'on_register' && path.length === 1 && path[0] === 'risks')
  ) {
    return enumItems(ASSESSMENT_STATUSES, (s) => STATUS_MEANING[s]);
  }
  // The organisation's own fields: their values, by type.
  if (profile) {
    const dotted = [...path.filter((x) => x !== '[]'), key].join('.');
    const parentKey = path.filter((x) => x !== '[]').join('.');
    const own = coverSheetFields(profile).find((f) => !f.builtin && (f.key === dotted || (key === 'status' && f.key === parentKey && f.type === 'assessment')));
    if (own) {
      const inList = path.at(-1) === '[]' || !!ctx.flow;
      if (own.type === 'assessment' || own.type === 'yes-no-na') return enumItems(ASSESSMENT_STATUSES, (s) => STATUS_MEANING[s]);
      if (own.type === 'boolean') return enumItems(['false', 'true'], undefined, CompletionItemKind.Value);
      if (own.type === 'choice') return enumItems(own.values ?? []);
      if (own.type === 'list' && own.values?.length) {
        if (inList) {
          const present = ctx.flow ?? [];
          return enumItems(own.values.filter((v) => !present.some((p) => sameValue(v, p))));
        }
        own.values.forEach((v, i) =>
          items.push(b.item(v, ctx.start, `${sp}[${v}]`, { kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(2, '0') }, undefined, valueEnd)),
        );
        return;
      }
    }
  }
  if (top && key === 'strategic_objectives') {
    if (ctx.flow) return soItems(model, ctx.start, new Set([...ctx.flow, ...presentObjectives(model, yl, ctx.line)]), (c) => c, b, items, ctx.end);
    if (ctx.typed.trim() === '' || /^[A-Za-z]/.test(ctx.typed)) return soItems(model, ctx.start, new Set(), (c) => `${sp}[${c}]`, b, items, ctx.end);
    return;
  }
  if (key === 'meeting' && (top || (path.length === 2 && path[0] === 'committee_history' && path[1] === '[]'))) {
    return committeeItems(model, ctx, ws, b, items, sp, valueEnd);
  }
  if (key === 'date' && (top || (path.length === 2 && path[0] === 'committee_history' && path[1] === '[]'))) {
    const meeting = top ? meetingOf(model.paper) : yl.siblingValue(ctx.line, ctx.column, 'meeting');
    return dateItems(model, ctx, ws, b, items, sp, meeting, top);
  }
  if (path.length === 3 && path[0] === 'risks' && path[1] === 'items' && path[2] === '[]') {
    const reg = profile?.risk_register;
    if (!reg) return;
    if (key === 'id') {
      reg.entries.forEach((e, i) => {
        items.push(
          b.item(
            e.id,
            ctx.start,
            `${sp}"${e.id}"`,
            {
              kind: CompletionItemKind.Reference,
              detail: e.title,
              documentation: { kind: MarkupKind.Markdown, value: riskRow(e.fields) },
              sortText: String(i).padStart(4, '0'),
              filterText: ctx.typed.startsWith('"') || ctx.typed.startsWith("'") ? `${ctx.typed[0]}${e.id}` : e.id,
            },
            undefined,
            valueEnd,
          ),
        );
      });
    } else if (key === 'title') {
      const id = yl.siblingValue(ctx.line, ctx.column, 'id');
      const entries = id ? reg.entries.filter((e) => e.id === id) : reg.entries;
      entries.forEach((e, i) => {
        items.push(
          b.item(
            e.title,
            ctx.start,
            sp + plainScalar(e.title),
            { kind: CompletionItemKind.Text, detail: `Risk ${e.id}`, sortText: String(i).padStart(4, '0') },
            undefined,
            valueEnd,
          ),
        );
      });
    }
  }
}

const PURPOSE_MEANING: Record<string, string> = {
  approve: 'The meeting is asked to **approve** the proposals.',
  decide: 'The meeting is asked to **make a decision**.',
  discuss: 'The meeting is asked to **discuss** and comment.',
  assure: 'The meeting is asked to **take assurance**.',
  note: 'The meeting is asked to **note** the paper.',
  information: 'The paper is **for information**.',
};

const ASSURANCE_MEANING: Record<string, string> = {
  substantial: 'Substantial assurance: a sound system of control, consistently applied.',
  reasonable: 'Reasonable assurance: generally sound, with some weaknesses.',
  limited: 'Limited assurance: significant weaknesses put objectives at risk.',
  none: 'No assurance: fundamental weaknesses.',
};

const STATUS_MEANING: Record<string, string> = {
  yes: 'Yes (give the detail in `comment`).',
  no: 'No — say why in `comment`.',
  'n/a': 'Not applicable — say why in `comment`.',
};

function soItems(model: DocumentModel, start: number, present: Set<string>, text: (code: string) => string, b: Builder, items: CompletionItem[], end?: number) {
  const profile = profileOf(model);
  if (!profile) return;
  Object.entries(profile.strategic_objectives).forEach(([code, wording], i) => {
    if (present.has(code)) return;
    items.push(
      b.item(
        code,
        start,
        text(code),
        {
          kind: CompletionItemKind.EnumMember,
          detail: wording,
          documentation: {
            kind: MarkupKind.Markdown,
            value: `**${code}** — ${wording}${profile.equality_objectives.includes(code) ? '\n\nAn equality objective: the paper should report on health inequalities.' : ''}`,
          },
          sortText: String(i).padStart(3, '0'),
          filterText: code,
        },
        undefined,
        end,
      ),
    );
  });
}

/** Codes already in the strategic_objectives list (flow or block). */
function presentObjectives(model: DocumentModel, yl: YamlLines, line: number): Set<string> {
  const out = new Set<string>();
  // The codes as the rules read them, names and numbers included.
  const list = objectiveEntries(model.paper);
  if (list) {
    for (const e of list.entries) out.add(e.code);
    return out;
  }
  // Unparsable YAML: read the block list around the cursor.
  for (let i = line - 1; i >= yl.first; i--) {
    const m = /^\s*-\s*["']?([A-Za-z][\w.-]*)/.exec(yl.text(i));
    if (!m) break;
    out.add(m[1]!);
  }
  for (let i = line + 1; i <= yl.last; i++) {
    const m = /^\s*-\s*["']?([A-Za-z][\w.-]*)/.exec(yl.text(i));
    if (!m) break;
    out.add(m[1]!);
  }
  return out;
}

function committeeItems(
  model: DocumentModel,
  ctx: Extract<CursorContext, { where: 'value' }>,
  ws: WorkspaceView,
  b: Builder,
  items: CompletionItem[],
  sp: string,
  end: number | undefined,
) {
  const profile = profileOf(model);
  const seen = new Map<string, { name: string; papers: Set<string> }>();
  const note = (name: string | undefined, key: string) => {
    if (!name) return;
    const canonical = (profile && findCommittee(profile, name)?.name) ?? name;
    const k = normaliseName(canonical);
    const e = seen.get(k) ?? { name: canonical, papers: new Set<string>() };
    e.papers.add(key);
    seen.set(k, e);
  };
  for (const p of ws.papers()) {
    if (p.uri === model.uri) continue;
    note(p.cover.meeting, p.key);
    for (const h of p.cover.history) note(h.meeting, p.key);
  }
  let i = 0;
  const used = (k: string) => {
    const n = seen.get(k)?.papers.size ?? 0;
    return n ? `Named in ${n} other paper${n === 1 ? '' : 's'} in the workspace.` : '';
  };
  for (const c of profile?.committees ?? []) {
    const k = normaliseName(c.name);
    const others = c.aliases.length ? `Also known as: ${c.aliases.join(', ')}.` : '';
    items.push(
      b.item(
        c.name,
        ctx.start,
        sp + plainScalar(c.name),
        {
          kind: CompletionItemKind.EnumMember,
          detail: c.aliases.length ? `Committee (${c.aliases.join(', ')})` : 'Committee',
          documentation: {
            kind: MarkupKind.Markdown,
            value: [`**${c.name}** — in the organisation profile${c.formal ? '' : ' (not a formal meeting)'}.`, others, used(k)].filter(Boolean).join('\n\n'),
          },
          sortText: `0${String(i++).padStart(3, '0')}`,
          filterText: [c.name, ...c.aliases].join(' '),
        },
        undefined,
        end,
      ),
    );
    seen.delete(k);
  }
  for (const [k, e] of [...seen.entries()].sort((a, b2) => a[1].name.localeCompare(b2[1].name))) {
    items.push(
      b.item(
        e.name,
        ctx.start,
        sp + plainScalar(e.name),
        {
          kind: CompletionItemKind.Value,
          detail: 'Used in this workspace',
          documentation: { kind: MarkupKind.Markdown, value: `${used(k)} Not a committee in the profile.` },
          sortText: `1${String(i++).padStart(3, '0')}`,
        },
        undefined,
        end,
      ),
    );
  }
}

function dateItems(
  model: DocumentModel,
  ctx: Extract<CursorContext, { where: 'value' }>,
  ws: WorkspaceView,
  b: Builder,
  items: CompletionItem[],
  sp: string,
  meeting: string | undefined,
  top: boolean,
) {
  const profile = profileOf(model);
  const same = (m: string | undefined) => {
    if (!m || !meeting) return false;
    if (profile) {
      const a = findCommittee(profile, m)?.name ?? m;
      const c = findCommittee(profile, meeting)?.name ?? meeting;
      return normaliseName(a) === normaliseName(c);
    }
    return normaliseName(m) === normaliseName(meeting);
  };
  const dates = new Map<string, { meetings: Map<string, number>; sameMeeting: boolean }>();
  const add = (date: string | undefined, m: string | undefined) => {
    if (!date || !isRealDate(date)) return;
    const e = dates.get(date) ?? { meetings: new Map<string, number>(), sameMeeting: false };
    const name = (m && profile && findCommittee(profile, m)?.name) || m || 'a meeting';
    e.meetings.set(name, (e.meetings.get(name) ?? 0) + 1);
    if (same(m)) e.sameMeeting = true;
    dates.set(date, e);
  };
  for (const p of ws.papers()) {
    if (p.uri === model.uri) continue;
    add(p.cover.date, p.cover.meeting);
    for (const h of p.cover.history) add(h.date, h.meeting);
  }
  const today = ws.today();
  const paperDate = dateOf(model.paper);
  items.push(b.item(today, ctx.start, sp + today, { kind: CompletionItemKind.Constant, detail: 'Today', sortText: '0' }, undefined, ctx.end));
  const sorted = [...dates.entries()]
    .filter(([d]) => d !== today)
    .sort((a, c) => (a[1].sameMeeting === c[1].sameMeeting ? c[0].localeCompare(a[0]) : a[1].sameMeeting ? -1 : 1));
  sorted.forEach(([d, e], i) => {
    const where = [...e.meetings.entries()].map(([m, n]) => `${m} (${n} paper${n === 1 ? '' : 's'})`).join('; ');
    const early = !top && paperDate && isRealDate(paperDate) && d >= paperDate;
    items.push(
      b.item(
        d,
        ctx.start,
        sp + d,
        {
          kind: CompletionItemKind.Constant,
          detail: where,
          documentation: {
            kind: MarkupKind.Markdown,
            value: `Meeting date found in the workspace: ${where}.${early ? `\n\nOn or after this paper's own meeting (${paperDate}).` : ''}`,
          },
          sortText: `${early ? 2 : 1}${String(i).padStart(4, '0')}`,
        },
        undefined,
        ctx.end,
      ),
    );
  });
}

/** A scalar as plain YAML when that reads back the same, else double-quoted. */
export function plainScalar(s: string): string {
  if (
    s === '' ||
    /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) ||
    /\s$/.test(s) ||
    /: |:$| #/.test(s) ||
    /^(?:true|false|null|~|yes|no|on|off|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|\.inf|\.nan)$/i.test(s) ||
    /^\d{4}-\d\d-\d\d/.test(s)
  ) {
    return JSON.stringify(s);
  }
  return s;
}

/** A register row as a Markdown table, for hover and completion. */
export function riskRow(fields: Record<string, string>): string {
  const rows = Object.entries(fields).filter(([, v]) => v !== '' && v !== undefined);
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${String(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')} |`)].join('\n');
}

// ---------------------------------------------------------------------------
// Body

export const OPTIONAL_SECTIONS = ['Introduction', 'Background', 'Risks', 'Financial implications', 'Next steps', 'Appendices'];

export const HEALTH_INEQUALITIES_GUIDANCE =
  'Since April 2024 every formally constituted board report must report on unwarranted variation and the action taken on health inequalities. ' +
  'Cover: unwarranted variation in access, experience and outcomes; which Core20PLUS5 groups are affected (the most deprived 20% and the locally agreed PLUS groups); ' +
  'data broken down at least by deprivation, ethnicity, age and sex; and what is being done about it.';

/** Does the paper need a health inequalities section it does not have? (The rule's question, asked the same way.) */
export function needsHealthInequalities(model: DocumentModel, profile: Profile): boolean {
  const paper = model.paper;
  if (!healthInequalitiesRequired(paper, profile, meetingDateOf(paper))) return false;
  return !healthInequalitiesSection(paper, profile);
}

function headingItems(model: DocumentModel, ctx: Extract<CursorContext, { where: 'heading' }>, b: Builder, items: CompletionItem[]) {
  const profile = profileOf(model);
  if (!profile) return;
  const present = new Set(
    model.paper.sections.filter((s) => s.headingRange.start < ctx.start || s.headingRange.start > ctx.start + ctx.typed.length).map(sectionKey),
  );
  const has = (h: string) => present.has(headingKey(h));
  const out: { heading: string; rank: number; doc: string }[] = [];
  if (needsHealthInequalities(model, profile) && !profile.health_inequalities.headings.some(has)) {
    out.push({ heading: profile.health_inequalities.headings[0] ?? 'Health inequalities', rank: 0, doc: HEALTH_INEQUALITIES_GUIDANCE });
  }
  for (const name of profile.required_sections) {
    if (!acceptedHeadings(profile, name).some(has))
      out.push({ heading: templateName(profile, name), rank: 1, doc: `A required section (${profile.organisation}).` });
  }
  for (const h of OPTIONAL_SECTIONS)
    if (!has(h) && !out.some((o) => headingKey(o.heading) === headingKey(h))) out.push({ heading: h, rank: 2, doc: 'An optional section.' });
  out.forEach((o, i) => {
    items.push(
      b.item(o.heading, ctx.start, `## ${o.heading}`, {
        kind: CompletionItemKind.Module,
        detail: o.rank === 0 ? 'required for this meeting' : o.rank === 1 ? 'required' : 'optional',
        documentation: { kind: MarkupKind.Markdown, value: o.doc },
        sortText: `${o.rank}${String(i).padStart(2, '0')}`,
        filterText: `${ctx.typed.match(/^#+\s*/)?.[0] ?? ''}${o.heading}`,
      }),
    );
  });
}

function acronymItems(model: DocumentModel, ctx: Extract<CursorContext, { where: 'body' }>, b: Builder, items: CompletionItem[]) {
  const profile = profileOf(model);
  if (!profile || !/^[A-Z]/.test(ctx.word) || ctx.word !== ctx.word.toUpperCase()) return;
  for (const [acr, expansion] of Object.entries(profile.acronyms)) {
    if (!acr.startsWith(ctx.word)) continue;
    const defined = usedBefore(model.paper, acr, ctx.start);
    const text = defined ? acr : `${expansion} (${acr})`;
    items.push(
      b.item(acr, ctx.start, text, {
        kind: CompletionItemKind.Text,
        detail: expansion,
        documentation: { kind: MarkupKind.Markdown, value: defined ? `**${acr}**: ${expansion}` : `First use in this paper: inserts *${expansion} (${acr})*.` },
        filterText: acr,
        sortText: acr,
      }),
    );
  }
}
