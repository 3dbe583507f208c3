/**
 * Message framing that recovers from a malformed header at once.
 *
 * vscode-jsonrpc's stream reader (9.x), on a header block it cannot use (no
 * `Content-Length`, a length that is not a number, a line without `:`),
 * reports the error and returns with the rest of the chunk unread: a valid
 * message that arrived in the same read then waits until the client sends
 * something else, so a client waiting for its answer hangs (the same recovery
 * was declined upstream).
 *
 * Rather than patch the library, standard input goes through this stream of
 * our own first: it passes on every well-framed message (re-framed with just
 * its `Content-Length`), and drops a malformed header block — reporting it on
 * standard error — then goes on at once with the bytes after it. The
 * library's reader therefore only ever sees valid framing, and it is used
 * through its public API alone (`createConnection(…, input, output)`).
 *
 * Invariants: bytes are consumed exactly once (linear in the input); a body is
 * passed on whole or not at all; a header block is bounded (64 KiB) so a
 * client that never sends `\r\n\r\n` cannot grow the buffer without end.
 * test/server/protocol-robustness.test.ts ("a malformed header …") and
 * test/server/framing.test.ts hold it.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER = 64 * 1024;

export class RecoveringFraming extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  /** Body length of the message under way, or -1 while reading a header. */
  private need = -1;

  constructor(private readonly report: (problem: string) => void = (p) => process.stderr.write(`boardpaper-language-server: ${p}\n`)) {
    super();
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, done: TransformCallback): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, Buffer.from(chunk)]) : Buffer.from(chunk);
    let at = 0;
    for (;;) {
      if (this.need >= 0) {
        if (this.buf.length - at < this.need) break;
        const body = this.buf.subarray(at, at + this.need);
        this.push(Buffer.concat([Buffer.from(`Content-Length: ${this.need}\r\n\r\n`, 'ascii'), body]));
        at += this.need;
        this.need = -1;
        continue;
      }
      const end = this.buf.indexOf(HEADER_END, at);
      if (end < 0) {
        if (this.buf.length - at > MAX_HEADER) {
          this.report(`dropped ${this.buf.length - at} bytes with no end of header`);
          at = this.buf.length;
        }
        break;
      }
      const length = contentLength(this.buf.toString('ascii', at, end));
      at = end + HEADER_END.length;
      if (typeof length === 'string') this.report(`dropped a malformed message header: ${length}`);
      else this.need = length;
    }
    this.buf = at >= this.buf.length ? Buffer.alloc(0) : this.buf.subarray(at);
    done();
  }
}

/** The Content-Length of a header block, or why the block cannot be used. */
export function contentLength(header: string): number | string {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `a header line without ":" (${JSON.stringify(line.slice(0, 40))})`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const v = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(v)) return `Content-Length is not a number (${JSON.stringify(v.slice(0, 40))})`;
    length = Number(v);
  }
  return length ?? 'no Content-Length';
}
