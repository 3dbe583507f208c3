/**
 * The language server over the real protocol: `node dist/server.js --stdio`,
 * spoken to with vscode-languageserver-protocol from this process.
 *
 * - edit latency: didChange → the publishDiagnostics of that version, for
 *   single-character edits at random places (each insert is followed by the
 *   matching delete, so the paper stays what it was: a typo and its backspace);
 *   run with the debounce set to 0 (`boardPaper.diagnosticsDelay`), so the
 *   figure excludes it; the debounce itself is measured separately with the
 *   default setting.
 * - completion and hover latency on the 1 MB paper, with and without a
 *   preceding edit.
 * - workspace indexing time and resident memory with the 1,000 papers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BenchClient } from '../lib/lsp-client';
import { Rng } from '../lib/prng';
import { fmtMs, round, sleep, summarise } from '../lib/stats';
import { figure, type Bench, type BenchContext, type Figure } from '../lib/types';

const serverPath = (ctx: BenchContext) => path.join(ctx.dist, 'server.js');
/** The folder holding `papers/` (and the profile) for a paper of the corpus. */
export const workspaceOf = (file: string) => path.resolve(path.dirname(file), '..', '..');

/** The default debounce, read from the server's settings module when it is there. */
async function configuredDebounce(): Promise<number | null> {
  try {
    const m = (await import('../../server/src/server/settings')) as { DEFAULT_SETTINGS?: { diagnosticsDelay?: number } };
    return typeof m.DEFAULT_SETTINGS?.diagnosticsDelay === 'number' ? m.DEFAULT_SETTINGS.diagnosticsDelay : null;
  } catch {
    return null;
  }
}

async function withClient<T>(ctx: BenchContext, folder: string, settings: Record<string, unknown>, f: (c: BenchClient) => Promise<T>): Promise<T> {
  const c = await BenchClient.start({ serverPath: serverPath(ctx), folders: [folder], settings });
  try {
    await c.progressEnd(120_000);
    return await f(c);
  } finally {
    await c.stop();
  }
}

const LETTERS = 'etaoinshrdlu';

/** The paper of a folder whose size is nearest `bytes` (first in path order on a tie). */
function paperNear(folder: string, bytes: number): string {
  let best = '';
  let diff = Infinity;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.md') && path.basename(p) !== 'README.md') {
        const x = Math.abs(fs.statSync(p).size - bytes);
        if (x < diff) [best, diff] = [p, x];
      }
    }
  };
  walk(path.join(folder, 'papers'));
  return best;
}

/** Edits at random places; returns the latency of each (warm-up dropped). */
export async function editLatencies(c: BenchClient, uri: string, rng: Rng, edits: number, warm: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < warm + edits; i++) {
    const len = c.text(uri).length;
    const at = rng.int(0, len);
    // A typo, then its backspace.
    for (const step of ['insert', 'delete'] as const) {
      const { sentAt, diagnostics } = step === 'insert' ? await c.edit(uri, at, rng.pick([...LETTERS])) : await c.edit(uri, at, '', 1);
      const { at: got } = await diagnostics;
      if (i >= warm) out.push(got - sentAt);
    }
  }
  return out;
}

export const lspEditBench: Bench = {
  name: 'lsp-edit',
  description: 'didChange → publishDiagnostics latency (15 KB, 15 KB in the 1,000-paper workspace, 1 MB), and the debounce',
  async run(ctx) {
    const q = ctx.quick;
    const figures: Figure[] = [];
    const extra: Record<string, unknown> = {};
    const cases = [
      { name: '15 KB', label: '15 KB paper', id: '15kb', file: ctx.corpus.typical, edits: q ? 20 : 100, warm: q ? 3 : 10, max: 30 },
      // The same size of paper, inside the governance repository: the server holds the 1,000-paper index.
      {
        name: '15 KB in 1,000',
        label: '15 KB paper in the 1,000-paper workspace',
        id: '15kb-ws1000',
        file: paperNear(ctx.corpus.many, 15 * 1024),
        edits: q ? 20 : 100,
        warm: q ? 3 : 10,
        max: 30,
      },
      { name: '1 MB', label: '1 MB paper', id: '1mb', file: ctx.corpus.large, edits: q ? 5 : 25, warm: 1, max: 100 },
    ];
    for (const k of cases) {
      const r = await withClient(ctx, workspaceOf(k.file), { diagnosticsDelay: 0 }, async (c) => {
        const opened = await c.openTimed(k.file);
        const cpu0 = c.cpuMs();
        const lat = await editLatencies(c, opened.uri, new Rng(7), k.edits, k.warm);
        const cpu1 = c.cpuMs();
        // Server CPU per edit (mean, warm-up included): the work done, whatever else the machine is doing.
        const cpuPerEditMs = cpu0 === null || cpu1 === null ? null : round((cpu1 - cpu0) / (2 * (k.edits + k.warm)), 1);
        return { openMs: round(opened.ms), diagnostics: opened.diagnostics, latency: summarise(lat), serverCpuPerEditMs: cpuPerEditMs };
      });
      ctx.log(
        `  ${k.name}: open ${fmtMs(r.openMs)}, edits p50 ${fmtMs(r.latency.p50)} p95 ${fmtMs(r.latency.p95)} (n=${r.latency.n}); server CPU per edit ${r.serverCpuPerEditMs ?? '?'} ms`,
      );
      extra[k.name] = r;
      figures.push(
        figure({
          id: `lsp-edit-p95-${k.id}`,
          label: `edit → diagnostics p95, ${k.label} (debounce excluded)`,
          value: round(r.latency.p95, 1),
          unit: 'ms',
          measured: `${fmtMs(r.latency.p95)} (p50 ${fmtMs(r.latency.p50)}; server CPU ${r.serverCpuPerEditMs ?? '?'} ms/edit)`,
          target: `≤ ${k.max} ms`,
          max: k.max,
          details: r,
        }),
      );
    }
    // The debounce: the same edits on the 15 KB paper with the server's default setting.
    const configured = await configuredDebounce();
    const withDefault = await withClient(ctx, workspaceOf(ctx.corpus.typical), {}, async (c) => {
      const opened = await c.openTimed(ctx.corpus.typical);
      return summarise(await editLatencies(c, opened.uri, new Rng(7), q ? 5 : 15, 1));
    });
    const zero = (extra['15 KB'] as { latency: { p50: number } }).latency.p50;
    const observed = round(withDefault.p50 - zero, 1);
    extra.debounce = {
      configuredMs: configured,
      setting: 'boardPaper.diagnosticsDelay',
      p50WithDefault: withDefault.p50,
      p50WithZero: zero,
      observedMs: observed,
    };
    ctx.log(`  debounce: configured ${configured ?? '?'} ms, observed ≈ ${observed} ms`);
    figures.push(
      figure({
        id: 'lsp-debounce',
        label: 'debounce (reported separately)',
        value: configured,
        unit: 'ms',
        measured: `${configured ?? '?'} ms configured (observed +${observed} ms at p50)`,
        target: '—',
        note: 'boardPaper.diagnosticsDelay; set to 0 for the edit figures',
        details: extra.debounce,
      }),
    );
    return { figures, extra };
  },
};

// ---------------------------------------------------------------------------
// Completion and hover

interface Spot {
  what: string;
  offset: number;
}

/** Places on the 1 MB paper where an author asks for completion or hovers. */
function spots(text: string): { completion: Spot[]; hover: Spot[] } {
  const at = (re: RegExp, what: string, shift = 0): Spot | null => {
    const m = re.exec(text);
    return m ? { what, offset: m.index + shift } : null;
  };
  const endOf = (re: RegExp, what: string): Spot | null => {
    const m = re.exec(text);
    return m ? { what, offset: m.index + m[0].length } : null;
  };
  const bodyStart = text.indexOf('\n---', 4) + 5;
  const acr = /\(([A-Z]{3,5})\)/g;
  acr.lastIndex = bodyStart;
  const acrM = acr.exec(text);
  const laterAcr = acrM ? text.indexOf(` ${acrM[1]} `, acrM.index + 10) : -1;
  const midBody = text.indexOf('\n\n', Math.floor(text.length / 2)) + 1;
  const completion = [
    endOf(/^meeting: /m, 'meeting value (committees)'),
    endOf(/^purpose: /m, 'purpose value'),
    endOf(/^strategic_objectives: \[/m, 'strategic objective code'),
    endOf(/^\s+- id: "/m, 'risk id'),
    endOf(/^\s+date: /m, 'history date'),
    { what: 'body: blank line (section headings)', offset: midBody },
  ].filter((s): s is Spot => !!s);
  const hover = [
    at(/SO\d/, 'strategic objective code'),
    at(/- id: "\d+/, 'risk id', 8),
    at(/^\s+- meeting: /m, 'committee in history', 14),
    at(/^purpose:/m, 'cover-sheet key'),
    laterAcr > 0 ? { what: 'acronym in the body', offset: laterAcr + 2 } : null,
    { what: 'plain word in the body', offset: midBody + 5 },
  ].filter((s): s is Spot => !!s);
  return { completion, hover };
}

export const lspFeaturesBench: Bench = {
  name: 'lsp-features',
  description: 'completion and hover latency on the 1 MB paper',
  async run(ctx) {
    const q = ctx.quick;
    const file = ctx.corpus.large;
    const text = fs.readFileSync(file, 'utf8');
    const s = spots(text);
    const r = await withClient(ctx, workspaceOf(file), {}, async (c) => {
      const { uri } = await c.openTimed(file, text);
      const n = q ? 12 : 60;
      const ask = async (method: string, list: Spot[], count: number) => {
        const out: number[] = [];
        for (let i = 0; i < count + 2; i++) {
          const sp = list[i % list.length]!;
          const { ms } = await c.timedRequest(method, { textDocument: { uri }, position: c.position(uri, sp.offset) });
          if (i >= 2) out.push(ms);
        }
        return out;
      };
      const completion = await ask('textDocument/completion', s.completion, n);
      const hover = await ask('textDocument/hover', s.hover, n);
      // Completion as editors send it: right after the keystroke, so the
      // server must first analyse the new version.
      const afterEdit: number[] = [];
      const rng = new Rng(11);
      const m = q ? 3 : 10;
      for (let i = 0; i < m; i++) {
        const sp = s.completion[i % s.completion.length]!;
        const len = c.text(uri).length;
        // Type a space at the end of some body line (harmless), ask, then wait for that version's diagnostics.
        const lineEnd = c.text(uri).indexOf('\n', rng.int(Math.floor(len / 3), len - 2));
        const typed = await c.edit(uri, lineEnd, ' ');
        const { ms } = await c.timedRequest('textDocument/completion', { textDocument: { uri }, position: c.position(uri, sp.offset) });
        afterEdit.push(ms);
        await typed.diagnostics;
        await (
          await c.edit(uri, lineEnd, '', 1)
        ).diagnostics;
      }
      return { completion: summarise(completion), hover: summarise(hover), completionAfterEdit: summarise(afterEdit), spots: s };
    });
    ctx.log(`  completion p95 ${fmtMs(r.completion.p95)}, after an edit p95 ${fmtMs(r.completionAfterEdit.p95)}, hover p95 ${fmtMs(r.hover.p95)}`);
    const guide = 100;
    const fig = (id: string, label: string, v: { p50: number; p95: number }) =>
      figure({
        id,
        label,
        value: round(v.p95, 1),
        unit: 'ms',
        measured: `${fmtMs(v.p95)} (p50 ${fmtMs(v.p50)})`,
        target: `≤ ${guide} ms*`,
        max: guide,
      });
    return {
      figures: [
        fig('lsp-completion-p95-1mb', 'completion p95, 1 MB (no edit pending)', r.completion),
        fig('lsp-completion-after-edit-p95-1mb', 'completion p95, 1 MB, right after a keystroke', r.completionAfterEdit),
        fig('lsp-hover-p95-1mb', 'hover p95, 1 MB', r.hover),
      ],
      extra: r,
    };
  },
};

// ---------------------------------------------------------------------------
// Workspace index

export const lspIndexBench: Bench = {
  name: 'lsp-index',
  description: 'workspace indexing time and resident memory, 1,000 papers',
  async run(ctx) {
    const runs = ctx.quick ? 1 : 3;
    const times: number[] = [];
    const cpu: number[] = [];
    const rss: number[] = [];
    const hwm: number[] = [];
    let indexed: number | null = null;
    for (let i = 0; i < runs; i++) {
      const c = await BenchClient.start({ serverPath: serverPath(ctx), folders: [ctx.corpus.many], settings: {} });
      try {
        const t0 = c.initializedAt;
        const cpu0 = c.cpuMs();
        const end = await c.progressEnd(300_000);
        times.push(end - t0);
        const cpu1 = c.cpuMs();
        if (cpu0 !== null && cpu1 !== null) cpu.push(cpu1 - cpu0);
        await sleep(1000);
        const m = c.memory();
        if (m) {
          rss.push(m.rssMB);
          hwm.push(m.hwmMB);
        }
        const last = c.progress.filter((p) => p.value.kind === 'report').at(-1);
        const total = /of (\d+)/.exec(last?.value.message ?? '');
        indexed = total ? Number(total[1]) : indexed;
      } finally {
        await c.stop();
      }
    }
    // Baseline: the same server with an empty folder.
    const empty = fs.mkdtempSync(path.join(ctx.corpus.dir, 'empty-'));
    let baseline: number | null = null;
    const c = await BenchClient.start({ serverPath: serverPath(ctx), folders: [empty], settings: {} });
    try {
      await c.progressEnd(30_000).catch(() => undefined);
      await sleep(1000);
      baseline = c.memory()?.rssMB ?? null;
    } finally {
      await c.stop();
      fs.rmSync(empty, { recursive: true, force: true });
    }
    const t = summarise(times);
    const r = summarise(rss);
    ctx.log(
      `  indexing ${fmtMs(t.p50)} (runs: ${times.map((x) => fmtMs(x)).join(', ')}; server CPU ${cpu.map((x) => fmtMs(x)).join(', ')}), RSS ${r.p50.toFixed(0)} MB (peak ${Math.max(...hwm).toFixed(0)} MB, empty workspace ${baseline?.toFixed(0)} MB)`,
    );
    const details = {
      runs,
      indexMs: t,
      serverCpuMs: cpu.length ? summarise(cpu) : null,
      rssMB: r,
      peakMB: round(Math.max(...hwm), 1),
      baselineRssMB: baseline === null ? null : round(baseline, 1),
      filesReported: indexed,
    };
    return {
      figures: [
        figure({
          id: 'lsp-index-1000',
          label: 'workspace indexing, 1,000 papers',
          value: round(t.p50 / 1000, 2),
          unit: 's',
          measured: `${fmtMs(t.p50)}${details.serverCpuMs ? ` (server CPU ${fmtMs(details.serverCpuMs.p50)})` : ''}`,
          target: '≤ 5 s',
          max: 5,
          details,
        }),
        figure({
          id: 'lsp-rss-1000',
          label: 'server resident memory, 1,000 papers indexed',
          value: round(r.p50, 0),
          unit: 'MB',
          measured: `${r.p50.toFixed(0)} MB (peak ${details.peakMB.toFixed(0)}, idle server ${baseline?.toFixed(0) ?? '?'})`,
          target: '≤ 200 MB',
          max: 200,
          details,
        }),
      ],
      extra: details,
    };
  },
};
