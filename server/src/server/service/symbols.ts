/** Document symbols: the cover sheet and its fields, then the sections. */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import { scalarText, type YNode } from '../../core/yaml';
import { toRange } from './convert';
import type { DocumentModel } from './model';

function detailOf(node: YNode): string | undefined {
  if (node.kind === 'scalar') return scalarText(node);
  if (node.kind === 'seq')
    return node.flow ? node.items.map((i) => scalarText(i) ?? '…').join(', ') : `${node.items.length} item${node.items.length === 1 ? '' : 's'}`;
  if (node.kind === 'map') {
    const status = node.pairs.find((p) => p.name === 'status')?.value;
    return status ? scalarText(status) : undefined;
  }
  return undefined;
}

function children(model: DocumentModel, node: YNode, depth: number): DocumentSymbol[] | undefined {
  if (depth > 3) return undefined;
  if (node.kind === 'map' && !node.flow) {
    return node.pairs.map((p) => pairSymbol(model, p.name || '(key)', p.key, p.value, depth));
  }
  if (node.kind === 'seq' && !node.flow) {
    return node.items.map((item, i) => {
      const name =
        item.kind === 'map' ? (scalarText(item.pairs.find((p) => ['meeting', 'id'].includes(p.name))?.value) ?? `${i + 1}`) : (scalarText(item) ?? `${i + 1}`);
      const range = toRange(model.lines, { start: item.outerStart, end: Math.max(item.end, item.outerStart) });
      return {
        name,
        kind: item.kind === 'map' ? SymbolKind.Object : SymbolKind.String,
        range,
        selectionRange: range,
        children: children(model, item, depth + 1),
      };
    });
  }
  return undefined;
}

function pairSymbol(model: DocumentModel, name: string, key: YNode, value: YNode, depth: number): DocumentSymbol {
  const end = Math.max(key.end, value.end);
  const detail = detailOf(value);
  const s: DocumentSymbol = {
    name,
    kind: value.kind === 'map' ? SymbolKind.Object : value.kind === 'seq' ? SymbolKind.Array : SymbolKind.Field,
    range: toRange(model.lines, { start: key.outerStart, end }),
    selectionRange: toRange(model.lines, key),
  };
  if (detail) s.detail = detail;
  const kids = children(model, value, depth + 1);
  if (kids?.length) s.children = kids;
  return s;
}

export function documentSymbols(model: DocumentModel): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const fm = model.paper.frontmatter;
  if (fm) {
    const title = scalarText(model.paper.cover?.pairs.find((p) => p.name === 'title')?.value);
    const cover: DocumentSymbol = {
      name: 'Cover sheet',
      kind: SymbolKind.Namespace,
      range: toRange(model.lines, fm.block),
      selectionRange: toRange(model.lines, { start: fm.block.start, end: Math.min(fm.block.end, fm.block.start + 3) }),
      children: model.paper.cover ? model.paper.cover.pairs.map((p) => pairSymbol(model, p.name || '(key)', p.key, p.value, 1)) : [],
    };
    if (title) cover.detail = title;
    out.push(cover);
  }
  for (const s of model.paper.sections) {
    out.push({
      name: s.heading || '(untitled section)',
      kind: SymbolKind.Module,
      range: toRange(model.lines, { start: s.headingRange.start, end: Math.max(s.headingRange.end, s.contentRange.end) }),
      selectionRange: toRange(model.lines, s.titleRange.end > s.titleRange.start ? s.titleRange : s.headingRange),
      detail: `${s.words.length} words`,
    });
  }
  return out;
}

/** For clients without hierarchical symbols. */
export function flatSymbols(model: DocumentModel, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of symbols) {
    out.push({ name: s.name, kind: s.kind, location: { uri: model.uri, range: s.range }, ...(container ? { containerName: container } : {}) });
    if (s.children) out.push(...flatSymbols(model, s.children, s.name));
  }
  return out;
}
