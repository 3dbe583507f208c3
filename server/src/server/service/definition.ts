/**
 * Go to definition: a risk ID to its row in the register file, a committee
 * name to its entry in the profile (.boardpaper.yaml). The built-in default
 * profile has no file: nothing to go to.
 */
import * as path from 'node:path';
import type { Location, Position } from 'vscode-languageserver';
import { findCommittee, normaliseName } from '../../core/profile';
import { scalarText } from '../../core/yaml';
import type { ReadText } from '../../node/profile-loader';
import { frontmatterRegion, nodeAt } from './cursor';
import type { DocumentModel } from './model';
import { fileUri } from './workspace-index';

export function definition(model: DocumentModel, position: Position, readText: ReadText): Location | null {
  const loaded = model.loaded;
  if (!loaded) return null;
  const offset = model.lines.offset(position);
  const region = frontmatterRegion(model.paper);
  if (!region || offset < region.start || offset > region.end) return null;
  const hit = nodeAt(model.paper.cover, offset);
  if (!hit || hit.onKey) return null;
  const p = hit.path;
  const value = scalarText(hit.node);
  if (!value) return null;

  if (p[0] === 'risks' && p[1] === 'items' && typeof p[2] === 'number' && p[3] === 'id') {
    const reg = loaded.profile.risk_register;
    const e = reg?.entries.find((r) => r.id === value);
    if (!reg || !e || e.line === undefined) return null;
    const file = path.resolve(loaded.baseDir, reg.file);
    let len = 0;
    try {
      len = (readText(file).split(/\r\n|\r|\n/)[e.line] ?? '').length;
    } catch {
      /* the register moved: still point at the line */
    }
    return { uri: fileUri(file), range: { start: { line: e.line, character: 0 }, end: { line: e.line, character: len } } };
  }

  const isMeeting = (p.length === 1 && p[0] === 'meeting') || (p.length === 3 && p[0] === 'committee_history' && p[2] === 'meeting');
  if (isMeeting && loaded.file) {
    const c = findCommittee(loaded.profile, value);
    if (!c) return null;
    const register = loaded.profile.risk_register ? path.resolve(loaded.baseDir, loaded.profile.risk_register.file) : null;
    // The most specific profile file that sets `committees` defines them.
    const profiles = loaded.files.map((f) => path.resolve(f)).filter((f) => f !== register).reverse();
    for (const file of profiles) {
      let text: string;
      try {
        text = readText(file);
      } catch {
        continue;
      }
      const loc = committeeEntry(text, c.name);
      if (loc) return { uri: fileUri(file), range: loc };
    }
  }
  return null;
}

/** The line of `name` inside the top-level `committees:` list of a profile's text. */
function committeeEntry(text: string, name: string): Location['range'] | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const start = lines.findIndex((l) => /^committees\s*:/.test(l));
  if (start === -1) return null;
  const want = normaliseName(name);
  // Flow style on one line: committees: [A, B]
  const flow = /^committees\s*:\s*\[(.*)\]/.exec(lines[start]!);
  if (flow) {
    const at = lines[start]!.indexOf(name);
    return at === -1 ? null : { start: { line: start, character: at }, end: { line: start, character: at + name.length } };
  }
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\S/.test(l) && !/^-/.test(l)) break; // next top-level key
    const m = /^(\s*-?\s*(?:name\s*:\s*)?)(["']?)(.+?)\2\s*(?:#.*)?$/.exec(l);
    if (!m || !/^\s*-|name\s*:/.test(m[1]!)) continue;
    if (/^\s*-\s*\w+\s*:/.test(l) && !/name\s*:/.test(l)) continue; // `- aliases: …` and the like
    if (normaliseName(m[3]!) === want) {
      const ch = m[1]!.length + m[2]!.length;
      return { start: { line: i, character: ch }, end: { line: i, character: ch + m[3]!.length } };
    }
  }
  return null;
}
