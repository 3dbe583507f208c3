/**
 * Inline rule control (FORMAT.md): `boardpaper-disable`, `-enable` and
 * `-disable-next-line` HTML comments.
 */
import type { Directive } from './paper';

export interface Suppressor {
  isSuppressed(rule: string, line: number, paperWide: boolean): boolean;
}

export function suppressor(directives: readonly Directive[]): Suppressor {
  const ordered = [...directives].sort((a, b) => a.line - b.line);
  const applies = (d: Directive, rule: string) => d.rules.length === 0 || d.rules.includes(rule);
  return {
    isSuppressed(rule, line, paperWide) {
      let off = false;
      let lastOff = false; // state at the end of the file
      for (const d of ordered) {
        if (!applies(d, rule)) continue;
        if (d.kind === 'disable-next-line') {
          if (d.line + 1 === line) return true;
          continue;
        }
        const state = d.kind === 'disable';
        if (d.line <= line) off = state;
        lastOff = state;
      }
      return off || (paperWide && lastOff);
    },
  };
}
