/**
 * field-type: a cover-sheet value has the wrong type, or is not one of the
 * values the format allows.
 *
 * Left to other rules: empty values (required-field), dates (invalid-date:
 * a date that is not a real YYYY-MM-DD date is never a type error here),
 * an agenda item number YAML misreads (agenda-item-number), strategic
 * objective codes and their wording (unknown-strategic-objective,
 * strategic-objective-text). Aliases are not followed.
 *
 * A fix is offered only when the intended value is certain: `yes` → `true`
 * for `confidential`, `approval` → `approve`, `NA` → `n/a`, `SO1` → `[SO1]`.
 */
import { distance } from 'fastest-levenshtein';
import { defineRule, fix, writtenRange } from '../rule';
import { ASSESSMENT_STATUSES, ASSURANCE_LEVELS } from '../fields';
import { OBJECTIVE_CODE, PURPOSES } from '../profile';
import { isProfileCode } from '../queries/objectives';
import { purposeIsList } from '../queries/purposes';
import { coverSheetFields, fieldNode, fieldRef, sameValue, templateField } from '../template-fields';
import { getNode, getPair, isEmptyNode, scalarText, type YNode, type YScalar } from '../yaml';
import type { Paper } from '../paper';
import { saysNotDiscussedBefore } from '../cover-sheet';
import type { Fix } from '../types';
import { isWhitespace, trimEndWhere } from '../text';

const STRING_FIELDS: Record<string, string> = {
  title: 'the title of the paper',
  meeting: 'the name of the meeting',
  presented_by: 'who presents the paper (name, role)',
  author: 'who wrote the paper (name, role)',
  authorised_by: 'who authorised the paper (name, role)',
  conflicts_of_interest: 'the conflicts of interest declared ("Not applicable" is a valid answer)',
  confidential_reason: 'why the item is taken in private',
};

const PURPOSE_SYNONYMS: Record<string, string> = {
  approval: 'approve',
  approved: 'approve',
  approving: 'approve',
  decision: 'decide',
  decisions: 'decide',
  deciding: 'decide',
  discussion: 'discuss',
  discussing: 'discuss',
  assurance: 'assure',
  assured: 'assure',
  noting: 'note',
  noted: 'note',
  info: 'information',
  inform: 'information',
  informing: 'information',
};

const ASSURANCE_SYNONYMS: Record<string, string> = {
  no: 'none',
  nil: 'none',
  no_assurance: 'none',
};

const STATUS_SYNONYMS: Record<string, string> = {
  na: 'n/a',
  'n.a.': 'n/a',
  'n.a': 'n/a',
  'n/a.': 'n/a',
  'n / a': 'n/a',
  'not applicable': 'n/a',
  'not-applicable': 'n/a',
  'non applicable': 'n/a',
  y: 'yes',
  true: 'yes',
  false: 'no',
};

const CONFIDENTIAL_TRUE = new Set(['yes', 'y', 'true', 'on']);
const CONFIDENTIAL_FALSE = new Set(['no', 'n', 'false', 'off']);

function describe(node: YNode): string {
  switch (node.kind) {
    case 'seq':
      return 'a list';
    case 'map':
      return 'a mapping of keys';
    case 'alias':
      return 'an alias';
    case 'scalar':
      if (typeof node.value === 'number') return `the number ${node.source.trim()}`;
      if (typeof node.value === 'boolean') return `the true/false value ${node.source.trim()}`;
      return `"${node.text.trim()}"`;
  }
}

function scalarString(node: YScalar): string | undefined {
  return typeof node.value === 'string' ? node.value : undefined;
}

/** Single closest allowed value within a small distance, or a table entry. */
export function closestValue(raw: string, allowed: readonly string[], synonyms: Record<string, string> = {}): string | undefined {
  const n = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (allowed.includes(n)) return n;
  if (synonyms[n] && allowed.includes(synonyms[n]!)) return synonyms[n];
  let best = Infinity;
  let hits: string[] = [];
  for (const a of allowed) {
    const d = distance(n, a);
    if (d < best) {
      best = d;
      hits = [a];
    } else if (d === best) hits.push(a);
  }
  const only = hits[0];
  if (hits.length !== 1 || !only) return undefined;
  const limit = only.length <= 4 ? 1 : 2;
  return best <= limit ? only : undefined;
}

function replaceWith(paper: Paper, node: YNode, text: string, title: string): Fix | undefined {
  if (node.kind !== 'scalar' || node.style === 'literal' || node.style === 'folded') return undefined;
  const r = writtenRange(paper, node);
  if (paper.text.slice(r.start, r.end) === text) return undefined;
  return fix(title, { start: r.start, end: r.end, newText: text });
}

export const rule = defineRule({
  id: 'field-type',
  severity: 'error',
  description: 'A cover-sheet value has the wrong type or is not one of the allowed values.',
  fixable: true,
  check({ paper, profile, report }) {
    const cover = paper.cover;
    if (!cover) return;

    /** The value as written (quotes included: `"yes"`). */
    const at = (node: YNode) => writtenRange(paper, node);
    const present = (node: YNode | undefined): node is YNode => !!node && node.kind !== 'alias' && !isEmptyNode(node);

    // --- plain text fields ---------------------------------------------
    for (const [key, what] of Object.entries(STRING_FIELDS)) {
      const v = getNode(cover, key);
      if (!present(v)) continue;
      if (v.kind === 'scalar' && typeof v.value === 'string') continue;
      report({
        message: `"${key}" should be text (${what}), but it is ${describe(v)}. The cover sheet is printed for the meeting as written, so write it as plain text${v.kind === 'scalar' ? ' (in quotes if it is only a number or true/false)' : ' on one line'}.`,
        range: at(v),
      });
    }

    // --- agenda_item: text or number --------------------------------------
    const agenda = getNode(cover, 'agenda_item');
    if (present(agenda) && !(agenda.kind === 'scalar' && (typeof agenda.value === 'string' || typeof agenda.value === 'number'))) {
      report({
        message: `"agenda_item" should be the item's number as written on the agenda, e.g. "10.2", but it is ${describe(agenda)}. Members find the paper by this number; write it in quotes.`,
        range: at(agenda),
      });
    }

    // --- confidential: boolean -------------------------------------------
    const conf = getNode(cover, 'confidential');
    if (present(conf) && !(conf.kind === 'scalar' && typeof conf.value === 'boolean')) {
      const s = conf.kind === 'scalar' ? scalarString(conf)?.trim().toLowerCase() : undefined;
      const to = s === undefined ? undefined : CONFIDENTIAL_TRUE.has(s) ? 'true' : CONFIDENTIAL_FALSE.has(s) ? 'false' : undefined;
      const quoted = conf.kind === 'scalar' && conf.style !== 'plain';
      const why =
        conf.kind === 'scalar' && typeof conf.value === 'string' && to
          ? `${quoted ? 'In quotes' : 'In the cover sheet (YAML 1.2)'}, ${describe(conf)} is read as the word, not as true or false, so ${to === 'true' ? 'the paper is not marked confidential at all and could go into the public agenda pack' : 'tools cannot tell that the item is for the public meeting'}.`
          : 'The meeting must know for certain whether the item is taken in private (Part 2) or in public.';
      report({
        message: `"confidential" must be true (a Part 2, private item) or false (public), but it is ${describe(conf)}. ${why} ${to ? `Write ${to}.` : 'Write true or false.'}`,
        range: at(conf),
        ...(to ? { fix: replaceWith(paper, conf, to, `Replace with ${to}`) } : {}),
      });
    }

    // --- purpose -----------------------------------------------------------
    const purpose = getNode(cover, 'purpose');
    // One purpose, or (a template that lets a paper tick more than one) each of a list.
    const checkPurpose = (node: YNode, what: string) => {
      const s = node.kind === 'scalar' ? scalarString(node) : undefined;
      if (s !== undefined && (PURPOSES as readonly string[]).includes(s)) return;
      const stripped = s?.trim().replace(/^for\s+(?:the\s+)?/i, '');
      const to = stripped !== undefined ? closestValue(stripped, PURPOSES, PURPOSE_SYNONYMS) : undefined;
      report({
        message: `${what} must be one of ${PURPOSES.join(', ')}, but ${what === '"purpose"' ? 'it' : 'one'} is ${describe(node)}. The purpose tells members what they are asked to do and is checked against the recommendations; ${to ? `write "${to}".` : 'choose one of those words.'}`,
        range: at(node),
        ...(to ? { fix: replaceWith(paper, node, to, `Replace with ${to}`) } : {}),
      });
    };
    const valid = (n: YNode) => n.kind === 'scalar' && (PURPOSES as readonly string[]).includes(scalarString(n) ?? '');
    if (present(purpose) && purpose.kind === 'seq' && purposeIsList(profile)) for (const item of purpose.items) checkPurpose(item, 'Each "purpose"');
    else if (present(purpose) && purpose.kind === 'seq' && purpose.items.length > 1 && purpose.items.every(valid)) {
      // Several purposes, each a right word, where the template takes one: say how a template that takes several says so.
      const named = purpose.items.map((n) => (n.kind === 'scalar' ? scalarString(n) : '')).join(', ');
      report({
        message:
          `"purpose" takes one purpose on ${profile.cover_sheet ? `${profile.organisation}'s cover sheet` : 'the cover sheet'}, but it is a list (${named}). ` +
          'The purpose tells members what they are asked to do and is checked against the recommendations; choose the one the meeting is asked for. ' +
          'If the template lets a paper name more than one ("Discussion and Approval"), the profile can say so: type: list on purpose.',
        range: at(purpose),
      });
    } else if (present(purpose)) checkPurpose(purpose, '"purpose"');

    // --- assurance (optional) --------------------------------------------
    const assurance = getNode(cover, 'assurance');
    if (present(assurance)) {
      const s = assurance.kind === 'scalar' ? scalarString(assurance) : undefined;
      if (s === undefined || !(ASSURANCE_LEVELS as readonly string[]).includes(s)) {
        const stripped = s === undefined ? undefined : withoutAssuranceWord(s.trim()).replace(/\s+/g, '_');
        const to = stripped !== undefined ? closestValue(stripped, ASSURANCE_LEVELS, ASSURANCE_SYNONYMS) : undefined;
        report({
          message: `"assurance" must be one of ${ASSURANCE_LEVELS.join(', ')}, but it is ${describe(assurance)}. The level of assurance is what the meeting records when it takes assurance from the paper; ${to ? `write "${to}".` : 'choose one of those levels.'}`,
          range: at(assurance),
          ...(to ? { fix: replaceWith(paper, assurance, to, `Replace with ${to}`) } : {}),
        });
      }
    }

    // --- strategic_objectives: a list --------------------------------------
    const so = getNode(cover, 'strategic_objectives');
    if (present(so) && so.kind !== 'seq') {
      let f: Fix | undefined;
      if (so.kind === 'scalar' && typeof so.value === 'string' && so.style !== 'literal' && so.style !== 'folded') {
        const r = writtenRange(paper, so);
        const whole = so.value.trim();
        const parts = whole.split(',').map((p) => p.trim());
        // A code, or a name the profile has ("Patient Mission", "The best for patient safety, quality and experience").
        const known = (p: string) => OBJECTIVE_CODE.test(p) || isProfileCode(profile, p);
        if (isProfileCode(profile, whole) && whole.includes(',')) {
          const list = `[${JSON.stringify(whole)}]`;
          f = fix(`Make it a list: ${list}`, { start: r.start, end: r.end, newText: list });
        } else if (parts.every(known)) {
          const list = parts.length === 1 ? `[${paper.text.slice(r.start, r.end)}]` : `[${parts.join(', ')}]`;
          f = fix(`Make it a list: ${list}`, { start: r.start, end: r.end, newText: list });
        }
      }
      report({
        message: `"strategic_objectives" must be a list of objective codes, e.g. [SO1, SO2], but it is ${describe(so)}. The meeting judges the paper against each objective it serves; ${f ? 'write the codes in square brackets.' : 'list the codes in square brackets.'}`,
        range: at(so),
        ...(f ? { fix: f } : {}),
      });
    }

    // --- assessments -------------------------------------------------------
    const checkStatus = (node: YNode | undefined, label: string, why: string) => {
      if (!present(node)) return;
      if (node.kind !== 'scalar') {
        report({ message: `${label} must be yes, no or n/a, but it is ${describe(node)}. ${why} Write one of yes, no or n/a.`, range: at(node) });
        return;
      }
      let to: string | undefined;
      if (typeof node.value === 'boolean') to = node.value ? 'yes' : 'no';
      else if (typeof node.value === 'string') {
        const n = node.value.trim().toLowerCase().replace(/\s+/g, ' ');
        if ((ASSESSMENT_STATUSES as readonly string[]).includes(n)) return; // any letter case is fine
        to = STATUS_SYNONYMS[n];
      }
      const extra = typeof node.value === 'boolean' ? ` (${node.source.trim()} is read as a true/false value, not an answer)` : '';
      report({
        message: `${label} must be yes, no or n/a, but it is ${describe(node)}${extra}. ${why} ${to ? `Write ${to}.` : 'Write one of yes, no or n/a.'}`,
        range: at(node),
        ...(to ? { fix: replaceWith(paper, node, to, `Replace with ${to}`) } : {}),
      });
    };

    /** An assessment: a mapping with a status, or the shorthand `key: yes`. */
    const checkAssessment = (key: string, node: YNode | undefined, name: string) => {
      if (!present(node)) return;
      const why = `The meeting must be able to see whether the ${name} has been considered.`;
      if (node.kind === 'seq') {
        report({
          message: `"${key}" must be an assessment, with "status" (yes, no or n/a) and "comment", but it is a list. ${why} Write it as "status:" and "comment:" lines under "${key}".`,
          range: at(node),
        });
        return;
      }
      if (node.kind === 'scalar') {
        checkStatus(node, `"${key}"`, why);
        return;
      }
      if (node.kind === 'map') {
        checkStatus(getNode(node, 'status'), `The status of "${key}"`, why);
        const comment = getNode(node, 'comment');
        if (present(comment) && comment.kind !== 'scalar') {
          report({
            message: `The comment of "${key}" must be text, but it is ${describe(comment)}. Members read it to understand the ${name}; write it as plain text (a "|" block keeps several lines).`,
            range: at(comment),
          });
        }
      }
    };

    const risks = getNode(cover, 'risks');
    checkAssessment('risks', risks, 'risk position');
    if (risks?.kind === 'map') {
      checkStatus(
        getNode(risks, 'on_register'),
        '"on_register" of "risks"',
        "The meeting must know whether the risks are on the organisation's risk register.",
      );
      const items = getNode(risks, 'items');
      if (present(items)) {
        if (items.kind !== 'seq') {
          report({
            message: `"risks.items" must be a list of risk register entries, each with "id" and "title", but it is ${describe(items)}. Members look the risks up by their register reference; write each as "- id: \\"019\\"" with its "title".`,
            range: at(items),
          });
        } else {
          for (const item of items.items) {
            if (item.kind === 'alias' || isEmptyNode(item)) continue;
            if (item.kind !== 'map') {
              report({
                message: `Each risk item must be a mapping with "id" and "title", but this one is ${describe(item)}. Members look the risk up by its register reference; write it as "id: \\"019\\"" with "title:".`,
                range: at(item),
              });
              continue;
            }
            for (const k of ['id', 'title']) {
              const v = getNode(item, k);
              if (present(v) && v.kind !== 'scalar') {
                report({
                  message: `The risk item's "${k}" must be a single value, but it is ${describe(v)}. Members look the risk up by its register reference and title; write it on one line.`,
                  range: at(v),
                });
              }
            }
          }
        }
      }
    }

    checkAssessment('financial_implications', getNode(cover, 'financial_implications'), 'financial implications');

    const impactPair = getPair(cover, 'impact_assessments');
    const impact = impactPair?.value;
    if (present(impact)) {
      if (impact.kind !== 'map') {
        report({
          message: `"impact_assessments" must hold "quality", "equality" and "data_privacy", each with a status and comment, but it is ${describe(impact)}. The meeting must see each impact assessment separately; write them as keys under "impact_assessments".`,
          range: at(impact),
        });
      } else {
        checkAssessment('quality', getNode(impact, 'quality'), 'quality impact assessment (QIA)');
        checkAssessment('equality', getNode(impact, 'equality'), 'equality impact assessment (EIA)');
        checkAssessment('data_privacy', getNode(impact, 'data_privacy'), 'data privacy impact assessment (DPIA)');
      }
    }

    // --- committee_history: a list of mappings -----------------------------
    const history = getNode(cover, 'committee_history');
    if (present(history)) {
      // A template that records where and when, not what was decided (`outcome: false`), asks no outcome.
      const outcomes = templateField(profile, 'committee_history')?.outcome !== false;
      if (history.kind !== 'seq') {
        // "N/A", "None": the box answered in words, the same as an empty list.
        const saysNone = history.kind === 'scalar' && saysNotDiscussedBefore(scalarText(history) ?? '');
        if (!saysNone)
          report({
            message: `"committee_history" must be a list of earlier discussions, each "- meeting: …" with "date"${outcomes ? ' and "outcome"' : ''}, but it is ${describe(history)}. Members follow the paper's route through committees from it; start each entry with "- ".`,
            range: at(history),
          });
      } else {
        for (const entry of history.items) {
          if (entry.kind === 'alias' || isEmptyNode(entry)) continue;
          if (entry.kind !== 'map') {
            report({
              message: `Each committee history entry must be a mapping with "meeting", "date"${outcomes ? ' and "outcome"' : ''}, but this one is ${describe(entry)}. Members follow the paper's route through committees from it; write the ${outcomes ? 'three' : 'two'} keys.`,
              range: at(entry),
            });
            continue;
          }
          for (const k of ['meeting', 'outcome']) {
            const v = getNode(entry, k);
            if (present(v) && v.kind !== 'scalar') {
              report({
                message: `The committee history entry's "${k}" must be text, but it is ${describe(v)}. Members read the paper's route through committees from it; write it as plain text.`,
                range: at(v),
              });
            }
          }
        }
      }
    }

    // --- the organisation's own fields, by their type and values ------------
    for (const f of coverSheetFields(profile)) {
      if (f.builtin) continue;
      const v = fieldNode(cover, f.key);
      if (!present(v)) continue;
      const name = fieldRef(profile, f.key);
      const why = `${profile.organisation}'s cover sheet template defines the answers this field takes.`;
      const values = f.values ?? [];
      const oneOf = (raw: string) => values.find((x) => sameValue(x, raw));
      const closest = (raw: string) =>
        oneOf(raw) ??
        (() => {
          const c = closestValue(
            raw,
            values.map((x) => x.toLowerCase()),
          );
          return c === undefined ? undefined : values.find((x) => x.toLowerCase() === c);
        })();
      switch (f.type) {
        case 'text':
          if (!(v.kind === 'scalar' && (typeof v.value === 'string' || typeof v.value === 'number')))
            report({
              message: `${name} should be text, but it is ${describe(v)}. ${why} Write it as plain text${v.kind === 'scalar' ? ' (in quotes if it is only true/false)' : ' on one line'}.`,
              range: at(v),
            });
          break;
        case 'date':
        case 'dates':
          break; // invalid-date owns every date
        case 'yes-no-na':
          checkStatus(v, name, why);
          break;
        case 'assessment':
          checkAssessment(f.key, v, `"${f.label}" answer`);
          break;
        case 'boolean':
          if (!(v.kind === 'scalar' && typeof v.value === 'boolean')) {
            const s = v.kind === 'scalar' ? scalarString(v)?.trim().toLowerCase() : undefined;
            const to = s === undefined ? undefined : CONFIDENTIAL_TRUE.has(s) ? 'true' : CONFIDENTIAL_FALSE.has(s) ? 'false' : undefined;
            report({
              message: `${name} must be true or false, but it is ${describe(v)}. ${why} ${to ? `Write ${to}.` : 'Write true or false.'}`,
              range: at(v),
              ...(to ? { fix: replaceWith(paper, v, to, `Replace with ${to}`) } : {}),
            });
          }
          break;
        case 'choice': {
          const s = v.kind === 'scalar' && (typeof v.value === 'string' || typeof v.value === 'number') ? String(v.value) : undefined;
          if (s !== undefined && oneOf(s) !== undefined) break;
          const to = s !== undefined ? closest(s) : undefined;
          report({
            message: `${name} must be one of ${values.join(', ')}, but it is ${describe(v)}. ${why} ${to ? `Write "${to}".` : 'Choose one of those values.'}`,
            range: at(v),
            ...(to ? { fix: replaceWith(paper, v, to, `Replace with ${to}`) } : {}),
          });
          break;
        }
        case 'list': {
          if (v.kind !== 'seq') {
            const s = v.kind === 'scalar' && typeof v.value === 'string' && v.style !== 'literal' && v.style !== 'folded' ? v.value : undefined;
            const parts =
              s
                ?.split(',')
                .map((p) => p.trim())
                .filter(Boolean) ?? [];
            const ok = parts.length > 0 && (values.length === 0 || parts.every((p) => oneOf(p) !== undefined));
            const r = writtenRange(paper, v);
            const list = ok ? `[${parts.map((p) => oneOf(p) ?? p).join(', ')}]` : undefined;
            report({
              message: `${name} must be a list${values.length ? ` of ${values.join(', ')}` : ''}, but it is ${describe(v)}. ${why} Write the ${values.length ? 'values' : 'entries'} in square brackets.`,
              range: r,
              ...(list ? { fix: fix(`Make it a list: ${list}`, { start: r.start, end: r.end, newText: list }) } : {}),
            });
            break;
          }
          for (const item of v.items) {
            if (item.kind === 'alias' || isEmptyNode(item)) continue;
            const s = item.kind === 'scalar' && (typeof item.value === 'string' || typeof item.value === 'number') ? String(item.value) : undefined;
            if (s === undefined) {
              report({
                message: `Each entry of ${name} must be a single value${values.length ? ` (${values.join(', ')})` : ''}, but this one is ${describe(item)}. ${why}`,
                range: at(item),
              });
              continue;
            }
            if (!values.length || oneOf(s) !== undefined) continue;
            const to = closest(s);
            report({
              message: `${describe(item)} is not one of the values of ${name}: ${values.join(', ')}. ${why} ${to ? `Write "${to}".` : 'Choose one of those values.'}`,
              range: at(item),
              ...(to ? { fix: replaceWith(paper, item, to, `Replace with ${to}`) } : {}),
            });
          }
          break;
        }
      }
    }
  },
});

/** `t.replace(/\s+assurance$/i, '')` in linear time ("limited assurance" → "limited"). */
function withoutAssuranceWord(t: string): string {
  const n = t.length - 'assurance'.length;
  if (n < 1 || t.slice(n).toLowerCase() !== 'assurance' || !isWhitespace(t[n - 1])) return t;
  return trimEndWhere(t.slice(0, n), isWhitespace);
}
