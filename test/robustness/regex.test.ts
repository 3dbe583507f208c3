/**
 * No slow regular expression.
 *
 * 1. Every regular-expression literal (and every `new RegExp('…')` with a
 *    plain string pattern) in server/src and client/src, found by lexing the
 *    sources at test time so that new ones are covered without anyone
 *    listing them, is run against adversarial 100 KB inputs built from its
 *    own pattern: prefix + pump × N + suffix, where the pumps are each
 *    character and pair of characters the pattern can match, its literal
 *    runs, and the usual suspects ('a', ' ', '-', '0.', '<!--', '((', 'A&',
 *    '1.1.', …), and the suffixes make a match fail late ('!', '\n', NUL).
 *    Every combination is screened at 10 KB; the slowest, and every single
 *    character pump, are run at 100 KB. Each exec must take under 200 ms; a
 *    failure names the source file:line, the pattern and the input.
 * 2. Every `new RegExp(…)` that builds its pattern at run time must be listed
 *    in DYNAMIC below with a test that drives the function that builds it
 *    with adversarial input (a new one fails the listing test until it is).
 * 3. `analyze` on 100 KB adversarial single-line bodies, headings and
 *    cover-sheet values returns in under 3 s.
 *
 * Everything timed runs in a worker that is stopped at the bound, so a
 * catastrophic pattern fails its own test instead of freezing the suite.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fg from 'fast-glob';
import { BoundedRunner, CLEAN, ROOT, TimeoutError, analyzeWithin } from './harness';
import { scanRegexes } from './source-regex';
import type { RegexJob, RegexResult } from './worker';

const FULL = 100_000;
const SCREEN = 10_000;
const EXEC_LIMIT_MS = 200;
/** Whole budget for one regex (screening about 1,000 inputs at 10 KB, then up to ~60 at 100 KB). */
const REGEX_BUDGET_MS = 8000;
/** A regex whose worker says nothing for this long is stuck on one input (2.5 × the exec limit: room for a busy machine). */
const STUCK_MS = 500;

interface Site {
  where: string;
  file: string;
  line: number;
  source: string;
  flags: string;
}

const FILES = fg.sync(['server/src/**/*.ts', 'client/src/**/*.ts'], { cwd: ROOT }).sort();
const literalSites: Site[] = [];
const dynamicSites: { where: string; file: string; args: string }[] = [];
for (const file of FILES) {
  const { literals, calls } = scanRegexes(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  for (const l of literals) literalSites.push({ where: `${file}:${l.line}`, file, line: l.line, source: l.source, flags: l.flags });
  for (const c of calls) {
    if (c.staticSource !== null) literalSites.push({ where: `${file}:${c.line}`, file, line: c.line, source: c.staticSource, flags: c.staticFlags });
    else dynamicSites.push({ where: `${file}:${c.line}`, file, args: c.args });
  }
}

// ---------------------------------------------------------------------------
// Adversarial inputs from a pattern's own characters

const BASE_PUMPS = ['a', 'A', ' ', '-', '0.', '0', '#', '<!--', '((', '\t', 'A&', '1.1.', 'x:', '"', '*', 'ABC ', 'a ', '\r\n', '\\', '&amp;', '_', '|'];
const SUFFIXES = ['', '!', '\n', '\0', '\n!'];

/** Characters the pattern can match (escapes and classes expanded to examples). */
export function alphabet(source: string): string[] {
  const out: string[] = [];
  const add = (...cs: string[]) => out.push(...cs);
  for (let k = 0; k < source.length; k++) {
    const c = source[k]!;
    if (c === '\\') {
      const e = source[++k];
      switch (e) {
        case 's':
          add(' ', '\t', '\n');
          break;
        case 'S':
        case 'D':
          add('a');
          break;
        case 'd':
          add('0', '9');
          break;
        case 'w':
          add('a', '_', '0');
          break;
        case 'W':
          add(' ', '-');
          break;
        case 'b':
        case 'B':
          break;
        case 'n':
          add('\n');
          break;
        case 'r':
          add('\r');
          break;
        case 't':
          add('\t');
          break;
        case 'p':
        case 'P': {
          const close = source.indexOf('}', k);
          if (close !== -1) k = close;
          add('a', 'A', 'é', '1');
          break;
        }
        case 'u': {
          const m = /^u\{([0-9a-fA-F]+)\}|^u([0-9a-fA-F]{4})/.exec(source.slice(k));
          if (m) {
            add(String.fromCodePoint(parseInt(m[1] ?? m[2]!, 16)));
            k += m[0].length - 1;
          }
          break;
        }
        case 'x': {
          const m = /^x([0-9a-fA-F]{2})/.exec(source.slice(k));
          if (m) {
            add(String.fromCharCode(parseInt(m[1]!, 16)));
            k += 2;
          }
          break;
        }
        case 'k': {
          const close = source.indexOf('>', k);
          if (close !== -1) k = close;
          break;
        }
        default:
          if (e !== undefined && !/[1-9]/.test(e)) add(e);
      }
    } else if (c === '.') add('a');
    else if (c === '(' && source[k + 1] === '?') {
      // (?:  (?=  (?!  (?<=  (?<!  (?<name>
      const m = /^\(\?(?:<[A-Za-z_]\w*>|<[=!]|[:=!])/.exec(source.slice(k));
      if (m) k += m[0].length - 1;
    } else if (!'^$|()?*+{}[]'.includes(c)) add(c);
  }
  return [...new Set(out)];
}

/** Literal runs of two or more characters in the pattern (`<!--`, `boardpaper-`, `title`). */
export function literalRuns(source: string): string[] {
  const runs: string[] = [];
  let cur = '';
  let inClass = false;
  for (let k = 0; k < source.length; k++) {
    const c = source[k]!;
    if (inClass) {
      if (c === '\\') k++;
      else if (c === ']') inClass = false;
      continue;
    }
    if (c === '\\' && /[.\-/()[\]*+?{}|^$\\#&:<>!'"]/.test(source[k + 1] ?? '')) {
      cur += source[++k];
      continue;
    }
    if (/[A-Za-z0-9 <>!:#&'"\-=,;%@_~`/]/.test(c) && c !== '\\') {
      cur += c;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === '\\') k++;
    if (cur.length >= 2) runs.push(cur);
    cur = '';
  }
  if (cur.length >= 2) runs.push(cur);
  return [...new Set(runs)].sort((a, b) => b.length - a.length);
}

export function jobFor(index: number, site: Site): RegexJob {
  const chars = alphabet(site.source).slice(0, 24);
  const runs = literalRuns(site.source).slice(0, 6);
  const pairs: string[] = [];
  const few = chars.slice(0, 8);
  for (const a of few) for (const b of few) if (a !== b) pairs.push(a + b);
  const pumps = [...new Set([...chars, ...runs, ...BASE_PUMPS, ...pairs])];
  const prefixes = [...new Set(['', ...runs.slice(0, 2), ...chars.slice(0, 1)])];
  const flags = site.flags.replace(/[gy]/g, '');
  return { index, source: site.source, flags, prefixes, pumps, suffixes: SUFFIXES };
}

// ---------------------------------------------------------------------------
// Regular expressions built at run time: each with the test that drives it.

interface DynamicCover {
  file: string;
  /** A piece of the call's arguments as written, so a changed pattern is looked at again. */
  pattern: string;
  /** The test below that drives it. */
  test: string;
}

const DYNAMIC: DynamicCover[] = [
  {
    file: 'server/src/node/profile-loader.ts',
    pattern: '`^\\\\s*(?:-\\\\s*)?${leaf',
    test: 'lineOfKey (profile-loader.ts): a profile with problems and 100 KB lines',
  },
  {
    file: 'server/src/node/profile-loader.ts',
    pattern: '`\\\\bid\\\\s*:\\\\s*["\']?${id',
    test: 'loadRiskRegister (profile-loader.ts): a YAML register of 4,000 risks',
  },
  {
    file: 'server/src/node/profile-loader.ts',
    pattern: '`\\\\bid\\\\s*:\\\\s*["\']?${id',
    test: 'loadRiskRegister (profile-loader.ts): 100 KB lines in a YAML register',
  },
  { file: 'server/src/pack/collect.ts', pattern: '`^${key}[ \\\\t]*:', test: 'rawValue (pack/collect.ts): a broken cover sheet with 100 KB values' },
  { file: 'server/src/core/queries/dates.ts', pattern: '`^${DAY_NAME}(\\\\d{1,2})', test: 'parseLooseDate (queries/dates.ts): 100 KB dates' },
  { file: 'server/src/core/queries/dates.ts', pattern: '`^${DAY_NAME}${MONTH_NAME}', test: 'parseLooseDate (queries/dates.ts): 100 KB dates' },
  { file: 'server/src/core/queries/dates.ts', pattern: '`^(\\\\d{1,2})([-/.])', test: 'parseLooseDate (queries/dates.ts): 100 KB dates' },
  {
    file: 'server/src/core/rules/undefined-acronym.ts',
    pattern: "want.split('&')",
    test: 'sourceRange (undefined-acronym.ts): 100 KB of escaped and entity ampersand acronyms',
  },
  {
    file: 'server/src/core/acronyms.ts',
    pattern: '`^[\\\\s|*_-]*${acronym.replace(',
    test: 'definitionInPaper / usedBefore (core/acronyms.ts, server/service/acronyms.ts): 100 KB glossary rows',
  },
  {
    file: 'server/src/server/service/acronyms.ts',
    pattern: '`(?<![\\\\p{L}\\\\p{N}&])${escapeRe(acronym)}',
    test: 'definitionInPaper / usedBefore (core/acronyms.ts, server/service/acronyms.ts): 100 KB bodies',
  },
];

const FN_LIMIT_MS = 1000;

describe('robustness: no slow regular expression', function () {
  this.timeout(120000);
  const runner = new BoundedRunner();
  const scanner = new BoundedRunner({ preload: false });
  before(async () => Promise.all([runner.warm(), scanner.warm()]));
  after(() => {
    runner.kill();
    scanner.kill();
  });

  it('finds the regular expressions in server/src and client/src by lexing the sources', () => {
    assert.ok(FILES.length > 40, `${FILES.length} files`);
    assert.ok(literalSites.length > 150, `${literalSites.length} literals`);
    for (const s of literalSites) assert.doesNotThrow(() => new RegExp(s.source, s.flags), `${s.where} /${s.source}/${s.flags} is a valid regex`);
  });

  describe('every literal: under 200 ms per exec on 100 KB adversarial inputs built from its own pattern', () => {
    const results = new Map<number, RegexResult | { index: number; timeout: true; ms: number; lastInput: string }>();
    before(async function () {
      this.timeout(600000);
      for (let i = 0; i < literalSites.length; i++) {
        try {
          const [r] = await scanner.run<RegexResult[]>(
            'regexScan',
            { jobs: [jobFor(i, literalSites[i]!)], screenLen: SCREEN, fullLen: FULL, limitMs: EXEC_LIMIT_MS },
            REGEX_BUDGET_MS,
            { progressGapMs: STUCK_MS },
          );
          results.set(i, r!);
        } catch (e) {
          if (!(e instanceof TimeoutError)) throw e;
          results.set(i, { index: i, timeout: true, ms: e.ms, lastInput: String((e.lastProgress as { input?: string } | null)?.input ?? '?') });
        }
      }
    });
    literalSites.forEach((site, i) => {
      it(`${site.where} /${site.source}/${site.flags}`, () => {
        const r = results.get(i);
        assert.ok(r, 'scanned');
        if ('timeout' in r)
          assert.fail(
            `SLOW REGEX at ${site.where}: /${site.source}/${site.flags} was still running after ${r.ms} ms (limit ${EXEC_LIMIT_MS} ms) on ${r.lastInput}`,
          );
        assert.ok(r.worstMs < EXEC_LIMIT_MS, `SLOW REGEX at ${site.where}: /${site.source}/${site.flags} took ${Math.round(r.worstMs)} ms on ${r.worstInput}`);
      });
    });
  });

  describe('regular expressions built at run time', () => {
    it('every `new RegExp(…)` built at run time is listed with a test that drives it', () => {
      assert.ok(dynamicSites.length > 0);
      // Compared without white space: the formatter may break a call over lines.
      const squash = (x: string) => x.replace(/\s+/g, '');
      const uncovered = dynamicSites.filter((d) => !DYNAMIC.some((c) => c.file === d.file && squash(d.args).includes(squash(c.pattern))));
      assert.deepEqual(
        uncovered.map((d) => `${d.where}: new RegExp(${d.args.slice(0, 80)})`),
        [],
        'add each to DYNAMIC with a test of the function that builds it',
      );
    });

    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardpaper-regex-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const within = async (task: string, args: unknown, what: string) => {
      let r: { ms: number; error?: string | null };
      try {
        r = await runner.run(task, args, FN_LIMIT_MS);
      } catch (e) {
        if (e instanceof TimeoutError) assert.fail(`${task} did not return within ${FN_LIMIT_MS} ms on ${what}`);
        throw e;
      }
      assert.ok(r.ms < FN_LIMIT_MS, `${task} took ${Math.round(r.ms)} ms on ${what}`);
      return r;
    };

    it('lineOfKey (profile-loader.ts): a profile with problems and 100 KB lines', async () => {
      for (const [name, line] of [
        ['spaces', ' '.repeat(FULL)],
        ['spaces and a dash', ' '.repeat(FULL / 2) + '-' + ' '.repeat(FULL / 2)],
        ['dashes', '-'.repeat(FULL)],
        ['a long key', 'k'.repeat(FULL)],
      ] as const) {
        const file = path.join(dir, `lineofkey-${name.replace(/\W/g, '')}.boardpaper.yaml`);
        // `rules.nonsense` and `organisation: 5` are problems, so every problem key is looked up line by line.
        fs.writeFileSync(file, `organisation: 5\n# ${line}\n${line.trim() ? `${line}: x\n` : `${line}\n`}rules:\n  nonsense: off\n`);
        await within('loadProfileFile', { file }, `a line of 100 KB of ${name}`);
      }
    });

    it('loadRiskRegister (profile-loader.ts): a YAML register of 4,000 risks', async () => {
      const file = path.join(dir, 'big-register.yaml');
      fs.writeFileSync(file, Array.from({ length: 4000 }, (_, i) => `- id: "R${i}"\n  title: Risk ${i}`).join('\n') + '\n');
      const r = await within('loadRiskRegister', { file }, 'a 130 KB register of 4,000 entries');
      assert.equal(r.error, null);
    });

    it('loadRiskRegister (profile-loader.ts): 100 KB lines in a YAML register', async () => {
      for (const [name, text] of [
        ['an id padded with spaces', `- id: "R1"\n  title: T\n# id:${' '.repeat(FULL)}R1${' '.repeat(FULL)}x\n`],
        ['a 100 KB id', `- id: "${'1'.repeat(FULL)}"\n  title: T\n`],
      ] as const) {
        const file = path.join(dir, `register-${name.replace(/\W/g, '')}.yaml`);
        fs.writeFileSync(file, text);
        await within('loadRiskRegister', { file }, name);
      }
    });

    it('rawValue (pack/collect.ts): a broken cover sheet with 100 KB values', async () => {
      for (const [name, value] of [
        ['spaces then a hash', `${' '.repeat(FULL)}x`],
        ['spaces', ' '.repeat(FULL)],
        ['tabs', '\t'.repeat(FULL)],
        ['quotes', '"'.repeat(FULL)],
      ] as const) {
        const folder = path.join(dir, `pack-${name.replace(/\W/g, '')}`);
        fs.mkdirSync(path.join(folder, 'papers'), { recursive: true });
        // Broken YAML (an unclosed flow sequence), so the pack reads meeting and date from the raw text.
        fs.writeFileSync(
          path.join(folder, 'papers', 'a.md'),
          `---\ntitle: A\nmeeting: Integrated Care Board${value}\ndate: 2024-05-08${value}\nstrategic_objectives: [SO1\n---\n\n## Executive summary\n\nText.\n`,
        );
        await within('collectPapers', { folder, meeting: 'Integrated Care Board', date: '2024-05-08' }, `values followed by 100 KB of ${name}`);
      }
    });

    it('parseLooseDate (queries/dates.ts): 100 KB dates', async () => {
      for (const input of [
        'a'.repeat(FULL),
        'a '.repeat(FULL / 2),
        'Monday, '.repeat(FULL / 8),
        '1'.repeat(FULL),
        '13 '.repeat(FULL / 3),
        '13 March '.repeat(FULL / 9) + '2024x',
        'a,'.repeat(FULL / 2) + ' 1',
        'March 1st'.repeat(FULL / 9),
        `${' '.repeat(FULL)}13 March 2024`,
        '1/'.repeat(FULL / 2),
      ]) {
        await within('parseLooseDate', { input }, JSON.stringify(input.slice(0, 20)));
      }
    });

    it('sourceRange (undefined-acronym.ts): 100 KB of escaped and entity ampersand acronyms', async () => {
      const head = '---\ntitle: T\nmeeting: Integrated Care Board\ndate: 2024-05-08\n---\n\n## Executive summary\n\n';
      for (const body of [
        'A\\&E '.repeat(FULL / 5),
        'R&amp;D '.repeat(FULL / 8),
        'A&#38;B&#x26;C '.repeat(FULL / 14),
        'Q\\&Q\\&Q\\&Q\\&Q '.repeat(FULL / 16),
        `A\\&${'\\&'.repeat(FULL / 2)}E`,
        `A&amp;${'&amp;'.repeat(FULL / 5)}B`,
      ]) {
        await analyzeWithin(runner, head + body, 3000);
      }
    });

    it('definitionInPaper / usedBefore (core/acronyms.ts, server/service/acronyms.ts): 100 KB bodies', async () => {
      const head = '---\ntitle: T\nmeeting: Integrated Care Board\n---\n\n## Executive summary\n\n';
      for (const body of [
        'a'.repeat(FULL),
        'a '.repeat(FULL / 2),
        "a'".repeat(FULL / 2) + ' (ABC)',
        'Word '.repeat(FULL / 5) + '(ABC',
        'ABC ('.repeat(FULL / 5),
        `ABC (${'x'.repeat(FULL)}`,
        `ABC${' '.repeat(FULL)}(`,
        'ABCs '.repeat(FULL / 5),
      ]) {
        await within('definitionInPaper', { text: head + body, acronym: 'ABC' }, JSON.stringify(body.slice(0, 24)));
      }
    });

    it('definitionInPaper / usedBefore (core/acronyms.ts, server/service/acronyms.ts): 100 KB glossary rows', async () => {
      const head = '---\ntitle: T\nmeeting: Integrated Care Board\n---\n\n## Glossary\n\n';
      for (const body of [
        `ABC |${' '.repeat(FULL)}x`,
        `ABC :${' '.repeat(FULL)}|${' '.repeat(FULL)}!`,
        `${' '.repeat(FULL)}ABC`,
        `| ABC | ${'x '.repeat(FULL / 2)}`,
        `${'-'.repeat(FULL)}ABC -`,
      ]) {
        await within('definitionInPaper', { text: head + body, acronym: 'ABC' }, JSON.stringify(body.slice(0, 24)));
      }
    });
  });

  describe('analyze on 100 KB adversarial lines (< 3 s)', () => {
    const cover = CLEAN.slice(0, CLEAN.indexOf('\n---\n') + 5);
    const rep = (s: string) => s.repeat(Math.ceil(FULL / s.length)).slice(0, FULL);
    const BODY_LINES: [string, string][] = [
      ['"A&" (acronym-like tokens)', rep('A&')],
      ['"ABC " (capitals)', rep('ABC ')],
      ['"ABC-" (joined capitals)', rep('ABC-')],
      ['"1.1.1." (clause numbers)', rep('1.1.1.')],
      ['"0." (numbers)', rep('0.')],
      ['"((" (open brackets)', rep('((')],
      ['"Integrated Care Board (" then "ICB)"', rep('Integrated Care Board (') + 'ICB)'],
      ['"<!--" then 100 KB', '<!--' + 'x'.repeat(FULL)],
      ['"<!-- boardpaper-disable " repeated', rep('<!-- boardpaper-disable ')],
      ['spaces then "!"', ' '.repeat(FULL) + '!'],
      ['"-" (dashes)', rep('-')],
      ['"*a" (emphasis openers)', rep('*a')],
      ['"_a" (emphasis openers)', rep('_a')],
      ['"[a](" (unclosed links)', rep('[a](')],
      ['"[a][b]" (reference links)', rep('[a][b]')],
      ['"`a" (code openers)', rep('`a')],
      ['"\\\\" (backslashes)', rep('\\')],
      ['"&#" (entity openers)', rep('&#')],
      ['"http://" (autolinks)', rep('http://')],
    ];
    for (const [name, line] of BODY_LINES) {
      it(`a body line of ${name}`, async () => {
        await analyzeWithin(runner, `${cover}\n## Executive summary\n\n${line}\n\n## Recommendations\n\nThe Board is asked to note.\n`, 3000);
      });
    }
    it('a 100 KB level-2 heading', async () => {
      await analyzeWithin(runner, `${cover}\n## ${rep('Executive summary ')}\n\nText.\n\n## ${rep('1.1.')}\n\n## ${rep('A& ')}\n`, 3000);
    });
    const VALUES: [string, string][] = [
      ['title', rep('A& ')],
      ['title', rep('1.1.1.')],
      ['meeting', rep('Exec Team ')],
      ['date', rep('13 March ')],
      ['date', rep('1')],
      ['agenda_item', rep('1.1.1.')],
      ['purpose', rep('approval ')],
      ['presented_by', rep('ABC ')],
      ['confidential_reason', rep(' ')],
      // field-type.ts strips " assurance" with /\s+assurance$/i: spaces inside the value backtrack quadratically.
      ['assurance', `"a${' '.repeat(FULL)}b"`],
    ];
    for (const [key, value] of VALUES) {
      it(`a 100 KB "${key}" of ${JSON.stringify(value.slice(0, 12))}…`, async () => {
        const re = new RegExp(`^${key}:.*$`, 'm');
        const text = re.test(cover) ? cover.replace(re, `${key}: ${value}`) : cover.replace('\n---\n', `\n${key}: ${value}\n---\n`);
        await analyzeWithin(runner, `${text}\n## Executive summary\n\nText.\n`, 3000);
      });
    }
    it('a 100 KB strategic objective wording, committee name and risk title', async () => {
      const text = CLEAN.replace('strategic_objectives: [SO1, SO2, SO3, SO4, SO6]', `strategic_objectives:\n  - "SO2: ${rep('To equalise ')}"`)
        .replace('meeting: Executive Team', `meeting: ${rep('Exec Team ')}`)
        .replace('title: NOF ratings', `title: ${rep('NOF ')}`);
      await analyzeWithin(runner, text, 3000);
    });
  });
});
