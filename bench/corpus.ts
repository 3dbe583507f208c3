/**
 * The benchmark corpus: realistic board papers, generated deterministically
 * (seeded PRNG) into bench/corpus/ (gitignored), on demand.
 *
 *   bench/corpus/typical/papers/2024-06-12/09-elective-recovery-update.md   one ~15 KB paper
 *   bench/corpus/large/papers/2024-06-26/07-annual-report-2023-24.md        one ~1 MB paper
 *   bench/corpus/many/papers/YYYY-MM-DD/NN-title.md                         1,000 papers, 10 committees, 2 years
 *   bench/corpus/meeting/papers/2024-07-10/NN-title.md                      30 papers of one Board meeting (pack)
 *
 * Each folder has a `.boardpaper.yaml` (extending the built-in profile) with a
 * risk register, as a governance repository would. About a third of the
 * papers carry faults the rules find (a purpose typo, a missing health
 * inequalities section, an unknown committee, undefined acronyms…), so the
 * benchmarks measure reporting as well as checking.
 *
 * Usage: node --import=tsx bench/corpus.ts [--force]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rng } from './lib/prng';
import * as W from './lib/words';

/** Bump when the generator changes, so stale corpora are rebuilt. */
export const CORPUS_VERSION = 5;
export const SEED = 20240508;

export const CORPUS_DIR = path.join(__dirname, 'corpus');

export interface Corpus {
  dir: string;
  typical: string;
  large: string;
  many: string;
  manyCount: number;
  meeting: { dir: string; meeting: string; date: string; count: number };
}

export function corpusPaths(): Corpus {
  return {
    dir: CORPUS_DIR,
    typical: path.join(CORPUS_DIR, 'typical/papers/2024-06-12/09-elective-recovery-update.md'),
    large: path.join(CORPUS_DIR, 'large/papers/2024-06-26/07-annual-report-2023-24.md'),
    many: path.join(CORPUS_DIR, 'many'),
    manyCount: 1000,
    meeting: { dir: path.join(CORPUS_DIR, 'meeting'), meeting: 'Integrated Care Board', date: '2024-07-10', count: 30 },
  };
}

// ---------------------------------------------------------------------------
// One paper

type Fault =
  | 'agenda-unquoted'
  | 'purpose-typo'
  | 'confidential-yes'
  | 'unknown-so'
  | 'duplicate-so'
  | 'unknown-committee'
  | 'history-order'
  | 'missing-outcome'
  | 'risk-title'
  | 'unknown-risk'
  | 'missing-comment'
  | 'bad-date'
  | 'missing-field'
  | 'missing-hi'
  | 'placeholder-hi'
  | 'long-summary'
  | 'undefined-acronyms'
  | 'recommendation-mismatch';

const FAULTS: Fault[] = [
  'agenda-unquoted',
  'purpose-typo',
  'confidential-yes',
  'unknown-so',
  'duplicate-so',
  'unknown-committee',
  'history-order',
  'missing-outcome',
  'risk-title',
  'unknown-risk',
  'missing-comment',
  'bad-date',
  'missing-field',
  'missing-hi',
  'placeholder-hi',
  'long-summary',
  'undefined-acronyms',
  'recommendation-mismatch',
];

export interface PaperSpec {
  title: string;
  meeting: string;
  date: string;
  agendaItem: string;
  purpose: (typeof W.PURPOSES)[number];
  confidential: boolean;
  /** Approximate size of the whole file in bytes. */
  targetBytes: number;
  faults: Fault[];
  /** Annual-report style: ### subsections, more tables, longer cover sheet. */
  long?: boolean;
}

function yamlStr(s: string): string {
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|^(?:yes|no|true|false|null|~|[\d.]+)$/i.test(s) || s.trim() !== s) return JSON.stringify(s);
  return s;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function longDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${d.getUTCFullYear()}`;
}

function person(rng: Rng): string {
  return `${rng.pick(W.FIRST_NAMES)} ${rng.pick(W.SURNAMES)}, ${rng.pick(W.ROLES)}`;
}

class PaperWriter {
  private readonly out: string[] = [];
  private bytes = 0;
  /** Acronyms already spelled out (or used) in this paper. */
  private readonly seen = new Set<string>();
  private readonly acronyms = new Map(W.ACRONYMS.map(([a, e]) => [a, e] as const));

  constructor(
    private readonly rng: Rng,
    private readonly spec: PaperSpec,
  ) {}

  private has(f: Fault) {
    return this.spec.faults.includes(f);
  }

  private push(s: string) {
    this.out.push(s);
    this.bytes += Buffer.byteLength(s) + 1;
  }

  /** `{ACR}` → "Expansion (ACR)" at first use, then ACR; papers with undefined acronyms leave some bare. */
  private fill(s: string): string {
    return s.replace(/\{([^}]+)\}/g, (_m, acr: string) => {
      if (this.seen.has(acr)) return acr;
      this.seen.add(acr);
      const exp = this.acronyms.get(acr);
      if (!exp || (this.has('undefined-acronyms') && this.rng.chance(0.5))) return acr;
      return `${exp} (${acr})`;
    });
  }

  private sentence(): string {
    const r = this.rng;
    const k = r.next();
    if (k < 0.5) return this.fill(`${r.pick(W.SUBJECTS)} ${r.pick(W.VERBS)} ${r.pick(W.OBJECTS)} ${r.pick(W.TAILS)}.`);
    if (k < 0.75) return r.pick(W.SENTENCES);
    if (k < 0.83) return `Spending was £${r.int(2, 480)}.${r.int(0, 9)} million against a plan of £${r.int(2, 480)}.${r.int(0, 9)} million.`;
    if (k < 0.91)
      return `${r.int(55, 96)}.${r.int(0, 9)}% of patients were seen within ${r.pick(['two', 'four', 'six', '18'])} weeks against the ${r.pick([76, 78, 85, 92, 95])}% standard.`;
    return `The number of people waiting more than ${r.pick([52, 65, 78])} weeks fell from ${r.int(900, 2400).toLocaleString('en-GB')} to ${r.int(200, 899)} between ${longDate(addDays(this.spec.date, -r.int(60, 200)))} and ${longDate(addDays(this.spec.date, -r.int(10, 50)))}.`;
  }

  private paragraph(min = 2, max = 5): string {
    const n = this.rng.int(min, max);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(this.sentence());
    let p = parts.join(' ');
    const r = this.rng;
    if (r.chance(0.08)) p = p.replace(/(\w+ \w+ \w+)\./, '**$1**.');
    if (r.chance(0.05))
      p += ` The full data pack is [available to Board members](https://www.lancashireandsouthcumbria.icb.nhs.uk/about-us/our-board/meetings-and-papers).`;
    return p;
  }

  private list(ordered: boolean) {
    const n = this.rng.int(3, 6);
    for (let i = 0; i < n; i++) {
      const item = this.fill(`${this.rng.pick(W.OBJECTS)} ${this.rng.pick(W.TAILS)}`);
      this.push(`${ordered ? `${i + 1}.` : '-'} ${item}${i === n - 1 ? '.' : ';'}`);
    }
    this.push('');
  }

  private table() {
    const r = this.rng;
    const head = r.pick(W.TABLE_HEADS);
    this.push(`| ${head.join(' | ')} |`);
    this.push(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const row of r.sample(W.TABLE_ROWS, r.int(3, 8))) {
      const cells = head.slice(1).map(() => (r.chance(0.5) ? `${r.int(0, 999)}.${r.int(0, 9)}` : `${r.int(40, 99)}%`));
      this.push(`| ${row} | ${cells.join(' | ')} |`);
    }
    this.push('');
  }

  /** Numbered clauses `N.k …`, with lists, tables and the odd comment between them. */
  private clauses(n: number, count: number) {
    const r = this.rng;
    for (let k = 1; k <= count; k++) {
      this.push(`${n}.${k} ${this.paragraph()}`);
      this.push('');
      const x = r.next();
      if (x < 0.12) this.list(false);
      else if (x < 0.17) this.list(true);
      else if (x < 0.24) {
        this.push(`${n}.${++k} The position at the end of the period is summarised below.`);
        this.push('');
        this.table();
      } else if (x < 0.26) {
        this.push(
          `<!-- ${r.pick(['Figures from the month 6 return.', 'Check with the finance team before publication.', 'Data from the Integrated Performance Report.'])} -->`,
        );
        this.push('');
      } else if (x < 0.27) {
        this.push('<!-- boardpaper-disable-next-line undefined-acronym -->');
        this.push(`${n}.${++k} The ${r.pick(['NWAS', 'NHSE', 'LTH', 'UHMB', 'BTH'])} position is reported separately.`);
        this.push('');
      } else if (x < 0.29) {
        this.push(`> ${r.pick(W.SENTENCES)}`);
        this.push('');
      }
    }
  }

  cover() {
    const s = this.spec;
    const r = this.rng;
    const p = (k: string, v: string) => this.push(`${k}: ${v}`);
    this.push('---');
    p('title', yamlStr(s.title));
    p('meeting', yamlStr(s.meeting));
    p('date', s.date);
    p('agenda_item', this.has('agenda-unquoted') ? (s.agendaItem.includes('.') ? `${s.agendaItem}0` : `0${s.agendaItem}`) : JSON.stringify(s.agendaItem));
    p('presented_by', yamlStr(person(r)));
    p('author', yamlStr(person(r)));
    if (!s.confidential) p('confidential', this.has('confidential-yes') ? 'no' : 'false');
    else {
      p('confidential', this.has('confidential-yes') ? 'yes' : 'true');
      p('confidential_reason', yamlStr('Commercially sensitive: section 43 of the Freedom of Information Act 2000'));
    }
    p(
      'purpose',
      this.has('purpose-typo')
        ? { approve: 'approval', decide: 'decision', discuss: 'discussion', assure: 'assurance', note: 'noting', information: 'info' }[s.purpose]
        : s.purpose,
    );
    if (s.purpose === 'assure') p('assurance', r.pick(['substantial', 'reasonable', 'limited']));
    const sos = r.sample(['SO1', 'SO2', 'SO3', 'SO4', 'SO5', 'SO6'], r.int(1, 4)).sort();
    if (this.has('unknown-so')) sos.push(r.pick(['SO7', 'S01', 'so2']));
    if (this.has('duplicate-so')) sos.push(sos[0]!);
    if (r.chance(0.8)) p('strategic_objectives', `[${sos.join(', ')}]`);
    else {
      this.push('strategic_objectives:');
      for (const so of sos) this.push(`  - ${so}`);
    }
    // Risks
    const nRisks = s.long ? 8 : r.int(0, 3);
    this.push('risks:');
    this.push(`  status: ${nRisks ? 'yes' : 'no'}`);
    if (!(this.has('missing-comment') && !nRisks)) this.push(`  comment: ${yamlStr(r.pick(W.ASSESSMENT_COMMENTS))}`);
    if (nRisks) {
      this.push('  on_register: yes');
      this.push('  items:');
      for (const [id, title] of r.sample(W.RISKS, nRisks)) {
        this.push(`    - id: "${this.has('unknown-risk') ? '0' + r.int(30, 99) : id}"`);
        this.push(`      title: ${yamlStr(this.has('risk-title') ? title.toLowerCase() + ' risk' : title)}`);
      }
    }
    this.push('financial_implications:');
    this.push(`  status: ${r.pick(['yes', 'no', 'n/a'])}`);
    this.push(`  comment: ${yamlStr(r.pick(W.ASSESSMENT_COMMENTS))}`);
    // History: dated entries before the meeting, in order.
    const nHist = s.long ? 6 : r.int(0, 3);
    if (nHist || r.chance(0.5)) {
      if (!nHist) this.push('committee_history: []');
      else {
        this.push('committee_history:');
        let d = addDays(s.date, -r.int(20, 40) * nHist);
        const entries: string[][] = [];
        for (let i = 0; i < nHist; i++) {
          const name =
            i === 0 && this.has('unknown-committee')
              ? r.pick(W.UNKNOWN_COMMITTEES)
              : r.chance(0.15)
                ? r.pick(W.COMMITTEE_ALIASES)
                : r.pick(W.COMMITTEES.filter((c) => c !== s.meeting));
          const e = [`  - meeting: ${yamlStr(name)}`, `    date: ${i === 0 && this.has('bad-date') ? longDate(d) : d}`];
          if (!(i === 0 && this.has('missing-outcome'))) e.push(`    outcome: ${yamlStr(r.pick(W.OUTCOMES))}`);
          entries.push(e);
          d = addDays(d, r.int(7, 30));
        }
        if (this.has('history-order') && entries.length > 1) entries.reverse();
        for (const e of entries) for (const l of e) this.push(l);
      }
    }
    p('conflicts_of_interest', 'Not applicable');
    this.push('impact_assessments:');
    for (const k of ['quality', 'equality', 'data_privacy']) {
      this.push(`  ${k}:`);
      const st = r.pick(['yes', 'no', 'n/a', 'n/a']);
      this.push(`    status: ${st}`);
      if (!(this.has('missing-comment') && st !== 'yes' && k === 'quality')) this.push(`    comment: ${yamlStr(r.pick(W.ASSESSMENT_COMMENTS))}`);
    }
    if (!this.has('missing-field')) p('authorised_by', yamlStr(person(r)));
    this.push('---');
    this.push('');
  }

  body() {
    const s = this.spec;
    const r = this.rng;
    this.push('## Executive summary');
    this.push('');
    const summary = this.has('long-summary') ? 9 : r.int(2, 3);
    for (let i = 0; i < summary; i++) {
      this.push(this.paragraph(2, 4));
      this.push('');
    }
    let n = 1;
    this.push(`## ${n}. Introduction`);
    this.push('');
    this.clauses(n++, r.int(2, 3));
    // What the last two sections will take, roughly.
    const tail = 1400;
    const topics = r.sample(W.TOPIC_HEADINGS, W.TOPIC_HEADINGS.length);
    let t = 0;
    while (this.bytes < s.targetBytes - tail) {
      const heading = topics[t++ % topics.length]!;
      this.push(`## ${n}. ${heading}`);
      this.push('');
      if (s.long) {
        const subs = r.int(3, 6);
        for (let j = 1; j <= subs && this.bytes < s.targetBytes - tail; j++) {
          this.push(`### ${n}.${j} ${r.pick(W.TITLES)}`);
          this.push('');
          this.push(this.paragraph(3, 6));
          this.push('');
          if (r.chance(0.5)) this.table();
          if (r.chance(0.4)) this.list(false);
        }
      } else this.clauses(n, Math.max(1, Math.min(r.int(2, 6), Math.ceil((s.targetBytes - tail - this.bytes) / 450))));
      n++;
    }
    if (!this.has('missing-hi')) {
      this.push(`## ${n}. ${r.pick(W.HI_HEADINGS)}`);
      this.push('');
      if (this.has('placeholder-hi')) this.push(r.pick(['TBC', 'To follow.', '<!-- to be completed by the analytics team -->']));
      else this.push(`${n}.1 ${r.sample(W.HI_SENTENCES, r.int(2, 4)).join(' ')}`);
      this.push('');
      n++;
    }
    this.push(`## ${n}. Recommendations`);
    this.push('');
    const who = s.meeting === 'Integrated Care Board' ? 'Board' : s.meeting.replace(/^The /, '');
    const verb = this.has('recommendation-mismatch')
      ? r.pick(W.PURPOSE_VERBS[s.purpose === 'note' ? 'approve' : 'note']!)
      : r.pick(W.PURPOSE_VERBS[s.purpose]!);
    this.push(`${n}.1 The ${who} is asked to ${verb} ${this.fill(r.pick(W.OBJECTS))} ${r.pick(W.TAILS)}.`);
    this.push('');
  }

  text(): string {
    this.cover();
    this.body();
    return this.out.join('\n');
  }
}

export function generatePaper(rng: Rng, spec: PaperSpec): string {
  return new PaperWriter(rng, spec).text();
}

/** Faults for one paper of a realistic repository: two thirds clean, the rest one to three faults. */
function someFaults(rng: Rng): Fault[] {
  if (rng.chance(0.65)) return rng.chance(0.3) ? ['undefined-acronyms'] : [];
  return rng.sample(FAULTS, rng.int(1, 3));
}

// ---------------------------------------------------------------------------
// Folders

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const PROFILE = `# Benchmark profile: the built-in NHS Lancashire and South Cumbria ICB profile plus a risk register.
risk_register: risks.csv
`;

function writeProfile(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.boardpaper.yaml'), PROFILE);
  const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const csv = ['id,title,owner,score', ...W.RISKS.map(([id, title], i) => `${id},${q(title)},${q(W.ROLES[i % W.ROLES.length]!)},${4 + ((i * 7) % 21)}`)];
  fs.writeFileSync(path.join(dir, 'risks.csv'), csv.join('\n') + '\n');
}

function writeFile(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The n-th item of an agenda: 1, 2, … with sub-items (10.1, 10.2) here and there. */
function agendaItems(rng: Rng, count: number): string[] {
  const items: string[] = [];
  let main = 1;
  while (items.length < count) {
    items.push(String(main));
    if (main > 4 && rng.chance(0.15)) for (let s = 1; s <= rng.int(1, 3) && items.length < count; s++) items.push(`${main}.${s}`);
    main++;
  }
  return items;
}

function fileName(item: string, title: string): string {
  const num = item.includes('.')
    ? item
        .split('.')
        .map((p, i) => (i === 0 ? p.padStart(2, '0') : p))
        .join('.')
    : item.padStart(2, '0');
  return `${num}-${slug(title)}.md`;
}

function genMany(root: Rng, dir: string, total: number): { files: number; bytes: number } {
  const rng = root.fork(1);
  writeProfile(dir);
  writeFile(path.join(dir, 'README.md'), '# Board and committee papers\n\nOne folder per meeting date. Papers are checked with `boardpaper check papers`.\n');
  // Meetings: each committee on its own day of the month, monthly or every other month, from April 2023.
  const cadence: Record<string, number> = {
    'Integrated Care Board': 2,
    'Audit Committee': 3,
    'Remuneration Committee': 3,
    'Public Involvement and Engagement Advisory Committee': 2,
  };
  const meetings: { meeting: string; date: string }[] = [];
  W.COMMITTEES.forEach((c, ci) => {
    for (let m = 0; m < 36; m += cadence[c] ?? 1) {
      const d = new Date(Date.UTC(2023, 9 + m, 1 + ((ci * 3) % 26), 12));
      while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
      meetings.push({ meeting: c, date: d.toISOString().slice(0, 10) });
    }
  });
  meetings.sort((a, b) => a.date.localeCompare(b.date) || a.meeting.localeCompare(b.meeting));
  let files = 0;
  let bytes = 0;
  const used = new Set<string>();
  for (const m of meetings) {
    if (files >= total) break;
    const items = agendaItems(rng, Math.min(total - files, rng.int(6, 16)));
    // Now and then two papers claim the same item (duplicate-agenda-item).
    if (items.length > 3 && rng.chance(0.05)) items[items.length - 1] = items[items.length - 2]!;
    for (const item of items) {
      const title = rng.pick(W.TITLES);
      let file = path.join(dir, 'papers', m.date, fileName(item, title));
      if (used.has(file)) file = file.replace(/\.md$/, `-${slug(m.meeting)}.md`);
      if (used.has(file)) file = file.replace(/\.md$/, `-${files}.md`);
      used.add(file);
      const spec: PaperSpec = {
        title,
        meeting: m.meeting,
        date: m.date,
        agendaItem: item,
        purpose: rng.pick(W.PURPOSES),
        confidential: rng.chance(0.08),
        targetBytes: rng.logUniform(5 * 1024, 50 * 1024),
        faults: someFaults(rng),
      };
      const text = generatePaper(rng.fork(files), spec);
      writeFile(file, text);
      files++;
      bytes += Buffer.byteLength(text);
    }
  }
  return { files, bytes };
}

function genMeeting(root: Rng, c: Corpus['meeting']): { files: number; bytes: number } {
  const rng = root.fork(2);
  writeProfile(c.dir);
  const items = [
    '1',
    '2',
    '3',
    '4',
    '5',
    '6',
    '7',
    '8',
    '9',
    '10',
    '10.1',
    '10.2',
    '10.3',
    '10.10',
    '11',
    '12',
    '12.1',
    '12.2',
    '13',
    '14',
    '15',
    '16',
    '17',
    '18',
    '19',
    '20',
    '21',
    '22',
    '23',
    '24',
  ];
  const titles = rng.sample(W.TITLES, items.length);
  let bytes = 0;
  items.forEach((item, i) => {
    const spec: PaperSpec = {
      title: titles[i]!,
      meeting: c.meeting,
      date: c.date,
      agendaItem: item,
      purpose: rng.pick(W.PURPOSES),
      confidential: i >= items.length - 3,
      targetBytes: i < 3 ? 3 * 1024 : rng.logUniform(5 * 1024, 30 * 1024),
      faults: rng.chance(0.2) ? rng.sample(FAULTS, 1) : [],
    };
    const text = generatePaper(rng.fork(i), spec);
    writeFile(path.join(c.dir, 'papers', c.date, fileName(item, titles[i]!)), text);
    bytes += Buffer.byteLength(text);
  });
  return { files: items.length, bytes };
}

export interface Manifest {
  version: number;
  seed: number;
  typicalBytes: number;
  largeBytes: number;
  many: { files: number; bytes: number };
  meeting: { files: number; bytes: number };
}

/** Generate the corpus unless an up-to-date one is there. */
export function ensureCorpus(opts: { force?: boolean; log?: (s: string) => void } = {}): { corpus: Corpus; manifest: Manifest } {
  const c = corpusPaths();
  const manifestFile = path.join(c.dir, 'manifest.json');
  if (!opts.force && fs.existsSync(manifestFile)) {
    try {
      const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
      if (m.version === CORPUS_VERSION && m.seed === SEED && fs.existsSync(c.large) && fs.existsSync(c.typical)) return { corpus: c, manifest: m };
    } catch {
      // regenerate
    }
  }
  const t0 = Date.now();
  fs.rmSync(c.dir, { recursive: true, force: true });
  const root = new Rng(SEED);
  const typicalText = generatePaper(root.fork(10), {
    title: 'Elective Recovery Update',
    meeting: 'Integrated Care Board',
    date: '2024-06-12',
    agendaItem: '9',
    purpose: 'assure',
    confidential: false,
    targetBytes: 15 * 1024,
    faults: ['undefined-acronyms', 'unknown-committee'],
  });
  writeProfile(path.join(c.dir, 'typical'));
  writeFile(c.typical, typicalText);
  const largeText = generatePaper(root.fork(11), {
    title: 'Annual Report and Accounts 2023/24',
    meeting: 'Integrated Care Board',
    date: '2024-06-26',
    agendaItem: '7',
    purpose: 'approve',
    confidential: false,
    targetBytes: 1024 * 1024,
    faults: ['undefined-acronyms', 'risk-title'],
    long: true,
  });
  writeProfile(path.join(c.dir, 'large'));
  writeFile(c.large, largeText);
  const many = genMany(root, c.many, c.manyCount);
  const meeting = genMeeting(root, c.meeting);
  const manifest: Manifest = {
    version: CORPUS_VERSION,
    seed: SEED,
    typicalBytes: Buffer.byteLength(typicalText),
    largeBytes: Buffer.byteLength(largeText),
    many,
    meeting,
  };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  opts.log?.(`corpus generated in ${Date.now() - t0} ms: ${JSON.stringify(manifest)}`);
  return { corpus: c, manifest };
}

if (require.main === module) {
  const { manifest } = ensureCorpus({ force: process.argv.includes('--force'), log: console.log });
  console.log(JSON.stringify(manifest, null, 2));
}
