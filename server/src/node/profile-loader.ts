/**
 * Finding and loading organisation profiles from disk (PROFILE.md). The only
 * file-system side of profiles; the merging and checking is pure
 * (`core/profile.ts`).
 *
 * A profile that cannot be used raises `ProfileError` naming the file, the
 * key and what is wrong. There is never a silent fallback to the default.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { parse as parseCsv } from 'csv-parse/sync';
import picomatch from 'picomatch';
import { isAgendaDocument } from './agenda-documents';
import { DEFAULT_PROFILE, mergeProfile, validateProfileData, type Profile, type RiskEntry, type RiskRegister } from '../core/profile';
import { RULE_IDS } from '../core/rules';
import { templateProblems } from '../core/template-fields';
import { parseYaml, type YNode } from '../core/yaml';
import type { SeveritySetting } from '../core/types';

export const PROFILE_FILE = '.boardpaper.yaml';

export interface ProfileProblemAt {
  file: string;
  key: string;
  message: string;
  /** 0-based line of the key in the file, when found. */
  line: number;
}

export class ProfileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ProfileProblemAt[],
  ) {
    super(problems.map((p) => `${p.file}: ${p.key}: ${p.message}`).join('; '));
    this.name = 'ProfileError';
  }
}

export interface LoadedProfile {
  profile: Profile;
  /** The profile file, or null for the built-in default. */
  file: string | null;
  /** Folder `papers` globs are relative to. */
  baseDir: string;
  /** Every file read to build it (profiles and register), for watching. */
  files: string[];
}

/** Nearest `.boardpaper.yaml` in `dir` or an ancestor. */
export function findProfileFile(dir: string): string | null {
  let d = path.resolve(dir);
  for (;;) {
    const f = path.join(d, PROFILE_FILE);
    if (fs.existsSync(f)) return f;
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
}

/**
 * The 0-based line of a problem's key path (`cover_sheet[3].type`,
 * `committees[1].standing_items[0].at`, `rules.required-field`) in the
 * profile text: the key itself when the file writes it, else the nearest
 * enclosing entry the file does write. Falls back to a search for the last
 * segment (a file js-yaml reads but the tree does not hold).
 */
export function lineOfPath(text: string, key: string): number {
  const tree = parseYaml(text, 0).root;
  if (!tree) return lineOfKey(text, key);
  let node: YNode | undefined = tree;
  let at = -1;
  let rest = key;
  while (rest && node) {
    const idx = /^\[(\d+)\]\.?/.exec(rest);
    if (idx) {
      if (node.kind !== 'seq') break;
      node = node.items[Number(idx[1])];
      if (!node) break;
      at = node.start;
      rest = rest.slice(idx[0].length);
      continue;
    }
    if (node.kind !== 'map') break;
    // The longest key name the path starts with (names may hold dots: acronyms, rule ids).
    let best: { name: string; key: YNode; value: YNode } | undefined;
    for (const p of node.pairs) {
      if (rest === p.name || rest.startsWith(`${p.name}.`) || rest.startsWith(`${p.name}[`)) if (!best || p.name.length > best.name.length) best = p;
    }
    if (!best) break;
    at = best.key.start;
    node = best.value;
    rest = rest.slice(best.name.length).replace(/^\./, '');
  }
  if (at < 0) return lineOfKey(text, key);
  let line = 0;
  for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function lineOfKey(text: string, key: string): number {
  const leaf =
    key
      .replace(/\[\d+\]/g, '')
      .split('.')
      .filter(Boolean)
      .at(-1) ?? key;
  const lines = text.split(/\r\n|\r|\n/);
  const i = lines.findIndex((l) => new RegExp(`^\\s*(?:-\\s*)?${leaf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`).test(l));
  return Math.max(0, i);
}

/** Reads a file as UTF-8 text (the language server passes one that sees unsaved editor buffers). */
export type ReadText = (absPath: string) => string;

const readFromDisk: ReadText = (f) => fs.readFileSync(f, 'utf8');

/** Load one profile file, following `extends`, with the register read. */
export function loadProfileFile(file: string, seen: string[] = [], read: ReadText = readFromDisk): LoadedProfile {
  const abs = path.resolve(file);
  if (seen.includes(abs)) {
    throw new ProfileError(abs, [{ file: abs, key: 'extends', message: `extends itself in a loop (${[...seen, abs].join(' → ')})`, line: 0 }]);
  }
  let text: string;
  try {
    text = read(abs);
  } catch (e) {
    throw new ProfileError(abs, [
      { file: abs, key: '(file)', message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, line: 0 },
    ]);
  }
  let raw: unknown;
  try {
    raw = jsyaml.load(text.replace(/^\uFEFF/, ''), { maxAliases: 50 });
  } catch (e) {
    const err = e as { reason?: string; mark?: { line?: number } };
    throw new ProfileError(abs, [{ file: abs, key: '(YAML)', message: `is not valid YAML: ${err.reason ?? (e as Error).message}`, line: err.mark?.line ?? 0 }]);
  }
  const problems = validateProfileData(raw, RULE_IDS);
  if (problems.length) {
    throw new ProfileError(
      abs,
      problems.map((p) => ({ file: abs, key: p.key, message: p.message, line: lineOfPath(text, p.key) })),
    );
  }
  const data = (raw ?? {}) as Record<string, unknown>;
  const dir = path.dirname(abs);
  let base: LoadedProfile;
  if (typeof data.extends === 'string') {
    const target = path.resolve(dir, data.extends);
    try {
      base = loadProfileFile(target, [...seen, abs], read);
    } catch (e) {
      if (e instanceof ProfileError && e.file !== target) throw e;
      const why = e instanceof ProfileError ? e.problems[0]!.message : String(e);
      throw new ProfileError(abs, [{ file: abs, key: 'extends', message: `${data.extends}: ${why}`, line: lineOfPath(text, 'extends') }]);
    }
  } else {
    base = { profile: DEFAULT_PROFILE, file: null, baseDir: dir, files: [] };
  }
  const profile = mergeProfile(base.profile, data);
  const inTemplate = templateProblems(data, profile);
  if (inTemplate.length)
    throw new ProfileError(
      abs,
      inTemplate.map((p) => ({ file: abs, key: p.key, message: p.message, line: lineOfPath(text, p.key) })),
    );
  const files = [...base.files, abs];
  if ('risk_register' in data) {
    if (data.risk_register === null) profile.risk_register = null;
    else {
      const reg = path.resolve(dir, String(data.risk_register));
      try {
        profile.risk_register = loadRiskRegister(reg, read);
      } catch (e) {
        throw new ProfileError(abs, [
          { file: abs, key: 'risk_register', message: `${data.risk_register}: ${(e as Error).message}`, line: lineOfPath(text, 'risk_register') },
        ]);
      }
      files.push(reg);
    }
  }
  return { profile, file: abs, baseDir: dir, files };
}

/** Read a CSV (header with id and title) or YAML list register. */
export function loadRiskRegister(file: string, read: ReadText = readFromDisk): RiskRegister {
  let text: string;
  try {
    text = read(file).replace(/^\uFEFF/, '');
  } catch (e) {
    throw new Error(`the risk register cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const entries: RiskEntry[] = [];
  if (/\.ya?ml$/i.test(file)) {
    const data = jsyaml.load(text, { maxAliases: 0 });
    if (!Array.isArray(data)) throw new Error('a YAML risk register must be a list of {id, title}');
    const lines = text.split(/\r\n|\r|\n/);
    const idLines = idLineIndex(lines);
    data.forEach((row, i) => {
      if (!row || typeof row !== 'object' || !('id' in row) || !('title' in row)) throw new Error(`entry ${i + 1} needs an id and a title`);
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(row as Record<string, unknown>)) fields[k] = String(v);
      const id = fields.id!;
      const line = idLines(id);
      entries.push({ id, title: fields.title!, fields, line: line >= 0 ? line : undefined });
    });
  } else {
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parseCsv(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true }) as never;
    } catch (e) {
      throw new Error(`the risk register is not valid CSV: ${(e as Error).message}`);
    }
    const header = records[0]?.record;
    if (records.length && (!header || !('id' in header) || !('title' in header)))
      throw new Error('the risk register CSV needs a header row with at least id and title columns');
    for (const r of records) entries.push({ id: r.record.id!, title: r.record.title!, fields: r.record, line: r.info.lines - 1 });
    if (!records.length && !idAndTitleOnFirstLine(text)) throw new Error('the risk register CSV needs a header row with at least id and title columns');
  }
  return { file, entries };
}

export interface ResolveOptions {
  /** `--profile FILE` / the `boardPaper.profile` setting: used for every paper. */
  explicit?: string | null;
  /** Extra severities (`boardPaper.rules`), applied over the profile's. */
  ruleOverrides?: Record<string, SeveritySetting>;
  /**
   * Base folder for the built-in default's `papers` globs (the language
   * server: the workspace folder). Unset: the paper's project folder
   * (`projectFolderOf`), so the CLI judges a file the same from any folder.
   */
  defaultBaseDir?: string;
  /** How profile and register files are read (default: from disk). */
  readText?: ReadText;
}

/** Caches profile loads by file (callers drop the cache when files change). */
export class ProfileResolver {
  private readonly cache = new Map<string, LoadedProfile | ProfileError>();

  constructor(private readonly options: ResolveOptions = {}) {}

  clear() {
    this.cache.clear();
  }

  /** The profile for a paper at `filePath`. Throws ProfileError. */
  forFile(filePath: string): LoadedProfile {
    const file = this.options.explicit ?? findProfileFile(path.dirname(path.resolve(filePath)));
    let loaded: LoadedProfile;
    if (!file) {
      loaded = { profile: DEFAULT_PROFILE, file: null, baseDir: this.options.defaultBaseDir ?? projectFolderOf(filePath), files: [] };
    } else {
      const key = path.resolve(file);
      let hit = this.cache.get(key);
      if (!hit) {
        try {
          hit = loadProfileFile(key, [], this.options.readText);
        } catch (e) {
          hit = e instanceof ProfileError ? e : new ProfileError(key, [{ file: key, key: '(file)', message: String(e), line: 0 }]);
        }
        this.cache.set(key, hit);
      }
      if (hit instanceof ProfileError) throw hit;
      loaded = hit;
    }
    const o = this.options.ruleOverrides;
    if (o && Object.keys(o).length) loaded = { ...loaded, profile: { ...loaded.profile, rules: { ...loaded.profile.rules, ...o } } };
    return loaded;
  }
}

/** What marks a project's top folder, for the built-in profile's `papers` globs (INTERFACES.md v2). */
const PROJECT_MARKERS = ['.git', 'package.json', PROFILE_FILE];

/**
 * The folder the built-in profile's `papers` globs are relative to: the
 * nearest folder at or above the paper's own holding `.git`, `package.json`
 * or `.boardpaper.yaml`, else the paper's own folder. Never the current
 * directory, so a file named on the command line gives the same findings
 * wherever the command is run from.
 */
export function projectFolderOf(filePath: string): string {
  const own = path.dirname(path.resolve(filePath));
  for (let d = own; ;) {
    if (PROJECT_MARKERS.some((m) => fs.existsSync(path.join(d, m)))) return d;
    const up = path.dirname(d);
    if (up === d) return own;
    d = up;
  }
}

/** Does the file match the profile's `papers` globs? (A document an agenda names is not a paper: node/agenda-documents.ts.) */
export function matchesPaperGlobs(filePath: string, loaded: LoadedProfile): boolean {
  const rel = path.relative(loaded.baseDir, path.resolve(filePath)).split(path.sep).join('/');
  if (rel.startsWith('../')) return false;
  return globMatcher(loaded.profile.papers)(rel) && !isAgendaDocument(filePath);
}

/**
 * The compiled matcher of a profile's `papers` globs, made once per list
 * (picomatch.isMatch compiles its patterns on every call: a third of a
 * millisecond a file, which a 1,000-paper check paid a thousand times).
 */
const matchers = new WeakMap<readonly string[], (s: string) => boolean>();
function globMatcher(globs: readonly string[]): (s: string) => boolean {
  let m = matchers.get(globs);
  if (!m) {
    m = picomatch([...globs], { dot: false });
    matchers.set(globs, m);
  }
  return m;
}

/**
 * `/^\s*[^\n]*\bid\b[^\n]*\btitle\b/i.test(text)` in linear time: on the
 * first line with a non-space character, "id" and, after it, "title".
 */
function idAndTitleOnFirstLine(text: string): boolean {
  const j = text.search(/\S/);
  if (j === -1) return false;
  const nl = text.indexOf('\n', j);
  const line = text.slice(j, nl === -1 ? text.length : nl);
  const id = /\bid\b/i.exec(line);
  return !!id && /\btitle\b/i.test(line.slice(id.index + 2));
}

/**
 * The first line written `id: <id>` (quoted or not), for each id: what
 * `lines.findIndex((l) => new RegExp(`\\bid\\s*:\\s*["']?${escaped id}["']?\\s*$`).test(l))`
 * gives, without a scan of every line for every entry (quadratic in the
 * register's size). Each line's `id:` values, with and without their quotes,
 * are indexed once; an id with leading or trailing spaces or quotes (which
 * the regex could match in more ways) is looked up with the regex itself.
 */
export function idLineIndex(lines: readonly string[]): (id: string) => number {
  const first = new Map<string, number>();
  const quote = (c: string | undefined) => c === '"' || c === "'";
  lines.forEach((l, n) => {
    const t = l.trimEnd().length;
    for (const m of l.matchAll(/\bid\s*:\s*/g)) {
      const s = m.index + m[0].length;
      for (const a of quote(l[s]) ? [s, s + 1] : [s]) {
        for (const b of quote(l[t - 1]) ? [t, t - 1] : [t]) if (b > a && !first.has(l.slice(a, b))) first.set(l.slice(a, b), n);
      }
    }
  });
  return (id) => {
    if (id === '' || /^[\s"']|[\s"']$/.test(id)) {
      const re = new RegExp(`\\bid\\s*:\\s*["']?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`);
      return lines.findIndex((l) => re.test(l));
    }
    return first.get(id) ?? -1;
  };
}
