/**
 * How open documents are created and changed from didOpen/didChange, checked
 * first: vscode-languageserver's TextDocuments trusts the client, so a
 * didOpen whose text is not a string, or a change whose range is not a range,
 * would leave a document that every later feature fails on (and a bad change
 * in the middle of a batch would apply half of it).
 *
 * - didOpen without a string uri and text, or without a numeric version, is
 *   refused (the document is not opened; the refusal is logged).
 * - didChange is all or nothing: if any change is malformed, none is applied.
 * - Out-of-range positions are clamped to the document before the change is
 *   applied (past the last line: the end; past the end of a line: the end of
 *   that line; negative: the start). TextDocument clamps offsets itself but
 *   not its line table, which a change "at line 99999" leaves with holes, so
 *   that later edits land in the wrong place.
 */
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

type Position = { line: number; character: number };

const isPosition = (p: unknown): p is Position => {
  const o = p as Position | null;
  return typeof o === 'object' && o !== null && Number.isInteger(o.line) && Number.isInteger(o.character);
};

function checkChange(c: unknown, i: number): TextDocumentContentChangeEvent {
  const o = c as { text?: unknown; range?: { start?: unknown; end?: unknown } } | null;
  if (typeof o !== 'object' || o === null || typeof o.text !== 'string')
    throw new Error(`textDocument/didChange: contentChanges[${i}] has no text; the change is ignored`);
  if (o.range === undefined) return { text: o.text };
  if (typeof o.range !== 'object' || o.range === null || !isPosition(o.range.start) || !isPosition(o.range.end)) {
    throw new Error(`textDocument/didChange: contentChanges[${i}].range is not a range; the change is ignored`);
  }
  return { range: { start: o.range.start, end: o.range.end }, text: o.text };
}

export const checkedTextDocuments: TextDocumentsConfiguration<TextDocument> = {
  create(uri, languageId, version, content) {
    if (typeof uri !== 'string' || typeof content !== 'string' || typeof version !== 'number') {
      throw new Error('textDocument/didOpen needs a uri, a version and the text; the document is not opened');
    }
    return TextDocument.create(uri, typeof languageId === 'string' ? languageId : '', version, content);
  },
  update(doc, changes, version) {
    if (!Array.isArray(changes)) throw new Error('textDocument/didChange: contentChanges is not a list; the change is ignored');
    if (typeof version !== 'number') throw new Error('textDocument/didChange: the version is not a number; the change is ignored');
    const checked = changes.map(checkChange);
    for (const c of checked) {
      if ('range' in c && c.range) {
        // Each change is relative to the text after the previous one.
        const clamp = (p: Position) => doc.positionAt(doc.offsetAt(p));
        TextDocument.update(doc, [{ range: { start: clamp(c.range.start), end: clamp(c.range.end) }, text: c.text }], version);
      } else TextDocument.update(doc, [c], version);
    }
    return doc;
  },
};
