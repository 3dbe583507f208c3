/** Shared by the Word tests: fixtures, word multisets, a reference reading of a .docx by python-docx. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const fixture = (name: string) => path.join(FIXTURES, name);

/** Words as a governance officer counts them: letters and digits, lower case. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(Boolean);
}

/** a − b as multisets: the words of a that b does not hold (as often). */
export function missingWords(a: string[], b: string[]): string[] {
  const have = new Map<string, number>();
  for (const w of b) have.set(w, (have.get(w) ?? 0) + 1);
  const out: string[] = [];
  for (const w of a) {
    const n = have.get(w) ?? 0;
    if (n > 0) have.set(w, n - 1);
    else out.push(w);
  }
  return out;
}

/** The front-matter and body of a paper's text. */
export function splitPaper(text: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return { data: {}, body: text };
  return { data: (jsyaml.load(m[1]!) as Record<string, unknown>) ?? {}, body: m[2]! };
}

/** The body's words as read, without HTML comments (rule directives are not words of the paper). */
export function bodyWords(body: string): string[] {
  return words(body.replace(/<!--[\s\S]*?-->/g, ' ').replace(/\]\([^)]*\)/g, ']'));
}

/**
 * Every paragraph and table cell of a .docx as python-docx (Debian's
 * python3-docx, not our importer) reads them, in document order.
 */
export function pythonDocxText(file: string): { paragraphs: string[]; cells: string[] } {
  const script = [
    'import docx, json, sys',
    'd = docx.Document(sys.argv[1])',
    'cells = []',
    'for t in d.tables:',
    '    seen = set()',
    '    for r in t.rows:',
    '        for c in r.cells:',
    '            if id(c._tc) in seen: continue',
    '            seen.add(id(c._tc)); cells.append(c.text)',
    'print(json.dumps({"paragraphs": [p.text for p in d.paragraphs], "cells": cells}))',
  ].join('\n');
  const py = pythonWithDocx();
  if (!py) throw new Error('python3-docx is not installed');
  const r = spawnSync(py, ['-c', script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3-docx could not read ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

let python: string | null | undefined;
/** A python3 that has python-docx (Debian's python3-docx lives beside the system python). */
export function pythonWithDocx(): string | null {
  if (python !== undefined) return python;
  python = null;
  for (const p of ['python3', '/usr/bin/python3']) {
    if (p.startsWith('/') && !fs.existsSync(p)) continue;
    if (spawnSync(p, ['-c', 'import docx'], { encoding: 'utf8' }).status === 0) return (python = p);
  }
  return python;
}
