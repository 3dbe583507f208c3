/**
 * The papers of the workspace folders, read from disk without opening them,
 * so that rules across papers (duplicate-agenda-item) and completion of
 * committee names and meeting dates see the whole workspace. Open documents
 * take precedence over what is on disk (the service overlays them).
 *
 * Cost model: an unopened paper is known by its cover sheet only
 * (core/cover-sheet.ts `readCoverSheet`: the front-matter's YAML, no remark,
 * no rules), and the index keeps those facts, not the text or a model — a
 * 1,000-paper workspace is indexed in about a second and holds a few MB.
 * Every consumer of unopened papers needs only cover-sheet facts: the
 * across-papers check (meeting, date, agenda item, title anchor), completion
 * of committees and dates (meeting, date, committee history), the template
 * generator and the meetings list for the pack (meeting, date,
 * confidentiality). Findings of unopened papers are never computed here: the
 * server reports findings for open papers only (the status bar counts the
 * active paper's), and `boardpaper pack` / `check` analyse each paper in full
 * when asked, so a pack's problem summary is always from a full analysis.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownFilesUnder } from '../../node/files';
import { coverSheetOf, type CoverHistoryEntry, type CoverSheet } from '../../core/cover-sheet';
import type { Paper } from '../../core/paper';
import type { Profile } from '../../core/profile';

export interface PaperFacts {
  /** File-system path (or the URI for a document that has none). */
  key: string;
  uri: string;
  /** What the workspace knows of the paper: its cover-sheet facts. */
  cover: CoverSheet;
  /** The full model: open documents only (unopened papers are known by `cover`). */
  paper?: Paper;
  profile: Profile;
}

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number, file: string): void;
  done(): void;
}

/** Reads one file's cover sheet; null when it is not a board paper (or its profile cannot be used). */
export type IndexReader = (file: string) => PaperFacts | null;

export class WorkspaceIndex {
  private readonly entries = new Map<string, PaperFacts | null>();
  private run = 0;
  /** Resolves when the latest indexing run has finished. */
  ready: Promise<void> = Promise.resolve();

  get size(): number {
    return [...this.entries.values()].filter(Boolean).length;
  }

  papers(): PaperFacts[] {
    return [...this.entries.values()].filter((e): e is PaperFacts => !!e);
  }

  has(file: string): boolean {
    return this.entries.has(path.resolve(file));
  }

  /**
   * Index every Markdown file under the folders (replacing what was there), a
   * few at a time. `ready` is the new run's from this call on, even while the
   * progress reporter is still being created (a request for the workspace's
   * meetings waits for the papers, not for an empty index).
   */
  rebuild(
    folders: readonly string[],
    read: IndexReader,
    progressOrPending?: IndexProgress | Promise<IndexProgress | undefined>,
    onFileError?: (file: string, e: unknown) => void,
  ): Promise<void> {
    const run = ++this.run;
    this.ready = (async () => {
      const progress = await progressOrPending;
      if (run !== this.run) return;
      const files: string[] = [];
      for (const f of folders) {
        try {
          files.push(...markdownFilesUnder(f));
        } catch (e) {
          onFileError?.(f, e);
        }
      }
      if (run !== this.run) return;
      this.entries.clear();
      progress?.begin(files.length);
      let last = Date.now();
      for (let i = 0; i < files.length; i++) {
        const file = path.resolve(files[i]!);
        try {
          this.entries.set(file, read(file));
        } catch (e) {
          this.entries.set(file, null);
          onFileError?.(file, e);
        }
        if (Date.now() - last > 15) {
          progress?.report(i + 1, files.length, file);
          await new Promise((r) => setImmediate(r));
          last = Date.now();
          if (run !== this.run) return progress?.done(); // superseded: end this run's progress
        }
      }
      progress?.done();
    })();
    return this.ready;
  }

  update(file: string, read: IndexReader, onFileError?: (file: string, e: unknown) => void): void {
    const abs = path.resolve(file);
    try {
      this.entries.set(abs, read(abs));
    } catch (e) {
      this.entries.set(abs, null);
      onFileError?.(abs, e);
    }
  }

  remove(file: string): void {
    this.entries.delete(path.resolve(file));
  }

  /** Drop files under a folder (a workspace folder was removed). */
  removeUnder(folder: string): void {
    const prefix = path.resolve(folder) + path.sep;
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/** The paper's `meeting` as written (trimmed). */
export function meetingOf(paper: Paper): string | undefined {
  return coverSheetOf(paper).meeting;
}

/** The paper's `date` as written (trimmed), valid or not. */
export function dateOf(paper: Paper): string | undefined {
  return coverSheetOf(paper).date;
}

export function historyOf(paper: Paper): CoverHistoryEntry[] {
  return coverSheetOf(paper).history;
}
