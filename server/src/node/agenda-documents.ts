/**
 * Files an agenda names as documents (`kind: document`, `file: …`): the
 * minutes, an action log — Markdown without a cover sheet, rendered as it is
 * (MEETING.md). Such a file is not a board paper even when it matches the
 * profile's `papers` globs (the agenda lives beside the papers, so its
 * documents usually do too), and must not be told it lacks a cover sheet.
 *
 * The agenda files looked at: `agenda.yaml` in the file's folder and the two
 * folders above (a document may sit in a subfolder of the meeting's). Each
 * is read once per change (cached by modification time and size).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AGENDA_FILE, normaliseAgendaFile, parseAgenda } from '../core/agenda';
import { DEFAULT_PROFILE } from '../core/profile';

const cache = new Map<string, { sig: string; documents: Set<string> }>();

function documentsOf(agendaFile: string): Set<string> | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(agendaFile);
  } catch {
    cache.delete(agendaFile);
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const sig = `${st.mtimeMs}:${st.size}`;
  const hit = cache.get(agendaFile);
  if (hit && hit.sig === sig) return hit.documents;
  const documents = new Set<string>();
  try {
    // Only the items' kinds and files matter here: any profile reads them the same way.
    const { agenda } = parseAgenda(fs.readFileSync(agendaFile, 'utf8'), DEFAULT_PROFILE);
    const dir = path.dirname(agendaFile);
    for (const i of agenda.items) if (i.kind === 'document' && i.file) documents.add(path.join(dir, ...normaliseAgendaFile(i.file).split('/')));
  } catch {
    // unreadable: names no document
  }
  cache.set(agendaFile, { sig, documents });
  return documents;
}

/** Is the file named as a document by a nearby agenda.yaml? */
export function isAgendaDocument(filePath: string): boolean {
  const abs = path.resolve(filePath);
  let dir = path.dirname(abs);
  for (let level = 0; level < 3; level++) {
    if (documentsOf(path.join(dir, AGENDA_FILE))?.has(abs)) return true;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return false;
}
