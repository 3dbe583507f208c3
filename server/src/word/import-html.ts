/**
 * A Word board paper, as mammoth's HTML, into a board paper in the format of
 * FORMAT.md: the cover-sheet table(s) into front-matter, the rest into
 * Markdown (rehype-parse → rehype-remark → remark-gfm/remark-stringify).
 * Pure: text and profile in, paper text out; the `.docx` reading (zip, images,
 * files) is `docx-file.ts`.
 *
 * No word is dropped: a cover-sheet row it cannot place, a paragraph above the
 * cover sheet it cannot read, a Word feature mammoth reports it skipped — each
 * becomes an item of a final `## Import notes` list.
 */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import type { Root as MdRoot, RootContent as MdContent } from 'mdast';
import { saysNotDiscussedBefore } from '../core/cover-sheet';
import { normaliseHeading } from '../core/paper';
import { findCommittee, type Profile } from '../core/profile';
import { templateField } from '../core/template-fields';
import { datesIn } from '../core/queries/dates';
import { purposeIsList } from '../core/queries/purposes';
import * as jsyaml from 'js-yaml';
import { yamlString } from '../core/rule';
import { coverLabels, LabelMatcher, normaliseLabel } from './labels';

/** The heading row above the fields `export` has no label for (the organisation's own fields, unknown keys). */
export const OTHER_FIELDS = 'Other cover-sheet fields';
import { confidentialOf, isoDate, isTick, purposeOf, statusWithComment, tickedInline } from './values';

export interface ImportOptions {
  /** Messages from mammoth (warnings about skipped content), kept as import notes. */
  messages?: string[];
  /** Extra notes from the file layer (images not fetched…). */
  notes?: string[];
}

export interface TemplateReading {
  /** Each field's label as the template prints it, in the order met. */
  labels: { key: string; label: string }[];
  /** Objective rows: code → text as printed. */
  objectives: Record<string, string>;
}

export interface ImportResult {
  /** What the document says about its organisation's template (`init --from`). */
  template: TemplateReading;
  /** The paper: front-matter, body, `## Import notes` when anything was not placed. */
  text: string;
  /** The front-matter as data (keys as FORMAT.md; nested assessments as objects). */
  fields: Record<string, unknown>;
  notes: string[];
}

type Status = 'yes' | 'no' | 'n/a';
interface AssessmentValue {
  status?: Status;
  comment?: string;
}
interface HistoryValue {
  meeting: string;
  date: string;
  outcome: string;
}

const ASSESSMENT_KEYS = new Set([
  'risks',
  'risks.on_register',
  'financial_implications',
  'impact_assessments.quality',
  'impact_assessments.equality',
  'impact_assessments.data_privacy',
]);

/** Rows of a cover sheet that only head a group of rows. */
const GROUP_HEADINGS = new Set([
  'implications',
  'impact assessments',
  'impact assessment',
  'tick',
  'cover sheet',
  'front sheet',
  'report cover sheet',
  'assessments',
  'governance',
]);

// ---------------------------------------------------------------- hast helpers

function isEl(n: RootContent | ElementContent | undefined, ...names: string[]): n is Element {
  return !!n && n.type === 'element' && (names.length === 0 || names.includes(n.tagName));
}

/** Text of a node, block elements on their own lines. */
export function textOf(n: RootContent | ElementContent | HastRoot): string {
  if (n.type === 'text') return n.value;
  if (n.type === 'element' && n.tagName === 'br') return '\n';
  if (n.type === 'element' && n.tagName === 'img') return String(n.properties?.alt ?? '');
  if (n.type !== 'element' && n.type !== 'root') return '';
  const block = (c: ElementContent) => c.type === 'element' && ['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'table', 'ul', 'ol'].includes(c.tagName);
  let out = '';
  for (const c of n.children as ElementContent[]) {
    const t = textOf(c);
    if (block(c) && out && !out.endsWith('\n')) out += '\n';
    out += t;
  }
  return out;
}

const clean = (s: string) =>
  s
    .replace(/[ \t\u00a0]+/g, ' ')
    .split('\n')
    .map(trimSpaces)
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
const oneLine = (s: string) => clean(s).replace(/\n/g, ' ');

interface Cell {
  el: Element | null;
  text: string;
  col: number;
  span: number;
  /** A copy of a cell merged down from the row above (rowspan). */
  spanned: boolean;
}

/** A table's rows as cells with grid columns (colspan and rowspan resolved). */
function gridOf(table: Element): Cell[][] {
  const trs: Element[] = [];
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (!isEl(c)) continue;
      if (c.tagName === 'tr') trs.push(c);
      else if (['thead', 'tbody', 'tfoot'].includes(c.tagName)) walk(c);
    }
  };
  walk(table);
  const carry = new Map<number, { cell: Cell; left: number }>();
  const rows: Cell[][] = [];
  for (const tr of trs) {
    const row: Cell[] = [];
    let col = 0;
    const takeCarry = () => {
      for (;;) {
        const c = carry.get(col);
        if (!c) return;
        row.push({ ...c.cell, col, spanned: true });
        col += c.cell.span;
        if (--c.left <= 0) carry.delete(c.cell.col);
      }
    };
    for (const td of tr.children) {
      if (!isEl(td, 'td', 'th')) continue;
      takeCarry();
      const span = Math.max(1, Math.min(50, Number(td.properties?.colSpan ?? 1) || 1));
      const rowSpan = Math.max(1, Math.min(500, Number(td.properties?.rowSpan ?? 1) || 1));
      const cell: Cell = { el: td, text: clean(textOf(td)), col, span, spanned: false };
      row.push(cell);
      if (rowSpan > 1) carry.set(col, { cell, left: rowSpan - 1 });
      col += span;
    }
    takeCarry();
    rows.push(row);
  }
  return rows;
}

// ------------------------------------------------------------- the importer

type Mode =
  | { kind: 'facts' }
  | { kind: 'objectives'; label: string }
  | { kind: 'assess'; cols: { yes?: number; no?: number; na?: number; comment?: number } }
  | { kind: 'history'; cols: { meeting: number; date: number; outcome: number } | null; label: string }
  | { kind: 'after'; key: string; label: string }
  | { kind: 'section'; heading: string; content: ElementContent[] }
  | { kind: 'purposeTicks' }
  /** Rows under `Other cover-sheet fields` (as `export` writes them): key | value, the key as written. */
  | { kind: 'raw' };

class CoverReader {
  readonly fields = new Map<string, unknown>();
  readonly notes: string[] = [];
  readonly matcher: LabelMatcher;
  readonly sectionNames: Set<string>;
  /** Each field's label as this template prints it (for `init --from`). */
  readonly labelsSeen = new Map<string, string>();
  /** Every objective row, ticked or not: code → text (for `init --from`). */
  readonly objectivesSeen = new Map<string, string>();
  /** Body blocks found inside the cover sheet (an executive summary row…), in order. */
  readonly sections: ElementContent[][] = [];

  constructor(readonly profile: Profile) {
    this.matcher = new LabelMatcher(coverLabels(profile));
    const custom = profile.sections ?? {};
    this.sectionNames = new Set(
      [
        'Executive summary',
        'Summary',
        'Recommendations',
        'Recommendation',
        'Recommendation(s)',
        'Purpose of the report',
        'Purpose of report',
        'Executive comment',
        'Action required by the Board',
        'Background',
        'Introduction',
        'Next steps',
        'Conclusion',
        ...profile.required_sections,
        ...profile.health_inequalities.headings,
        ...Object.values(custom).flat(),
      ].map(normaliseHeading),
    );
  }

  seen(key: string, label: string): void {
    const l = oneLine(label)
      .replace(/[:?]\s*$/, '')
      .trim();
    if (l && !this.labelsSeen.has(key)) this.labelsSeen.set(key, l);
  }

  isSectionName(text: string): boolean {
    return text.length < 120 && this.sectionNames.has(normaliseHeading(text));
  }

  note(s: string): void {
    const t = oneLine(s);
    if (t) this.notes.push(t);
  }

  /** Set a field; a second, different value for it is kept as a note. */
  set(key: string, value: unknown, label: string): void {
    if (value === undefined || value === '') return;
    const old = this.fields.get(key);
    if (old !== undefined && JSON.stringify(old) !== JSON.stringify(value)) {
      this.note(`Cover sheet, ${label}: ${typeof value === 'string' ? value : JSON.stringify(value)} (a second value for ${key}; the first was kept)`);
      return;
    }
    this.fields.set(key, value);
  }

  /** A fact (label → text value), read by type. */
  fact(key: string, value: string, label: string): void {
    const v = clean(value);
    if (!v) return;
    if (ASSESSMENT_KEYS.has(key)) return this.assessment(key, statusWithComment(v) ?? { comment: oneLine(v) }, label);
    switch (key) {
      case 'date': {
        const d = isoDate(oneLine(v));
        return this.set('date', d ?? oneLine(v), label);
      }
      case 'agenda_item':
        return this.set('agenda_item', oneLine(v).replace(/^(item|agenda item)\s+/i, ''), label);
      case 'confidential': {
        const c = confidentialOf(oneLine(v));
        if (!c) return this.set('confidential', oneLine(v), label);
        this.set('confidential', c.value, label);
        if (!c.value && c.reason) this.set('confidential_reason', c.reason, label);
        if (c.reason) this.set('confidential_reason', c.reason, label);
        return;
      }
      case 'purpose': {
        const ticked = tickedInline(v);
        // "For assurance, For approval", "For Assurance and Approval": several, where the template allows it.
        const candidates = ticked ?? (purposeIsList(this.profile) ? oneLine(v).split(/,|;|\band\b/i) : [oneLine(v)]);
        const ps = [...new Set(candidates.map(purposeOf).filter((p) => !!p))];
        if (ps.length === 1) return this.set('purpose', ps[0], label);
        // More than one ticked, where the template allows it (`type: list` on purpose).
        if (ps.length > 1 && purposeIsList(this.profile)) return this.set('purpose', ps, label);
        return this.set('purpose', oneLine(v), label);
      }
      case 'assurance': {
        const a = oneLine(v)
          .toLowerCase()
          .replace(/ assurance$/, '');
        return this.set('assurance', ['substantial', 'reasonable', 'limited', 'none'].includes(a) ? a : oneLine(v), label);
      }
      case 'strategic_objectives': {
        const codes = this.objectiveCodes(v);
        if (codes.length) return this.addObjectives(codes);
        return this.note(`Cover sheet, ${label}: ${v}`);
      }
      case 'committee_history': {
        if (saysNotDiscussedBefore(oneLine(v))) return this.set('committee_history', [], label);
        const rows = historyFromText(v, this.profile);
        if (rows) return this.set('committee_history', rows, label);
        return this.note(`Cover sheet, ${label}: ${v}`);
      }
      case 'meeting': {
        const m = oneLine(v);
        return this.set('meeting', findCommittee(this.profile, m)?.name ?? m, label);
      }
      default:
        return this.ownField(key, v, label);
    }
  }

  /** The organisation's own field (PROFILE.md v2 `cover_sheet`), read by its type. */
  ownField(key: string, v: string, label: string): void {
    const f = templateField(this.profile, key);
    const text = v.includes('\n') ? v : oneLine(v);
    if (!f || f.builtin) return this.set(key, text, label);
    switch (f.type) {
      case 'list':
        return this.set(key, splitTrimmed(oneLine(v), ',;'), label);
      case 'date':
        return this.set(key, isoDate(oneLine(v)) ?? oneLine(v), label);
      case 'dates': {
        // "30 April 2025 and 14 May 2025": a list of ISO dates when every part is one.
        const several = datesIn(oneLine(v), isoDate);
        return this.set(key, several ?? isoDate(oneLine(v)) ?? oneLine(v), label);
      }
      case 'boolean': {
        const c = confidentialOf(oneLine(v));
        return this.set(key, c ? c.value : oneLine(v), label);
      }
      case 'yes-no-na':
        return this.set(key, statusWithComment(oneLine(v))?.status ?? oneLine(v), label);
      case 'assessment': {
        const a = statusWithComment(oneLine(v));
        return this.set(key, a ? { status: a.status, ...(a.comment ? { comment: a.comment } : {}) } : { comment: oneLine(v) }, label);
      }
      default:
        return this.set(key, text, label);
    }
  }

  assessment(key: string, a: AssessmentValue, label: string): void {
    if (!a.status && !a.comment) return;
    if (key === 'risks.on_register') {
      const risks = (this.fields.get('risks') as Record<string, unknown> | undefined) ?? {};
      if (a.status) {
        if (risks.on_register && risks.on_register !== a.status) this.note(`Cover sheet, ${label}: ${a.status}`);
        else risks.on_register = a.status;
      }
      if (a.comment) {
        const items = this.riskItems(a.comment);
        if (items) risks.items = [...((risks.items as unknown[]) ?? []), ...items.items];
        const rest = items ? items.rest : a.comment;
        if (rest && rest !== 'Not applicable: no associated risks') risks.on_register_comment = rest;
      }
      this.fields.set('risks', risks);
      return;
    }
    const existing = this.fields.get(key) as Record<string, unknown> | undefined;
    const value: Record<string, unknown> = { ...(existing ?? {}) };
    if (a.status) value.status = a.status;
    if (a.comment) value.comment = value.comment ? `${value.comment} ${a.comment}` : a.comment;
    this.fields.set(key, value);
  }

  /** `Risk register: 019 NOF ratings; 008 System Financial Sustainability` → register items. */
  riskItems(text: string): { items: { id: string; title: string }[]; rest: string } | undefined {
    const lines = text.split('\n');
    const idx = lines.findIndex((l) => /^risk register( references)?\s*:/i.test(l.trim()));
    const listText = idx >= 0 ? lines[idx]!.replace(/^\s*risk register( references)?\s*:\s*/i, '') : lines.length === 1 ? text : '';
    const parts = splitTrimmed(listText, ';');
    const known = new Set((this.profile.risk_register?.entries ?? []).map((e) => e.id.toLowerCase()));
    const items: { id: string; title: string }[] = [];
    for (const p of parts) {
      const m = /^([A-Z]{0,6}[-/]?\d{1,5}[A-Za-z]?)\b\s*[-–:]?\s*(.*)$/.exec(p.trim());
      if (!m || (!/^\d+$/.test(m[1]!) && !known.has(m[1]!.toLowerCase()) && !/\d/.test(m[1]!))) return undefined;
      items.push({ id: m[1]!, title: m[2]!.trim() });
    }
    if (!items.length) return undefined;
    const rest =
      idx >= 0
        ? lines
            .filter((_, i) => i !== idx)
            .join('\n')
            .trim()
        : '';
    return { items, rest };
  }

  objectiveCodes(text: string): string[] {
    const known = Object.keys(this.profile.strategic_objectives);
    const out: string[] = [];
    for (const tok of text
      .split(/[\s,;/]+|\band\b/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const k = known.find((c) => c.toLowerCase() === tok.toLowerCase());
      if (k) out.push(k);
      else if (/^[A-Z]{1,6}\d{1,2}[a-z]?$/.test(tok)) out.push(tok);
    }
    return out;
  }

  addObjectives(codes: string[]): void {
    const list = (this.fields.get('strategic_objectives') as string[] | undefined) ?? [];
    for (const c of codes) if (!list.includes(c)) list.push(c);
    this.fields.set('strategic_objectives', list);
  }

  /** An objectives row: code, text, tick. Undefined when the row is not one. */
  objectiveRow(cells: Cell[]): { code?: string; text: string; ticked: boolean } | undefined {
    const texts = cells.filter((c) => !c.spanned).map((c) => c.text);
    const nonEmpty = texts.filter(Boolean);
    if (!nonEmpty.length) return undefined;
    const ticked = nonEmpty.some((t, i) => i > 0 && isTick(t)) || (nonEmpty.length === 1 ? false : isTick(nonEmpty[nonEmpty.length - 1]!));
    const words = nonEmpty.filter((t) => !isTick(t));
    const objs = this.profile.strategic_objectives;
    let code = Object.keys(objs).find((c) =>
      words.some(
        (w) => w.toLowerCase() === c.toLowerCase() || w.toLowerCase().startsWith(c.toLowerCase() + ' ') || w.toLowerCase().startsWith(c.toLowerCase() + ':'),
      ),
    );
    if (!code) {
      const byText = Object.entries(objs).find(([, t]) => words.some((w) => normaliseHeading(w) === normaliseHeading(t)));
      code = byText?.[0];
    }
    if (!code) {
      const m = words.map((w) => /^([A-Z]{1,6}\s?\d{1,2}[a-z]?)\b[.:]?/.exec(w)).find(Boolean);
      if (m) code = m[1]!.replace(/\s/g, '');
    }
    if (!code) {
      // Objectives numbered `1.`, `2)`: the number is the code.
      const m = words.map((w) => /^(\d{1,2})[.)]\s+\S/.exec(w)).find(Boolean);
      if (m) code = m[1]!;
    }
    if (!code && !ticked) return undefined;
    const text = withoutCode(words.filter((w) => w !== code).join(' '), code);
    return { code, text, ticked };
  }

  /** Read one cover-sheet table. Returns false when it is not one. */
  table(table: Element): void {
    const grid = gridOf(table);
    const st: { mode: Mode } = { mode: { kind: 'facts' } };
    const getMode = (): Mode => st.mode;
    const endSection = () => {
      const m = getMode();
      if (m.kind === 'section') this.sections.push([heading(m.heading), ...m.content]);
      st.mode = { kind: 'facts' };
    };
    for (const row of grid) {
      const own = row.filter((c) => !c.spanned);
      const texts = row.map((c) => c.text);
      const nonEmpty = own.filter((c) => c.text);
      if (!nonEmpty.length) continue;
      const mode = getMode();
      const lower = texts.map((t) => t.toLowerCase());

      // Column headers: Yes / No / N/A / Comments; Meeting / Date / Outcome.
      const yes = lower.findIndex((t) => t === 'yes');
      const no = lower.findIndex((t) => t === 'no');
      const ASSESS_HEAD = /^(yes|no|n\/a|na|not applicable|comments?|details?|rationale|narrative|comments\/rationale)$/;
      const headerCells = nonEmpty.filter((c) => ASSESS_HEAD.test(c.text.toLowerCase()));
      if (yes >= 0 && no >= 0 && headerCells.length >= nonEmpty.length - 1) {
        endSection();
        const na = lower.findIndex((t) => /^(n\/a|na|not applicable)$/.test(t));
        const comment = lower.findIndex((t) => /^(comments?|details?|rationale|narrative|comments\/rationale)$/.test(t));
        st.mode = {
          kind: 'assess',
          cols: { yes: row[yes]!.col, no: row[no]!.col, na: na >= 0 ? row[na]!.col : undefined, comment: comment >= 0 ? row[comment]!.col : undefined },
        };
        continue;
      }
      const HISTORY_HEAD =
        /^(meetings?|committees?|forum|committee\/meeting|meeting\/committee|committee\/group|group|dates?|date considered|outcomes?|decision|outcome\/decision|comments?|result|recommendations?)$/;
      const mi = lower.findIndex((t) => /^(meetings?|committees?|forum|committee\/meeting|meeting\/committee|committee\/group|group)$/.test(t));
      const di = lower.findIndex((t) => /^(dates?|date considered)$/.test(t));
      if (mi >= 0 && di >= 0 && nonEmpty.every((c) => HISTORY_HEAD.test(c.text.toLowerCase()))) {
        endSection();
        const oi = lower.findIndex((t) => /^(outcomes?|decision|outcome\/decision|comments?|result|recommendations?)$/.test(t));
        st.mode = { kind: 'history', cols: { meeting: row[mi]!.col, date: row[di]!.col, outcome: oi >= 0 ? row[oi]!.col : -1 }, label: 'Committee history' };
        continue;
      }

      const first = nonEmpty[0]!;
      if (normaliseLabel(first.text) === normaliseLabel(OTHER_FIELDS) && nonEmpty.length === 1) {
        endSection();
        st.mode = { kind: 'raw' };
        continue;
      }
      if (mode.kind === 'raw' && /^[A-Za-z_][\w.-]*$/.test(first.text) && nonEmpty.length <= 2) {
        const value = own
          .filter((c) => c !== first)
          .map((c) => c.text)
          .join('\n');
        this.set(first.text, value.includes('\n') ? value : oneLine(value), first.text);
        continue;
      }
      const inline = this.matcher.matchInline(first.text);
      const firstKey = inline ? undefined : this.matcher.match(first.text);

      if (mode.kind === 'section' && !firstKey && !inline && !this.isSectionName(first.text)) {
        for (const c of own) if (c.el && c.text) mode.content.push(...blockChildren(c.el));
        continue;
      }
      if (mode.kind === 'after' && !firstKey && !inline && nonEmpty.length === 1) {
        if (mode.key === 'committee_history' && !saysNotDiscussedBefore(first.text)) this.note(`Cover sheet, ${mode.label}: ${first.text}`);
        else this.fact(mode.key, first.text, mode.label);
        st.mode = { kind: 'facts' };
        continue;
      }
      if (mode.kind === 'objectives' && !firstKey) {
        const o = this.objectiveRow(row);
        if (o) {
          if (o.ticked && o.code) this.addObjectives([o.code]);
          else if (o.ticked) this.note(`Cover sheet, ${mode.label}: ${o.text} (ticked, but no objective code)`);
          if (o.code && o.text && !this.objectivesSeen.has(o.code)) this.objectivesSeen.set(o.code, o.text);
          if (o.code && !this.profile.strategic_objectives[o.code] && o.text && o.text !== 'Not in the organisation profile')
            this.note(`Strategic objective ${o.code} (not in the profile): ${o.text}`);
          continue;
        }
      }
      if (mode.kind === 'purposeTicks' && !firstKey) {
        const p = purposeOf(first.text);
        if (p) {
          if (own.slice(1).some((c) => isTick(c.text))) {
            // One row per purpose: where the template allows several, every ticked row counts.
            const before = this.fields.get('purpose');
            if (purposeIsList(this.profile) && before !== undefined)
              this.fields.set('purpose', [...new Set([...(Array.isArray(before) ? before : [before]), p])]);
            else this.set('purpose', p, 'Purpose');
          }
          continue;
        }
      }
      if (mode.kind === 'history' && !firstKey && !this.isSectionName(first.text)) {
        if (nonEmpty.length === 1 && saysNotDiscussedBefore(first.text)) {
          this.set('committee_history', [], mode.label);
          continue;
        }
        const cols = mode.cols ?? { meeting: row[0]!.col, date: row[1]?.col ?? -1, outcome: row[2]?.col ?? -1 };
        const at = (col: number) => row.find((c) => c.col === col)?.text ?? '';
        const meeting = oneLine(at(cols.meeting));
        const dateText = oneLine(at(cols.date));
        const outcome = clean(
          cols.outcome >= 0
            ? at(cols.outcome)
            : own
                .filter((c) => c.col !== cols.meeting && c.col !== cols.date)
                .map((c) => c.text)
                .join(' '),
        );
        if (meeting || dateText) {
          const list = (this.fields.get('committee_history') as HistoryValue[] | undefined) ?? [];
          list.push({ meeting: findCommittee(this.profile, meeting)?.name ?? meeting, date: isoDate(dateText) ?? dateText, outcome: oneLine(outcome) });
          this.fields.set('committee_history', list);
          continue;
        }
      }
      if (mode.kind === 'assess' && (firstKey ? ASSESSMENT_KEYS.has(firstKey) : true) && !inline) {
        const at = (col: number | undefined) => (col === undefined ? '' : (row.find((c) => c.col === col)?.text ?? ''));
        const c = mode.cols;
        const status: Status | undefined = isTick(at(c.yes)) ? 'yes' : isTick(at(c.no)) ? 'no' : isTick(at(c.na)) ? 'n/a' : undefined;
        const comment = oneLine(at(c.comment));
        if (firstKey && (status || comment || !this.isSectionName(first.text))) {
          this.seen(firstKey, first.text);
          this.assessment(firstKey, { status, comment: comment || undefined }, first.text);
          continue;
        }
        if (!firstKey && (status || comment) && !this.isSectionName(first.text) && !this.matcher.match(first.text)) {
          this.note(`Cover sheet, ${first.text}: ${[status, comment].filter(Boolean).join(' — ')}`);
          continue;
        }
      }

      // A label row.
      if (firstKey || inline) {
        endSection();
        this.labelRow(own, (m) => {
          st.mode = m;
        });
        continue;
      }
      if (this.isSectionName(first.text)) {
        endSection();
        const rest = own.filter((c) => c !== first && c.el && c.text);
        st.mode = { kind: 'section', heading: first.text.replace(/:$/, ''), content: rest.flatMap((c) => blockChildren(c.el!)) };
        continue;
      }
      if (nonEmpty.length === 1 && GROUP_HEADINGS.has(first.text.toLowerCase().replace(/[:?]$/, ''))) continue;
      // Not understood: keep every word.
      this.note(
        `Cover sheet: ${own
          .map((c) => c.text)
          .filter(Boolean)
          .join(' | ')}`,
      );
      st.mode = { kind: 'facts' };
    }
    endSection();
  }

  private labelRow(own: Cell[], set: (m: Mode) => void): void {
    set({ kind: 'facts' });
    // Several label/value pairs in one row: Date | 13 March | Item | 10.
    const cells = own.filter((c) => c.text);
    let i = 0;
    while (i < cells.length) {
      const c = cells[i]!;
      const inl = this.matcher.matchInline(c.text);
      const key = inl ? undefined : this.matcher.match(c.text);
      if (!key && !inl) {
        this.note(`Cover sheet: ${c.text}`);
        i++;
        continue;
      }
      if (inl || !key) {
        if (inl) {
          this.seen(inl.key, c.text.slice(0, c.text.indexOf(':')));
          this.fact(inl.key, inl.rest, c.text);
        }
        i++;
        continue;
      }
      const label = c.text.replace(/[:?]\s*$/, '');
      this.seen(key, label);
      // The value: the following cells up to the next label.
      const values: Cell[] = [];
      let j = i + 1;
      while (j < cells.length && !this.matcher.match(cells[j]!.text) && !(key === 'strategic_objectives' && /^tick$/i.test(cells[j]!.text)))
        values.push(cells[j++]!);
      if (j < cells.length && /^tick$/i.test(cells[j]!.text)) j++;
      const value = values.map((v) => v.text).join('\n');
      if (key === 'strategic_objectives') {
        if (value && this.objectiveCodes(value).length) this.addObjectives(this.objectiveCodes(value));
        else if (value) this.note(`Cover sheet, ${label}: ${value}`);
        set({ kind: 'objectives', label });
      } else if (key === 'committee_history') {
        if (value) this.fact('committee_history', value, label);
        set({ kind: 'history', cols: null, label });
      } else if (key === 'purpose' && !value) {
        set({ kind: 'purposeTicks' });
      } else if (value) {
        this.fact(key, value, label);
      } else {
        set({ kind: 'after', key, label });
      }
      i = j;
    }
  }

  /** A paragraph above the cover sheet (or of a paper without one): `Label: value`, or the meeting's banner. */
  paragraph(text: string): boolean {
    const t = clean(text);
    const inline = this.matcher.matchInline(t);
    if (inline) {
      this.seen(inline.key, t.slice(0, t.indexOf(':')));
      this.fact(inline.key, inline.rest, inline.key);
      return true;
    }
    if (!this.fields.has('meeting') && t.length < 100 && !/[.:;]$/.test(t)) {
      const c = findCommittee(this.profile, t);
      const looksLikeMeeting = /\b(board|committee|meeting|forum|group|partnership|council|panel)\b/i.test(t) && t.split(/\s+/).length <= 10;
      if (c || (looksLikeMeeting && normaliseHeading(t) !== normaliseHeading(this.profile.organisation))) {
        this.fields.set('meeting', c?.name ?? t);
        return true;
      }
    }
    return false;
  }
}

/** `Quality Committee, 21 May 2024; Executive Team – 30 May 2024 – approved` → history rows (all or none). */
function historyFromText(text: string, profile: Profile): HistoryValue[] | undefined {
  const out: HistoryValue[] = [];
  for (const part of splitTrimmed(text, ';\n')) {
    const m = historyPart(part);
    const date = m ? isoDate(m[2]!) : undefined;
    if (!m || !date) return undefined;
    const meeting = m[1]!.trim();
    out.push({ meeting: findCommittee(profile, meeting)?.name ?? meeting, date, outcome: (m[3] ?? '').trim() });
  }
  return out.length ? out : undefined;
}

function heading(text: string): Element {
  return { type: 'element', tagName: 'h2', properties: {}, children: [{ type: 'text', value: text }] };
}

/** The block children of a table cell (bare inline content wrapped in a paragraph). */
function blockChildren(cell: Element): ElementContent[] {
  const blocks = cell.children.filter((c) => c.type === 'element' || (c.type === 'text' && c.value.trim()));
  if (blocks.every((b) => isEl(b, 'p', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'))) return blocks;
  return [{ type: 'element', tagName: 'p', properties: {}, children: blocks }];
}

/** How many label rows of a table name cover-sheet fields. */
function coverScore(table: Element, matcher: LabelMatcher): number {
  let n = 0;
  for (const row of gridOf(table)) {
    const first = row.find((c) => c.text);
    if (first && (matcher.match(first.text) || matcher.matchInline(first.text))) n++;
  }
  return n;
}

/**
 * A one-column table whose first row names a section (`Executive comment`)
 * and whose other rows hold its text: the template's boxed section → a
 * heading and its paragraphs.
 */
function sectionTables(nodes: ElementContent[], reader: CoverReader): void {
  for (let i = 0; i < nodes.length; i++) {
    const t = nodes[i]!;
    if (!isEl(t, 'table')) continue;
    const grid = gridOf(t);
    if (grid.length < 2 || grid.some((r) => r.filter((c) => !c.spanned).length !== 1)) continue;
    const title = grid[0]![0]!.text.replace(/:$/, '');
    if (!reader.isSectionName(title)) continue;
    const content = grid.slice(1).flatMap((r) => (r[0]!.el && r[0]!.text ? blockChildren(r[0]!.el) : []));
    nodes.splice(i, 1, heading(title), ...content);
  }
}

/** GFM tables need a header row: a Word table's first row is its header. */
function headerRows(nodes: ElementContent[]): void {
  for (const n of nodes) {
    if (!isEl(n)) continue;
    if (n.tagName === 'table') {
      const hasTh = JSON.stringify(n).includes('"tagName":"th"');
      if (hasTh) continue;
      const firstRow = (function find(e: Element): Element | undefined {
        for (const c of e.children) {
          if (!isEl(c)) continue;
          if (c.tagName === 'tr') return c;
          if (['thead', 'tbody'].includes(c.tagName)) {
            const r = find(c);
            if (r) return r;
          }
        }
        return undefined;
      })(n);
      if (firstRow) for (const c of firstRow.children) if (isEl(c, 'td')) c.tagName = 'th';
    } else headerRows(n.children);
  }
}

/** Images with no source (linked outside the document, not fetched: the file layer noted them) leave the body. */
function dropEmptyImages(nodes: ElementContent[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (!isEl(n)) continue;
    if (n.tagName === 'img' && !n.properties?.src) nodes.splice(i, 1);
    else dropEmptyImages(n.children);
  }
}

// ---------------------------------------------------------- body headings

const isBoldOnly = (p: Element): boolean => {
  const kids = p.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  return kids.length > 0 && kids.every((c) => isEl(c, 'strong', 'b') || (isEl(c, 'a') && (c as Element).children.every((k) => isEl(k, 'strong'))));
};

const NUMBERED = /^(\d{1,2})((?:\.\d{1,2})*)\.?\s+(\S.*)$/;

/**
 * Headings: Word heading styles (mammoth's h1–h6, shifted so the top level of
 * the body becomes `##`), and paragraphs used as headings — bold and short with
 * a clause number (`1. Introduction`, `2.1 Scope`), a known section name, or a
 * numbered run `1 Introduction`, `2 Clinical Strategy`… when the document has
 * no heading styles.
 */
function markHeadings(blocks: ElementContent[], reader: CoverReader): ElementContent[] {
  // h1 is Word's Title style (docx-file.ts's style map); sections are h2–h6.
  const levels = blocks.filter((b) => isEl(b) && /^h[2-6]$/.test(b.tagName)).map((b) => Number((b as Element).tagName[1]));
  const top = levels.length ? Math.min(...levels) : 2;
  const plainNumbered: number[] = [];
  blocks.forEach((b, i) => {
    if (!isEl(b, 'p') || levels.length) return;
    const t = oneLine(textOf(b));
    const m = NUMBERED.exec(t);
    if (m && !m[2] && t.length <= 80 && !/[.:;,]$/.test(t) && t.split(/\s+/).length <= 9 && /^[A-Z]/.test(m[3]!)) plainNumbered.push(i);
  });
  // Plain numbered paragraphs are headings only as a run 1, 2, 3… (at least two).
  const runs = new Set<number>();
  let expect = -1;
  const chosen: number[] = [];
  for (const i of plainNumbered) {
    const n = Number(NUMBERED.exec(oneLine(textOf(blocks[i]!)))![1]);
    if (chosen.length === 0 || n === expect) {
      if (chosen.length === 0 && n > 2) continue;
      chosen.push(i);
      expect = n + 1;
    }
  }
  if (chosen.length >= 2) for (const i of chosen) runs.add(i);

  return blocks.map((b, i) => {
    if (!isEl(b)) return b;
    if (/^h[2-6]$/.test(b.tagName)) {
      const n = Math.min(6, Number(b.tagName[1]) - top + 2);
      return { ...b, tagName: `h${n}` };
    }
    if (b.tagName !== 'p') return b;
    const t = oneLine(textOf(b));
    if (!t || t.length > 120) return b;
    const m = NUMBERED.exec(t);
    const bold = isBoldOnly(b);
    const asHeading = (level: number): Element => ({ type: 'element', tagName: `h${level}`, properties: {}, children: [{ type: 'text', value: t }] });
    if (runs.has(i)) return asHeading(2);
    if (bold && m && !/[.:;,]$/.test(m[3]!) && t.split(/\s+/).length <= 14) return asHeading(m[2] ? 3 : 2);
    if (reader.isSectionName(t.replace(/:$/, '')) && (bold || !/[.]$/.test(t))) return asHeading(levels.length ? Math.max(2, top === 1 ? 2 : 2) : 2);
    return b;
  });
}

// ---------------------------------------------------------- front-matter

/** A YAML scalar: plain when it reads back as the same string, else double-quoted. */
/** An item of a one-line list: as q() quotes it, and quoted too where a comma, bracket or brace would end it. */
function flowItem(s: string): string {
  const v = q(s);
  return v === s && /[,[\]{}]/.test(s) ? JSON.stringify(s) : v;
}

function q(s: string): string {
  if (/[\n\r\t]/.test(s)) return JSON.stringify(s);
  if (s !== yamlString(s) && !/^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|:$|\s$/.test(s)) {
    try {
      if (jsyaml.load(`k: ${s}`) && (jsyaml.load(`k: ${s}`) as { k: unknown }).k === s) return s;
    } catch {
      /* quoted below */
    }
  }
  return yamlString(s);
}

const ORDER = [
  'title',
  'meeting',
  'date',
  'agenda_item',
  'presented_by',
  'author',
  'confidential',
  'confidential_reason',
  'purpose',
  'assurance',
  'strategic_objectives',
  'risks',
  'financial_implications',
  'committee_history',
  'conflicts_of_interest',
  'impact_assessments',
  'authorised_by',
];

function scalarYaml(key: string, v: unknown): string {
  if (typeof v === 'boolean') return String(v);
  const s = String(v);
  if (key === 'agenda_item') return JSON.stringify(s);
  if (key === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  return q(s);
}

function assessmentYaml(a: Record<string, unknown>, indent: string): string[] {
  const out: string[] = [];
  if (a.status) out.push(`${indent}status: ${a.status}`);
  if (a.comment) out.push(`${indent}comment: ${q(String(a.comment))}`);
  return out;
}

/** The fields as front-matter YAML, in FORMAT.md's order, then the organisation's own fields. */
export function frontMatterYaml(fields: Map<string, unknown>): { yaml: string; data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  const nested = new Map<string, Map<string, unknown>>();
  for (const [k, v] of fields) {
    const dot = k.indexOf('.');
    if (dot > 0 && k !== 'risks.on_register') {
      const top = k.slice(0, dot);
      if (!nested.has(top)) nested.set(top, new Map());
      nested.get(top)!.set(k.slice(dot + 1), v);
    } else data[k] = v;
  }
  for (const [top, m] of nested) data[top] = Object.fromEntries(m);
  const keys = [...ORDER.filter((k) => k in data), ...Object.keys(data).filter((k) => !ORDER.includes(k))];
  const lines: string[] = [];
  for (const k of keys) {
    const v = data[k];
    if (k === 'risks' && v && typeof v === 'object') {
      const r = v as Record<string, unknown>;
      lines.push('risks:');
      lines.push(...assessmentYaml(r, '  '));
      if (r.on_register) lines.push(`  on_register: ${r.on_register}`);
      if (r.on_register_comment) lines.push(`  # on the risk register: ${oneLine(String(r.on_register_comment))}`);
      const items = (r.items as { id: string; title: string }[] | undefined) ?? [];
      if (items.length) {
        lines.push('  items:');
        for (const it of items) lines.push(`    - id: ${JSON.stringify(it.id)}`, ...(it.title ? [`      title: ${q(it.title)}`] : []));
      }
      if (lines[lines.length - 1] === 'risks:') lines[lines.length - 1] = 'risks: {}';
    } else if (k === 'committee_history' && Array.isArray(v)) {
      if (!v.length) lines.push('committee_history: []');
      else {
        lines.push('committee_history:');
        for (const h of v as HistoryValue[]) {
          lines.push(`  - meeting: ${q(h.meeting)}`);
          lines.push(`    date: ${/^\d{4}-\d{2}-\d{2}$/.test(h.date) ? h.date : q(h.date)}`);
          if (h.outcome) lines.push(`    outcome: ${q(h.outcome)}`);
        }
      }
    } else if (k === 'strategic_objectives' && Array.isArray(v)) {
      // Inside [...] a comma ends an item: a name with one ("The best for patient safety, quality and experience") is quoted.
      lines.push(`strategic_objectives: [${v.map((c) => flowItem(String(c))).join(', ')}]`);
    } else if (Array.isArray(v)) {
      lines.push(`${k}: [${v.map((c) => flowItem(String(c))).join(', ')}]`);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const isAssessment = Object.keys(o).every((x) => x === 'status' || x === 'comment');
      if (isAssessment) lines.push(`${k}:`, ...assessmentYaml(o, '  '));
      else {
        lines.push(`${k}:`);
        for (const [sk, sv] of Object.entries(o)) {
          if (sv && typeof sv === 'object') lines.push(`  ${sk}:`, ...assessmentYaml(sv as Record<string, unknown>, '    '));
          else lines.push(`  ${sk}: ${scalarYaml(sk, sv)}`);
        }
      }
    } else lines.push(`${k}: ${scalarYaml(k, v)}`);
  }
  if (data.risks && typeof data.risks === 'object') delete (data.risks as Record<string, unknown>).on_register_comment;
  return { yaml: lines.join('\n'), data };
}

// ---------------------------------------------------------- entry point

const STRINGIFY = {
  bullet: '-' as const,
  emphasis: '*' as const,
  strong: '*' as const,
  rule: '-' as const,
  listItemIndent: 'one' as const,
  fences: true,
};

/**
 * remark-stringify escapes every `&` before a letter (`A\&E`), in case it
 * starts a character reference; only those that would (`&amp;`) need it.
 */
function unescapeAmpersands(md: string): string {
  let fence = false;
  return md
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      return fence ? line : line.replace(/\\&(?![#A-Za-z0-9]+;)/g, '&');
    })
    .join('\n');
}

/** Mammoth's HTML of a Word paper → the paper's Markdown text. */
export function importHtml(html: string, profile: Profile, options: ImportOptions = {}): ImportResult {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as HastRoot;
  const reader = new CoverReader(profile);
  const blocks = tree.children.filter((c) => c.type === 'element' || (c.type === 'text' && c.value.trim())) as ElementContent[];

  // Which tables are the cover sheet: those with two or more rows named by
  // cover-sheet labels, before the body's first heading.
  const firstBodyHeading = blocks.findIndex((b) => isEl(b) && /^h[1-6]$/.test(b.tagName) && !reader.isSectionName(oneLine(textOf(b))));
  const coverTables = new Set<number>();
  blocks.forEach((b, i) => {
    if (isEl(b, 'table') && (firstBodyHeading < 0 || i < firstBodyHeading) && coverScore(b, reader.matcher) >= 2) coverTables.add(i);
  });
  const firstCover = coverTables.size ? Math.min(...coverTables) : -1;

  const body: ElementContent[] = [];
  blocks.forEach((b, i) => {
    if (coverTables.has(i)) {
      const before = reader.sections.length;
      reader.table(b as Element);
      for (const s of reader.sections.slice(before)) body.push(...s);
      return;
    }
    if (firstCover >= 0 && i < firstCover) {
      // Above the cover sheet: the banner, `Label: value` lines; anything else is noted.
      if (isEl(b, 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6') && reader.paragraph(textOf(b))) return;
      const t = oneLine(textOf(b));
      if (t && isEl(b, 'h1', 'p') && !reader.fields.has('title') && i === firstCover - 1 && t.split(/\s+/).length <= 20 && !/[.]$/.test(t)) {
        reader.note(`Above the cover sheet: ${t}`);
        return;
      }
      if (t) reader.note(`Above the cover sheet: ${t}`);
      return;
    }
    if (firstCover < 0 && (firstBodyHeading < 0 || i < firstBodyHeading) && isEl(b, 'p') && reader.matcher.matchInline(oneLine(textOf(b)))) {
      reader.paragraph(textOf(b));
      return;
    }
    body.push(b);
  });

  dropEmptyImages(body);
  sectionTables(body, reader);
  headerRows(body);
  const headed = markHeadings(body, reader);
  const mdast = unified()
    .use(rehypeRemark)
    .runSync({ type: 'root', children: headed } as HastRoot) as MdRoot;

  const notes = [...reader.notes, ...(options.notes ?? []), ...(options.messages ?? [])];
  if (notes.length) {
    const children: MdContent[] = [
      { type: 'heading', depth: 2, children: [{ type: 'text', value: 'Import notes' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'Imported from Word: what follows could not be placed in the cover sheet or the body, and is kept here word for word.' },
        ],
      },
      {
        type: 'list',
        ordered: false,
        spread: false,
        children: notes.map((n) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: n }] }] })),
      },
    ];
    mdast.children.push(...children);
  }
  const md = unescapeAmpersands(unified().use(remarkGfm).use(remarkStringify, STRINGIFY).stringify(mdast));
  const { yaml, data } = frontMatterYaml(reader.fields);
  const text = `---\n${yaml}${yaml ? '\n' : ''}---\n\n${md.trim()}\n`;
  const template: TemplateReading = {
    labels: [...reader.labelsSeen].map(([key, label]) => ({ key, label })),
    objectives: Object.fromEntries(reader.objectivesSeen),
  };
  return { text, fields: data, notes, template };
}

/** Spaces (U+0020 only) off both ends of a line: the old replace of spaces around each line break, in linear time. */
function trimSpaces(line: string): string {
  let a = 0;
  let b = line.length;
  while (a < b && line[a] === ' ') a++;
  while (b > a && line[b - 1] === ' ') b--;
  return line.slice(a, b);
}

/** Split at any of `seps`, trim each piece, drop empty ones: the old `split` on a pattern with spaces around the separators, in linear time. */
function splitTrimmed(s: string, seps: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i < s.length && !seps.includes(s[i]!)) continue;
    const piece = s.slice(start, i).trim();
    if (piece) out.push(piece);
    start = i + 1;
  }
  return out;
}

const SEPARATORS = [',', '–', '—', '-'];
const OUTCOME_SEPARATORS = [',', ':', '–', '—', '-'];

/**
 * One committee-history entry written in a cell, `meeting <sep> date [<sep> outcome]`
 * (sep: a comma, a dash or "on"; date: `21 May 2024`, `21st May 2024`,
 * `21/05/2024` or `2024-05-21`), read by words in linear time. The match
 * array mirrors a regex's: [whole, meeting, date, outcome].
 */
function historyPart(part: string): [string, string, string, string | undefined] | undefined {
  const t = part.trim().split(/\s+/);
  const stripEnd = (w: string, chars: string[]) => (w.length > 1 && chars.includes(w[w.length - 1]!) ? [w.slice(0, -1), w[w.length - 1]!] : [w, '']);
  for (let i = 1; i < t.length; i++) {
    // The separator: a word of its own before the date, or glued to the end of the meeting's last word.
    let meetingWords: string[];
    if (SEPARATORS.includes(t[i - 1]!) || t[i - 1] === 'on') meetingWords = t.slice(0, i - 1);
    else {
      const [w, sep] = stripEnd(t[i - 1]!, SEPARATORS);
      if (!sep) continue;
      meetingWords = [...t.slice(0, i - 1), w!];
    }
    if (!meetingWords.length) continue;
    // The date: one word, or three (day month year).
    for (const n of [1, 3]) {
      if (i + n > t.length) continue;
      const words = t.slice(i, i + n);
      const [last, glued] = stripEnd(words[n - 1]!, OUTCOME_SEPARATORS);
      words[n - 1] = last!;
      const ok =
        n === 1
          ? /^(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})$/.test(words[0]!)
          : /^\d{1,2}(?:st|nd|rd|th)?$/.test(words[0]!) && /^[A-Za-z]+\.?$/.test(words[1]!) && /^\d{4}$/.test(words[2]!);
      if (!ok) continue;
      let rest = t.slice(i + n);
      let outcome: string | undefined;
      if (glued) outcome = rest.join(' ');
      else if (rest.length && OUTCOME_SEPARATORS.includes(rest[0]!)) outcome = rest.slice(1).join(' ');
      else if (rest.length && OUTCOME_SEPARATORS.includes(rest[0]![0]!)) outcome = [rest[0]!.slice(1), ...rest.slice(1)].join(' ').trim();
      else if (rest.length) continue;
      rest = [];
      return [part, meetingWords.join(' '), words.join(' '), outcome];
    }
  }
  return undefined;
}

/** `text` without a leading `<code>`, `<code>.`, `<code>)` or `<code>:` and the spaces after it (an objective's own number). */
function withoutCode(text: string, code: string | undefined): string {
  if (!code || !text.startsWith(code)) return text;
  let i = code.length;
  if ('.):'.includes(text[i] ?? '\u0000')) i++;
  let j = i;
  while (j < text.length && /\s/.test(text[j]!)) j++;
  return j > i ? text.slice(j) : text;
}
