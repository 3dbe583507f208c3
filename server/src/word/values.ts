/**
 * Reading cover-sheet values as Word templates write them: dates, ticks,
 * Yes/No, purposes. Pure; every function returns undefined when the text does
 * not say, so that the caller keeps the author's words as written.
 */
import { PURPOSES, type Purpose } from '../core/profile';
import { parseLooseDate } from '../core/queries/dates';

/**
 * `13 March 2024`, `Wednesday 13th March 2024`, `13 Mar 24`, `March 13, 2024`,
 * `13/03/2024` (UK order), `13.03.2024`, `2024-03-13` → `2024-03-13`: the
 * linter's reading of a date (invalid-date's fix), with two-digit years too.
 */
export function isoDate(text: string): string | undefined {
  return parseLooseDate(text, { shortYear: true });
}

/** A tick in a tick column: X, ✓, ✔, ☒, Yes, Y. */
export function isTick(text: string): boolean {
  return /^(x|✓|✔|☑|☒|✗|yes|y|tick|ticked|●|■)$/i.test(text.trim());
}

/** Yes / No / N/A (and the usual spellings) → the FORMAT.md status. */
export function statusOf(text: string): 'yes' | 'no' | 'n/a' | undefined {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^(yes|y)$/.test(t)) return 'yes';
  if (/^(no|n)$/.test(t)) return 'no';
  if (/^(n\/a|na|n\.a|not applicable)$/.test(t)) return 'n/a';
  return undefined;
}

/** `Yes: reason` / `No – comment` → status and the rest. */
export function statusWithComment(text: string): { status: 'yes' | 'no' | 'n/a'; comment?: string } | undefined {
  const m = /^(yes|no|n\/a|not applicable)\b\s*[:\-–—,.;]?\s*([\s\S]*)$/i.exec(text.trim());
  if (!m) return undefined;
  const status = statusOf(m[1]!);
  if (!status) return undefined;
  const comment = m[2]!.trim();
  return comment ? { status, comment } : { status };
}

/**
 * `Confidential` cell: `No` → false; `Yes`, `Private`, `Part 2` → true, with
 * what follows as the reason (`Yes – section 43, commercial interests`).
 */
export function confidentialOf(text: string): { value: boolean; reason?: string } | undefined {
  const t = text.trim();
  const s = statusWithComment(t);
  if (s?.status === 'no' || s?.status === 'n/a') return s.comment ? { value: false, reason: s.comment } : { value: false };
  if (s?.status === 'yes') return s.comment ? { value: true, reason: s.comment } : { value: true };
  if (/^(public|part 1|part one|open|not confidential|false)$/i.test(t)) return { value: false };
  if (/^(private|part 2|part two|confidential|true)$/i.test(t)) return { value: true };
  return undefined;
}

const PURPOSE_WORDS: [RegExp, Purpose][] = [
  [/\bapprov(e|al)\b|\bratif/i, 'approve'],
  [/\bdecision\b|\bdecide\b/i, 'decide'],
  [/\bdiscuss(ion)?\b|\bconsider(ation)?\b/i, 'discuss'],
  [/\bassur(e|ance)\b/i, 'assure'],
  [/\bnot(e|ing)\b|\breceive\b/i, 'note'],
  [/\binformation\b/i, 'information'],
];

/** `For approval`, `To note`, `Decision`, `approve` → the FORMAT.md purpose. */
export function purposeOf(text: string): Purpose | undefined {
  const t = text.trim().toLowerCase();
  if ((PURPOSES as readonly string[]).includes(t)) return t as Purpose;
  const hits = PURPOSE_WORDS.filter(([re]) => re.test(t)).map(([, p]) => p);
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Purposes ticked in one cell written the template way: `Approval ☐ Decision ☒
 * Discussion ☐` or `☒ Approval ☐ Assurance`. Undefined when the cell has no
 * check boxes.
 */
export function tickedInline(text: string): string[] | undefined {
  const BOXES = '☐☒☑';
  if (![...BOXES].some((b) => text.includes(b))) return undefined;
  // The text between boxes, each piece paired with the box before it (box first) or after it (label first).
  const pieces: { box: string; label: string }[] = [];
  let label = '';
  let pending: string | undefined;
  const boxFirst = BOXES.includes(text.trimStart()[0] ?? '');
  for (const ch of text) {
    if (!BOXES.includes(ch)) {
      label += ch;
      continue;
    }
    if (boxFirst) {
      if (pending !== undefined) pieces.push({ box: pending, label });
      pending = ch;
    } else pieces.push({ box: ch, label });
    label = '';
  }
  if (boxFirst && pending !== undefined) pieces.push({ box: pending, label });
  const out: string[] = [];
  for (const p of pieces) {
    const l = p.label.trim();
    if (p.box !== '☐' && l) out.push(l);
  }
  return out;
}
