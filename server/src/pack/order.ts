/**
 * Natural agenda order: items compare as their source text, split into runs
 * of digits (compared as numbers) and everything else (compared without
 * case). So 2 < 9 < 10 < 10.1 < 10.2 < 10.10 < 11, and ICB/24/9 < ICB/24/031.
 * An item with no number at all sorts after every numbered one.
 */

type Token = { n: bigint; digits: string } | { s: string };

function tokens(item: string): Token[] {
  const out: Token[] = [];
  for (const m of item.trim().matchAll(/(\d+)|(\D+)/g)) {
    if (m[1] !== undefined) out.push({ n: BigInt(m[1]), digits: m[1] });
    else out.push({ s: m[2]!.toLowerCase() });
  }
  return out;
}

/** Negative when `a` comes before `b`; 0 when they are the same item (`10.1` and `10.01`, `ICB/1` and `icb/1`). */
export function compareAgendaItems(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.length || !tb.length) return ta.length && !tb.length ? -1 : !ta.length && tb.length ? 1 : 0;
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    if ('n' in x && 'n' in y) {
      if (x.n !== y.n) return x.n < y.n ? -1 : 1;
    } else if ('s' in x && 's' in y) {
      if (x.s !== y.s) return x.s < y.s ? -1 : 1;
    } else {
      // A number sorts before text in the same place: `1` < `ICB/1`.
      return 'n' in x ? -1 : 1;
    }
  }
  return ta.length - tb.length;
}
