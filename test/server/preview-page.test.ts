/**
 * The preview's webview page (client/src/preview-page.ts) around the server's
 * real preview of a hostile paper: a strict CSP, and the nonce on exactly the
 * page's own script and stylesheet (the server's paper stylesheet included,
 * which the CSP would otherwise block). The same page in a real webview, where
 * the CSP is seen to block scripts and loads: test/vscode/suite/extension.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { page } from '../../client/src/preview-page';
import type { PreviewResult } from '../../server/src/protocol';
import { TestClient, workspace } from './lsp-client';
import { CLEAN } from './papers';

const HOSTILE = `
## Background

<style>body { background: url(https://tracker.example/css) }</style>
<script>alert(1)</script>
<img src="x" onerror="alert(2)">
<svg onload="alert(3)"><script>alert(4)</script></svg>

[x](javascript:alert(5))
`;

describe('preview page: CSP and nonces', function () {
  this.timeout(30000);

  it('wraps the server\u2019s preview in a strict CSP, with the nonce on our script and on every stylesheet that is ours', async () => {
    const dir = workspace({ 'papers/p.md': CLEAN + HOSTILE });
    const c = await TestClient.start({ folders: [dir] });
    try {
      const u = c.open(path.join(dir, 'papers/p.md'));
      await c.diagnosticsFor(u);
      const { html } = await c.request<PreviewResult>('boardPaper/preview', { uri: u });
      assert.match(html, /^<style>/, 'the server sends its paper stylesheet first');
      const n = 'Nonce0123456789abcdefABCDEF01234';
      const cspSource = "'self' https://*.vscode-cdn.net";
      const out = page({ cspSource }, html, n);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(out)![1]!;
      assert.deepEqual(csp.split('; '), [
        "default-src 'none'",
        `img-src ${cspSource} data:`,
        `style-src 'nonce-${n}'`,
        `script-src 'nonce-${n}'`,
        "font-src 'none'",
        "connect-src 'none'",
        "frame-src 'none'",
        "form-action 'none'",
        "base-uri 'none'",
      ]);
      assert.deepEqual(out.match(/<script\b[^>]*>/gi), [`<script nonce="${n}">`]);
      assert.deepEqual(out.match(/<style\b[^>]*>/gi), [`<style nonce="${n}">`], 'one stylesheet, ours, holding the paper CSS');
      assert.match(out, /<style nonce="[^"]+">[^<]*\.bp-cover/, 'the cover-sheet styles apply');
      // Nothing of the paper's loads or runs: no remote URL, no handler, no javascript: target.
      assert.doesNotMatch(out, /tracker\.example|<[^>]*\son[a-z]+\s*=|=\s*["']?\s*javascript:/i);
      assert.match(out, /<a>x<\/a>/, 'the link keeps its words, not its target');
      // A <style> anywhere but first (as if the sanitiser let one through) gets no nonce: the CSP blocks it.
      const smuggled = page({ cspSource }, `${html}<style>body{}</style>`, n);
      assert.deepEqual(smuggled.match(/<style\b[^>]*>/gi), [`<style nonce="${n}">`, '<style>']);
      // A fresh nonce per render is the caller's: two renders with different nonces share none.
      assert.ok(!page({ cspSource }, html, 'Other0123456789').includes(n));
    } finally {
      await c.stop();
    }
  });
});
