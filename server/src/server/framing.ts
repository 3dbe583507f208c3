/**
 * Message framing that recovers from a malformed header at once.
 *
 * vscode-jsonrpc's stream reader (9.x), on a header block it cannot use (no
 * `Content-Length`, a length that is not a number, a line without `:`),
 * reports the error and returns with the rest of the chunk unread: a valid
 * message that arrived in the same read then waits until the client sends
 * something else, so a client waiting for its answer hangs. Here the reader
 * goes on with the bytes it already holds after such an error, as it would
 * have had they arrived in the next read.
 *
 * The patch relies on the reader's internals (`onData`, `buffer`,
 * `nextMessageLength`); if a later version renames them it does nothing, and
 * test/server/protocol-robustness.test.ts ("a malformed header …") fails.
 */
import { ReadableStreamMessageReader } from 'vscode-languageserver/node';

interface ReaderInternals {
  onData(data: Uint8Array | string): void;
  buffer?: { numberOfBytes: number };
  nextMessageLength?: number;
}

const EMPTY = new Uint8Array(0);
let patched = false;

export function recoverFromBadHeaders(): void {
  const proto = ReadableStreamMessageReader.prototype as unknown as ReaderInternals;
  if (patched || typeof proto.onData !== 'function') return;
  patched = true;
  const onData = proto.onData;
  proto.onData = function (this: ReaderInternals, data: Uint8Array | string) {
    onData.call(this, data);
    // Bytes left with no message under way: the loop stopped on a bad header
    // (it consumed the header, so the count went down) or the next header is
    // still incomplete (nothing consumed: stop and wait for more data).
    for (let guard = 0; guard < 10_000; guard++) {
      const before = this.buffer?.numberOfBytes ?? 0;
      if (before === 0 || this.nextMessageLength !== -1) return;
      onData.call(this, EMPTY);
      if ((this.buffer?.numberOfBytes ?? 0) >= before) return;
    }
  };
}
