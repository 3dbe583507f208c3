/**
 * The boardpaper language service: documents, profiles and the workspace
 * index in one place, and one module per LSP feature over them. It knows LSP
 * types but not the connection: the protocol handlers (../server.ts) only
 * translate between this and LSP messages.
 *
 * Cost model: a document is parsed once per version (and profile
 * generation), re-parsing only the sections an edit touched, and its rules
 * run once, when findings are first needed; every feature reads that cached
 * model.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, CodeActionContext, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, Position } from 'vscode-languageserver';
import { analyze, finalise, type Analysis } from '../../core/analyze';
import { checkAcrossPapers } from '../../core/across';
import { coverSheetOf, readCoverSheet } from '../../core/cover-sheet';
import { IncrementalParser, looksLikePaper, parsePaper } from '../../core/paper';
import type { Finding } from '../../core/types';
import { matchesPaperGlobs, PROFILE_FILE, type ProfileProblemAt, type ReadText } from '../../node/profile-loader';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { codeActions, type CodeActionOptions } from './code-actions';
import { complete, type CompletionOptions } from './completion';
import { definition } from './definition';
import { profileDiagnostics, toDiagnostics } from './diagnostics';
import { foldingRanges } from './folding';
import { hover } from './hover';
import type { DocumentModel, WorkspaceView } from './model';
import { Profiles, type Folder } from './profiles';
import { documentSymbols } from './symbols';
import { fileUri, WorkspaceIndex, type IndexProgress, type PaperFacts } from './workspace-index';
import { cutFromFirst } from '../../core/text';
import { AgendaService, isAgendaUri } from './agenda';
import { rulesFromEnvironment } from '../../node/rule-set';

const RULES_FOR_RUN = rulesFromEnvironment();

/** An open document as the service sees it (vscode-languageserver-textdocument's TextDocument fits). */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  getText(): string;
}

export interface DocumentStore {
  get(uri: string): OpenDocument | undefined;
  all(): OpenDocument[];
}

export interface Logger {
  log(message: string): void;
  error(message: string): void;
}

export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return null;
  }
}

export function isMarkdownDocument(doc: { uri: string; languageId: string }): boolean {
  if (doc.languageId === 'markdown') return true;
  return /\.(md|markdown)$/i.test(cutFromFirst(doc.uri, '?#'));
}

/** An agenda file (`agenda.yaml`): checked with the agenda rules (./agenda.ts). */
export function isAgendaDocument(doc: { uri: string }): boolean {
  return isAgendaUri(doc.uri);
}

/** A document the server checks: a Markdown paper or an agenda file. */
export function isCheckedDocument(doc: { uri: string; languageId: string }): boolean {
  return isMarkdownDocument(doc) || isAgendaDocument(doc);
}

export class LanguageService {
  readonly profiles: Profiles;
  readonly index = new WorkspaceIndex();
  /** agenda.yaml documents and the workspace's meetings. */
  readonly agenda: AgendaService;
  private readonly models = new Map<string, DocumentModel>();
  /**
   * One parser per open document: it keeps the document's sections parsed,
   * so that an edit re-parses only the section it touches. (Its papers share
   * nodes from version to version: only the latest model may be read.)
   */
  private readonly parsers = new Map<string, IncrementalParser>();
  /** Open documents by file path (for reading unsaved profiles and preferring open papers). */
  private openByPath = new Map<string, string>();

  constructor(
    private readonly docs: DocumentStore,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.profiles = new Profiles(this.readText);
    this.agenda = new AgendaService({
      papers: () => this.papers(),
      profileFor: (file) => this.profiles.resolve(file).loaded?.profile,
      generation: () => this.profiles.generation,
      readText: this.readText,
      today: () => this.view.today(),
      openFindings: (file) => {
        const uri = this.openByPath.get(path.resolve(file));
        const doc = uri ? this.docs.get(uri) : undefined;
        return doc ? this.findings(doc) : undefined;
      },
      folders: () => this.profiles.getFolders().map((f) => f.path),
      openAgendas: () => {
        const out = new Map<string, string>();
        for (const d of this.docs.all()) {
          const f = isAgendaDocument(d) ? uriToPath(d.uri) : null;
          if (f) out.set(f, d.getText());
        }
        return out;
      },
    });
  }

  /** Reads a file through the editor: an open document's unsaved text wins over the disk. */
  readonly readText: ReadText = (abs) => {
    if (this.untrusted && !this.insideWorkspace(abs)) {
      throw Object.assign(new Error(`${abs} is outside the workspace`), { code: 'outside the workspace, which is not trusted' });
    }
    const uri = this.openByPath.get(path.resolve(abs));
    const doc = uri ? this.docs.get(uri) : undefined;
    if (doc) return doc.getText();
    return fs.readFileSync(abs, 'utf8');
  };

  /**
   * An untrusted workspace (VS Code's workspace trust): profiles may not
   * extend or read a register outside the workspace folders, and the
   * `boardPaper.profile` setting is not used.
   */
  untrusted = false;

  private insideWorkspace(abs: string): boolean {
    const real = (p: string) => {
      try {
        return fs.realpathSync(p);
      } catch {
        return path.resolve(p);
      }
    };
    const file = real(abs);
    return this.profiles.getFolders().some((f) => {
      const rel = path.relative(real(f.path), file);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  }

  configure(folders: Folder[], global: Settings = DEFAULT_SETTINGS, perFolder = new Map<string, Settings>()): void {
    this.profiles.configure(folders, global, perFolder);
    this.models.clear();
  }

  settingsFor(uri: string): Settings {
    return this.profiles.settingsFor(uriToPath(uri));
  }

  // -------------------------------------------------------------------------
  // Documents

  opened(doc: OpenDocument): void {
    const file = uriToPath(doc.uri);
    if (file) this.openByPath.set(file, doc.uri);
  }

  closed(uri: string): void {
    this.agenda.closed(uri);
    this.models.delete(uri);
    this.parsers.delete(uri);
    const file = uriToPath(uri);
    if (file && this.openByPath.get(file) === uri) this.openByPath.delete(file);
    // The disk version takes its place in the index again.
    if (file && isMarkdownDocument({ uri, languageId: '' }) && this.profiles.folderOf(file) && fs.existsSync(file)) this.reindexFile(file);
  }

  /** Profiles or settings changed: every model must be rebuilt. */
  invalidateProfiles(): void {
    this.profiles.invalidate();
    this.agenda.invalidate();
    this.models.clear();
  }

  /** Is this document one a profile reads (a .boardpaper.yaml, an extended profile, a register)? */
  isProfileInput(uri: string): boolean {
    const file = uriToPath(uri);
    return !!file && this.profiles.isProfileInput(file);
  }

  /** The analysed model of the document's current version (cached). */
  model(doc: OpenDocument): DocumentModel {
    const cached = this.models.get(doc.uri);
    // The text is compared too: a client may repeat a version (or open an open document again).
    if (cached && cached.version === doc.version && cached.generation === this.profiles.generation && cached.text === doc.getText()) return cached;
    const m = this.build(doc);
    this.models.set(doc.uri, m);
    return m;
  }

  private build(doc: OpenDocument): DocumentModel {
    const t0 = Date.now();
    const text = doc.getText();
    const file = uriToPath(doc.uri);
    const generation = this.profiles.generation;
    let parser = this.parsers.get(doc.uri);
    if (!parser) this.parsers.set(doc.uri, (parser = new IncrementalParser()));
    const paper = parsePaper(text, { parser });
    const r = this.profiles.resolve(file);
    const matches = !!r.loaded && !!file && matchesPaperGlobs(file, r.loaded);
    const isPaper = looksLikePaper(paper) || matches;
    const verbose = this.settingsFor(doc.uri).trace.server === 'verbose';
    if (verbose)
      this.logger.log(
        `parsed ${doc.uri} v${doc.version} in ${Date.now() - t0} ms (${parser.last.whole ? 'whole' : `${parser.last.parsed} sections parsed, ${parser.last.reused} kept`})`,
      );
    // The rules run when findings are first asked for (diagnostics, code
    // actions), not for completion or hover right after a keystroke.
    let analysis: Analysis | undefined;
    const analyse = (): Analysis => {
      if (analysis) return analysis;
      const t1 = Date.now();
      const a: Analysis = r.loaded
        ? analyze(text, r.loaded.profile, { paper, matchesPaperGlob: matches, rules: RULES_FOR_RUN })
        : { paper, isPaper, findings: [], ruleFailures: [] };
      // A rule that failed is never silent: its findings are missing from this document.
      for (const f of a.ruleFailures) this.logger.error(`rule ${f.rule} failed on ${doc.uri} v${doc.version}: ${f.message}`);
      analysis = a;
      if (verbose) this.logger.log(`analysed ${doc.uri} v${doc.version} in ${Date.now() - t1} ms: ${a.findings.length} findings`);
      return a;
    };
    return {
      uri: doc.uri,
      version: doc.version,
      generation,
      text,
      file,
      paper,
      lines: paper.lines,
      isPaper,
      matchesPaperGlob: matches,
      get analysis() {
        return analyse();
      },
      loaded: r.loaded,
      profileError: r.error,
    };
  }

  // -------------------------------------------------------------------------
  // Workspace

  private facts(model: DocumentModel): PaperFacts | null {
    if (!model.isPaper || !model.loaded) return null;
    return { key: model.file ?? model.uri, uri: model.uri, cover: coverSheetOf(model.paper), paper: model.paper, profile: model.loaded.profile };
  }

  /** Every known paper: the index with open documents in place of their files. */
  papers(): PaperFacts[] {
    const open = new Map<string, PaperFacts>();
    for (const doc of this.docs.all()) {
      if (!isMarkdownDocument(doc)) continue;
      try {
        const f = this.facts(this.model(doc));
        if (f) open.set(f.key, f);
      } catch (e) {
        this.logger.error(`cannot analyse ${doc.uri}: ${(e as Error)?.stack ?? e}`);
      }
    }
    const out = [...open.values()];
    for (const p of this.index.papers()) if (!open.has(p.key) && !this.openByPath.has(p.key)) out.push(p);
    return out;
  }

  readonly view: WorkspaceView = {
    papers: () => this.papers(),
    today: () => {
      const d = this.clock();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    },
  };

  /**
   * How an unopened file is read into the index: its cover sheet only (see
   * workspace-index.ts), with the profile and the paper test `boardpaper
   * check` uses (front-matter, or the profile's `papers` globs). The text is
   * not kept.
   */
  private readIndexed = (file: string): PaperFacts | null => {
    const r = this.profiles.resolve(file);
    if (!r.loaded) return null; // its profile is broken: shown on the profile file
    const cover = readCoverSheet(fs.readFileSync(file, 'utf8'));
    if (!cover.looksLikePaper && !matchesPaperGlobs(file, r.loaded)) return null;
    return { key: file, uri: fileUri(file), cover, profile: r.loaded.profile };
  };

  /** Index the workspace folders' papers (replacing the index). */
  indexWorkspace(progress?: IndexProgress | Promise<IndexProgress | undefined>): Promise<void> {
    const folders = this.profiles.getFolders().map((f) => f.path);
    return this.index.rebuild(folders, this.readIndexed, progress, (f, e) => this.logger.error(`cannot index ${f}: ${(e as Error)?.message ?? e}`));
  }

  reindexFile(file: string): void {
    if (!this.profiles.folderOf(file)) return;
    if (!fs.existsSync(file)) return this.index.remove(file);
    this.index.update(file, this.readIndexed, (f, e) => this.logger.error(`cannot index ${f}: ${(e as Error)?.message ?? e}`));
  }

  removeFile(file: string): void {
    this.index.remove(file);
  }

  /**
   * Read one folder's papers (not its subfolders) from disk now, so a request
   * about that folder (the new-paper form) does not wait on the editor's file
   * watcher, whose events can come late or not at all on a busy machine.
   * Papers of the index that are gone from the folder are dropped.
   */
  refreshFolder(folder: string): void {
    if (!this.profiles.folderOf(path.join(folder, 'new-paper.md'))) return;
    let names: string[];
    try {
      names = fs.readdirSync(folder).filter((n) => /\.(md|markdown)$/i.test(n));
    } catch {
      return; // no such folder yet: nothing of it to index
    }
    for (const p of this.papers()) if (path.dirname(p.key) === folder && !names.includes(path.basename(p.key))) this.index.remove(p.key);
    for (const n of names) this.reindexFile(path.join(folder, n));
  }

  // -------------------------------------------------------------------------
  // Features

  /** The findings of the across-papers rules for this paper, from the workspace. */
  acrossFindings(model: DocumentModel): Finding[] {
    const me = this.facts(model);
    if (!me) return [];
    const date = me.cover.date;
    if (!date) return [];
    const group = this.papers().filter((p) => p.cover.date === date);
    if (group.length < 2) return [];
    const severity = model.loaded!.profile.rules['duplicate-agenda-item'];
    if (severity === 'off') return [];
    // Keys name the other papers in messages: paths relative to the workspace
    // folder. Open papers go in whole (their disable comments apply), the
    // index's by their cover sheets: only this paper's findings are wanted.
    const entries = group.map((p) =>
      p.paper ? { key: this.label(p.key), paper: p.paper, profile: p.profile } : { key: this.label(p.key), cover: p.cover, profile: p.profile },
    );
    return checkAcrossPapers(entries).get(this.label(me.key)) ?? [];
  }

  /** A file as the author knows it: relative to its workspace folder (named when there are several). */
  label(file: string): string {
    if (!path.isAbsolute(file)) return file;
    const folder = this.profiles.folderOf(file);
    if (!folder) return file;
    const rel = path.relative(folder.path, file).split(path.sep).join('/');
    return this.profiles.getFolders().length > 1 ? `${folder.name}/${rel}` : rel;
  }

  /** The document's findings, the paper's own and those across papers (none for a non-paper). */
  findings(doc: OpenDocument): Finding[] {
    if (!isMarkdownDocument(doc)) return [];
    const model = this.model(doc);
    if (!model.isPaper || !model.loaded) return [];
    const across = this.acrossFindings(model);
    return across.length ? finalise(model.paper, [...model.analysis.findings, ...across]) : model.analysis.findings;
  }

  diagnostics(doc: OpenDocument): Diagnostic[] {
    if (isAgendaDocument(doc)) {
      const file = uriToPath(doc.uri);
      return file ? this.agenda.diagnostics(doc, file) : [];
    }
    const findings = this.findings(doc);
    return findings.length ? toDiagnostics(this.model(doc), findings) : [];
  }

  /** Problems to show on profile files, by URI (files without problems are left out). */
  profileDiagnostics(): Map<string, Diagnostic[]> {
    const openProfiles = this.docs
      .all()
      .map((d) => uriToPath(d.uri))
      .filter((f): f is string => !!f && path.basename(f) === PROFILE_FILE);
    const problems: Map<string, ProfileProblemAt[]> = this.profiles.problems(openProfiles);
    const out = new Map<string, Diagnostic[]>();
    for (const [file, list] of problems) {
      let text: string | null = null;
      try {
        text = this.readText(file);
      } catch {
        text = null;
      }
      out.set(this.openByPath.get(file) ?? fileUri(file), profileDiagnostics(list, text));
    }
    return out;
  }

  private withModel<T>(doc: OpenDocument | undefined, empty: T, f: (m: DocumentModel) => T): T {
    if (!doc || !isMarkdownDocument(doc)) return empty;
    return f(this.model(doc));
  }

  complete(doc: OpenDocument | undefined, position: Position, opts: CompletionOptions): CompletionList | null {
    const agendaFile = doc && isAgendaDocument(doc) ? uriToPath(doc.uri) : null;
    if (doc && agendaFile) return this.agenda.complete(doc, agendaFile, position);
    return this.withModel(doc, null, (m) => complete(m, position, this.view, opts));
  }

  hover(doc: OpenDocument | undefined, position: Position): Hover | null {
    const agendaFile = doc && isAgendaDocument(doc) ? uriToPath(doc.uri) : null;
    if (doc && agendaFile) return this.agenda.hover(doc, agendaFile, position);
    return this.withModel(doc, null, (m) => hover(m, position));
  }

  codeActions(doc: OpenDocument | undefined, context: CodeActionContext, opts: CodeActionOptions): CodeAction[] {
    return this.withModel(doc, [], (m) => (m.isPaper ? codeActions(m, context, opts) : []));
  }

  documentSymbols(doc: OpenDocument | undefined): DocumentSymbol[] {
    return this.withModel(doc, [], (m) => documentSymbols(m));
  }

  foldingRanges(doc: OpenDocument | undefined): FoldingRange[] {
    return this.withModel(doc, [], (m) => foldingRanges(m));
  }

  definition(doc: OpenDocument | undefined, position: Position): Location | null {
    return this.withModel(doc, null, (m) => definition(m, position, this.readText));
  }
}
