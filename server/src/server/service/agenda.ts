/**
 * `agenda.yaml` in the editor, and the meetings of the workspace for the
 * Meeting view: diagnostics (the five agenda rules, as `boardpaper check`
 * reports them), completion (keys, kinds, purposes, presenters, paper files
 * and items), hover on an item (its paper and state), and each meeting's
 * readiness. It knows LSP types but not the connection, like the rest of
 * the service; the decisions are the core's (core/agenda).
 *
 * Papers come from the workspace (the index of cover sheets, with open
 * documents in place of their files). The readiness of a paper needs its
 * error and warning counts: open papers give their findings; an unopened
 * paper is analysed when a meeting's readiness or a hover asks for it, and
 * the counts are kept until the file or the profiles change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { cutFromFirst } from '../../core/text';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Position,
} from 'vscode-languageserver';
import { checkAcrossPapers } from '../../core/across';
import {
  AGENDA_FILE,
  AGENDA_KEYS,
  agendaFromPapers,
  agendaReadiness,
  checkAgenda,
  committeeName,
  isPaperFor,
  ITEM_KEYS,
  ITEM_KINDS,
  meetingNearMisses,
  normaliseAgendaFile,
  parseAgenda,
  readinessRows,
  stateText,
  type Agenda,
  type AgendaPaper,
  type ParsedAgenda,
  type Readiness,
} from '../../core/agenda';
import { analyze } from '../../core/analyze';
import { normaliseName, PURPOSES, type Profile } from '../../core/profile';
import { docsUrl } from '../../core/rule';
import { ruleById } from '../../core/rules';
import { yamlScalar } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ReadText } from '../../node/profile-loader';
import type { MeetingEntry, MeetingStatusParams, MeetingStatusResult } from '../../protocol-meeting';
import { toRange, toSeverity } from './convert';
import { SOURCE } from './diagnostics';
import { fileUri, type PaperFacts } from './workspace-index';

/** What the agenda service needs of the language service. */
export interface AgendaHost {
  papers(): PaperFacts[];
  /** The profile for a file (undefined when it cannot be loaded). */
  profileFor(file: string): Profile | undefined;
  /** Profiles generation: counts are kept per generation. */
  generation(): number;
  readText: ReadText;
  today(): string;
  /** The findings of an open paper, or undefined when the file is not open. */
  openFindings(file: string): Finding[] | undefined;
  /** The workspace folders' paths. */
  folders(): string[];
  /** Open agenda documents: file path → text. */
  openAgendas(): Map<string, string>;
}

export interface AgendaDocument {
  uri: string;
  version: number;
  getText(): string;
}

export function isAgendaUri(uri: string): boolean {
  const clean = cutFromFirst(uri, '?#');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1)) === AGENDA_FILE;
}

const slash = (p: string) => p.split(path.sep).join('/');

interface Meeting {
  folder: string;
  parsed?: ParsedAgenda;
  agenda: Agenda;
  profile: Profile;
  papers: (AgendaPaper & { key: string; uri: string })[];
  findings: Finding[];
  readiness: Readiness;
}

export class AgendaService {
  private readonly counts = new Map<string, { sig: string; errors: number; warnings: number }>();
  private parsedCache = new Map<string, { version: number; text: string; generation: number; parsed: ParsedAgenda }>();

  constructor(private readonly host: AgendaHost) {}

  /** Forget cached counts (profiles changed). */
  invalidate(): void {
    this.counts.clear();
    this.parsedCache.clear();
  }

  closed(uri: string): void {
    this.parsedCache.delete(uri);
  }

  private parse(doc: AgendaDocument, file: string, profile: Profile): ParsedAgenda {
    const text = doc.getText();
    const c = this.parsedCache.get(doc.uri);
    const generation = this.host.generation();
    if (c && c.version === doc.version && c.text === text && c.generation === generation) return c.parsed;
    const parsed = parseAgenda(text, profile);
    this.parsedCache.set(doc.uri, { version: doc.version, text, generation, parsed });
    void file;
    return parsed;
  }

  /** The workspace's papers under a folder, relative to it. */
  private papersUnder(folder: string): (AgendaPaper & { key: string; uri: string })[] {
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    return this.host
      .papers()
      .filter((p) => p.key.startsWith(prefix))
      .map((p) => ({ key: p.key, uri: p.uri, file: slash(path.relative(folder, p.key)), cover: p.cover, profile: p.profile, errors: 0, warnings: 0 }))
      .sort((a, b) => a.file.localeCompare(b.file));
  }

  /** Fill in each paper's error and warning counts (open papers: their findings; others: analysed, cached). */
  private count(papers: (AgendaPaper & { key: string })[]): void {
    const across = checkAcrossPapers(papers.map((p) => ({ key: p.key, cover: p.cover, profile: p.profile! })));
    for (const p of papers) {
      let findings = this.host.openFindings(p.key);
      if (!findings) {
        let sig = '';
        try {
          const st = fs.statSync(p.key);
          sig = `${st.mtimeMs}:${st.size}:${this.host.generation()}`;
        } catch {
          sig = '';
        }
        const c = this.counts.get(p.key);
        if (c && sig && c.sig === sig) {
          p.errors = c.errors;
          p.warnings = c.warnings;
          const extra = across.get(p.key) ?? [];
          p.errors += extra.filter((f) => f.severity === 'error').length;
          p.warnings += extra.filter((f) => f.severity === 'warning').length;
          continue;
        }
        try {
          findings = analyze(this.host.readText(p.key), p.profile!, { matchesPaperGlob: true }).findings;
        } catch {
          findings = [];
        }
        this.counts.set(p.key, {
          sig,
          errors: findings.filter((f) => f.severity === 'error').length,
          warnings: findings.filter((f) => f.severity === 'warning').length,
        });
        findings = [...findings, ...(across.get(p.key) ?? [])];
      }
      p.errors = findings.filter((f) => f.severity === 'error').length;
      p.warnings = findings.filter((f) => f.severity === 'warning').length;
    }
  }

  private filesUnder(folder: string): Set<string> {
    try {
      return new Set(fg.sync('**/*', { cwd: folder, ignore: ['**/node_modules/**'], dot: false, followSymbolicLinks: false, onlyFiles: true }));
    } catch {
      return new Set();
    }
  }

  /** An agenda file's meeting: parsed, its folder's papers, findings and readiness. */
  private meetingOf(file: string, text: string, doc?: AgendaDocument, withCounts = false, today = this.host.today()): Meeting | undefined {
    const profile = this.host.profileFor(file);
    if (!profile) return undefined;
    const folder = path.dirname(file);
    const parsed = doc ? this.parse(doc, file, profile) : parseAgenda(text, profile);
    const papers = this.papersUnder(folder);
    if (withCounts) this.count(papers);
    // Files named by `file:` that are not board papers (documents, notes) are known by their front-matter alone.
    const known = new Set(papers.map((p) => p.file));
    const files = this.filesUnder(folder);
    const all: AgendaPaper[] = [...papers];
    for (const item of parsed.agenda.items) {
      if (!item.file) continue;
      const rel = normaliseAgendaFile(item.file);
      if (known.has(rel) || !files.has(rel)) continue;
      known.add(rel);
      all.push({ file: rel, cover: { looksLikePaper: false, confidential: null, history: [], anchor: { start: 0, end: 0 } }, errors: 0, warnings: 0 });
    }
    const { findings, readiness } = checkAgenda(parsed, all, { profile, today, files });
    return { folder, parsed, agenda: parsed.agenda, profile, papers, findings, readiness };
  }

  // -------------------------------------------------------------------------
  // The agenda document

  diagnostics(doc: AgendaDocument, file: string): Diagnostic[] {
    const m = this.meetingOf(file, doc.getText(), doc);
    if (!m) return [];
    return m.findings.map((f) => ({
      range: toRange(m.parsed!.lines, f.range),
      severity: toSeverity(f.severity) as DiagnosticSeverity,
      code: f.rule,
      codeDescription: { href: ruleById(f.rule)?.docs ?? docsUrl(f.rule) },
      source: SOURCE,
      message: f.message,
      data: { version: doc.version, rule: f.rule },
    }));
  }

  complete(doc: AgendaDocument, file: string, position: Position): CompletionList | null {
    const profile = this.host.profileFor(file);
    if (!profile) return null;
    const text = doc.getText();
    const parsed = this.parse(doc, file, profile);
    const lines = parsed.lines;
    const offset = lines.offset(position);
    const lineStart = lines.lineStarts[position.line] ?? 0;
    const before = text.slice(lineStart, offset);
    const range = (from: number) => ({ start: lines.position(from), end: position });
    const items: CompletionItem[] = [];
    const add = (label: string, from: number, newText: string, extra: Partial<CompletionItem> = {}) =>
      items.push({
        label,
        kind: CompletionItemKind.Value,
        textEdit: { range: range(from), newText },
        sortText: String(items.length).padStart(4, '0'),
        ...extra,
      });

    const valueAt = /^(\s*)(-\s+)?([A-Za-z_]+)\s*:\s*(\S.*)?$/.exec(before);
    if (valueAt && before.includes(':')) {
      const key = valueAt[3]!;
      const typed = valueAt[4] ?? '';
      const from = offset - typed.length;
      const folder = path.dirname(file);
      const agenda = parsed.agenda;
      const papers = () => this.papersUnder(folder);
      const meeting = agenda.meeting || agenda.committee;
      const ours = () => (agenda.date && meeting ? papers().filter((p) => isPaperFor(p, meeting, agenda.date, profile)) : []);
      switch (key) {
        case 'kind':
          for (const k of ITEM_KINDS) add(k, from, k, { kind: CompletionItemKind.EnumMember, detail: KIND_DOC[k] });
          break;
        case 'purpose':
          for (const p of PURPOSES) add(p, from, p, { kind: CompletionItemKind.EnumMember });
          break;
        case 'confidential':
          add('false', from, 'false', { detail: 'Part 1: the public meeting' });
          add('true', from, 'true', { detail: 'Part 2: after the resolution to exclude the public' });
          break;
        case 'meeting':
          for (const c of profile.committees)
            add(c.name, from, yamlScalar(c.name), {
              kind: CompletionItemKind.EnumMember,
              detail: c.aliases.length ? `also: ${c.aliases.join(', ')}` : undefined,
            });
          break;
        case 'date':
        case 'papers_due': {
          if (key === 'date') {
            const dates = new Set<string>();
            for (const p of papers())
              if (
                p.cover.meetingDate &&
                (!meeting || (p.cover.meeting && normaliseName(committeeName(profile, p.cover.meeting)) === normaliseName(committeeName(profile, meeting))))
              )
                dates.add(p.cover.meetingDate);
            for (const d of [...dates].sort().reverse()) add(d, from, d);
          } else if (agenda.papersDue) add(agenda.papersDue, from, agenda.papersDue, { detail: 'the default from the profile' });
          break;
        }
        case 'presenter': {
          const seen = new Set<string>();
          const offer = (name: string | undefined, detail: string) => {
            const n = name?.trim();
            if (!n || seen.has(n.toLowerCase())) return;
            seen.add(n.toLowerCase());
            add(n, from, yamlScalar(n), { kind: CompletionItemKind.Text, detail });
          };
          // The paper of this item first, then the meeting's papers, then the agenda's own presenters.
          const item = agenda.items.find((i) => i.range && i.range.start <= offset && offset <= i.range.end + 1);
          const mine = item?.item ? ours().find((p) => p.cover.agendaItem?.toLowerCase() === item.item.toLowerCase()) : undefined;
          offer(mine?.cover.presentedBy, "presented_by of this item's paper");
          for (const p of ours()) offer(p.cover.presentedBy, `presents ${p.file}`);
          for (const i of agenda.items) offer(i.presenter, 'on this agenda');
          offer('Chair', '');
          break;
        }
        case 'file': {
          const files = [...this.filesUnder(folder)].filter((f) => /\.(md|markdown)$/i.test(f)).sort();
          const byFile = new Map(papers().map((p) => [p.file, p]));
          for (const f of files) {
            const p = byFile.get(f);
            add(f, from, yamlScalar(f), {
              kind: CompletionItemKind.File,
              detail: p ? `paper${p.cover.agendaItem ? `, item ${p.cover.agendaItem}` : ''}` : 'document',
            });
          }
          break;
        }
        case 'item': {
          const listed = new Set(agenda.items.map((i) => i.item.toLowerCase()));
          for (const p of ours()) {
            const n = p.cover.agendaItem;
            if (!n || listed.has(n.toLowerCase())) continue;
            add(n, from, JSON.stringify(n), { kind: CompletionItemKind.Reference, detail: `${p.file}: not on the agenda yet` });
          }
          break;
        }
        default:
          return null;
      }
      return { isIncomplete: false, items };
    }

    // A key: top-level, or inside an item (indented, or after "- ").
    const keyAt = /^(\s*)(-\s+)?([A-Za-z_]*)$/.exec(before);
    if (!keyAt) return null;
    const typed = keyAt[3]!;
    const from = offset - typed.length;
    const inItem = keyAt[1]!.length > 0 || !!keyAt[2];
    if (!inItem) {
      for (const k of AGENDA_KEYS) add(k, from, `${k}: `, { kind: CompletionItemKind.Property });
      return { isIncomplete: false, items };
    }
    for (const k of ITEM_KEYS) add(k, from, `${k}: `, { kind: CompletionItemKind.Property });
    // After "- ": a whole item for each paper of the meeting that the agenda does not list yet.
    if (keyAt[2]) {
      const agenda = parsed.agenda;
      const meeting = agenda.meeting || agenda.committee;
      if (agenda.date && meeting) {
        const listed = new Set(agenda.items.map((i) => i.item.toLowerCase()));
        const indent = ' '.repeat(keyAt[1]!.length + keyAt[2].length);
        for (const p of this.papersUnder(path.dirname(file)).filter((x) => isPaperFor(x, meeting, agenda.date, profile))) {
          const n = p.cover.agendaItem;
          if (!n || listed.has(n.toLowerCase())) continue;
          const lines2 = [`item: ${JSON.stringify(n)}`, `title: ${yamlScalar(p.cover.title ?? p.file)}`, 'kind: paper'];
          if (p.cover.presentedBy) lines2.push(`presenter: ${yamlScalar(p.cover.presentedBy)}`);
          if (p.cover.confidential !== false) lines2.push('confidential: true');
          add(`item ${n}: ${p.file}`, from, lines2.join(`\n${indent}`), {
            kind: CompletionItemKind.Snippet,
            detail: "the paper's item, from its cover sheet",
            filterText: typed || 'item',
          });
        }
      }
    }
    return { isIncomplete: false, items };
  }

  hover(doc: AgendaDocument, file: string, position: Position): Hover | null {
    const m = this.meetingOf(file, doc.getText(), doc, true);
    if (!m) return null;
    const lines = m.parsed!.lines;
    const offset = lines.offset(position);
    const r = m.readiness.items.find((x) => x.item.range && x.item.range.start <= offset && offset < x.item.range.end);
    if (!r) {
      const meetingKey = m.agenda.keys?.meeting;
      if (meetingKey && lines.lineOf(meetingKey.start) === position.line) {
        const a = m.agenda;
        const ready = m.readiness.ready ? 'ready' : 'not ready';
        return {
          contents: {
            kind: MarkupKind.Markdown,
            value: `**${a.committee}**${a.date ? ` — ${a.date}` : ''}\n\nPapers due ${a.papersDue ?? 'not known'} · ${m.readiness.items.length} items · ${ready}`,
          },
        };
      }
      return null;
    }
    const item = r.item;
    const head = `**Item ${item.item || '(no number)'}** · ${item.kind}${r.confidential ? ' · Part 2 (confidential)' : ''} · ${stateText(r)}`;
    const out = [head];
    if (r.paper) {
      const c = r.paper.cover;
      out.push(`Paper: \`${r.paper.file}\``);
      if (c.looksLikePaper) {
        if (c.title) out.push(`Title on its cover sheet: ${escapeMd(c.title)}`);
        if (c.presentedBy) out.push(`Presented by: ${escapeMd(c.presentedBy)}`);
        if (c.purpose) out.push(`Purpose: ${escapeMd(c.purpose)}`);
        out.push(`${r.paper.errors} error${r.paper.errors === 1 ? '' : 's'}, ${r.paper.warnings} warning${r.paper.warnings === 1 ? '' : 's'}`);
      }
    } else if (item.kind === 'paper') {
      out.push(
        `No paper yet${m.agenda.papersDue ? ` (papers due ${m.agenda.papersDue})` : ''}: a paper for this meeting and date with \`agenda_item: "${item.item}"\`, or \`file:\`.`,
      );
    }
    return {
      contents: { kind: MarkupKind.Markdown, value: out.join('\n\n') },
      range: toRange(lines, { start: item.range!.start, end: lines.lineEnd(lines.lineOf(item.range!.start)) }),
    };
  }

  // -------------------------------------------------------------------------
  // The Meeting view

  /** Agenda files of the workspace (on disk, and open ones). */
  private agendaFiles(): Map<string, string | undefined> {
    const out = new Map<string, string | undefined>();
    for (const folder of this.host.folders()) {
      try {
        for (const rel of fg.sync(`**/${AGENDA_FILE}`, {
          cwd: folder,
          ignore: ['**/node_modules/**'],
          dot: false,
          followSymbolicLinks: false,
          onlyFiles: true,
        }))
          out.set(path.resolve(folder, rel), undefined);
      } catch {
        // an unreadable folder has no meetings
      }
    }
    for (const [file, text] of this.host.openAgendas()) out.set(file, text);
    return out;
  }

  private agendaText(file: string, open: string | undefined): string | undefined {
    if (open !== undefined) return open;
    try {
      return this.host.readText(file);
    } catch {
      return undefined;
    }
  }

  meetings(): MeetingEntry[] {
    const out: MeetingEntry[] = [];
    const covered = new Set<string>();
    for (const [file, open] of this.agendaFiles()) {
      const text = this.agendaText(file, open);
      const profile = this.host.profileFor(file);
      if (text === undefined || !profile) continue;
      const a = parseAgenda(text, profile).agenda;
      const meeting = a.committee || a.meeting || path.basename(path.dirname(file));
      if (a.date) covered.add(`${normaliseName(meeting)}|${a.date}`);
      out.push({
        meeting,
        date: a.date ?? '',
        agendaUri: fileUri(file),
        folderUri: fileUri(path.dirname(file)),
        label: `${meeting}${a.date ? ` — ${a.date}` : ''}`,
      });
    }
    const groups = new Map<string, { meeting: string; date: string; dirs: Set<string> }>();
    for (const p of this.host.papers()) {
      if (!p.cover.meeting || !p.cover.meetingDate || !path.isAbsolute(p.key)) continue;
      const meeting = committeeName(p.profile, p.cover.meeting);
      const k = `${normaliseName(meeting)}|${p.cover.meetingDate}`;
      if (covered.has(k)) continue;
      const g = groups.get(k) ?? { meeting, date: p.cover.meetingDate, dirs: new Set() };
      g.dirs.add(path.dirname(p.key));
      groups.set(k, g);
    }
    for (const g of groups.values()) {
      out.push({ meeting: g.meeting, date: g.date, folderUri: fileUri(commonFolder([...g.dirs])), label: `${g.meeting} — ${g.date} (no agenda)` });
    }
    return out.sort((a, b) => b.date.localeCompare(a.date) || a.meeting.localeCompare(b.meeting));
  }

  status(p: MeetingStatusParams, toPath: (uri: string) => string | null): MeetingStatusResult {
    const today = p.today ?? this.host.today();
    let folder: string;
    let agendaUri: string | undefined;
    let meeting: Meeting | undefined;
    if (p.agendaUri) {
      const file = toPath(p.agendaUri);
      if (!file) throw new Error(`not a file: ${p.agendaUri}`);
      const text = this.agendaText(file, this.host.openAgendas().get(file));
      if (text === undefined) throw new Error(`cannot read ${file}`);
      meeting = this.meetingOf(file, text, undefined, true, today);
      if (!meeting) throw new Error(`the profile for ${file} cannot be used`);
      folder = meeting.folder;
      agendaUri = fileUri(file);
    } else {
      if (!p.meeting || !p.date) throw new Error('give the agenda file, or the meeting and date');
      const base = p.folderUri ? toPath(p.folderUri) : this.host.folders()[0];
      if (!base) throw new Error('no folder for the meeting');
      folder = base;
      const profile = this.host.profileFor(path.join(folder, AGENDA_FILE));
      if (!profile) throw new Error('the profile cannot be used');
      const all = this.host.papers().filter((x) => path.isAbsolute(x.key));
      const papers = all
        .filter((x) => x.cover.meeting && isPaperFor({ file: x.key, cover: x.cover, profile: x.profile, errors: 0, warnings: 0 }, p.meeting!, p.date, profile))
        .map((x) => ({ key: x.key, uri: x.uri, file: slash(path.relative(folder, x.key)), cover: x.cover, profile: x.profile, errors: 0, warnings: 0 }));
      this.count(papers);
      const agenda = agendaFromPapers(papers, { meeting: p.meeting, date: p.date, profile });
      const readiness = agendaReadiness(agenda, papers, { profile, today });
      const near = meetingNearMisses(
        all.map((x) => ({ file: slash(path.relative(folder, x.key)), cover: x.cover, profile: x.profile, errors: 0, warnings: 0 })),
        p.meeting,
        p.date,
        profile,
      );
      meeting = { folder, agenda, profile, papers, findings: [], readiness };
      return this.result(
        meeting,
        today,
        undefined,
        near.map((x) => ({ file: x.file, meeting: x.cover.meeting! })),
      );
    }
    const near =
      meeting.agenda.meeting && meeting.agenda.date ? meetingNearMisses(meeting.papers, meeting.agenda.meeting, meeting.agenda.date, meeting.profile) : [];
    return this.result(
      meeting,
      today,
      agendaUri,
      near.map((x) => ({ file: x.file, meeting: x.cover.meeting! })),
    );
  }

  private result(m: Meeting, today: string, agendaUri: string | undefined, nearMisses: { file: string; meeting: string }[]): MeetingStatusResult {
    const rows = readinessRows(m.readiness);
    return {
      meeting: m.agenda.committee || m.agenda.meeting,
      date: m.agenda.date ?? '',
      ...(m.agenda.papersDue ? { papersDue: m.agenda.papersDue } : {}),
      today,
      ...(agendaUri ? { agendaUri } : {}),
      ready: m.readiness.ready,
      items: rows.map((r) => {
        const item = m.agenda.items[r.index];
        const line = item?.range && m.parsed ? m.parsed.lines.lineOf(item.range.start) : undefined;
        return {
          item: r.item,
          title: r.title,
          kind: r.kind,
          state: r.state,
          stateText: r.stateText,
          part: r.part,
          ...(r.presenter ? { presenter: r.presenter } : {}),
          ...(r.time ? { time: r.time } : {}),
          ...(r.file ? { file: r.file, uri: fileUri(path.join(m.folder, r.file)) } : {}),
          ...(r.errors !== undefined ? { errors: r.errors, warnings: r.warnings ?? 0 } : {}),
          ...(r.standing ? { standing: true } : {}),
          ...(line !== undefined ? { line } : {}),
        };
      }),
      notOnAgenda: m.readiness.notOnAgenda.map((p) => p.file),
      nearMisses,
      agendaErrors: m.findings.filter((f) => f.severity === 'error').length,
      agendaWarnings: m.findings.filter((f) => f.severity === 'warning').length,
    };
  }
}

const KIND_DOC: Record<string, string> = {
  paper: 'a board paper (matched by its agenda_item, or file:)',
  verbal: 'a verbal item: no paper',
  presentation: 'a presentation: no paper',
  document: 'a Markdown file without a cover sheet (file:), e.g. the minutes',
};

const escapeMd = (s: string) => s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);

function commonFolder(dirs: string[]): string {
  if (!dirs.length) return path.sep;
  let common = dirs[0]!.split(path.sep);
  for (const d of dirs.slice(1)) {
    const parts = d.split(path.sep);
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(path.sep) || path.sep;
}
