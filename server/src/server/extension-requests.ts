/**
 * The VS Code extension's requests beyond LSP (../protocol.ts): preview HTML,
 * the template generator and the agenda pack. Each reuses the core, the
 * renderer and the pack builder; nothing here decides anything about papers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PURPOSES, isRealDate, type Purpose } from '../core/profile';
import { fileNameForTitle, fillTemplate, newPaperText, validateNewPaper } from '../core/template';
import { coverSheetHtml, coverSheetModel, bodyHtml, escapeHtml, PAPER_CSS } from '../render';
import { buildPack, MissingPapers, StrictRefusal } from '../pack';
import { UnreadableCoverSheet } from '../pack/collect';
import { findTemplate, listTemplates } from '../node/templates';
import { InputError } from '../node/check-files';
import {
  BuildPackRequest,
  MeetingsRequest,
  NewPaperRequest,
  PreviewRequest,
  TemplateInfoRequest,
  type BuildPackErrorData,
  type BuildPackParams,
  type BuildPackResult,
  type MeetingSummary,
  type NewPaperParams,
  type NewPaperResult,
  type PreviewParams,
  type PreviewResult,
  type TemplateInfo,
  type TemplateInfoParams,
} from '../protocol';
import type { LanguageService } from './service/language-service';
import { findCommittee } from '../core/profile';
import type { Finding } from '../core/types';
import type { DocumentModel } from './service/model';

function toPath(uri: string): string {
  return fileURLToPath(uri);
}

/**
 * `workspaceIndexed` settles when the workspace's papers are indexed (the
 * server passes its own start-up as well, so that a request sent right after
 * `initialized` does not list an empty workspace).
 */
export function registerExtensionRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: LanguageService,
  workspaceIndexed: () => Promise<void> = () => service.index.ready,
): void {
  connection.onRequest(PreviewRequest, (p: PreviewParams): PreviewResult => {
    const doc = documents.get(p.uri);
    if (!doc) return { html: '<p>The document is not open.</p>', title: '', isPaper: false };
    return previewHtml(service.model(doc), service.findings(doc));
  });

  connection.onRequest(TemplateInfoRequest, async (p: TemplateInfoParams): Promise<TemplateInfo> => {
    await workspaceIndexed().catch(() => undefined); // the workspace's meeting dates
    const folder = toPath(p.folderUri);
    service.refreshFolder(folder); // the folder as it is on disk now
    const profile = service.profiles.resolve(path.join(folder, 'new-paper.md')).loaded?.profile;
    const committees = new Set<string>(profile?.committees.map((c) => c.name) ?? []);
    const dates = new Map<string, { meeting: string; date: string }>();
    const inFolder = new Map<string, number>();
    for (const f of service.papers()) {
      const m = f.cover.meeting;
      const d = f.cover.date;
      if (!m) continue;
      const name = findCommittee(f.profile, m)?.name ?? m;
      committees.add(name);
      if (!d || !isRealDate(d)) continue; // only dates a paper can be for
      dates.set(`${name}|${d}`, { meeting: name, date: d });
      if (path.dirname(f.key) === folder) inFolder.set(`${name}|${d}`, (inFolder.get(`${name}|${d}`) ?? 0) + 1);
    }
    const top = [...inFolder.entries()].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))[0]?.[0];
    return {
      committees: [...committees],
      purposes: [...PURPOSES],
      objectives: Object.entries(profile?.strategic_objectives ?? {}).map(([code, text]) => ({ code, text })),
      templates: listTemplates(folder).map((t) => t.name),
      meetingDates: [...dates.values()].sort((a, b) => b.date.localeCompare(a.date)),
      ...(top ? { folderMeeting: dates.get(top)! } : {}),
    };
  });

  connection.onRequest(NewPaperRequest, (p: NewPaperParams): NewPaperResult => {
    const folder = toPath(p.folderUri);
    const r = service.profiles.resolve(path.join(folder, 'new-paper.md'));
    if (!r.loaded) throw new Error(`the profile cannot be used: ${r.error?.message ?? 'unknown problem'}`);
    const profile = r.loaded.profile;
    const opts = { title: p.title, meeting: p.meeting, date: p.date, purpose: p.purpose as Purpose, objectives: p.objectives };
    const problems = validateNewPaper(opts, profile);
    if (problems.length) throw new Error(problems[0]);
    let text: string;
    if (p.template) {
      const t = findTemplate(folder, p.template);
      if (!t) throw new Error(`no template "${p.template}"`);
      text = fillTemplate(fs.readFileSync(t, 'utf8'), opts, profile);
    } else text = newPaperText(opts, profile);
    // The name comes from the title but can only ever be a plain file name.
    return { text, fileName: path.basename(fileNameForTitle(p.title)) };
  });

  connection.onRequest(MeetingsRequest, async (): Promise<MeetingSummary[]> => {
    await workspaceIndexed().catch(() => undefined); // every paper, not those indexed so far
    const groups = new Map<string, MeetingSummary & { folders: Map<string, number> }>();
    for (const f of service.papers()) {
      const m = f.cover.meeting;
      const d = f.cover.date;
      if (!m || !d || !isRealDate(d) || !f.key.startsWith('/')) continue;
      const name = findCommittee(f.profile, m)?.name ?? m;
      const key = `${name}|${d}`;
      const g = groups.get(key) ?? { meeting: name, date: d, papers: 0, confidential: 0, folderUri: '', folders: new Map() };
      g.papers++;
      // As the pack decides (pack/collect.ts): anything but `confidential: false` is Part 2.
      if (f.cover.confidential !== false) g.confidential++;
      const dir = path.dirname(f.key);
      g.folders.set(dir, (g.folders.get(dir) ?? 0) + 1);
      groups.set(key, g);
    }
    return [...groups.values()]
      .map(({ folders, ...g }) => ({ ...g, folderUri: pathToFileURL(commonFolder([...folders.keys()])).toString() }))
      .sort((a, b) => b.date.localeCompare(a.date) || a.meeting.localeCompare(b.meeting));
  });

  connection.onRequest(BuildPackRequest, async (p: BuildPackParams): Promise<BuildPackResult> => {
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin(p.part === 'both' ? 'Building the public and private agenda packs' : `Building the ${p.part} agenda pack`, 0, `${p.meeting}, ${p.date}`);
    try {
      const folder = toPath(p.folderUri);
      const out = toPath(p.outUri);
      const r = await buildPack({
        folder,
        meeting: p.meeting,
        date: p.date,
        part: p.part,
        format: p.format,
        out,
        strict: p.strict,
        draft: p.draft,
        allowMissing: p.allowMissing,
        resolver: service.profiles.resolverFor(path.join(folder, 'x.md')),
      });
      return {
        files: r.files.map((f) => pathToFileURL(f.file).toString()),
        problems: r.papers.map((x) => ({ file: x.file, errors: x.errors, warnings: x.warnings })),
        warnings: r.warnings,
      };
    } catch (e) {
      // One sentence for the user, as the message itself (a plain Error would reach the client as
      // "Request boardPaper/buildPack failed with message: …").
      if (e instanceof UnreadableCoverSheet)
        throw new ResponseError<BuildPackErrorData>(LSPErrorCodes.RequestFailed, e.message, { kind: 'unreadable-cover-sheet', file: e.file, line: e.line });
      if (e instanceof StrictRefusal || e instanceof MissingPapers)
        throw new ResponseError<BuildPackErrorData>(LSPErrorCodes.RequestFailed, e.message, { kind: e instanceof MissingPapers ? 'missing-papers' : 'strict' });
      if (e instanceof InputError)
        throw new ResponseError<BuildPackErrorData>(LSPErrorCodes.RequestFailed, e.message, {
          kind: /^no board papers for /.test(e.message) ? 'no-papers' : 'input',
        });
      throw new ResponseError<BuildPackErrorData>(LSPErrorCodes.RequestFailed, `the agenda pack could not be built: ${(e as Error)?.message ?? e}`, {
        kind: 'input',
      });
    } finally {
      progress.done();
    }
  });
}

function commonFolder(dirs: string[]): string {
  if (!dirs.length) return '/';
  let common = dirs[0]!.split(path.sep);
  for (const d of dirs.slice(1)) {
    const parts = d.split(path.sep);
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(path.sep) || '/';
}

const SEV_CLASS: Record<string, string> = { error: 'bp-finding-error', warning: 'bp-finding-warning', info: 'bp-finding-info' };

/**
 * The preview: findings on the cover sheet first, the cover sheet, then each
 * section rendered on its own (sanitised by the renderer), carrying the
 * `data-line` of its heading for scroll sync and its findings in place.
 */
export function previewHtml(model: DocumentModel, findings: Finding[]): PreviewResult {
  const paper = model.paper;
  if (!model.isPaper || !model.loaded) {
    return {
      html: `${model.profileError ? `<p class="bp-findings">The profile cannot be used: ${escapeHtml(model.profileError.message)}</p>` : ''}${bodyHtml(model.text)}`,
      title: '',
      isPaper: false,
    };
  }
  const lineOf = (f: Finding) => paper.lines.lineOf(f.range.start);
  const note = (f: Finding) =>
    `<span class="bp-finding-note ${f.severity === 'error' ? 'bp-error' : ''}" title="${escapeHtml(f.rule)}">${f.severity === 'error' ? '✖' : f.severity === 'warning' ? '⚠' : 'ℹ'} ${escapeHtml(f.message)} <small>(${escapeHtml(f.rule)})</small></span>`;
  const bodyStartLine = paper.lines.lineOf(paper.bodyStart);
  const coverFindings = findings.filter((f) => lineOf(f) < bodyStartLine || f.paperWide);
  const cover = coverSheetModel(paper, model.loaded.profile);
  const parts: string[] = [`<style>${PAPER_CSS}</style>`];
  if (coverFindings.length)
    parts.push(`<div class="bp-findings" data-line="0"><strong>Cover sheet and paper</strong>${coverFindings.map(note).join('')}</div>`);
  parts.push(`<div class="bp-cover-wrap" data-line="0">${coverSheetHtml(cover)}</div>`);
  const sections = paper.sections;
  const firstSection = sections[0]?.headingRange.start ?? paper.text.length;
  const chunks: { start: number; end: number }[] = [];
  if (firstSection > paper.bodyStart) chunks.push({ start: paper.bodyStart, end: firstSection });
  for (const s of sections) chunks.push({ start: s.headingRange.start, end: s.contentRange.end });
  for (const c of chunks) {
    const startLine = paper.lines.lineOf(c.start);
    const endLine = paper.lines.lineOf(Math.max(c.start, c.end - 1));
    const here = findings.filter((f) => !f.paperWide && lineOf(f) >= startLine && lineOf(f) <= endLine && lineOf(f) >= bodyStartLine);
    const worst = here.some((f) => f.severity === 'error') ? 'error' : here.some((f) => f.severity === 'warning') ? 'warning' : here.length ? 'info' : '';
    const cls = worst ? ` class="bp-finding ${SEV_CLASS[worst]}"` : '';
    parts.push(`<section data-line="${startLine}"${cls}>${here.map(note).join('')}${bodyHtml(paper.text.slice(c.start, c.end))}</section>`);
  }
  return { html: parts.join('\n'), title: cover.title, isPaper: true };
}
