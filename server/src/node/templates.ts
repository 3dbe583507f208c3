/** Workspace templates: `.boardpaper/templates/NAME.md` in a folder or any ancestor. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const TEMPLATE_DIR = '.boardpaper/templates';

export function findTemplate(fromDir: string, name: string): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/.test(name) || name.includes('..')) return null;
  let d = path.resolve(fromDir);
  for (;;) {
    const f = path.join(d, TEMPLATE_DIR, `${name}.md`);
    if (fs.existsSync(f)) return f;
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
}

/** Every template visible from a folder, nearest first (for the VS Code picker). */
export function listTemplates(fromDir: string): { name: string; file: string }[] {
  const out: { name: string; file: string }[] = [];
  const seen = new Set<string>();
  let d = path.resolve(fromDir);
  for (;;) {
    const dir = path.join(d, TEMPLATE_DIR);
    if (fs.existsSync(dir)) {
      for (const f of fs.readdirSync(dir).sort()) {
        if (!f.endsWith('.md')) continue;
        const name = f.slice(0, -3);
        if (seen.has(name)) continue;
        seen.add(name);
        out.push({ name, file: path.join(dir, f) });
      }
    }
    const up = path.dirname(d);
    if (up === d) return out;
    d = up;
  }
}
