/**
 * Building the agenda pack: collect the meeting's papers, build each part in
 * memory, then write every file atomically (temporary file + rename). Used by
 * `boardpaper pack` and by the language server's boardPaper/buildPack.
 *
 * The pack is either complete and correct or not written: any failure before
 * the write leaves no file behind, and --strict refuses before anything is
 * built while any paper has errors.
 */
import * as path from 'node:path';
import { normaliseName } from '../core/profile';
import { InputError } from '../node/check-files';
import { writeFileAtomic } from '../node/files';
import type { ProfileResolver } from '../node/profile-loader';
import { collectPapers, type Collected, type PackPaper } from './collect';
import { renderPackHtml } from './html';
import type * as PdfModule from './pdf';
import { RenderPool } from './render-pool';
import { entrySource, packView, type Part } from './view';
import { markdownFilesUnder } from '../node/files';
import { trimEndChars } from '../core/text';

export type PackFormat = 'html' | 'pdf';
export type PackPart = Part | 'both';

export interface BuildPackOptions {
  folder: string;
  meeting: string;
  /** YYYY-MM-DD, compared with each paper's `date` as written. */
  date: string;
  part: PackPart;
  format: PackFormat;
  /** Output file; `both` adds -public / -private before the extension. Default: defaultOut(). */
  out?: string;
  strict?: boolean;
  /** A draft pack: the findings page and DRAFT on every page. Default: a final pack, with no findings anywhere. */
  draft?: boolean;
  /** Build a final pack even when agenda items have no paper yet (they show "Paper to follow"). */
  allowMissing?: boolean;
  /** YYYY-MM-DD: decides whether a missing paper is overdue (the CLI passes the system date). */
  today?: string;
  resolver?: ProfileResolver;
}

export interface BuiltFile {
  part: Part;
  file: string;
  bytes: number;
  /** PDF only. */
  pages?: number;
  /** PDF only: 1-based start page of each paper in pack order. */
  startPages?: number[];
}

export interface PaperSummary {
  file: string;
  item: string;
  title: string;
  confidential: boolean;
  errors: number;
  warnings: number;
}

export interface BuildPackResult {
  meeting: string;
  date: string;
  files: BuiltFile[];
  /** Every paper in the pack, in pack order (Part 1, then Part 2). */
  papers: PaperSummary[];
  /** Problems with the pack itself (duplicate items, papers left out…), full text. */
  warnings: string[];
  /** Papers dated the meeting's day whose meeting is a near miss of it: left out of the pack (one line each). */
  nearMisses: string[];
  /** Agenda items with no paper yet (shown "Paper to follow": draft, or --allow-missing). */
  missing: { item: string; title: string }[];
}

/** --strict and a paper has errors: exit 1, nothing written. */
export class StrictRefusal extends Error {
  constructor(readonly papers: PaperSummary[]) {
    super(
      `--strict: the pack was not built because ${papers.length} paper${papers.length === 1 ? ' has' : 's have'} errors: ` +
        papers.map((p) => `${p.file} (item ${p.item || 'not set'}: ${p.errors} error${p.errors === 1 ? '' : 's'})`).join(', '),
    );
    this.name = 'StrictRefusal';
  }
}

/** A final pack while agenda items have no paper: exit 1, nothing written (unless --allow-missing or --draft). */
export class MissingPapers extends Error {
  constructor(readonly items: { item: string; title: string }[]) {
    super(
      `the final pack was not built because ${items.length} agenda item${items.length === 1 ? ' has' : 's have'} no paper yet: ` +
        items.map((i) => `item ${i.item || '(no number)'}${i.title ? ` "${i.title}"` : ''}`).join(', ') +
        ' (build a --draft, or a final pack with --allow-missing: they show "Paper to follow")',
    );
    this.name = 'MissingPapers';
  }
}

export function meetingSlug(meeting: string): string {
  return trimEndChars(normaliseName(meeting).replace(/ /g, '-').slice(0, 60), '-') || 'meeting';
}

/** `<meeting-slug>-<date>-public.pdf` (for `both`: `<meeting-slug>-<date>.pdf`, to which -public/-private are added). */
export function defaultOut(meeting: string, date: string, format: PackFormat, part: PackPart): string {
  const safeDate = date.replace(/[^0-9-]/g, '');
  return `${meetingSlug(meeting)}-${safeDate}${part === 'both' ? '' : `-${part}`}.${format}`;
}

/** The files a part writes: `out` itself, or for `both` `out` with -public / -private before the extension. */
export function outputFiles(out: string, part: PackPart): { part: Part; file: string }[] {
  if (part !== 'both') return [{ part, file: out }];
  const p = path.parse(out);
  const name = (suffix: string) => path.join(p.dir, `${p.name}-${suffix}${p.ext}`);
  return [
    { part: 'public', file: name('public') },
    { part: 'private', file: name('private') },
  ];
}

/**
 * The PDF renderer, loaded on first use: with pdfkit, fontkit and brotli it is
 * more than half of the CLI bundle (2.3 MB of source), which an HTML pack or
 * `boardpaper check` would otherwise read and compile at every start. The CLI
 * bundle gets it from dist/pack-pdf.js beside it (scripts/build.mjs turns this
 * require into that one); the language server's bundle keeps it inline.
 */
function pdfRenderer(): typeof PdfModule.renderPackPdf {
  return (require('./pdf') as typeof PdfModule).renderPackPdf;
}

function summary(p: PackPaper): PaperSummary {
  return { file: p.file, item: p.item, title: p.cover.title, confidential: p.confidential, errors: p.errors, warnings: p.warnings };
}

export async function buildPack(o: BuildPackOptions): Promise<BuildPackResult> {
  // HTML from the command line: workers parse the bodies while this thread
  // analyses the papers, then render them (render-pool.ts). The language
  // server passes its own resolver (and keeps to its own thread).
  const pool = o.format === 'html' && !o.resolver ? startRenderPool(o.folder) : null;
  try {
    return await buildWith(o, pool);
  } finally {
    pool?.close();
  }
}

function startRenderPool(folder: string): RenderPool | null {
  // Listing the folder costs ~10 ms for 30 papers: not when no pool can start (two cores).
  if (!RenderPool.mayStart()) return null;
  let files: string[];
  try {
    files = markdownFilesUnder(folder).map((f) => path.resolve(f));
  } catch {
    return null; // collectPapers reports the folder
  }
  return RenderPool.start(files);
}

async function buildWith(o: BuildPackOptions, pool: RenderPool | null): Promise<BuildPackResult> {
  const collected: Collected = collectPapers({
    folder: o.folder,
    meeting: o.meeting,
    date: o.date,
    resolver: o.resolver,
    today: o.today,
    leaveOutUnreadable: o.draft,
  });
  const papers = collected.papers.map(summary);
  if (o.strict) {
    const bad = papers.filter((p) => p.errors > 0);
    if (bad.length) throw new StrictRefusal(bad);
  }
  const missing = collected.items.filter((i) => i.missing).map((i) => ({ item: i.item, title: i.title }));
  if (missing.length && !o.draft && !o.allowMissing) throw new MissingPapers(missing);
  const out = o.out ?? defaultOut(collected.meeting, o.date, o.format, o.part);
  const targets = outputFiles(out, o.part);
  const built: { target: { part: Part; file: string }; data: string | Buffer; pages?: number; startPages?: number[] }[] = [];
  for (const t of targets) {
    const view = packView(collected, t.part, { draft: o.draft });
    if (o.format === 'html') {
      let bodies: Map<string, string> | undefined;
      if (pool) {
        const jobs = view.papers.map((e) => ({
          file: path.resolve(entrySource(e)!.file),
          text: entrySource(e)!.text,
          anchor: e.anchor,
          paperDir: e.paperDir,
          root: view.root,
        }));
        const html = await pool.render(jobs);
        bodies = new Map(view.papers.map((e, i) => [e.anchor, html[i]!]));
      }
      built.push({ target: t, data: renderPackHtml(view, bodies) });
    } else {
      const pdf = await pdfRenderer()(view);
      built.push({ target: t, data: pdf.data, pages: pdf.pages, startPages: view.papers.map((e) => pdf.startPages.get(e.anchor) ?? 0) });
    }
  }
  const files: BuiltFile[] = [];
  for (const b of built) {
    try {
      writeFileAtomic(b.target.file, b.data);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`cannot write ${b.target.file}: ${code === 'ENOENT' ? 'no such folder' : (code ?? (e as Error).message)}`);
    }
    files.push({ part: b.target.part, file: b.target.file, bytes: Buffer.byteLength(b.data), pages: b.pages, startPages: b.startPages });
  }
  return {
    meeting: collected.meeting,
    date: o.date,
    files,
    papers,
    warnings: collected.warnings.map((w) => w.message),
    nearMisses: collected.nearMisses,
    missing,
  };
}
