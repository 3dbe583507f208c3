/** Small file-system helpers shared by the CLI, the pack and the server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';

/** Write via a temporary file and rename, so a reader never sees half a file. */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { exclusive?: boolean } = {}): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, data, { flag: 'wx' });
  try {
    if (options.exclusive && fs.existsSync(file)) throw Object.assign(new Error(`${file} already exists`), { code: 'EEXIST' });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
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
