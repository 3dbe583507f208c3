/**
 * required-field: a key the cover sheet must have is missing or empty.
 *
 * Top level: what the organisation's template requires (`coverSheetFields`:
 * the built-in template requires the FORMAT.md keys marked required; a
 * FORMAT.md key a profile's `cover_sheet` does not list is optional; own
 * fields with `required: true`). Nested: the template's required impact
 * assessments, each assessment's `status`, `risks.on_register` when
 * `risks.status` is yes, each risk item's `id`, each committee history
 * entry's `meeting` and `date`. Left to more specific rules: the reason for a
 * confidential item (confidential-reason), a history entry's outcome
 * (committee-outcome-missing) and empty `risks.items` (risk-reference-missing).
 * A value of the wrong shape (a list where a mapping belongs) is field-type's.
 *
 * Everything here needs the author's input, so edits go in `suggestions`.
 */
import { defineRule, fix, insertIntoMap, afterColon, firstLineRange, writtenRange, indentAt } from '../rule';
import { FIELD_KEYS, fieldSpec, readAssessment } from '../fields';
import { longDate } from '../queries/dates';
import { answerIn, builtinLabel, coverSheetFields, fieldPair, fieldRef, requiredOn, templateField, type TemplateField } from '../template-fields';
import type { Profile } from '../profile';
import { getPair, isEmptyNode, scalarText, type YMap, type YNode, type YPair } from '../yaml';
import type { Paper } from '../paper';
import type { Fix, Severity, TextEdit } from '../types';

const WHY: Record<string, string> = {
  title: 'the title is how the paper is listed on the agenda and in the minutes',
  meeting: 'without the meeting the paper cannot be placed in the right agenda pack',
  date: 'without the meeting date the paper cannot be placed in the right agenda pack',
  agenda_item: 'members find the paper by its agenda item number',
  presented_by: 'the chair needs to know who will present the item',
  author: 'members need to know who to ask about the paper',
  confidential: 'the meeting must know whether the item is taken in public or in private (Part 2)',
  purpose: 'members need to know whether they are asked to approve, decide, discuss, take assurance, note or receive it for information',
  strategic_objectives: 'the meeting judges the paper against the strategic objectives it serves',
  risks: 'the meeting must know whether the paper carries risks and whether they are on the risk register',
  financial_implications: 'the meeting must know whether the paper has financial implications before it acts on it',
  conflicts_of_interest: 'conflicts of interest must be declared before the item is discussed ("Not applicable" is a valid answer)',
  impact_assessments: 'the meeting must see whether quality, equality and data privacy impact assessments have been done',
  authorised_by: 'papers go to the meeting only when an executive has authorised them',
};

const IMPACT_NAMES: Record<string, string> = {
  quality: 'quality impact assessment (QIA)',
  equality: 'equality impact assessment (EIA)',
  data_privacy: 'data privacy impact assessment (DPIA)',
};

const IMPACT_PLACEHOLDER = '\n  status: n/a\n  comment: TBC';

/** Turn a block placeholder (`\n  status: no\n  comment: TBC`) into flow style. */
export function flowPlaceholder(block: string): string {
  if (!block.includes('\n')) return block.trim();
  const lines = block.split('\n').filter((l) => l.trim() !== '');
  const parse = (from: number, indent: number): [string, number] => {
    const parts: string[] = [];
    let i = from;
    while (i < lines.length) {
      const l = lines[i]!;
      const ind = l.length - l.trimStart().length;
      if (ind < indent) break;
      // /^\s*([^:]+):\s*(.*)$/ with no two quantifiers over the same characters (linear, same matches)
      const m = /^\s*([^:\s][^:]*|\s):\s*(\S.*|)$/.exec(l);
      if (!m) {
        i++;
        continue;
      }
      if (m[2] === '') {
        const next = lines[i + 1];
        const childIndent = next ? next.length - next.trimStart().length : indent + 2;
        const [inner, j] = parse(i + 1, Math.max(childIndent, indent + 1));
        parts.push(`${m[1]}: ${inner}`);
        i = j;
      } else {
        parts.push(`${m[1]}: ${m[2]}`);
        i++;
      }
    }
    return [`{ ${parts.join(', ')} }`, i];
  };
  return parse(0, 0)[0];
}

/** Is `node` written inside a flow collection (where block text cannot go)? */
function inFlow(map: YMap | null): boolean {
  return !!map && map.flow;
}

/** An edit adding `key: value` to `map`, tidy (no space before a line break). */
function insertKey(paper: Paper, map: YMap | null, key: string, value: string): TextEdit {
  const e = insertIntoMap(paper, map, key, inFlow(map) ? flowPlaceholder(value) : value);
  return { ...e, newText: e.newText.replace(/: (\r?\n)/, ':$1') };
}

/** An edit giving an empty `key:` its placeholder, keeping the key as written. */
function fillEmpty(paper: Paper, parent: YMap, pair: YPair, value: string): TextEdit {
  const v = pair.value;
  const block = value.includes('\n') && !parent.flow;
  if (v.kind === 'scalar' && v.empty) {
    // `key:` (perhaps with a comment): a block placeholder goes on the lines
    // after the key's line, a one-line one straight after the colon.
    const at = block ? paper.lines.lineEnd(paper.lines.lineOf(pair.key.start)) : afterColon(paper, pair.key);
    return { start: at, end: at, newText: valueText(paper, parent, pair, value) };
  }
  const at = afterColon(paper, pair.key, v.start);
  const r = writtenRange(paper, v);
  return { start: at, end: Math.max(at, r.end), newText: valueText(paper, parent, pair, value) };
}

/** The placeholder as text to follow `key:`: ` TBC`, or indented lines. */
function valueText(paper: Paper, parent: YMap, pair: YPair, value: string): string {
  if (!value.includes('\n')) return ' ' + value.trim();
  if (parent.flow) return ' ' + flowPlaceholder(value);
  const indent = indentAt(paper, pair.key.start);
  return value
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => paper.eol + indent + l)
    .join('');
}

/** Did the template rename a FORMAT.md field (so messages use its label)? */
function renamed(f: TemplateField): boolean {
  return f.builtin && builtinLabel(f.key) !== f.label;
}

/**
 * The template's required fields by top-level key (those it asks of a paper
 * for the meeting of `meetingDate`, and the follow-up questions whose
 * question the paper answered as `required_if` says): `impact_assessments` gathers its
 * required assessments. In template order, FORMAT.md keys first
 * in the format's order (so the built-in template reports as before).
 */
function requiredGroups(profile: Profile, meetingDate: string | undefined, answerOf: (key: string) => string | undefined): Map<string, TemplateField[]> {
  const groups = new Map<string, TemplateField[]>();
  for (const f of coverSheetFields(profile)) {
    if (!requiredOn(f, meetingDate, answerOf)) continue;
    const top = f.key.split('.')[0]!;
    groups.set(top, [...(groups.get(top) ?? []), f]);
  }
  const order = (k: string) => {
    const i = FIELD_KEYS.indexOf(k);
    return i === -1 ? FIELD_KEYS.length : i;
  };
  return new Map([...groups].sort((a, b) => order(a[0]) - order(b[0])));
}

/** How a message names a required group: the field's label, or the group's with the assessments it must hold. */
function groupName(profile: Profile, top: string, fields: TemplateField[]): string {
  if (fields.length === 1 && fields[0]!.key === top) return fieldRef(profile, top);
  const all = coverSheetFields(profile).filter((f) => f.key.startsWith(`${top}.`) && f.builtin);
  const builtinAll = top === 'impact_assessments' && fields.length === 3 && fields.every((f) => f.builtin && !renamed(f));
  if (builtinAll || fields.length === all.length) return fieldRef(profile, top);
  return `"${top}" (with ${fields.map((f) => `"${f.label}"`).join(', ')})`;
}

/** The placeholder a required group's skeleton inserts. */
function groupPlaceholder(top: string, fields: TemplateField[], builtin: string | undefined): string {
  if (fields.length === 1 && fields[0]!.key === top) return builtin ?? placeholderFor(fields[0]!);
  if (top === 'impact_assessments' && fields.length === 3 && fields.every((f) => f.builtin) && builtin) return builtin;
  return fields.map((f) => `\n  ${f.key.slice(top.length + 1)}:${IMPACT_PLACEHOLDER.replace(/\n/g, '\n  ')}`).join('');
}

/** A placeholder for the organisation's own field, by its type. */
function placeholderFor(f: TemplateField): string {
  switch (f.type) {
    case 'assessment':
      return IMPACT_PLACEHOLDER;
    case 'list':
      return '[TBC]';
    case 'boolean':
      return 'false';
    case 'yes-no-na':
      return 'n/a';
    default:
      return 'TBC';
  }
}

function hasMergeKey(map: YMap): boolean {
  return map.pairs.some((p) => p.name === '<<');
}

/**
 * The author line when it names the chief executive ("Andrew Cash, Chief
 * Executive"): the chief executive presents their own report, so a blank
 * presenter box leaves the chair in no doubt. Not a deputy.
 */
function chiefExecutiveAuthor(cover: YMap | null): string | undefined {
  const author = scalarText(getPair(cover, 'author')?.value)?.trim();
  if (!author || !/\bchief executive\b/i.test(author) || /\bdeputy chief executive\b/i.test(author)) return undefined;
  return author;
}

export const rule = defineRule({
  id: 'required-field',
  severity: 'error',
  description: 'A key the cover sheet must have is missing or empty.',
  fixable: false,
  check({ paper, profile, meetingDate, report }) {
    const fm = paper.frontmatter;
    // An empty cover sheet (`---` then `---`) in a file that must be a paper:
    // every required key is missing. Other non-mappings are frontmatter-syntax's.
    const emptyCover = !paper.cover && !!fm && !fm.error && fm.root === null;
    const cover = paper.cover;
    if (!cover && !emptyCover) return;

    const suggest = (title: string, edit: TextEdit): Fix[] => [fix(title, edit)];

    // --- top level -------------------------------------------------------
    // What the organisation's template requires (the built-in template: the
    // FORMAT.md keys marked required), grouped by top-level key.
    const answerOf = answerIn(cover);
    const groups = requiredGroups(profile, meetingDate, answerOf);
    for (const [top, fields] of groups) {
      const pair = getPair(cover, top);
      if (pair && !isEmptyNode(pair.value)) continue; // answered: nothing to compose
      const spec = fieldSpec(top);
      const own = fields.every((f) => !f.builtin);
      const name = groupName(profile, top, fields);
      // A follow-up question is asked only after its question's answer: say which.
      const cond = fields.length === 1 ? fields[0]!.requiredIf : undefined;
      const after = cond ? `the template asks it of every paper that answers ${fieldRef(profile, cond.key)} ${answerOf(cond.key)}` : undefined;
      const why = after ?? WHY[top] ?? (own ? 'the template asks every paper to answer it' : 'the meeting relies on it');
      const template = !!profile.cover_sheet;
      // A field the template gained on a date: say so, since older papers are not asked for it.
      const from = fields.find((f) => f.requiredFrom)?.requiredFrom;
      const since = from ? ` for meetings from ${longDate(from)}` : '';
      const needs = template ? `which ${profile.organisation}'s cover sheet requires${since}` : 'which every board paper needs';
      const placeholder = groupPlaceholder(top, fields, spec?.placeholder);
      // The chief executive's own report with no presenter: the author line answers the chair's question, so it is a reminder (info).
      const chiefExecutive = top === 'presented_by' && fields.every((f) => f.builtin) ? chiefExecutiveAuthor(cover) : undefined;
      const reminder = chiefExecutive
        ? { severity: 'info' as const, note: ` The author, ${chiefExecutive}, presumably presents the report: if so, give the name here too.` }
        : undefined;
      if (!pair) {
        if (cover && hasMergeKey(cover)) continue; // keys merged from elsewhere (`<<`): cannot tell
        report({
          message: `The cover sheet has no ${name}, ${needs}: ${why}.${reminder?.note ?? ''} Add "${top}:" with its value.`,
          range: paper.anchor,
          paperWide: true,
          suggestions: suggest(`Add "${top}" with a placeholder`, insertKey(paper, cover, top, placeholder)),
          ...(reminder ? { severity: reminder.severity } : {}),
        });
      } else if (cover && isEmptyNode(pair.value)) {
        report({
          message: `${name.charAt(0).toUpperCase()}${name.slice(1)} is empty, but ${template ? `${profile.organisation}'s cover sheet requires it${since}` : 'every board paper needs it'}: ${why}.${reminder?.note ?? ''} Fill it in.`,
          range: { start: pair.key.start, end: pair.key.end },
          suggestions: suggest(`Fill in "${top}" with a placeholder`, fillEmpty(paper, cover, pair, placeholder)),
          ...(reminder ? { severity: reminder.severity } : {}),
        });
      }
    }

    if (!cover) return;

    // --- nested keys -----------------------------------------------------
    /**
     * A required key of a nested mapping. `what` names the mapping ("risks",
     * a risk item…); `rangeNode` is where a missing key is reported (else the
     * parent's key).
     */
    const missingIn = (parent: YPair, map: YMap, key: string, placeholder: string, what: string, why: string, rangeNode?: YNode, severity?: Severity) => {
      const pair = getPair(map, key);
      if (!pair) {
        if (hasMergeKey(map)) return;
        const at = rangeNode ? firstLineRange(paper, rangeNode) : { start: parent.key.start, end: parent.key.end };
        report({
          message: `${what.charAt(0).toUpperCase()}${what.slice(1)} has no "${key}". ${why}`,
          range: at,
          suggestions: suggest(`Add "${key}" with a placeholder`, insertKey(paper, map, key, placeholder)),
          ...(severity ? { severity } : {}),
        });
        return;
      }
      if (isEmptyNode(pair.value)) {
        report({
          message: `"${key}" in ${what} is empty. ${why}`,
          range: { start: pair.key.start, end: pair.key.end },
          suggestions: suggest(`Fill in "${key}" with a placeholder`, fillEmpty(paper, map, pair, placeholder)),
          ...(severity ? { severity } : {}),
        });
      }
    };

    const statusWhy = 'Every assessment needs a status of yes, no or n/a so the meeting knows whether it has been considered; add "status:" with the answer.';

    /** Check an assessment's status; `pair` is the assessment's key/value. */
    const checkStatus = (pair: YPair, what: string, placeholderStatus: string) => {
      const v = pair.value;
      if (v.kind !== 'map' || v.pairs.length === 0) return; // shorthand, empty (reported elsewhere) or wrong type
      missingIn(pair, v, 'status', placeholderStatus, what, statusWhy);
    };

    // financial_implications
    const fin = getPair(cover, 'financial_implications');
    if (fin) checkStatus(fin, '"financial_implications"', 'yes');

    // risks
    const risks = getPair(cover, 'risks');
    if (risks && !isEmptyNode(risks.value)) {
      checkStatus(risks, '"risks"', 'no');
      const a = readAssessment(risks.value);
      const rv = risks.value;
      if (a?.status === 'yes' && templateField(profile, 'risks.on_register')?.listed) {
        const onRegisterWhy =
          'When a paper carries risks, the meeting must know whether they are on the organisation\'s risk register; add "on_register: yes" (or no, with a comment).';
        if (rv.kind === 'map') {
          missingIn(risks, rv, 'on_register', 'yes', '"risks"', onRegisterWhy);
        } else if (rv.kind === 'scalar' && !cover.flow) {
          // Shorthand `risks: yes`: offer the mapping, keeping the status as written.
          const indent = indentAt(paper, risks.key.start);
          const at = afterColon(paper, risks.key, rv.start);
          const r = writtenRange(paper, rv);
          const eol = paper.eol;
          const src = paper.text.slice(r.start, r.end);
          report({
            message: `"risks" says there are risks but not whether they are on the risk register. When a paper carries risks, the meeting must know whether they are on the organisation's risk register; write "risks" as a mapping with "status" and "on_register".`,
            range: { start: risks.key.start, end: risks.key.end },
            suggestions: [
              fix('Add "on_register" with a placeholder', {
                start: at,
                end: r.end,
                newText: `${eol}${indent}  status: ${src}${eol}${indent}  on_register: yes`,
              }),
            ],
          });
        }
      }
      // risk items' ids
      if (rv.kind === 'map') {
        const items = getPair(rv, 'items');
        if (items && items.value.kind === 'seq') {
          for (const item of items.value.items) {
            if (item.kind !== 'map') continue;
            missingIn(
              items,
              item,
              'id',
              '"TBC"',
              'a risk item',
              'Each risk item needs its risk register reference ("id", quoted as written, e.g. "019") so members can look the risk up.',
              item,
            );
          }
        }
      }
    }

    // impact assessments
    const impact = getPair(cover, 'impact_assessments');
    if (impact && impact.value.kind === 'map' && impact.value.pairs.length > 0) {
      const map = impact.value;
      const required = new Set((groups.get('impact_assessments') ?? []).map((f) => f.key.slice('impact_assessments.'.length)));
      const nested = coverSheetFields(profile).filter((f) => f.key.startsWith('impact_assessments.') && (f.builtin || f.type === 'assessment'));
      for (const f of nested) {
        const key = f.key.slice('impact_assessments.'.length);
        const name = IMPACT_NAMES[key] && !renamed(f) ? IMPACT_NAMES[key]! : `"${f.label}"`;
        const pair = getPair(map, key);
        const article = name.startsWith('"') ? 'the' : /^[aeiou]/.test(name) ? 'an' : 'a';
        const why = `The meeting must see whether ${article} ${name} has been done before it acts on the paper; give its status (yes, no or n/a) and a comment.`;
        if (!pair || isEmptyNode(pair.value)) {
          if (required.has(key)) missingIn(impact, map, key, IMPACT_PLACEHOLDER, '"impact_assessments"', why);
        } else {
          checkStatus(pair, `the ${name}`, 'n/a');
        }
      }
    }

    // the organisation's own assessments: a status in each one given as a mapping
    for (const f of coverSheetFields(profile)) {
      if (f.builtin || f.type !== 'assessment' || f.key.startsWith('impact_assessments.')) continue;
      const pair = fieldPair(cover, f.key);
      if (pair) checkStatus(pair, fieldRef(profile, f.key), 'n/a');
    }

    // committee history entries
    const history = getPair(cover, 'committee_history');
    if (history && history.value.kind === 'seq') {
      for (const entry of history.value.items) {
        if (entry.kind !== 'map') continue;
        missingIn(
          history,
          entry,
          'meeting',
          'TBC',
          'a committee history entry',
          'Each earlier discussion must name the meeting that considered the paper, so members can follow its route; add "meeting:".',
          entry,
        );
        // Many templates record no date: a warning, like a missing outcome (RULES.md v2).
        missingIn(
          history,
          entry,
          'date',
          'TBC',
          'a committee history entry',
          'Each earlier discussion needs the date it took place (YYYY-MM-DD), so members can follow its route; add "date:".',
          entry,
          'warning',
        );
      }
    }
  },
});
