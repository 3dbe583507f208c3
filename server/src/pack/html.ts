/**
 * The agenda pack as one self-contained HTML file: styles inline, small local
 * images embedded as data: URIs, remote images dropped, no script. Prints as
 * A4 with the meeting, date, marking and page number on every page (@page
 * margin boxes) and a page break before each paper.
 */
import type { Root as MdRoot } from 'mdast';
import { bodyHtml, escapeHtml } from '../render/markdown';
import { coverSheetHtml, NHS_BLUE, PAPER_CSS } from '../render/html';
import { longDate } from '../render/cover';
import { readLocalImage } from './assets';
import { withheldText, type AgendaRow, type PackView, type PaperCheck, type PaperEntry } from './view';

/** A CSS string literal. */
function cssString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;
}

function marking(v: PackView, part2 = false): string {
  return v.part === 'private' ? (part2 ? 'PRIVATE · PART 2 · CONFIDENTIAL' : 'PRIVATE · FOR MEMBERS') : 'PUBLIC';
}

function packCss(v: PackView): string {
  const running = `${v.meeting} · ${longDate(v.date)}`;
  return `
@page { size: A4; margin: 20mm 16mm 18mm 16mm;
  @top-left { content: ${cssString(running)}; font: 8.5pt Arial, Helvetica, sans-serif; color: #425563; }
  @top-right { content: ${cssString(marking(v))}; font: bold 8.5pt Arial, Helvetica, sans-serif; color: ${v.part === 'private' ? '#d5281b' : NHS_BLUE}; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8.5pt Arial, Helvetica, sans-serif; color: #425563; }
}
@page part2 { @top-right { content: "PRIVATE · PART 2 · CONFIDENTIAL"; font: bold 8.5pt Arial, Helvetica, sans-serif; color: #d5281b; } }
.part2 { page: part2; }
html { background: #f0f4f5; }
body { font-family: Arial, Helvetica, "Liberation Sans", Arimo, sans-serif; color: #212b32; margin: 0; }
.sheet { background: #fff; max-width: 190mm; margin: 12pt auto; padding: 14mm 16mm; box-shadow: 0 1pt 4pt rgba(0,0,0,.15); }
.running { display: flex; justify-content: space-between; font-size: 8.5pt; color: #425563; border-bottom: 1.5pt solid ${NHS_BLUE}; padding-bottom: 3pt; margin-bottom: 12pt; }
.running .marking { font-weight: bold; color: ${v.part === 'private' ? '#d5281b' : NHS_BLUE}; }
.front .org { font-size: 11pt; color: #425563; margin: 0 0 4pt; }
.front h1 { font-size: 22pt; color: ${NHS_BLUE}; margin: 0 0 4pt; }
.front .when { font-size: 14pt; margin: 0 0 4pt; }
.front h2 { font-size: 15pt; color: ${NHS_BLUE}; margin: 0 0 6pt; }
.front .kind { display: inline-block; background: ${v.part === 'private' ? '#d5281b' : NHS_BLUE}; color: #fff; font-weight: bold; padding: 3pt 8pt; margin: 4pt 0 14pt; }
.agenda { width: 100%; border-collapse: collapse; font-size: 10.5pt; margin-bottom: 14pt; }
.agenda th, .agenda td { border-bottom: 0.75pt solid #aeb7bd; padding: 5pt 6pt; text-align: left; vertical-align: top; }
.agenda thead th { background: ${NHS_BLUE}; color: #fff; }
.agenda tr.part th { background: #e8edee; color: #212b32; font-size: 11pt; }
.agenda td.item { width: 12%; font-weight: bold; white-space: nowrap; }
.agenda td.purpose { width: 18%; }
.agenda td.go { width: 9%; text-align: right; white-space: nowrap; }
.agenda .presenter { color: #425563; font-size: 9.5pt; }
.agenda tr.withheld td { color: #425563; font-style: italic; }
.agenda a { color: ${NHS_BLUE}; text-decoration: none; }
.agenda a:hover { text-decoration: underline; }
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
.paper-heading h1 { color: ${NHS_BLUE}; font-size: 18pt; margin: 2pt 0 0; }
.part-divider { page-break-before: always; break-before: page; padding-top: 60mm; text-align: center; }
.part-divider h1 { color: #d5281b; font-size: 24pt; }
${PAPER_CSS}
@media print {
  html { background: none; }
  .sheet { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  .running { display: none; }
  .paper-banner a { display: none; }
}
`;
}

function agendaRow(r: AgendaRow): string {
  if (r.kind === 'withheld') return `<tr class="withheld"><td colspan="4">${escapeHtml(withheldText(r))}</td></tr>`;
  const c = r.entry.cover;
  return (
    `<tr><td class="item">${escapeHtml(c.agendaItem || '–')}</td>` +
    `<td><a href="#${r.entry.anchor}">${escapeHtml(c.title || '(untitled)')}</a>${c.presentedBy ? `<div class="presenter">${escapeHtml(c.presentedBy)}</div>` : ''}</td>` +
    `<td class="purpose">${escapeHtml(c.purposeLabel ?? '')}</td>` +
    `<td class="go"><a href="#${r.entry.anchor}">Go to paper</a></td></tr>`
  );
}

function checksHtml(v: PackView, full = false): string {
  if (!v.checks.length) return `<section class="checks"><h2>Paper checks</h2><p>Every paper in this pack passed boardpaper's checks (no errors or warnings).</p></section>`;
  const rows = v.checks
    .map((c: PaperCheck) => {
      const counts = [c.errors ? `<span class="err">${c.errors} error${c.errors === 1 ? '' : 's'}</span>` : '', c.warnings ? `<span class="warn">${c.warnings} warning${c.warnings === 1 ? '' : 's'}</span>` : '']
        .filter(Boolean)
        .join(', ');
      const detail = full && c.details
        ? `<div>${escapeHtml(c.file ?? '')}</div><ul>${c.details.map((d) => `<li>line ${d.line}: ${d.severity} ${escapeHtml(d.message)} <code>${escapeHtml(d.rule)}</code></li>`).join('')}</ul>`
        : `<div>${c.rules.map((r) => `<code>${escapeHtml(r)}</code>`).join(' ')}</div>`;
      return `<tr><td>${escapeHtml(c.item || '–')}</td><td>${escapeHtml(c.title || '(untitled)')}${detail}</td><td>${counts}</td></tr>`;
    })
    .join('');
  const lead = full
    ? 'Findings of boardpaper check on the papers in this pack (errors and warnings), by line of the paper:'
    : `These papers still have findings from boardpaper's checks${v.part === 'private' ? ' (listed in full at the end of this pack)' : ''}:`;
  return `<section class="checks${full ? ' annex sheet' : ''}"><h2>${full ? 'Annex: paper checks in full' : 'Paper checks'}</h2><p>${lead}</p><table><thead><tr><th>Item</th><th>Paper</th><th>Findings</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/**
 * A paper's body as the pack shows it: footnote ids prefixed with the paper's
 * anchor, small local images inside the pack's folder embedded. Also run by
 * the pack's render workers (render-pool.ts), so both give the same HTML.
 * The tree is used once (the view's trees are built for one rendering).
 */
export function packBodyHtml(tree: MdRoot, anchor: string, paperDir: string, root: string): string {
  return bodyHtml(tree, {
    treeIsDisposable: true,
    idPrefix: `${anchor}-`,
    resolveImage: (url) => {
      const img = readLocalImage(url, paperDir, root);
      return img ? { src: `data:${img.mime};base64,${img.data.toString('base64')}` } : null;
    },
  });
}

function paperHtml(v: PackView, e: PaperEntry, bodies?: ReadonlyMap<string, string>): string {
  const c = e.cover;
  const label = `Agenda item ${c.agendaItem || '–'} · ${e.part === 2 ? 'Part 2: private' : 'Part 1: public'}`;
  const body = bodies?.get(e.anchor) ?? packBodyHtml(e.tree, e.anchor, e.paperDir, v.root);
  return [
    `<article class="paper sheet${e.part === 2 ? ' part2' : ''}" id="${e.anchor}">`,
    `<div class="running"><span>${escapeHtml(v.meeting)} · ${escapeHtml(longDate(v.date))}</span><span class="marking">${escapeHtml(marking(v, e.part === 2))}</span></div>`,
    `<div class="paper-banner"><span>${escapeHtml(label)}</span><a href="#agenda">Back to the agenda</a></div>`,
    coverSheetHtml(c),
    `<div class="paper-body-start"><div class="paper-heading"><p class="meeting">${escapeHtml(v.meeting)} – ${escapeHtml(longDate(v.date))}</p><h1>${escapeHtml(c.title || '(untitled)')}</h1></div>`,
    `<div class="paper-body">${body}</div></div>`,
    '</article>',
  ].join('\n');
}

/** `bodies`: each paper's body HTML by anchor, already rendered by packBodyHtml (in workers); the rest are rendered here. */
export function renderPackHtml(v: PackView, bodies?: ReadonlyMap<string, string>): string {
  const kind = v.part === 'private' ? 'Private pack: Part 1 and Part 2, for members only' : 'Public pack: Part 1';
  const agenda = [
    '<table class="agenda"><thead><tr><th>Item</th><th>Paper and presenter</th><th>Purpose</th><th></th></tr></thead><tbody>',
    `<tr class="part"><th colspan="4">Part 1: items to be considered in public</th></tr>`,
    ...(v.part1.length ? v.part1.map(agendaRow) : ['<tr class="withheld"><td colspan="4">No items are to be considered in public.</td></tr>']),
    ...(v.part2.length ? [`<tr class="part"><th colspan="4">Part 2: items to be considered in private</th></tr>`, ...v.part2.map(agendaRow)] : []),
    '</tbody></table>',
  ].join('\n');
  const notes = v.notes.length ? `<section class="notes"><h2>Notes on this pack</h2><ul>${v.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>` : '';
  const parts: string[] = [];
  let inPart2 = false;
  for (const e of v.papers) {
    if (e.part === 2 && !inPart2) {
      inPart2 = true;
      parts.push(`<section class="part-divider sheet part2"><h1>Part 2</h1><p>Items to be considered in private. Confidential: not for publication.</p></section>`);
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
    `<body class="pack pack-${v.part}">`,
    '<section class="front sheet" id="agenda">',
    `<div class="running"><span>${escapeHtml(v.meeting)} · ${escapeHtml(longDate(v.date))}</span><span class="marking">${escapeHtml(marking(v))}</span></div>`,
    `<p class="org">${escapeHtml(v.organisation)}</p>`,
    `<h1>${escapeHtml(v.meeting)}</h1>`,
    `<p class="when">${escapeHtml(v.dateLong)}</p>`,
    `<p class="kind">${escapeHtml(kind)}</p>`,
    '<h2>Agenda</h2>',
    agenda,
    checksHtml(v),
    notes,
    '</section>',
    ...parts,
    v.part === 'private' && v.checks.some((c) => c.details) ? checksHtml(v, true) : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
