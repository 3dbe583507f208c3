/**
 * A board paper as a Word document (the `docx` package): the organisation's
 * cover sheet as one Word table — the same blocks, labels and order as the
 * preview and the pack (`render/cover-layout.ts`) — then the body with Word's
 * own heading styles (`##` → Heading 1, `###` → Heading 2…), lists, tables,
 * links and images with their alt text.
 *
 * Pure: the paper text, the profile and the bytes of the images it refers to
 * in; a `Document` out (the caller packs it). `import` reads the result back
 * to the same front-matter and the same words (test/word/roundtrip.test.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { imageSize } from 'image-size';
import type { Nodes, PhrasingContent, Root, RootContent, List, Table as MdTable } from 'mdast';
import { parsePaper, type Paper } from '../core/paper';
import type { Profile } from '../core/profile';
import { fieldLabel, FORMAT_TOP_KEYS, ownFields } from '../core/template-fields';
import { getNode, scalarText } from '../core/yaml';
import { coverSheetModel, displayText } from '../render/cover';
import { coverSheetLayout, type CoverBlock } from '../render/cover-layout';
import { OTHER_FIELDS } from './import-html';

const COLS = 5;
const FONT = 'Arial';
const LABEL_FILL = 'D9E2F3';

/** The image URLs a paper's body refers to (relative files the node layer reads). */
export function imageUrls(text: string): string[] {
  const out: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'image' && n.url) out.push(n.url);
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(parsePaper(text).mdast);
  return [...new Set(out)];
}

function run(text: string, opts: { bold?: boolean; italics?: boolean; mono?: boolean } = {}): TextRun {
  return new TextRun({ text, bold: opts.bold, italics: opts.italics, font: opts.mono ? 'Courier New' : undefined });
}

function cell(text: string, opts: { span?: number; label?: boolean; center?: boolean } = {}): TableCell {
  return new TableCell({
    columnSpan: opts.span && opts.span > 1 ? opts.span : undefined,
    shading: opts.label ? { type: ShadingType.CLEAR, color: 'auto', fill: LABEL_FILL } : undefined,
    children: text
      ? text
          .split('\n')
          .map((l) => new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : undefined, children: [new TextRun({ text: l, bold: opts.label })] }))
      : [new Paragraph({})],
  });
}

const row = (...cells: TableCell[]) => new TableRow({ children: cells });
const tick = (b: boolean) => (b ? 'X' : '');

/** The cover sheet rows for one layout block. */
function blockRows(b: CoverBlock): TableRow[] {
  switch (b.kind) {
    case 'facts':
      return b.rows.filter((r) => r.value !== undefined).map((r) => row(cell(r.label, { label: true }), cell(r.value ?? '', { span: COLS - 1 })));
    case 'text':
      return b.value === undefined ? [] : [row(cell(b.label, { label: true, span: COLS })), row(cell(b.value, { span: COLS }))];
    case 'objectives': {
      if (!b.objectives.length) return [];
      return [
        row(cell(b.label, { label: true, span: COLS - 1 }), cell('Tick', { label: true, center: true })),
        ...b.objectives.map((o) =>
          o.nameOnly
            ? row(cell(o.code, { span: COLS - 1 }), cell(tick(o.ticked), { center: true }))
            : row(cell(o.code), cell(o.text, { span: COLS - 2 }), cell(tick(o.ticked), { center: true })),
        ),
      ];
    }
    case 'assessments': {
      const rows = b.rows.filter((r) => r.status || r.statusText || r.comment);
      if (!rows.length) return [];
      return [
        row(
          cell(b.label, { label: true }),
          cell('Yes', { label: true, center: true }),
          cell('No', { label: true, center: true }),
          cell('N/A', { label: true, center: true }),
          cell('Comments', { label: true }),
        ),
        ...rows.map((r) =>
          row(
            cell(r.label, { label: true }),
            cell(tick(r.status === 'yes'), { center: true }),
            cell(tick(r.status === 'no'), { center: true }),
            cell(tick(r.status === 'n/a'), { center: true }),
            cell([r.statusText ? `Status: ${r.statusText}` : '', r.comment ?? ''].filter(Boolean).join(' — ')),
          ),
        ),
      ];
    }
    case 'history':
      return [
        row(cell(b.label, { label: true, span: COLS })),
        ...(b.rows.length
          ? [
              // A template that records no outcome has no Outcome column.
              b.outcomes
                ? row(cell('Meeting', { label: true, span: 2 }), cell('Date', { label: true }), cell('Outcome', { label: true, span: 2 }))
                : row(cell('Meeting', { label: true, span: 2 }), cell('Date', { label: true, span: 3 })),
              ...b.rows.map((h) =>
                b.outcomes
                  ? row(cell(h.meeting, { span: 2 }), cell(h.dateLong || h.date), cell(h.outcome, { span: 2 }))
                  : row(cell(h.meeting, { span: 2 }), cell(h.dateLong || h.date, { span: 3 })),
              ),
            ]
          : [row(cell('None', { span: COLS }))]),
      ];
  }
}

function relabel(blocks: CoverBlock[], profile: Profile): void {
  for (const b of blocks) {
    if (b.kind === 'facts') for (const r of b.rows) r.label = fieldLabel(profile, r.key);
    else if (b.kind === 'assessments') for (const r of b.rows) r.label = fieldLabel(profile, r.key);
    else b.label = fieldLabel(profile, b.key);
  }
}

/** Keys the layout draws: the format's (the rest of the front-matter gets a row of its own). */
const DRAWN = new Set(FORMAT_TOP_KEYS);

/** The cover sheet: the meeting's banner and one table. */
export function coverSheet(paper: Paper, profile: Profile): (Paragraph | Table)[] {
  const model = coverSheetModel(paper, profile);
  const layout = coverSheetLayout(model);
  // The organisation's own labels (PROFILE.md v2 `cover_sheet`) on the layout's rows.
  if (profile.cover_sheet) relabel(layout.blocks, profile);
  const rows: TableRow[] = [];
  for (const b of layout.blocks) {
    if (b.kind === 'history' && !getNode(paper.cover, 'committee_history')) continue;
    if (b.kind === 'facts') {
      // Confidential as written (`yes`), with the reason: Word has no "not true or false".
      const conf = b.rows.find((r) => r.key === 'confidential');
      if (conf && model.confidential === undefined && model.confidentialText)
        conf.value = [model.confidentialText, model.confidentialReason].filter(Boolean).join(': ');
      if (conf && model.confidential === false && model.confidentialReason) conf.value = `No: ${model.confidentialReason}`;
    }
    rows.push(...blockRows(b));
  }
  // The organisation's own fields, with their labels, in template order.
  const own = new Set<string>();
  for (const f of ownFields(profile)) {
    if (f.key.includes('.')) continue;
    const v = displayText(getNode(paper.cover, f.key));
    if (v === undefined) continue;
    own.add(f.key);
    rows.push(row(cell(f.label, { label: true }), cell(v, { span: COLS - 1 })));
  }
  // Anything else the front-matter holds, under its key, so that import gives it back.
  const other: TableRow[] = [];
  for (const e of paper.cover?.pairs ?? []) {
    const key = scalarText(e.key) ?? '';
    if (!key || DRAWN.has(key) || own.has(key)) continue;
    const v = displayText(e.value);
    if (v !== undefined) other.push(row(cell(key, { label: true }), cell(v, { span: COLS - 1 })));
  }
  if (other.length) rows.push(row(cell(OTHER_FIELDS, { label: true, span: COLS })), ...other);
  const out: (Paragraph | Table)[] = [];
  if (layout.meeting) out.push(new Paragraph({ children: [new TextRun({ text: layout.meeting, bold: true, size: 32, font: FONT })], spacing: { after: 200 } }));
  if (rows.length) {
    out.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        columnWidths: [3000, 900, 900, 900, 3300],
        borders: {
          top: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
          bottom: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
          left: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
          right: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
          insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
          insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '808080' },
        },
        rows,
      }),
    );
  }
  return out;
}

// ------------------------------------------------------------------ body

interface BodyContext {
  images: ReadonlyMap<string, Uint8Array>;
  /** Numbered lists restart: each gets its own numbering instance. */
  nextList: number;
  /** Images it could not embed (missing file, unknown type): the caller reports them. */
  missing: string[];
}

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5];

type ImgType = 'png' | 'jpg' | 'gif' | 'bmp';

function imageRun(url: string, alt: string, ctx: BodyContext): ParagraphChild {
  const data = ctx.images.get(url);
  let size: { width?: number; height?: number; type?: string } | undefined;
  try {
    size = data ? imageSize(data) : undefined;
  } catch {
    size = undefined;
  }
  const type = size?.type === 'jpg' || size?.type === 'png' || size?.type === 'gif' || size?.type === 'bmp' ? (size.type as ImgType) : undefined;
  if (!data || !type || !size?.width || !size.height) {
    ctx.missing.push(url);
    return new TextRun({ text: alt ? `[${alt}]` : `[image ${url}]` });
  }
  const width = Math.min(600, size.width);
  const height = Math.round((size.height * width) / size.width);
  return new ImageRun({ type, data, transformation: { width, height }, altText: { name: url, description: alt, title: alt } });
}

function inline(nodes: readonly PhrasingContent[], ctx: BodyContext, style: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        n.value.split('\n').forEach((l, i) => out.push(new TextRun({ text: l, bold: style.bold, italics: style.italics, break: i > 0 ? 1 : undefined })));
        break;
      case 'strong':
        out.push(...inline(n.children, ctx, { ...style, bold: true }));
        break;
      case 'emphasis':
        out.push(...inline(n.children, ctx, { ...style, italics: true }));
        break;
      case 'delete':
        out.push(...inline(n.children, ctx, style));
        break;
      case 'inlineCode':
        out.push(run(n.value, { ...style, mono: true }));
        break;
      case 'break':
        out.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'link':
        if (/^(https?:|mailto:)/i.test(n.url))
          out.push(new ExternalHyperlink({ link: n.url, children: inline(n.children, ctx, style).filter((c): c is TextRun => c instanceof TextRun) }));
        else out.push(...inline(n.children, ctx, style));
        break;
      case 'image':
        out.push(imageRun(n.url, n.alt ?? '', ctx));
        break;
      case 'footnoteReference':
        out.push(run(`[${n.label ?? n.identifier}]`, style));
        break;
      case 'html':
        break; // HTML comments (rule directives) are not words of the paper
      default:
        if ('children' in n) out.push(...inline((n as { children: PhrasingContent[] }).children, ctx, style));
        else if ('value' in n) out.push(run(String((n as { value: string }).value), style));
    }
  }
  return out;
}

function listParagraphs(list: List, level: number, ctx: BodyContext): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const instance = ctx.nextList++;
  for (const item of list.children) {
    let first = true;
    for (const child of item.children) {
      if (child.type === 'list') {
        out.push(...listParagraphs(child, Math.min(level + 1, 8), ctx));
        continue;
      }
      if (first && child.type === 'paragraph') {
        const numbering = list.ordered ? { reference: 'numbered', level, instance } : undefined;
        out.push(new Paragraph({ children: inline(child.children, ctx), numbering, bullet: list.ordered ? undefined : { level } }));
        first = false;
        continue;
      }
      for (const b of block(child, ctx)) out.push(b instanceof Paragraph ? b : b);
      first = false;
    }
  }
  return out;
}

function table(t: MdTable, ctx: BodyContext): Table {
  const width = Math.max(1, ...t.children.map((r) => r.children.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: t.children.map(
      (r, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: Array.from({ length: width }, (_, c) => {
            const content = r.children[c]?.children ?? [];
            return new TableCell({ children: [new Paragraph({ children: inline(content, ctx, { bold: i === 0 }) })] });
          }),
        }),
    ),
  });
}

function block(n: RootContent, ctx: BodyContext): (Paragraph | Table)[] {
  switch (n.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[Math.min(n.depth, 6) - 1], children: inline(n.children, ctx) })];
    case 'paragraph':
      return [new Paragraph({ children: inline(n.children, ctx) })];
    case 'list':
      return listParagraphs(n, 0, ctx);
    case 'table':
      return [table(n, ctx)];
    case 'blockquote':
      return n.children.flatMap((c) => block(c, ctx)).map((p) => p);
    case 'code':
      return n.value.split('\n').map((l) => new Paragraph({ children: [run(l, { mono: true })] }));
    case 'thematicBreak':
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '808080', space: 1 } }, children: [] })];
    case 'footnoteDefinition':
      return n.children.flatMap((c) => block(c, ctx));
    case 'yaml':
    case 'html':
    case 'definition':
      return [];
    default:
      if ('children' in n) return (n as { children: RootContent[] }).children.flatMap((c) => block(c, ctx));
      return [];
  }
}

export interface ExportResult {
  document: Document;
  /** Images the body refers to that could not be embedded. */
  missingImages: string[];
}

/** The paper as a Word document (pack it with `Packer.toBuffer`). */
export function paperToDocument(text: string, profile: Profile, images: ReadonlyMap<string, Uint8Array> = new Map()): ExportResult {
  const paper = parsePaper(text);
  const ctx: BodyContext = { images, nextList: 1, missing: [] };
  const body = (paper.mdast as Root).children.flatMap((n) => block(n, ctx));
  const title = displayText(getNode(paper.cover, 'title')) ?? 'Board paper';
  const document = new Document({
    creator: profile.organisation,
    title,
    description: 'Board paper exported by boardpaper',
    styles: {
      default: { document: { run: { font: FONT, size: 22 } } },
      paragraphStyles: [],
    },
    numbering: {
      config: [
        {
          reference: 'numbered',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3]!,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children: coverSheet(paper, profile) }, { children: body.length ? body : [new Paragraph({})] }],
  });
  return { document, missingImages: ctx.missing };
}
