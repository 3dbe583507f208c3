/**
 * The per-document model every feature reads: the text of one version, its
 * Analysis (paper model + findings) and the profile it was checked with.
 * Built once per document version (and profile generation), then cached;
 * the paper is parsed when the model is built (by section, incrementally:
 * core/paper.ts IncrementalParser) and the rules run on the first read of
 * `analysis`. Only the latest model of a document may be read: the next
 * version's parse re-uses and moves the nodes of this one.
 */
import type { Analysis } from '../../core/analyze';
import type { Paper } from '../../core/paper';
import type { Profile } from '../../core/profile';
import type { LineIndex } from '../../core/text';
import type { LoadedProfile, ProfileError } from '../../node/profile-loader';
import type { PaperFacts } from './workspace-index';

export interface DocumentModel {
  uri: string;
  version: number;
  /** Profiles generation the analysis was made with. */
  generation: number;
  text: string;
  /** File-system path; null for untitled and other non-file documents. */
  file: string | null;
  paper: Paper;
  lines: LineIndex;
  /** A board paper (FORMAT.md): the only documents that get diagnostics. */
  isPaper: boolean;
  matchesPaperGlob: boolean;
  /** Findings: computed on first read (completion and hover never wait for the rules). */
  readonly analysis: Analysis;
  /** The profile, or null when it cannot be loaded (then `profileError`). */
  loaded: LoadedProfile | null;
  profileError: ProfileError | null;
}

export function profileOf(model: DocumentModel): Profile | undefined {
  return model.loaded?.profile;
}

/** What features may ask of the workspace beyond the document itself. */
export interface WorkspaceView {
  /** Every board paper known: the index, with open documents in place of their files. */
  papers(): PaperFacts[];
  /** Today's date, YYYY-MM-DD (local time). */
  today(): string;
}
