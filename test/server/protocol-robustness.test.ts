/**
 * The server survives the protocol (issue 7): malformed JSON-RPC, unknown
 * methods, requests for documents that are not open, 1,000 edits a second,
 * documents closed mid-analysis, profiles that change while papers are open,
 * out-of-range edits, versions going backwards and repeated opens. Each test
 * ends by checking that the server still answers, and where diagnostics are
 * involved that the final set is exactly what `boardpaper check` says about
 * the final text.
 *
 * The malformed-message tests write raw bytes to the built server's stdin and
 * read everything it writes back, so that they can also check what it does
 * *not* send (no reply to a notification).
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  StreamMessageReader,
  type Diagnostic,
  type Message,
  type NotificationMessage,
  type RequestMessage,
  type ResponseMessage,
} from 'vscode-languageserver-protocol/node';
import { cliLines, diagnosticLines, messageOf, serverPath, TestClient, uri, workspace } from './lsp-client';
import { BODY_2024, CLEAN, paper } from './papers';

// ---------------------------------------------------------------------------
// A raw client: bytes in, every message out.

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

class RawServer {
  readonly messages: Message[] = [];
  readonly stderr: string[] = [];
  private waiters: (() => void)[] = [];
  private nextId = 1;

  private constructor(readonly proc: ChildProcess) {}

  static async start(folder: string): Promise<RawServer> {
    const proc = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const s = new RawServer(proc);
    proc.stderr!.on('data', (d) => s.stderr.push(String(d)));
    const reader = new StreamMessageReader(proc.stdout!);
    reader.listen((m) => {
      s.messages.push(m);
      const r = m as RequestMessage;
      // Requests from the server (configuration, registrations, progress): answer them.
      if (typeof r.method === 'string' && r.id !== undefined && r.id !== null) {
        const result = r.method === 'workspace/configuration' ? (r.params as { items: unknown[] }).items.map(() => null) : null;
        s.write(frame(JSON.stringify({ jsonrpc: '2.0', id: r.id, result })));
      }
      const w = s.waiters;
      s.waiters = [];
      for (const f of w) f();
    });
    const init = await s.request(
      'initialize',
      {
        processId: process.pid,
        rootUri: uri(folder),
        workspaceFolders: [{ uri: uri(folder), name: path.basename(folder) }],
        capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      },
      30000,
    ); // starting the server is not what is measured here: allow a busy machine
    assert.ok('result' in init, JSON.stringify(init));
    s.notify('initialized', {});
    return s;
  }

  write(data: string): void {
    this.proc.stdin!.write(data);
  }

  notify(method: string, params?: unknown): void {
    this.write(frame(JSON.stringify(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params })));
  }

  /** Send a request (or, with `raw`, exactly these bytes ahead of it) and wait for its response. */
  async request(method: string, params?: unknown, ms = 5000, raw = ''): Promise<ResponseMessage> {
    const id = this.nextId++;
    const msg: Record<string, unknown> = { jsonrpc: '2.0', id, method };
    if (params !== undefined) msg.params = params;
    this.write(raw + frame(JSON.stringify(msg)));
    return this.until(
      () => this.messages.find((m): m is ResponseMessage => (m as ResponseMessage).id === id && !('method' in m)),
      ms,
      `the answer to ${method} #${id}`,
    );
  }

  async until<T>(test: () => T | undefined, ms: number, what: string): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = test();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** Responses the server sent (excluding its own requests). */
  responses(): ResponseMessage[] {
    return this.messages.filter((m): m is ResponseMessage => !('method' in m) && 'id' in m);
  }

  diagnostics(u: string): Diagnostic[][] {
    return this.messages
      .filter(
        (m): m is NotificationMessage =>
          (m as NotificationMessage).method === 'textDocument/publishDiagnostics' && (m as NotificationMessage & { params: { uri: string } }).params.uri === u,
      )
      .map((m) => (m.params as { diagnostics: Diagnostic[] }).diagnostics);
  }

  alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async stop(): Promise<void> {
    if (this.alive()) {
      await this.request('shutdown', undefined, 2000).catch(() => undefined);
      this.notify('exit');
      await new Promise((r) => setTimeout(r, 50));
    }
    if (this.alive()) this.proc.kill();
  }
}

// ---------------------------------------------------------------------------
// What `boardpaper check --format json` says, in a form diagnostics compare with.

/** `boardpaper check --format json` of `files` (relative to `cwd`): one sorted list of lines per file. */
function cliFindings(cwd: string, files: string[]): Map<string, string[]> {
  const out = cliLines(cwd, files);
  for (const f of files) if (!out.has(f)) out.set(f, []);
  return out;
}

const asCli = diagnosticLines;

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code)).sort();

/** A small seeded generator (mulberry32): the same edits on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------

describe('language server: malformed JSON-RPC', function () {
  this.timeout(30000);
  let dir: string;
  let s: RawServer;
  let u: string;
  let symbols: unknown;

  before(async () => {
    dir = workspace({ 'papers/p.md': paper({ purpose: 'approval' }) });
    s = await RawServer.start(dir);
    u = uri(path.join(dir, 'papers/p.md'));
    s.notify('textDocument/didOpen', {
      textDocument: { uri: u, languageId: 'markdown', version: 1, text: fs.readFileSync(path.join(dir, 'papers/p.md'), 'utf8') },
    });
    await s.until(() => (s.diagnostics(u).at(-1)?.length ? true : undefined), 8000, 'diagnostics of the paper');
    const r = await s.request('textDocument/documentSymbol', { textDocument: { uri: u } });
    symbols = r.result;
    assert.ok(Array.isArray(symbols) && symbols.length > 3);
  });
  after(async () => {
    const stderr = s?.stderr.join('') ?? '';
    await s?.stop();
    assert.equal(stderr, '', 'nothing escaped to stderr (no uncaught exception)');
  });

  /** The paper's symbols, asked again: the server answers and its document is intact. */
  async function stillAnswers() {
    const r = await s.request('textDocument/documentSymbol', { textDocument: { uri: u } }, 3000);
    assert.deepEqual(r.result, symbols);
    assert.ok(s.alive());
  }

  it('skips bodies that are not JSON or not JSON-RPC, and answers the next request', async () => {
    const before = s.responses().length;
    for (const body of [
      '{"jsonrpc":"2.0","id":9999,"method":',
      'not json at all',
      '\u0000\u00ff\ufffd',
      '[]',
      '42',
      'null',
      '"text"',
      '{"foo":1}',
      '{"jsonrpc":"2.0","id":7777,"result":1}',
      '{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover"}',
      '{}',
      '',
    ]) {
      s.write(frame(body));
    }
    await stillAnswers();
    // Answered: only the one request; a response for a request never made is dropped.
    assert.equal(s.responses().length, before + 1);
  });

  for (const [name, header] of [
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'],
    ['a Content-Length that is not a number', 'Content-Length: lots\r\n\r\n'],
    ['a header line without a colon', 'garbage header line\r\n\r\n'],
  ] as const) {
    it(`a malformed header (${name}) followed in the same write by a valid request: that request is answered at once`, async () => {
      // Nothing else is sent after it: the answer must not wait for more input.
      const r = await s.request('textDocument/documentSymbol', { textDocument: { uri: u } }, 3000, header);
      assert.deepEqual(r.result, symbols);
    });
  }

  it('requests with the wrong parameter shapes get an answer (empty or an error), and the server keeps answering', async () => {
    const pos = { line: 8, character: 10 };
    const td = { uri: u };
    const cases: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { position: pos }],
      ['textDocument/hover', { textDocument: td, position: 5 }],
      ['textDocument/hover', { textDocument: td, position: { line: 'x', character: null } }],
      ['textDocument/hover', { textDocument: td, position: { line: 1e12, character: -1 } }],
      ['textDocument/hover', { textDocument: td, position: { line: 1.5, character: 2.5 } }],
      ['textDocument/hover', { textDocument: 'not an object', position: pos }],
      ['textDocument/completion', { textDocument: td, position: { line: -5, character: 1e9 } }],
      ['textDocument/completion', { textDocument: { uri: 42 }, position: pos }],
      ['textDocument/completion', null],
      ['textDocument/completion', [1, 2, 3]],
      ['textDocument/codeAction', { textDocument: td }],
      ['textDocument/codeAction', { textDocument: td, range: 3, context: 'x' }],
      ['textDocument/codeAction', { textDocument: td, range: { start: pos, end: pos }, context: { diagnostics: [{ range: 'x', data: { fix: 5 } }] } }],
      ['textDocument/codeAction', { textDocument: td, range: { start: pos, end: pos }, context: { diagnostics: 'x', only: 7 } }],
      ['textDocument/documentSymbol', { textDocument: 5 }],
      ['textDocument/documentSymbol', 'string'],
      ['textDocument/foldingRange', []],
      ['textDocument/foldingRange', { textDocument: { uri: null } }],
      ['textDocument/definition', { textDocument: td, position: { line: 1e12, character: -1 } }],
      ['textDocument/definition', { textDocument: td }],
      ['boardPaper/preview', {}],
      ['boardPaper/preview', { uri: 5 }],
      ['boardPaper/templateInfo', {}],
      ['boardPaper/templateInfo', { folderUri: 'http://example.com/' }],
      ['boardPaper/newPaper', {}],
      ['boardPaper/newPaper', { folderUri: uri(dir), title: 7, meeting: [], date: {}, purpose: null, objectives: 'SO1' }],
      ['boardPaper/meetings', 5],
      ['boardPaper/buildPack', {}],
      ['boardPaper/buildPack', { folderUri: uri(dir), meeting: 1, date: 2, part: 'neither', format: 'doc', outUri: uri(path.join(dir, 'out.pdf')) }],
    ];
    for (const [method, params] of cases) {
      const r = await s.request(method, params, 5000);
      const what = `${method} ${JSON.stringify(params)} → ${JSON.stringify(r).slice(0, 200)}`;
      if (r.error) {
        // -32803: LSP's RequestFailed (well-formed, but the job could not be done, e.g. no pack without a folder).
        assert.ok([-32602, -32603, -32600, -32803].includes(r.error.code), what);
        assert.ok(typeof r.error.message === 'string' && r.error.message.length > 0, what);
      } else {
        assert.ok('result' in r, what);
      }
    }
    await stillAnswers();
    // Nothing was written anywhere by the bad pack requests.
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.git', 'papers']);
  });

  it('notifications with bad parameters are ignored: no reply, open documents intact, a bad didOpen opens nothing', async () => {
    const before = s.responses().length;
    const n = uri(path.join(dir, 'papers/n.md'));
    const bad: [string, unknown][] = [
      ['textDocument/didOpen', {}],
      ['textDocument/didOpen', { textDocument: { uri: n, languageId: 'markdown', version: 1, text: 5 } }],
      ['textDocument/didOpen', { textDocument: { uri: 9, languageId: 'markdown', version: 1, text: 'x' } }],
      ['textDocument/didChange', { textDocument: { uri: u }, contentChanges: [{ text: 'no version' }] }],
      ['textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: 7 }] }],
      ['textDocument/didChange', { textDocument: { uri: u, version: 3 }, contentChanges: [{ range: 'x', text: 'y' }] }],
      [
        'textDocument/didChange',
        {
          textDocument: { uri: u, version: 4 },
          contentChanges: [{ range: { start: { line: 'a', character: 0 }, end: { line: 0, character: 0 } }, text: 'y' }],
        },
      ],
      [
        'textDocument/didChange',
        {
          textDocument: { uri: u, version: 5 },
          contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'ok' }, { text: null }],
        },
      ],
      ['textDocument/didChange', { textDocument: { uri: u, version: 6 }, contentChanges: 'x' }],
      ['textDocument/didChange', {}],
      ['textDocument/didClose', {}],
      ['textDocument/didSave', { textDocument: 1 }],
      ['workspace/didChangeWatchedFiles', { changes: 5 }],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 5, type: 'x' }, null] }],
      ['workspace/didChangeWatchedFiles', {}],
      ['workspace/didChangeConfiguration', null],
      ['workspace/didChangeConfiguration', { settings: { boardPaper: { rules: 'all off', profile: 5, diagnosticsDelay: -1 } } }],
      ['workspace/didChangeWorkspaceFolders', {}],
      ['workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 'http://x/' }], removed: 'y' } }],
      ['$/cancelRequest', {}],
      ['$/cancelRequest', { id: 'never sent' }],
      ['$/setTrace', 5],
      ['initialized', 'again'],
    ];
    for (const [method, params] of bad) s.notify(method, params);
    await stillAnswers();
    assert.equal(s.responses().length, before + 1, 'notifications are never answered');
    // The document opened with a number for its text was not opened.
    assert.equal(s.diagnostics(n).length, 0);
    const hover = await s.request('textDocument/hover', { textDocument: { uri: n }, position: { line: 0, character: 0 } });
    assert.equal(hover.result, null);
    // The open paper still has its text: its findings are unchanged.
    await sleep(400);
    assert.deepEqual(codes(s.diagnostics(u).at(-1)!), ['field-type']);
  });

  it('requests for documents that are not open (never opened, closed, not a file) get an empty answer', async () => {
    const closed = uri(path.join(dir, 'papers/closed.md'));
    s.notify('textDocument/didOpen', { textDocument: { uri: closed, languageId: 'markdown', version: 1, text: paper({ purpose: 'approval' }) } });
    s.notify('textDocument/didClose', { textDocument: { uri: closed } });
    const pos = { line: 8, character: 10 };
    for (const target of [uri(path.join(dir, 'papers/never-opened.md')), closed, 'untitled:Untitled-1', 'https://example.com/p.md']) {
      const td = { uri: target };
      const ask = async (method: string, params: unknown) => {
        const r = await s.request(method, params);
        assert.ok(!r.error, `${method} ${target}: ${JSON.stringify(r.error)}`);
        return r.result;
      };
      assert.equal(await ask('textDocument/hover', { textDocument: td, position: pos }), null);
      assert.equal(await ask('textDocument/completion', { textDocument: td, position: pos }), null);
      assert.equal(await ask('textDocument/definition', { textDocument: td, position: pos }), null);
      assert.deepEqual(await ask('textDocument/documentSymbol', { textDocument: td }), []);
      assert.deepEqual(await ask('textDocument/foldingRange', { textDocument: td }), []);
      assert.deepEqual(await ask('textDocument/codeAction', { textDocument: td, range: { start: pos, end: pos }, context: { diagnostics: [] } }), []);
      const preview = (await ask('boardPaper/preview', { uri: target })) as { html: string; isPaper: boolean };
      assert.equal(preview.isPaper, false);
      assert.match(preview.html, /not open/);
    }
    assert.deepEqual(s.diagnostics(closed).at(-1), [], 'the closed one is cleared');
    await stillAnswers();
  });

  it('unknown requests get MethodNotFound, unknown notifications (and $/ ones) nothing', async () => {
    const before = s.responses().length;
    s.notify('boardpaper/noSuchNotification', { x: 1 });
    s.notify('$/noSuchNotification', { x: 1 });
    s.notify('textDocument/noSuchThing');
    for (const m of ['boardpaper/noSuchRequest', 'textDocument/noSuchRequest', '$/noSuchRequest', '']) {
      const r = await s.request(m, {});
      assert.equal(r.error?.code, -32601, `${m}: ${JSON.stringify(r)}`);
    }
    await stillAnswers();
    assert.equal(s.responses().length, before + 5);
  });
});

describe('language server: editing under load', function () {
  this.timeout(60000);

  it('1,000 incremental edits in about a second (random places, some deletions): it keeps answering and the final diagnostics are those of `boardpaper check` on the final text', async () => {
    const base = paper(
      { purpose: 'approval', agenda_item: '10.10', date: '2024-05-08' },
      BODY_2024 + '\n## Finance\n\nThe ICB and the NHS will spend £4m on GP access. The SDEC unit opens in May.\n',
    );
    const dir = workspace({ 'papers/burst.md': base });
    const file = path.join(dir, 'papers/burst.md');
    const c = await TestClient.start({ folders: [dir] });
    try {
      const u = c.open(file, base);
      await c.diagnosticsFor(u, (d) => d.length > 0);
      const rnd = random(7);
      const doc = TextDocument.create(u, 'markdown', 1, base);
      const snippets = [
        'a',
        'e',
        ' ',
        'the ',
        'ICB ',
        'XYZ ',
        '\n',
        '\n\n',
        '## ',
        'purpose: ',
        ':',
        '-',
        '"',
        '[',
        '](',
        '*',
        '£',
        'é',
        '\r\n',
        '---\n',
        '  ',
      ];
      const answers: Promise<unknown>[] = [];
      const EDITS = 1000;
      const t0 = Date.now();
      let version = 1;
      for (let tick = 0; tick < 100; tick++) {
        for (let k = 0; k < 10; k++) {
          const text = doc.getText();
          const at = Math.floor(rnd() * (text.length + 1));
          let change: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };
          if (rnd() < 0.35 && text.length > 0) {
            // A deletion (sometimes a selection replaced).
            const end = Math.min(text.length, at + 1 + Math.floor(rnd() * 12));
            change = {
              range: { start: doc.positionAt(at), end: doc.positionAt(end) },
              text: rnd() < 0.3 ? snippets[Math.floor(rnd() * snippets.length)]! : '',
            };
          } else {
            change = { range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: snippets[Math.floor(rnd() * snippets.length)]! };
          }
          version++;
          TextDocument.update(doc, [change], version);
          c.notify('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [change] });
        }
        if (tick % 10 === 5) {
          const p = { line: Math.floor(rnd() * doc.lineCount), character: 3 };
          answers.push(c.request('textDocument/hover', { textDocument: { uri: u }, position: p }));
          answers.push(c.request('textDocument/completion', { textDocument: { uri: u }, position: p }));
          answers.push(c.request('textDocument/documentSymbol', { textDocument: { uri: u } }));
        }
        await sleep(Math.max(0, t0 + (tick + 1) * 10 - Date.now()));
      }
      const sent = Date.now() - t0;
      assert.equal(version, EDITS + 1);
      assert.ok(sent < 3000, `sent in ${sent} ms`);
      // Every request made during the burst was answered.
      const results = await Promise.all(answers);
      assert.equal(results.length, 30);
      const last = await c.until(() => (c.latest(u)?.version === version ? c.latest(u) : undefined), 15000, 'diagnostics for the final version');
      await sleep(500);
      assert.equal(c.latest(u), last, 'nothing published after the final version');
      // The final text, checked by the CLI.
      fs.writeFileSync(file, doc.getText());
      const want = cliFindings(dir, ['papers/burst.md']).get('papers/burst.md')!;
      assert.deepEqual(asCli(last.diagnostics), want);
      // No set published during the burst was for a version the server had not reached.
      const versions = c.diagnostics.get(u)!.map((p) => p.version!);
      assert.deepEqual(
        versions,
        [...versions].sort((a, b) => a - b),
        'versions only go up',
      );
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });

  it('documents closed mid-analysis: the last set for each is empty and nothing stale is published later', async () => {
    const big = paper({}, BODY_2024 + Array.from({ length: 300 }, (_, i) => `\n## Section ${i}\n\nThe ICB and XYZ${i} met on 12 May.\n`).join(''));
    const dir = workspace({ 'papers/keep.md': paper({ purpose: 'approval' }) });
    const c = await TestClient.start({ folders: [dir] });
    try {
      const keep = c.open(path.join(dir, 'papers/keep.md'));
      await c.diagnosticsFor(keep, (d) => d.length > 0);
      const uris: string[] = [];
      for (let round = 0; round < 40; round++) {
        const file = path.join(dir, `papers/closing-${round % 5}.md`);
        const u = c.open(file, round % 4 === 0 ? big : paper({ purpose: 'approval', agenda_item: `"${round}"` }));
        c.change(u, c.text(u).replace('title:', `extra_key_${round}: x\ntitle:`));
        if (round % 2) c.applyEdits(u, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: `another_${round}: y\n` }]);
        // A request in flight while it closes.
        void c.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 2 } });
        c.close(u);
        if (!uris.includes(u)) uris.push(u);
        if (round % 8 === 7) await sleep(30);
      }
      // The server handles messages in order: once this is answered, every close has been handled.
      await c.request('textDocument/documentSymbol', { textDocument: { uri: keep } });
      // Let every timer the server may have set run out.
      await sleep(1000);
      for (const u of uris) {
        const sets = c.diagnostics.get(u) ?? [];
        const history = sets.map((p) => `v${p.version}:${codes(p.diagnostics).join(',')}`).join(' ');
        assert.ok(sets.length > 0, `${u}: cleared at least once`);
        assert.deepEqual(sets.at(-1)!.diagnostics, [], `${path.basename(u)}: the last set is empty (${history})`);
      }
      // Later work on other papers publishes nothing for the closed ones.
      const counts = uris.map((u) => c.diagnostics.get(u)!.length);
      c.change(keep, c.text(keep).replace('purpose: approval', 'purpose: approve'));
      assert.ok(!codes(await c.diagnosticsFor(keep)).includes('field-type'));
      await sleep(400);
      assert.deepEqual(
        uris.map((u) => c.diagnostics.get(u)!.length),
        counts,
      );
      // Opened again with other text: diagnostics for that text, nothing from before.
      const again = c.open(path.join(dir, 'papers/closing-0.md'), paper({ agenda_item: '10.10' }));
      assert.deepEqual(codes(await c.diagnosticsFor(again, (d) => d.length > 0)), ['agenda-item-number']);
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });
});

describe('language server: odd edits', function () {
  this.timeout(30000);

  it('edits with out-of-range positions are clamped to the document, and later edits land where they should', async () => {
    const dir = workspace({ 'papers/p.md': CLEAN });
    const c = await TestClient.start({ folders: [dir] });
    try {
      const u = c.open(path.join(dir, 'papers/p.md'), CLEAN);
      assert.deepEqual(await c.diagnosticsFor(u), []);
      const at = (line: number, character: number) => ({ line, character });
      const changes = [
        // Past the last line: appended at the end. (As many line breaks as the range spans lines:
        // unclamped, this leaves TextDocument's line table 99,995 lines long and the next edit
        // near the end lands at the start of the document.)
        { range: { start: at(99990, 0), end: at(99994, 7) }, text: '\n## Appended far away\n\nWords for it.\n' },
        // Past the end of line 1 (the title): at the end of that line, before its line break.
        { range: { start: at(1, 9999), end: at(1, 9999) }, text: '\nextra_key_one: 1' },
        // Negative: the start of the document (an empty edit, so nothing changes).
        { range: { start: at(-3, -3), end: at(-1, 0) }, text: '' },
        // End before start: the range is read the right way round.
        { range: { start: at(0, 3), end: at(0, 0) }, text: '---' },
      ];
      let v = 1;
      for (const ch of changes) c.notify('textDocument/didChange', { textDocument: { uri: u, version: ++v }, contentChanges: [ch] });
      const lines = CLEAN.split('\n');
      lines.splice(2, 0, 'extra_key_one: 1');
      let expected = lines.join('\n') + '\n## Appended far away\n\nWords for it.\n';
      // Normal edits after them, placed from the expected text: on the purpose value, and on the last line.
      const pl = expected.split('\n').findIndex((l) => l.startsWith('purpose: '));
      c.notify('textDocument/didChange', {
        textDocument: { uri: u, version: ++v },
        contentChanges: [{ range: { start: at(pl, 9), end: at(pl, 13) }, text: 'approval' }],
      });
      expected = expected.replace(/^purpose: note$/m, 'purpose: approval');
      const ll = expected.split('\n').indexOf('Words for it.');
      c.notify('textDocument/didChange', {
        textDocument: { uri: u, version: ++v },
        contentChanges: [{ range: { start: at(ll, 13), end: at(ll, 13) }, text: ' More words.' }],
      });
      expected = expected.replace('Words for it.', 'Words for it. More words.');
      const last = await c.until(() => (c.latest(u)?.version === v ? c.latest(u) : undefined), 8000, 'the final version');
      const have = codes(last.diagnostics);
      assert.ok(have.includes('field-type') && have.includes('unknown-field'), JSON.stringify(have));
      assert.equal(last.diagnostics.find((d) => d.code === 'unknown-field')!.range.start.line, 2);
      fs.writeFileSync(path.join(dir, 'papers/p.md'), expected);
      assert.deepEqual(asCli(last.diagnostics), cliFindings(dir, ['papers/p.md']).get('papers/p.md'));
    } finally {
      await c.stop();
    }
  });

  it('versions that go backwards or repeat, and a second didOpen of an open document: the latest text is what is checked', async () => {
    const dir = workspace({ 'papers/p.md': CLEAN });
    const c = await TestClient.start({ folders: [dir] });
    try {
      const u = uri(path.join(dir, 'papers/p.md'));
      const withKey = (k: string) => CLEAN.replace('title:', `${k}: x\ntitle:`);
      const keyOf = (d: Diagnostic[]) =>
        d
          .map(messageOf)
          .join(' ')
          .match(/extra_\w+/)?.[0];
      const sendAndWait = async (method: string, version: number, key: string) => {
        const text = withKey(key);
        if (method === 'open') c.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version, text } });
        else c.notify('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ text }] });
        const p = await c.until(
          () => {
            const l = c.latest(u);
            return l && l.version === version && keyOf(l.diagnostics) === key ? l : undefined;
          },
          8000,
          `diagnostics naming ${key} (version ${version})`,
        );
        assert.deepEqual(codes(p.diagnostics), ['unknown-field']);
      };
      await sendAndWait('open', 10, 'extra_a');
      await sendAndWait('change', 5, 'extra_b'); // backwards
      await sendAndWait('change', 3, 'extra_c'); // backwards again
      await sendAndWait('change', 3, 'extra_d'); // the same version, other text
      await sendAndWait('open', 3, 'extra_e'); // opened again, not closed, same version
      await sendAndWait('open', 1, 'extra_f'); // and again, lower
      // Features read the latest text too.
      const syms = await c.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
      assert.ok(JSON.stringify(syms).includes('Recovery'), JSON.stringify(syms).slice(0, 200));
      c.close(u);
      await c.until(() => (c.latest(u)?.diagnostics.length === 0 ? true : undefined), 5000, 'cleared');
    } finally {
      await c.stop();
    }
  });
});

describe('language server: profiles changing while papers are open', function () {
  this.timeout(60000);
  const CHANGED = 2;
  const DELETED = 3;

  /** Both open papers' diagnostics equal `boardpaper check` of them with the profile now on disk. */
  async function matchesCli(c: TestClient, dir: string, files: string[], what: string) {
    const want = cliFindings(dir, files);
    for (const f of files) {
      const u = uri(path.join(dir, f));
      const expected = want.get(f)!;
      await c.until(
        () => {
          const l = c.latest(u);
          return l && JSON.stringify(asCli(l.diagnostics)) === JSON.stringify(expected) ? true : undefined;
        },
        8000,
        `${what}: ${f} as the CLI checks it (${JSON.stringify(expected)}; have ${JSON.stringify(asCli(c.latest(u)?.diagnostics ?? []))})`,
      );
    }
  }

  it('on disk (workspace/didChangeWatchedFiles): the open papers follow each version of the profile; an invalid one is reported on the profile, and fixing it recovers', async () => {
    const files = ['papers/a.md', 'papers/b.md'];
    const dir = workspace({
      '.boardpaper.yaml': 'organisation: Test ICB\n',
      'papers/a.md': paper({ purpose: 'approval', agenda_item: '10.10', strategic_objectives: '[SO1, P1]' }),
      'papers/b.md': paper({ agenda_item: '"11"', meeting: 'Exec Team' }),
    });
    const profile = path.join(dir, '.boardpaper.yaml');
    const profileUri = uri(profile);
    const c = await TestClient.start({ folders: [dir] });
    try {
      const [a, b] = files.map((f) => c.open(path.join(dir, f)));
      await matchesCli(c, dir, files, 'the first profile');
      assert.ok(codes(c.latest(a!)!.diagnostics).includes('field-type'));
      const write = (text: string | null) => {
        if (text === null) fs.rmSync(profile);
        else {
          // As an editor saves: the new version appears whole (written beside, then renamed), so
          // the server, which may still be reading the previous version, never reads half a file.
          fs.writeFileSync(`${profile}.tmp`, text);
          fs.renameSync(`${profile}.tmp`, profile);
        }
        c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: profileUri, type: text === null ? DELETED : CHANGED }] });
      };
      // Rules switched off, objectives and committees of the organisation's own.
      write('organisation: Test ICB\nrules:\n  field-type: "off"\nstrategic_objectives:\n  P1: Patients first\ncommittees:\n  - name: Exec Team\n');
      await matchesCli(c, dir, files, 'rules off, own objectives');
      assert.ok(!codes(c.latest(a!)!.diagnostics).includes('field-type'));
      // Several versions in quick succession: the last one counts.
      for (const words of [100, 200, 300, 10]) write(`organisation: Test ICB\nexecutive_summary_words: ${words}\n`);
      await matchesCli(c, dir, files, 'the last of a quick series');
      // Broken YAML: a clear error on the profile, at its line; the papers show no rule findings.
      write('organisation: Test ICB\nrules:\n  field-type: [off\n');
      const pd = await c.until(() => (c.latest(profileUri)?.diagnostics.length ? c.latest(profileUri)!.diagnostics : undefined), 8000, 'profile error');
      assert.equal(pd[0]!.severity, 1);
      assert.ok(pd[0]!.range.start.line >= 2, JSON.stringify(pd));
      assert.ok(messageOf(pd[0]!).length > 10, messageOf(pd[0]!));
      await c.until(() => (c.latest(a!)!.diagnostics.length === 0 && c.latest(b!)!.diagnostics.length === 0 ? true : undefined), 8000, 'papers cleared');
      await c.until(() => (c.messages.some((m) => m.type === 2 && /profile/.test(m.message)) ? true : undefined), 5000, 'a warning');
      // An invalid value (well-formed YAML): also an error, on its line.
      write('organisation: Test ICB\nexecutive_summary_words: many\n');
      await c.until(
        () => (c.latest(profileUri)?.diagnostics.some((d) => d.range.start.line === 1 && /executive_summary_words/.test(messageOf(d))) ? true : undefined),
        8000,
        'value error',
      );
      // Fixed: the error goes, the papers are checked again.
      write('organisation: Test ICB\nexecutive_summary_words: 250\n');
      await c.until(() => (c.latest(profileUri)?.diagnostics.length === 0 ? true : undefined), 8000, 'profile error cleared');
      await matchesCli(c, dir, files, 'fixed');
      // Deleted: the built-in profile again.
      write(null);
      await matchesCli(c, dir, files, 'deleted');
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });

  it('open in the editor and edited (incremental changes): the open papers follow the unsaved text; an invalid edit is reported and recovers', async () => {
    const files = ['papers/a.md', 'papers/b.md'];
    const dir = workspace({
      '.boardpaper.yaml': 'organisation: Test ICB\nrules:\n  agenda-item-number: warning\n',
      'papers/a.md': paper({ purpose: 'approval', agenda_item: '10.10' }),
      'papers/b.md': paper({ agenda_item: '"11"', purpose: 'approval' }),
    });
    const profile = path.join(dir, '.boardpaper.yaml');
    const c = await TestClient.start({ folders: [dir] });
    try {
      const [a, b] = files.map((f) => c.open(path.join(dir, f)));
      await matchesCli(c, dir, files, 'from disk');
      const prof = c.open(profile, undefined, 'yaml');
      // `warning` → `off`, typed as an incremental edit.
      const at = (line: number, character: number) => ({ line, character });
      c.applyEdits(prof, [{ range: { start: at(2, 22), end: at(2, 29) }, newText: '"off"' }]);
      assert.equal(c.text(prof), 'organisation: Test ICB\nrules:\n  agenda-item-number: "off"\n');
      fs.writeFileSync(profile, c.text(prof)); // what the CLI will read; the server reads the editor's text
      await matchesCli(c, dir, files, 'edited');
      assert.ok(!codes(c.latest(a!)!.diagnostics).includes('agenda-item-number'));
      // Half-typed: an unclosed quote. A clear error on the profile document, papers not checked.
      c.applyEdits(prof, [{ range: { start: at(3, 0), end: at(3, 0) }, newText: '  field-type: "of' }]);
      const pd = await c.until(() => (c.latest(prof)?.diagnostics.length ? c.latest(prof)!.diagnostics : undefined), 8000, 'profile error');
      assert.equal(pd[0]!.severity, 1);
      assert.ok(messageOf(pd[0]!).length > 10);
      await c.until(() => (c.latest(a!)!.diagnostics.length === 0 && c.latest(b!)!.diagnostics.length === 0 ? true : undefined), 8000, 'papers cleared');
      // Finished typing: recovers with the new rule in force.
      c.applyEdits(prof, [{ range: { start: at(3, 17), end: at(3, 17) }, newText: 'f"\n' }]);
      assert.equal(c.text(prof), 'organisation: Test ICB\nrules:\n  agenda-item-number: "off"\n  field-type: "off"\n');
      fs.writeFileSync(profile, c.text(prof));
      await c.until(() => (c.latest(prof)?.diagnostics.length === 0 ? true : undefined), 8000, 'profile error cleared');
      await matchesCli(c, dir, files, 'fixed');
      assert.deepEqual(codes(c.latest(a!)!.diagnostics), []);
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });
});
