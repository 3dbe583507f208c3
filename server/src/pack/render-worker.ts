/**
 * Worker thread of the HTML pack's render pool (render-pool.ts), bundled on
 * its own as dist/pack-worker.js. While the main thread analyses the
 * meeting's papers, it parses bodies (GFM) ahead; then it renders the bodies
 * the main thread asks for with packBodyHtml, the function the main thread
 * itself uses, from the text the main thread analysed.
 */
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { Root as MdRoot } from 'mdast';
import { bodyTree } from '../render/markdown';
import { packBodyHtml } from './html';
import type { RenderPoolRequest, RenderPoolResponse } from './render-pool';

const parsed = new Map<string, { text: string; tree: MdRoot }>();

parentPort!.on('message', (m: RenderPoolRequest) => {
  let reply: RenderPoolResponse;
  if (m.kind === 'parse') {
    try {
      const text = fs.readFileSync(m.file, 'utf8');
      parsed.set(m.file, { text, tree: bodyTree(text) });
    } catch {
      // Unreadable now: the render request carries the text.
    }
    reply = { kind: 'parsed', file: m.file };
  } else {
    try {
      const ahead = parsed.get(m.file);
      parsed.delete(m.file);
      // Only a tree parsed from the very text the main thread analysed is used.
      const tree = ahead && ahead.text === m.text ? ahead.tree : bodyTree(m.text);
      reply = { kind: 'rendered', id: m.id, html: packBodyHtml(tree, m.anchor, m.paperDir, m.root) };
    } catch (e) {
      reply = { kind: 'rendered', id: m.id, error: String((e as Error)?.message ?? e) };
    }
  }
  parentPort!.postMessage(reply);
});
