/** The transports of `boardpaper-language-server`: --stdio (elsewhere), --socket=N, --node-ipc, and none. */
import * as assert from 'node:assert/strict';
import { fork, spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { serverPath } from './lsp-client';

async function initialize(conn: ProtocolConnection): Promise<InitializeResult> {
  conn.listen();
  const r = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} })) as InitializeResult;
  await conn.sendNotification('initialized', {});
  return r;
}

async function shutdown(conn: ProtocolConnection) {
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
}

describe('language server: transports', function () {
  this.timeout(20000);

  it('--socket=PORT connects to the port and speaks LSP', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
    const proc = spawn(process.execPath, [serverPath, `--socket=${port}`], { stdio: 'ignore' });
    try {
      const socket = await accepted;
      const conn = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
      const r = await initialize(conn);
      assert.equal(r.serverInfo?.name, 'boardpaper-language-server');
      assert.ok(r.capabilities.completionProvider);
      await shutdown(conn);
    } finally {
      proc.kill();
      server.close();
    }
  });

  it('--node-ipc speaks LSP over the IPC channel', async () => {
    const proc = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    try {
      const conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
      const r = await initialize(conn);
      assert.ok(r.capabilities.hoverProvider);
      assert.ok(r.capabilities.codeActionProvider);
      await shutdown(conn);
    } finally {
      proc.kill();
    }
  });

  it('with no transport it says how to start it and exits 2', () => {
    const r = spawnSync(process.execPath, [serverPath], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--stdio/);
    const v = spawnSync(process.execPath, [serverPath, '--version'], { encoding: 'utf8' });
    assert.equal(v.status, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+/);
  });
});
