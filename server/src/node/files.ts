/** Small file-system helpers shared by the CLI, the pack and the server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';

/**
 * Write via a temporary file in the same folder and a rename, so a reader
 * never sees half a file. With `exclusive`, the file is put in place with a
 * hard link, which fails (EEXIST) if the file exists by then: no window
 * between a check and the rename in which another writer's file could be
 * replaced. Where hard links are not supported, a check and a rename.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { exclusive?: boolean } = {}): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, data, { flag: 'wx' });
  try {
    if (!options.exclusive) return fs.renameSync(tmp, file);
    try {
      fs.linkSync(tmp, file);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw Object.assign(new Error(`${file} already exists`), { code: 'EEXIST' });
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
    }
    if (fs.existsSync(file)) throw Object.assign(new Error(`${file} already exists`), { code: 'EEXIST' });
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Markdown files under a folder (no node_modules, no hidden folders). */
export function markdownFilesUnder(dir: string): string[] {
  return fg
    .sync('**/*.md', { cwd: dir, ignore: ['**/node_modules/**'], dot: false, followSymbolicLinks: false, onlyFiles: true })
    .sort((a, b) => a.localeCompare(b))
    .map((rel) => path.join(dir, rel));
}

export function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}
