/**
 * The agenda pack as one self-contained HTML file: styles inline, small local
 * images embedded as data: URIs, remote images dropped, no script. Prints as
 * A4 with the meeting, date, marking and page number on every page (@page
 * margin boxes) and a page break before each paper.
 *
 * Accessible (WCAG 2.2 A/AA, checked with axe-core in a real browser): lang,
 * a skip link to the agenda, landmarks (header, main, one article per item),
 * one h1 (the meeting), h2 for the agenda and each item, h3 for a paper's
 * title and the paper's own headings below it in order (headings.ts), table
 * headers with scope, colours with at least 4.5:1 contrast.
 */
import type { Root as MdRoot } from 'mdast';
import { bodyHtml, escapeHtml } from '../render/markdown';
import { coverSheetHtml, NHS_BLUE, PAPER_CSS } from '../render/html';
import { longDate } from '../render/cover';
import { readLocalImage } from './assets';
import { headingLevels } from './headings';
import { withheldText, type AgendaRow, type PackView, type PaperCheck, type PaperEntry } from './view';

/** A CSS string literal. */
function cssString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;
}

function marking(v: PackView, part2 = false): string {
  return `${v.draft ? 'DRAFT · ' : ''}${v.part === 'private' ? (part2 ? 'PRIVATE · PART 2 · CONFIDENTIAL' : 'PRIVATE · FOR MEMBERS') : 'PUBLIC'}`;
}

function packCss(v: PackView): string {
  const running = `${v.meeting} · ${longDate(v.date)}`;
  return `
@page { size: A4; margin: 20mm 16mm 18mm 16mm;
  @top-left { content: ${cssString(running)}; font: 8.5pt Arial, Helvetica, sans-serif; color: #425563; }
  @top-right { content: ${cssString(marking(v))}; font: bold 8.5pt Arial, Helvetica, sans-serif; color: ${v.part === 'private' ? '#d5281b' : NHS_BLUE}; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8.5pt Arial, Helvetica, sans-serif; color: #425563; }
}
@page part2 { @top-right { content: ${cssString(marking(v, true))}; font: bold 8.5pt Arial, Helvetica, sans-serif; color: #d5281b; } }
.part2 { page: part2; }
html { background: #f0f4f5; }
body { font-family: Arial, Helvetica, "Liberation Sans", Arimo, sans-serif; color: #212b32; margin: 0; }
.skip { position: absolute; left: -10000px; top: 0; background: #fff; color: ${NHS_BLUE}; padding: 6pt 10pt; font-weight: bold; }
.skip:focus { left: 8pt; top: 8pt; z-index: 10; outline: 3px solid #ffeb3b; }
a:focus-visible { outline: 3px solid #ffeb3b; outline-offset: 1px; box-shadow: 0 0 0 5px #212b32; }
.sheet { background: #fff; max-width: 190mm; margin: 12pt auto; padding: 14mm 16mm; box-shadow: 0 1pt 4pt rgba(0,0,0,.15); }
.running { display: flex; justify-content: space-between; font-size: 8.5pt; color: #425563; border-bottom: 1.5pt solid ${NHS_BLUE}; padding-bottom: 3pt; margin-bottom: 12pt; }
.running .marking { font-weight: bold; color: ${v.part === 'private' ? '#d5281b' : NHS_BLUE}; }
.front .org { font-size: 11pt; color: #425563; margin: 0 0 4pt; }
.front h1 { font-size: 22pt; color: ${NHS_BLUE}; margin: 0 0 4pt; }
.front .when { font-size: 14pt; margin: 0 0 4pt; }
.front h2 { font-size: 15pt; color: ${NHS_BLUE}; margin: 0 0 6pt; }
.front .meta { margin: 0 0 4pt; color: #425563; }
.front .kind { display: inline-block; background: ${v.part === 'private' ? '#d5281b' : NHS_BLUE}; color: #fff; font-weight: bold; padding: 3pt 8pt; margin: 4pt 0 14pt; }
.agenda { width: 100%; border-collapse: collapse; font-size: 10.5pt; margin-bottom: 14pt; }
.agenda th, .agenda td { border-bottom: 0.75pt solid #aeb7bd; padding: 5pt 6pt; text-align: left; vertical-align: top; }
.agenda thead th { background: ${NHS_BLUE}; color: #fff; }
.agenda tr.part th { background: #e8edee; color: #212b32; font-size: 11pt; }
.agenda tr.resolution td { font-size: 10pt; }
.agenda td.time { width: 8%; white-space: nowrap; }
.agenda .to-follow { color: #d5281b; font-weight: bold; }
.agenda .kind { color: #425563; }
.agenda td.item { width: 12%; font-weight: bold; white-space: nowrap; }
.agenda td.purpose { width: 18%; }
.agenda td.go { width: 9%; text-align: right; white-space: nowrap; }
.agenda .presenter { color: #425563; font-size: 9.5pt; }
.agenda tr.withheld td { color: #425563; font-style: italic; }
.agenda a { color: ${NHS_BLUE}; text-decoration: none; }
.agenda a:hover { text-decoration: underline; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.front { margin-bottom: 0; padding-bottom: 2mm; }
.agenda-sheet { margin-top: 0; padding-top: 2mm; }
.checks.sheet { page-break-before: always; break-before: page; }
.checks h2, .notes h2 { font-size: 13pt; color: ${NHS_BLUE}; margin: 14pt 0 6pt; }
.checks table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
.checks th, .checks td { border-bottom: 0.75pt solid #aeb7bd; padding: 3pt 5pt; text-align: left; vertical-align: top; }
.checks .err { color: #d5281b; font-weight: bold; } .checks .warn { color: #8a5a00; font-weight: bold; }
.checks ul { margin: 2pt 0 0 0; padding-left: 14pt; }
.notes li { margin-bottom: 3pt; }
.paper, .annex { page-break-before: always; break-before: page; }
.paper-banner { display: flex; justify-content: space-between; align-items: baseline; background: ${NHS_BLUE}; color: #fff; padding: 5pt 8pt; margin-bottom: 10pt; font-weight: bold; }
.paper-banner a { color: #fff; font-weight: normal; font-size: 9pt; }
.paper-body-start { page-break-before: always; break-before: page; }
.paper-heading { border-bottom: 1.5pt solid ${NHS_BLUE}; margin: 0 0 10pt; padding-bottom: 6pt; }
.paper-heading .meeting { color: #425563; font-size: 10pt; margin: 0; }
.paper-heading h3 { color: ${NHS_BLUE}; font-size: 18pt; margin: 2pt 0 0; }
.paper-banner h2 { font-size: 11pt; margin: 0; color: #fff; }
.paper.part2 .paper-banner { background: #d5281b; }
.part-divider { page-break-before: always; break-before: page; padding-top: 60mm; text-align: center; }
.part-divider h2 { color: #d5281b; font-size: 24pt; }
.draft-banner { background: #212b32; color: #fff; font-weight: bold; padding: 4pt 8pt; margin: 0 0 8pt; }
${PAPER_CSS}
@media print {
  html { background: none; }
  .sheet { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  .running { display: none; }
  .paper-banner a { display: none; }
}
`;
}

/** What the agenda says of an item's kind: the paper's purpose, or Verbal / Presentation / Standing item / Paper to follow. */
function kindLabel(r: AgendaRow): string {
  if (r.kind === 'withheld') return '';
  if (r.kind === 'paper') return r.entry.kind === 'document' ? 'Document' : (r.entry.cover.purposeLabel ?? 'Paper');
  if (r.toFollow) return 'Paper to follow';
  if (r.standing) return 'Standing item';
  return r.itemKind === 'verbal' ? 'Verbal' : r.itemKind === 'presentation' ? 'Presentation' : r.itemKind === 'document' ? 'Document' : 'Paper';
}

function agendaRow(r: AgendaRow, withTime: boolean, cols: number): string {
  const time = withTime ? `<td class="time">${escapeHtml((r.kind !== 'paper' || r.time ? r.time : undefined) ?? '')}</td>` : '';
  if (r.kind === 'withheld')
    return `<tr class="withheld">${time}<td class="item">${escapeHtml(r.item)}</td><td colspan="${cols - (withTime ? 2 : 1)}">${escapeHtml(withheldText(r))}</td></tr>`;
  if (r.kind === 'item') {
    const label = kindLabel(r);
    return (
      `<tr>${time}<td class="item">${escapeHtml(r.item)}</td>` +
      `<td>${escapeHtml(r.title || '(untitled)')}${r.presenter ? `<div class="presenter">${escapeHtml(r.presenter)}</div>` : ''}</td>` +
      `<td class="purpose${r.toFollow ? ' to-follow' : ' kind'}">${escapeHtml(label)}</td><td class="go"></td></tr>`
    );
  }
  const c = r.entry.cover;
  const presenter = r.presenter ?? c.presentedBy;
  return (
    `<tr>${time}<td class="item">${escapeHtml(c.agendaItem)}</td>` +
    `<td><a href="#${r.entry.anchor}">${escapeHtml(c.title || '(untitled)')}</a>${presenter ? `<div class="presenter">${escapeHtml(presenter)}</div>` : ''}</td>` +
    `<td class="purpose">${escapeHtml(kindLabel(r))}</td>` +
    `<td class="go"><a href="#${r.entry.anchor}" aria-label="Go to paper: item ${escapeHtml(c.agendaItem || '–')}, ${escapeHtml(c.title || '(untitled)')}">Go to paper</a></td></tr>`
  );
}

function agendaHtml(v: PackView): string {
  const all = [...v.part1, ...v.part2];
  const withTime = all.some((r) => !!r.time);
  const cols = withTime ? 5 : 4;
  const band = (text: string) => `<tr class="part"><th colspan="${cols}" scope="colgroup">${escapeHtml(text)}</th></tr>`;
  return [
    `<table class="agenda"><caption class="visually-hidden">Agenda of the meeting</caption><thead><tr>${withTime ? '<th scope="col">Time</th>' : ''}<th scope="col">Item</th><th scope="col">Title and presenter</th><th scope="col">Purpose</th><th scope="col">Paper</th></tr></thead><tbody>`,
    band('Part 1: items to be considered in public'),
    ...(v.part1.length
      ? v.part1.map((r) => agendaRow(r, withTime, cols))
      : [`<tr class="withheld"><td colspan="${cols}">No items are to be considered in public.</td></tr>`]),
    ...(v.part2.length
      ? [
          ...(v.resolution
            ? [
                `<tr class="resolution"><td colspan="${cols}"><strong>Resolution to exclude the press and public:</strong> ${escapeHtml(v.resolution)}</td></tr>`,
              ]
            : []),
          band('Part 2: items to be considered in private'),
          ...v.part2.map((r) => agendaRow(r, withTime, cols)),
        ]
      : []),
    '</tbody></table>',
  ].join('\n');
}

/** Draft packs only: the papers' findings (public: item, title, counts, rule ids; private: every finding in full). */
function checksHtml(v: PackView): string {
  if (!v.draft) return '';
  const full = v.part === 'private';
  if (!v.checks.length)
    return `<section class="checks sheet" aria-labelledby="checks-title"><h2 id="checks-title">Draft: paper checks</h2><p>Every paper in this pack passed boardpaper's checks (no errors or warnings).</p></section>`;
  const rows = v.checks
    .map((c: PaperCheck) => {
      const counts = [
        c.errors ? `<span class="err">${c.errors} error${c.errors === 1 ? '' : 's'}</span>` : '',
        c.warnings ? `<span class="warn">${c.warnings} warning${c.warnings === 1 ? '' : 's'}</span>` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const detail =
        full && c.details
          ? `<div>${escapeHtml(c.file ?? '')}</div><ul>${c.details.map((d) => `<li>line ${d.line}: ${d.severity} ${escapeHtml(d.message)} <code>${escapeHtml(d.rule)}</code></li>`).join('')}</ul>`
          : `<div>${c.rules.map((r) => `<code>${escapeHtml(r)}</code>`).join(' ')}</div>`;
      return `<tr><td>${escapeHtml(c.item || '–')}</td><td>${escapeHtml(c.title || '(untitled)')}${detail}</td><td>${counts}</td></tr>`;
    })
    .join('');
  const lead = full
    ? 'Findings of boardpaper check on the papers in this pack (errors and warnings), by line of the paper. This page is left out of the final pack.'
    : "These papers still have findings from boardpaper's checks. This page is left out of the final pack.";
  return `<section class="checks sheet" aria-labelledby="checks-title"><h2 id="checks-title">Draft: paper checks</h2><p>${lead}</p><table><thead><tr><th scope="col">Item</th><th scope="col">Paper</th><th scope="col">Findings</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** Paper headings shown from this level (h3 is the paper's title). */
const BODY_TOP = 4;

/**
 * A paper's body as the pack shows it: headings from h4 under the paper's
 * title (in order: headings.ts), footnote ids prefixed with the paper's
 * anchor, small local images inside the pack's folder embedded. Also run by
 * the pack's render workers (render-pool.ts), so both give the same HTML.
 * The tree is not changed: it shares nodes with the paper's analysis (bodyTreeFrom).
 */
export function packBodyHtml(tree: MdRoot, anchor: string, paperDir: string, root: string): string {
  const levels = headingLevels(tree, BODY_TOP);
  return bodyHtml(tree, {
    treeIsDisposable: true,
    headingLevel: (h) => levels.get(h),
    idPrefix: `${anchor}-`,
    resolveImage: (url) => {
      const img = readLocalImage(url, paperDir, root);
      return img ? { src: `data:${img.mime};base64,${img.data.toString('base64')}` } : null;
    },
  });
}

function running(v: PackView, part2 = false): string {
  return `<div class="running" aria-hidden="true"><span>${escapeHtml(v.meeting)} · ${escapeHtml(longDate(v.date))}</span><span class="marking">${escapeHtml(marking(v, part2))}</span></div>`;
}

function paperHtml(v: PackView, e: PaperEntry, bodies?: ReadonlyMap<string, string>): string {
  const c = e.cover;
  const label = `Agenda item ${c.agendaItem || '–'} · ${e.part === 2 ? 'Part 2: private' : 'Part 1: public'}`;
  const body = bodies?.get(e.anchor) ?? packBodyHtml(e.tree, e.anchor, e.paperDir, v.root);
  return [
    `<article class="paper sheet${e.part === 2 ? ' part2' : ''}" id="${e.anchor}" aria-labelledby="${e.anchor}-label">`,
    running(v, e.part === 2),
    `<div class="paper-banner"><h2 id="${e.anchor}-label">${escapeHtml(label)}</h2><a href="#agenda">Back to the agenda</a></div>`,
    e.kind === 'paper' ? coverSheetHtml(c) : '',
    `<div class="${e.kind === 'paper' ? 'paper-body-start' : ''}"><div class="paper-heading"><p class="meeting">${escapeHtml(v.meeting)} – ${escapeHtml(longDate(v.date))}</p><h3>${escapeHtml(c.title || '(untitled)')}</h3></div>`,
    `<div class="paper-body">${body}</div></div>`,
    '</article>',
  ].join('\n');
}

/** `bodies`: each paper's body HTML by anchor, already rendered by packBodyHtml (in workers); the rest are rendered here. */
export function renderPackHtml(v: PackView, bodies?: ReadonlyMap<string, string>): string {
  const kind = `${v.part === 'private' ? 'Private pack: Part 1 and Part 2, for members only' : 'Public pack: Part 1'}${v.draft ? ' (draft)' : ''}`;
  const notes = v.notes.length
    ? `<section class="notes" aria-labelledby="notes-title"><h2 id="notes-title">Notes on this pack</h2><ul>${v.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`
    : '';
  const parts: string[] = [];
  let inPart2 = false;
  for (const e of v.papers) {
    if (e.part === 2 && !inPart2) {
      inPart2 = true;
      parts.push(
        `<section class="part-divider sheet part2" aria-labelledby="part2-title"><h2 id="part2-title">Part 2</h2><p>Items to be considered in private. Confidential: not for publication.</p></section>`,
      );
    }
    parts.push(paperHtml(v, e, bodies));
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="boardpaper">`,
    `<title>${escapeHtml(v.title)}</title>`,
    `<style>${packCss(v)}</style>`,
    '</head>',
    `<body class="pack pack-${v.part}${v.draft ? ' pack-draft' : ''}">`,
    '<a class="skip" href="#agenda">Skip to the agenda</a>',
    '<header class="front sheet">',
    running(v),
    v.draft ? '<p class="draft-banner">DRAFT: not for publication. The final pack has no findings page.</p>' : '',
    `<p class="org">${escapeHtml(v.organisation)}</p>`,
    `<h1>${escapeHtml(v.meeting)}</h1>`,
    `<p class="when">${escapeHtml(v.dateLong)}</p>`,
    `<p class="kind">${escapeHtml(kind)}</p>`,
    '</header>',
    '<main>',
    '<section class="front sheet agenda-sheet" id="agenda" aria-labelledby="agenda-title" tabindex="-1">',
    '<h2 id="agenda-title">Agenda</h2>',
    agendaHtml(v),
    notes,
    '</section>',
    checksHtml(v),
    ...parts,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
