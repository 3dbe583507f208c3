/**
 * `agenda.yaml` → the agenda model plus what is wrong with the file
 * (`agenda-syntax` problems), with the offsets of every key written. Reads
 * the YAML with the core's position-keeping tree (core/yaml.ts), so a
 * problem sits on the line it is about. Never throws.
 */
import { distance } from 'fastest-levenshtein';
import { isRealDate, PURPOSES, type Profile } from '../profile';
import { LineIndex } from '../text';
import type { OffsetRange } from '../types';
import { parseYaml, scalarText, type YMap, type YNode, type YPair } from '../yaml';
import { workingDaysBefore } from './dates';
import { AGENDA_KEYS, ITEM_KEYS, ITEM_KINDS, type Agenda, type AgendaItem, type AgendaKey, type AgendaProblem, type ItemKey, type ItemKind } from './model';
import { committeeName } from './names';
import { meetingSettings } from './settings';

export interface ParsedAgenda {
  text: string;
  lines: LineIndex;
  agenda: Agenda;
  problems: AgendaProblem[];
  /** The YAML tree (null when the file does not parse). */
  root: YNode | null;
}

const range = (n: OffsetRange): OffsetRange => ({ start: n.start, end: n.end });

/** Where a pair sits for a message: the value, or the key when the value is empty. */
function pairRange(p: YPair): OffsetRange {
  return p.value.kind === 'scalar' && p.value.empty ? range(p.key) : range(p.value);
}

function didYouMean(key: string, known: readonly string[]): string {
  const best = known.map((k) => ({ k, d: distance(key.toLowerCase(), k) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(best.k.length / 3)) ? ` (did you mean "${best.k}"?)` : '';
}

/** Parse an agenda file's text. `profile` resolves the meeting and gives the papers-due default. Problems come in file order. */
export function parseAgenda(text: string, profile: Profile): ParsedAgenda {
  const out = readAgenda(text, profile);
  out.problems.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return out;
}

function readAgenda(text: string, profile: Profile): ParsedAgenda {
  const lines = new LineIndex(text);
  const problems: AgendaProblem[] = [];
  const agenda: Agenda = { meeting: '', committee: '', papersDueWritten: false, items: [], source: 'file', keys: {} };
  const out: ParsedAgenda = { text, lines, agenda, problems, root: null };
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstLine: OffsetRange = { start: bom, end: Math.max(bom, lines.lineEnd(0)) };
  const problem = (message: string, r: OffsetRange) => problems.push({ message, range: { start: r.start, end: Math.max(r.start, r.end) } });

  let y;
  try {
    y = parseYaml(text.slice(bom), bom);
  } catch (e) {
    problem(`the agenda cannot be read as YAML: ${String((e as Error)?.message ?? e).split('\n')[0]}`, firstLine);
    return out;
  }
  if (y.error) {
    const at = Math.min(y.error.offset, text.length);
    const line = lines.lineOf(at);
    problem(`the agenda is not valid YAML: ${y.error.message}`, { start: lines.lineStarts[line]!, end: lines.lineEnd(line) });
    return out;
  }
  out.root = y.root;
  const root = y.root;
  if (!root || root.kind !== 'map') {
    problem('the agenda must be a YAML mapping with meeting, date and items (see docs/meeting.md)', root ? range(root) : firstLine);
    return out;
  }

  const keys = agenda.keys!;
  const seenTop = new Set<string>();
  for (const p of root.pairs) {
    if (!(AGENDA_KEYS as readonly string[]).includes(p.name)) {
      problem(`unknown agenda key "${p.name}"${didYouMean(p.name, AGENDA_KEYS)}: an agenda has ${AGENDA_KEYS.join(', ')}`, range(p.key));
      continue;
    }
    if (seenTop.has(p.name)) continue; // YAML itself refuses duplicate keys
    seenTop.add(p.name);
    keys[p.name as AgendaKey] = pairRange(p);
  }
  const pair = (k: AgendaKey) => root.pairs.find((p) => p.name === k);
  const textOf = (k: AgendaKey): string | undefined => {
    const p = pair(k);
    if (!p) return undefined;
    if (p.value.kind !== 'scalar') {
      problem(`${k} must be a single value, not a ${p.value.kind === 'seq' ? 'list' : p.value.kind === 'map' ? 'mapping' : 'YAML alias'}`, range(p.value));
      return undefined;
    }
    return scalarText(p.value)?.trim() || undefined;
  };

  const meeting = textOf('meeting');
  if (!meeting)
    problem(
      'the agenda has no meeting: write the board or committee, e.g. "meeting: Integrated Care Board"',
      pair('meeting') ? pairRange(pair('meeting')!) : firstLine,
    );
  else {
    agenda.meeting = meeting;
    agenda.committee = committeeName(profile, meeting);
  }

  const date = textOf('date');
  if (!date) problem('the agenda has no date: write the meeting date as YYYY-MM-DD', pair('date') ? pairRange(pair('date')!) : firstLine);
  else if (!isRealDate(date)) problem(`date "${date}" is not a real date written YYYY-MM-DD`, pairRange(pair('date')!));
  else agenda.date = date;

  for (const k of ['time', 'venue', 'chair'] as const) {
    const v = textOf(k);
    if (v) agenda[k] = v;
  }

  const due = textOf('papers_due');
  if (due !== undefined) {
    if (!isRealDate(due)) problem(`papers_due "${due}" is not a real date written YYYY-MM-DD`, pairRange(pair('papers_due')!));
    else if (agenda.date && due > agenda.date) problem(`papers_due ${due} is after the meeting (${agenda.date})`, pairRange(pair('papers_due')!));
    else {
      agenda.papersDue = due;
      agenda.papersDueWritten = true;
    }
  }
  if (!agenda.papersDue && agenda.date)
    agenda.papersDue = workingDaysBefore(agenda.date, meetingSettings(profile, agenda.meeting || undefined).papersDueWorkingDays);

  const itemsPair = pair('items');
  if (!itemsPair) {
    problem('the agenda has no items: add "items:" with one entry per agenda item (item, title, kind)', firstLine);
    return out;
  }
  const seq = itemsPair.value;
  if (seq.kind !== 'seq') {
    if (!(seq.kind === 'scalar' && seq.empty)) problem('items must be a list, one entry per agenda item ("- item: ...")', range(seq));
    else problem('the agenda has no items: add one entry per agenda item under "items:" (item, title, kind)', range(itemsPair.key));
    return out;
  }
  const seen = new Map<string, number>();
  for (const node of seq.items) {
    const item = readItem(node, problem);
    if (!item) continue;
    if (item.item) {
      const k = item.item.toLowerCase();
      if (seen.has(k)) problem(`item "${item.item}" is listed twice in the agenda: give each entry its own number`, item.keys?.item ?? item.range!);
      else seen.set(k, agenda.items.length);
    }
    agenda.items.push(item);
  }
  return out;
}

function readItem(node: YNode, problem: (message: string, r: OffsetRange) => void): AgendaItem | undefined {
  if (node.kind !== 'map') {
    if (node.kind === 'scalar' && node.empty) return undefined;
    problem('each agenda item must be a mapping with item, title and kind ("- item: \\"4\\"" then "title: ...")', range(node));
    return undefined;
  }
  const map: YMap = node;
  const item: AgendaItem = { item: '', title: '', kind: 'paper', confidential: false, range: range(map), keys: {} };
  const keys = item.keys!;
  const where = map.pairs[0] ? range(map.pairs[0].key) : range(map);
  for (const p of map.pairs) {
    if (!(ITEM_KEYS as readonly string[]).includes(p.name)) {
      problem(`unknown item key "${p.name}"${didYouMean(p.name, ITEM_KEYS)}: an agenda item has ${ITEM_KEYS.join(', ')}`, range(p.key));
      continue;
    }
    const k = p.name as ItemKey;
    keys[k] = pairRange(p);
    if (p.value.kind !== 'scalar') {
      problem(`${k} must be a single value, not a ${p.value.kind === 'seq' ? 'list' : p.value.kind === 'map' ? 'mapping' : 'YAML alias'}`, range(p.value));
      continue;
    }
    const v = scalarText(p.value)?.trim();
    if (k === 'confidential') {
      if (p.value.empty) continue;
      if (typeof p.value.value === 'boolean') item.confidential = p.value.value;
      else problem(`confidential must be true (Part 2) or false, not "${v ?? ''}"`, range(p.value));
      continue;
    }
    if (!v) continue;
    switch (k) {
      case 'item':
        item.item = v;
        break;
      case 'title':
        item.title = v;
        break;
      case 'kind':
        if ((ITEM_KINDS as readonly string[]).includes(v.toLowerCase())) item.kind = v.toLowerCase() as ItemKind;
        else {
          item.unknownKind = v;
          problem(`unknown kind "${v}"${didYouMean(v, ITEM_KINDS)}: the kinds are ${ITEM_KINDS.join(', ')}`, range(p.value));
        }
        break;
      case 'purpose':
        if ((PURPOSES as readonly string[]).includes(v.toLowerCase())) item.purpose = v.toLowerCase();
        else problem(`unknown purpose "${v}": the purposes are ${PURPOSES.join(', ')}`, range(p.value));
        break;
      case 'file': {
        const reason = fileOutside(v);
        if (reason) problem(`file "${v}" ${reason}: name a file in the meeting's folder, relative to agenda.yaml`, range(p.value));
        else item.file = v;
        break;
      }
      default:
        item[k] = v;
    }
  }
  if (!item.item) problem('this agenda item has no item number: add "item:" (e.g. item: "4")', keys.item ?? where);
  if (!item.title) problem('this agenda item has no title: add "title:"', keys.title ?? where);
  return item;
}

/** Why a `file:` value does not name a file inside the agenda's folder, or undefined when it does. */
export function fileOutside(file: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return 'is a web address';
  if (/^(?:[\\/]|[a-z]:)/i.test(file)) return 'is an absolute path';
  const parts = file.split(/[\\/]+/).filter((s) => s && s !== '.');
  if (!parts.length) return 'names no file';
  let depth = 0;
  for (const s of parts) {
    depth += s === '..' ? -1 : 1;
    if (depth < 0) return "lies outside the meeting's folder";
  }
  return undefined;
}

/** A `file:` value as a `/`-separated path relative to the agenda's folder (`./a\\b.md` → `a/b.md`). */
export function normaliseAgendaFile(file: string): string {
  const out: string[] = [];
  for (const s of file.split(/[\\/]+/)) {
    if (!s || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out.join('/');
}
