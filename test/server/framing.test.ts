/**
 * The server's own framing (server/src/server/framing.ts): well-framed
 * messages pass whole, whatever the chunking; a malformed header block is
 * dropped and reported, and the bytes after it are read at once.
 */
import * as assert from 'node:assert/strict';
import { contentLength, RecoveringFraming } from '../../server/src/server/framing';

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`;
}

/** Feed `chunks` through the framing; return what it passed on and what it reported. */
function run(chunks: (string | Buffer)[]): { out: string; problems: string[] } {
  const problems: string[] = [];
  const f = new RecoveringFraming((p) => problems.push(p));
  const parts: Buffer[] = [];
  f.on('data', (d: Buffer) => parts.push(d));
  for (const c of chunks) f.write(c);
  return { out: Buffer.concat(parts).toString('utf8'), problems };
}

const A = '{"jsonrpc":"2.0","id":1,"method":"a","params":{"t":"é ✓"}}';
const B = '{"jsonrpc":"2.0","id":2,"method":"b"}';
const reframed = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('server framing (our own reader in front of vscode-jsonrpc)', () => {
  it('passes valid messages on, re-framed, at every split of the input', () => {
    const input = Buffer.from(frame(A) + frame(B));
    for (let i = 0; i <= input.length; i++) {
      const r = run([input.subarray(0, i), input.subarray(i)]);
      assert.equal(r.out, reframed(A) + reframed(B), `split at ${i}`);
      assert.deepEqual(r.problems, []);
    }
  });

  it('drops a malformed header and reads the valid message after it in the same chunk', () => {
    for (const bad of ['Content-Type: x\r\n\r\n', 'Content-Length: lots\r\n\r\n', 'garbage header line\r\n\r\n']) {
      const r = run([bad + frame(B)]);
      assert.equal(r.out, reframed(B), bad);
      assert.equal(r.problems.length, 1, bad);
    }
  });

  it('bounds a header that never ends', () => {
    const r = run(['x'.repeat(70 * 1024), frame(B)]);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!, /no end of header/);
  });

  it('reads Content-Length case-insensitively and says why a header cannot be used', () => {
    assert.equal(contentLength('content-length: 12'), 12);
    assert.equal(contentLength('Content-Length: 12\r\nContent-Type: a'), 12);
    assert.match(String(contentLength('Content-Type: a')), /no Content-Length/);
    assert.match(String(contentLength('Content-Length: -1')), /not a number/);
  });
});
