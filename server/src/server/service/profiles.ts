/**
 * Which profile applies to which file: one ProfileResolver per workspace
 * folder (its settings: `boardPaper.profile`, `boardPaper.rules`), reading
 * profile and register files through the editor's unsaved buffers when they
 * are open. Also works out the problems to show on profile files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  findProfileFile,
  loadProfileFile,
  PROFILE_FILE,
  ProfileError,
  ProfileResolver,
  type LoadedProfile,
  type ProfileProblemAt,
  type ReadText,
} from '../../node/profile-loader';
import { DEFAULT_SETTINGS, type Settings } from '../settings';

export interface Folder {
  uri: string;
  /** File-system path. */
  path: string;
  name: string;
}

export type Resolved = { loaded: LoadedProfile; error: null } | { loaded: null; error: ProfileError };

export class Profiles {
  private folders: Folder[] = [];
  private globalSettings: Settings = DEFAULT_SETTINGS;
  private folderSettings = new Map<string, Settings>();
  private resolvers = new Map<string, ProfileResolver>();
  /** Profile files (roots) papers have been resolved to: where problems are looked for. */
  readonly roots = new Set<string>();
  /** Every file a loaded profile read (extended profiles, registers): editing one re-checks. */
  readonly inputs = new Set<string>();
  /** Bumped whenever profiles or settings may have changed; cached analyses keyed by it. */
  generation = 0;

  constructor(private readonly readText: ReadText) {}

  configure(folders: Folder[], global: Settings, perFolder: Map<string, Settings>): void {
    this.folders = [...folders].sort((a, b) => b.path.length - a.path.length);
    this.globalSettings = global;
    this.folderSettings = perFolder;
    this.resolvers.clear();
    this.generation++;
  }

  getFolders(): Folder[] {
    return [...this.folders].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Profile or register content changed: load again. */
  invalidate(): void {
    for (const r of this.resolvers.values()) r.clear();
    this.generation++;
  }

  folderOf(file: string | null): Folder | undefined {
    if (!file) return this.folders.at(-1);
    const abs = path.resolve(file);
    return this.folders.find((f) => abs === f.path || abs.startsWith(f.path.endsWith(path.sep) ? f.path : f.path + path.sep));
  }

  settingsFor(file: string | null): Settings {
    const f = this.folderOf(file);
    return (f && this.folderSettings.get(f.uri)) ?? this.globalSettings;
  }

  /** The explicit profile file from the settings, resolved against the folder. */
  explicitProfile(file: string | null): string | null {
    const s = this.settingsFor(file);
    if (!s.profile) return null;
    const base = this.folderOf(file)?.path ?? (file ? path.dirname(file) : process.cwd());
    return path.resolve(base, s.profile.replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~'));
  }

  resolverFor(file: string | null): ProfileResolver {
    const folder = this.folderOf(file);
    const key = folder?.uri ?? '';
    let r = this.resolvers.get(key);
    if (!r) {
      const s = this.settingsFor(file);
      r = new ProfileResolver({
        explicit: this.explicitProfile(file),
        ruleOverrides: s.rules,
        defaultBaseDir: folder?.path,
        readText: this.readText,
      });
      this.resolvers.set(key, r);
    }
    return r;
  }

  /** The profile file that governs `file` (null: the built-in default). */
  rootFor(file: string | null): string | null {
    const explicit = this.explicitProfile(file);
    if (explicit) return explicit;
    const dir = file ? path.dirname(path.resolve(file)) : this.folderOf(null)?.path;
    return dir ? findProfileFile(dir) : null;
  }

  resolve(file: string | null): Resolved {
    const target = file ?? path.join(this.folderOf(null)?.path ?? process.cwd(), 'untitled.md');
    const root = this.rootFor(target);
    if (root) this.roots.add(root);
    try {
      const loaded = this.resolverFor(file).forFile(target);
      for (const f of loaded.files) this.inputs.add(path.resolve(f));
      return { loaded, error: null };
    } catch (e) {
      const error =
        e instanceof ProfileError
          ? e
          : new ProfileError(root ?? target, [{ file: root ?? target, key: '(profile)', message: String((e as Error)?.message ?? e), line: 0 }]);
      for (const p of error.problems) this.inputs.add(path.resolve(p.file));
      return { loaded: null, error };
    }
  }

  /** Is this file a profile or something a profile reads? */
  isProfileInput(file: string): boolean {
    const abs = path.resolve(file);
    return (
      path.basename(abs) === PROFILE_FILE ||
      this.inputs.has(abs) ||
      this.roots.has(abs) ||
      [...this.folders].some((f) => this.explicitProfile(path.join(f.path, 'x.md')) === abs)
    );
  }

  /**
   * Problems of every known profile, by the file they are in. `extraRoots`
   * are profile files open in the editor (checked even when no paper uses
   * them yet).
   */
  problems(extraRoots: Iterable<string>): Map<string, ProfileProblemAt[]> {
    const out = new Map<string, ProfileProblemAt[]>();
    const roots = new Set<string>([...this.roots, ...[...extraRoots].map((f) => path.resolve(f))]);
    for (const f of this.folders) {
      const e = this.explicitProfile(path.join(f.path, 'x.md'));
      if (e) roots.add(e);
    }
    for (const root of roots) {
      if (!this.exists(root)) {
        // A vanished .boardpaper.yaml is no profile any more; an explicit one is an error.
        if (path.basename(root) === PROFILE_FILE && !this.isExplicit(root)) {
          this.roots.delete(root);
          continue;
        }
      }
      try {
        loadProfileFile(root, [], this.readText);
      } catch (e) {
        if (!(e instanceof ProfileError)) continue;
        for (const p of e.problems) {
          const file = path.resolve(p.file);
          const list = out.get(file) ?? [];
          if (!list.some((q) => q.key === p.key && q.message === p.message && q.line === p.line)) list.push(p);
          out.set(file, list);
        }
      }
    }
    return out;
  }

  private isExplicit(file: string): boolean {
    return this.folders.some((f) => this.explicitProfile(path.join(f.path, 'x.md')) === file) || this.explicitProfile(null) === file;
  }

  private exists(file: string): boolean {
    try {
      this.readText(file);
      return true;
    } catch {
      return fs.existsSync(file);
    }
  }
}
