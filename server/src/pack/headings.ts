/**
 * A paper's headings as levels of the pack's outline: the paper's shallowest
 * heading becomes `top` (one below the paper's title), deeper ones follow,
 * and no heading is more than one level below the one before it — so the
 * pack's headings run in order (PDF/UA, WCAG 1.3.1) whatever the author wrote
 * (`###` straight after the title, `#` inside a paper). Both renderers use it.
 */
import type { Heading, Root } from 'mdast';

/** Every heading of the tree in document order (any depth of nesting). */
function headingsOf(tree: Root): Heading[] {
  const out: Heading[] = [];
  const stack: unknown[] = [...tree.children].reverse();
  while (stack.length) {
    const n = stack.pop() as { type: string; children?: unknown[] };
    if (n.type === 'heading') out.push(n as Heading);
    else if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/** The level each heading is shown at (1–6), by node, for headings starting at `top`. */
export function headingLevels(tree: Root, top: number): Map<Heading, number> {
  const hs = headingsOf(tree);
  const min = hs.length ? Math.min(...hs.map((h) => h.depth)) : 1;
  const out = new Map<Heading, number>();
  let last = top - 1;
  for (const h of hs) {
    const wanted = top + (h.depth - min);
    const level = Math.min(6, Math.max(top, Math.min(wanted, last + 1)));
    out.set(h, level);
    last = level;
  }
  return out;
}
