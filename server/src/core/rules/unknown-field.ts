/**
 * unknown-field: a cover-sheet key that is not in the format (FORMAT.md), at
 * the top level or inside the format's nested mappings (assessments, risks,
 * risk items, committee history entries, impact assessments).
 *
 * The message suggests the closest known key: first a table of names papers
 * really use (`presenter`, `objectives`, `eia`…), then edit distance
 * (fastest-levenshtein). The key is renamed automatically only when the
 * suggestion is certain (the table, a different spelling of the same key, or
 * one single nearest key within a small distance), the key is not already
 * there, and no other unknown key of the same mapping would be renamed to it.
 */
import { distance } from 'fastest-levenshtein';
import { defineRule, fix } from '../rule';
import { FIELD_KEYS, ASSESSMENT_KEYS, RISK_KEYS, RISK_ITEM_KEYS, HISTORY_KEYS, IMPACT_KEYS } from '../fields';
import { getNode, type YMap, type YNode, type YPair } from '../yaml';
import type { Fix } from '../types';
import { coverSheetFields, fieldNode, fieldRef } from '../template-fields';

type Context = 'top' | 'assessment' | 'risks' | 'risk-item' | 'history' | 'impact';

const KEYS: Record<Context, readonly string[]> = {
  top: FIELD_KEYS,
  assessment: ASSESSMENT_KEYS,
  risks: RISK_KEYS,
  'risk-item': RISK_ITEM_KEYS,
  history: HISTORY_KEYS,
  impact: IMPACT_KEYS,
};

const WHERE: Record<Context, string> = {
  top: 'the cover sheet',
  assessment: 'an assessment',
  risks: '"risks"',
  'risk-item': 'a risk item',
  history: 'a committee history entry',
  impact: '"impact_assessments"',
};

const ASSESSMENT_SYNONYMS: Record<string, string> = {
  state: 'status',
  answer: 'status',
  response: 'status',
  value: 'status',
  assessed: 'status',
  comments: 'comment',
  notes: 'comment',
  note: 'comment',
  detail: 'comment',
  details: 'comment',
  reason: 'comment',
  explanation: 'comment',
  description: 'comment',
  narrative: 'comment',
  justification: 'comment',
};

/** Names seen in real cover sheets, normalised (lower case, `_` for spaces and hyphens). */
const SYNONYMS: Record<Context, Record<string, string>> = {
  top: {
    report_title: 'title',
    paper_title: 'title',
    name: 'title',
    subject: 'title',
    heading: 'title',
    committee: 'meeting',
    board: 'meeting',
    meeting_name: 'meeting',
    forum: 'meeting',
    meeting_date: 'date',
    date_of_meeting: 'date',
    agenda: 'agenda_item',
    item: 'agenda_item',
    item_number: 'agenda_item',
    agenda_number: 'agenda_item',
    agenda_item_number: 'agenda_item',
    agenda_no: 'agenda_item',
    item_no: 'agenda_item',
    presenter: 'presented_by',
    presented: 'presented_by',
    presenting: 'presented_by',
    presenting_officer: 'presented_by',
    lead: 'presented_by',
    executive_lead: 'presented_by',
    written_by: 'author',
    authors: 'author',
    report_author: 'author',
    prepared_by: 'author',
    authorised: 'authorised_by',
    authorized: 'authorised_by',
    authorized_by: 'authorised_by',
    approved_by: 'authorised_by',
    report_authorised_by: 'authorised_by',
    signed_off_by: 'authorised_by',
    sign_off: 'authorised_by',
    confidentiality: 'confidential',
    private: 'confidential',
    part_2: 'confidential',
    part2: 'confidential',
    confidential_reasons: 'confidential_reason',
    confidentiality_reason: 'confidential_reason',
    reason_for_confidentiality: 'confidential_reason',
    exemption: 'confidential_reason',
    foi_exemption: 'confidential_reason',
    purpose_of_paper: 'purpose',
    purpose_of_the_paper: 'purpose',
    purpose_of_report: 'purpose',
    action: 'purpose',
    action_required: 'purpose',
    level_of_assurance: 'assurance',
    assurance_level: 'assurance',
    objectives: 'strategic_objectives',
    strategic_objective: 'strategic_objectives',
    strategic_aims: 'strategic_objectives',
    link_to_strategic_objectives: 'strategic_objectives',
    risk: 'risks',
    associated_risks: 'risks',
    risk_register: 'risks',
    finance: 'financial_implications',
    financial: 'financial_implications',
    financial_implication: 'financial_implications',
    finance_implications: 'financial_implications',
    financial_impact: 'financial_implications',
    history: 'committee_history',
    previously_considered: 'committee_history',
    previously_considered_by: 'committee_history',
    previous_consideration: 'committee_history',
    considered_by: 'committee_history',
    report_history: 'committee_history',
    conflicts: 'conflicts_of_interest',
    conflict_of_interest: 'conflicts_of_interest',
    declarations_of_interest: 'conflicts_of_interest',
    coi: 'conflicts_of_interest',
    impact_assessment: 'impact_assessments',
    impacts: 'impact_assessments',
    assessments: 'impact_assessments',
  },
  assessment: ASSESSMENT_SYNONYMS,
  risks: {
    ...ASSESSMENT_SYNONYMS,
    register: 'on_register',
    on_risk_register: 'on_register',
    risk_register: 'on_register',
    registered: 'on_register',
    in_register: 'on_register',
    on_the_register: 'on_register',
    risk_items: 'items',
    references: 'items',
    register_items: 'items',
    risk_references: 'items',
    entries: 'items',
    list: 'items',
  },
  'risk-item': {
    ref: 'id',
    reference: 'id',
    risk_id: 'id',
    risk_ref: 'id',
    risk_reference: 'id',
    number: 'id',
    no: 'id',
    name: 'title',
    risk: 'title',
    risk_title: 'title',
    description: 'title',
  },
  history: {
    committee: 'meeting',
    forum: 'meeting',
    board: 'meeting',
    meeting_name: 'meeting',
    meeting_date: 'date',
    when: 'date',
    decision: 'outcome',
    result: 'outcome',
    outcomes: 'outcome',
    comments: 'outcome',
    comment: 'outcome',
    notes: 'outcome',
  },
  impact: {
    qia: 'quality',
    quality_impact: 'quality',
    quality_impact_assessment: 'quality',
    eia: 'equality',
    equality_impact: 'equality',
    equality_impact_assessment: 'equality',
    equality_and_inclusion: 'equality',
    dpia: 'data_privacy',
    privacy: 'data_privacy',
    data_protection: 'data_privacy',
    data_privacy_impact: 'data_privacy',
    data_protection_impact_assessment: 'data_privacy',
    data_privacy_impact_assessment: 'data_privacy',
  },
};

/** Top-level keys that belong inside a nested mapping: said in the message, never renamed. */
const MISPLACED: Record<string, string> = {
  quality: 'under "impact_assessments" as "quality"',
  qia: 'under "impact_assessments" as "quality"',
  equality: 'under "impact_assessments" as "equality"',
  eia: 'under "impact_assessments" as "equality"',
  data_privacy: 'under "impact_assessments" as "data_privacy"',
  dpia: 'under "impact_assessments" as "data_privacy"',
  on_register: 'under "risks"',
  items: 'under "risks"',
  risk_items: 'under "risks" as "items"',
  status: 'under the assessment it answers ("risks", "financial_implications" or one of "impact_assessments")',
  comment: 'under the assessment it explains ("risks", "financial_implications" or one of "impact_assessments")',
  outcome: 'in a "committee_history" entry',
};

export function normaliseKey(k: string): string {
  return k
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export interface KeySuggestion {
  key: string;
  /** Certain enough to rename automatically. */
  certain: boolean;
}

/** The known key closest to `name` in a mapping of `known` keys. */
export function suggestKey(name: string, known: readonly string[], synonyms: Record<string, string> = {}): KeySuggestion | undefined {
  const n = normaliseKey(name);
  if (!n) return undefined;
  if (known.includes(n)) return { key: n, certain: true };
  const syn = synonyms[n];
  if (syn && known.includes(syn)) return { key: syn, certain: true };
  // British/American spelling of "authorised".
  const uk = n.replace(/ized/g, 'ised');
  if (known.includes(uk)) return { key: uk, certain: true };
  let best = Infinity;
  let bestKeys: string[] = [];
  for (const k of known) {
    const d = distance(n, k);
    if (d < best) {
      best = d;
      bestKeys = [k];
    } else if (d === best) bestKeys.push(k);
  }
  if (!bestKeys.length) return undefined;
  const key = bestKeys[0]!;
  const small = Math.max(1, Math.min(2, Math.floor(key.length / 4)));
  if (bestKeys.length === 1 && best <= small) return { key, certain: true };
  // A near miss worth mentioning, but not certain enough to rename.
  if (best <= Math.max(2, Math.floor(Math.max(n.length, key.length) / 2)) && bestKeys.length === 1) return { key, certain: false };
  return undefined;
}

/**
 * The renames made automatically in `map`: target key → the pair written
 * under another name. Only certain suggestions, only when the target is not
 * already in the mapping, and only when no other key of the mapping would be
 * renamed (or suggested) to the same target.
 */
export function certainRenames(
  map: YMap,
  ctx: Context,
  known: readonly string[] = KEYS[ctx],
  synonyms: Record<string, string> = SYNONYMS[ctx],
): Map<string, YPair> {
  const present = new Set(map.pairs.map((p) => p.name));
  const hits = new Map<string, YPair[]>();
  for (const pair of map.pairs) {
    if (pair.name === '<<' || pair.key.kind !== 'scalar' || pair.key.empty || known.includes(pair.name)) continue;
    if (ctx === 'top' && MISPLACED[normaliseKey(pair.name)]) continue;
    const s = suggestKey(pair.name, known, synonyms);
    if (!s) continue;
    hits.set(s.key, [...(hits.get(s.key) ?? []), ...(s.certain ? [pair] : [pair, pair])]);
  }
  const out = new Map<string, YPair>();
  for (const [key, pairs] of hits) if (pairs.length === 1 && !present.has(key)) out.set(key, pairs[0]!);
  return out;
}

export const rule = defineRule({
  id: 'unknown-field',
  severity: 'warning',
  description: 'A cover-sheet key is not one the board paper format knows.',
  fixable: true,
  check({ paper, profile, report }) {
    const cover = paper.cover;
    if (!cover) return;

    // The organisation's own fields are known too, and its labels and
    // aliases written as keys suggest the field (`lead_director` → presented_by).
    const template = coverSheetFields(profile);
    const own = template.filter((f) => !f.builtin);
    const ownTop = own.filter((f) => !f.key.includes('.')).map((f) => f.key);
    const ownImpact = own.filter((f) => f.key.startsWith('impact_assessments.')).map((f) => f.key.slice('impact_assessments.'.length));
    const known: Record<Context, readonly string[]> = { ...KEYS, top: [...KEYS.top, ...ownTop], impact: [...KEYS.impact, ...ownImpact] };
    const synonyms: Record<Context, Record<string, string>> = { ...SYNONYMS, top: { ...SYNONYMS.top }, impact: { ...SYNONYMS.impact } };
    if (profile.cover_sheet) {
      for (const f of template) {
        if (!f.listed) continue;
        const [top, child] = f.key.split('.');
        const ctx: Context = child && top === 'impact_assessments' ? 'impact' : 'top';
        const target = ctx === 'impact' ? child! : top!;
        if (child && ctx === 'top') continue;
        for (const name of [f.label, ...f.aliases]) {
          const n = normaliseKey(name)
            .replace(/[^a-z0-9_]+/g, '_')
            .replace(/^_+|_+$/g, '');
          if (n && !(n in synonyms[ctx])) synonyms[ctx][n] = target;
        }
      }
    }
    const whereTop = profile.cover_sheet ? `the cover sheet (the format and ${profile.organisation}'s template)` : WHERE.top;

    const checkMap = (map: YMap, ctx: Context, label?: string) => {
      const knownHere = known[ctx];
      const present = new Set(map.pairs.map((p) => p.name));
      const findings: { pair: YPair; s: KeySuggestion | undefined }[] = [];
      for (const pair of map.pairs) {
        if (pair.name === '<<') continue; // a YAML merge key, not a field
        if (pair.key.kind === 'scalar' && knownHere.includes(pair.name)) continue;
        const s = pair.key.kind === 'scalar' ? suggestKey(pair.name, knownHere, synonyms[ctx]) : undefined;
        findings.push({ pair, s });
      }
      const renames = certainRenames(map, ctx, knownHere, synonyms[ctx]);

      for (const { pair, s } of findings) {
        const written = pair.key.kind === 'scalar' ? pair.name : paper.text.slice(pair.key.start, pair.key.end);
        const where = label ?? (ctx === 'top' ? whereTop : WHERE[ctx]);
        const keyList = knownHere.map((k) => `"${k}"`).join(', ');
        let message: string;
        let fixes: { fix?: Fix } = {};
        const misplaced = ctx === 'top' ? MISPLACED[normaliseKey(pair.name)] : undefined;
        if (misplaced) {
          message = `"${written}" is not a key at the top of the cover sheet: it belongs ${misplaced}. Here it is ignored, so the meeting's checks never see the answer and may report it as missing; move it there.`;
        } else if (s) {
          const isCase = normaliseKey(pair.name) === s.key;
          const target =
            ctx === 'top'
              ? fieldRef(profile, s.key)
              : ctx === 'impact'
                ? fieldRef(profile, `impact_assessments.${s.key}`).replace('impact_assessments.', '')
                : `"${s.key}"`;
          const what = isCase
            ? `"${written}" in ${where} is not how the format writes "${s.key}".`
            : `"${written}" is not a key the format knows in ${where}; did you mean ${target}?`;
          if (present.has(s.key)) {
            message = `${what} "${s.key}" is already there, so this value is ignored by the checks and may contradict it. Merge what it says into "${s.key}" and remove this key.`;
          } else {
            message = `${what} Keys the format does not know are ignored, so the meeting's checks never see this value. Rename it to "${s.key}".`;
            if (renames.get(s.key) === pair) {
              fixes = { fix: fix(`Rename "${written}" to "${s.key}"`, { start: pair.key.start, end: pair.key.end, newText: s.key }) };
            }
          }
        } else {
          message = `"${written}" is not a key the format knows in ${where}, so it is ignored and the meeting's checks never see its value. Use one of ${keyList}, or remove it if it is not needed.`;
        }
        report({ message, range: { start: pair.key.start, end: Math.max(pair.key.end, pair.key.start + 1) }, ...fixes });
      }
    };

    checkMap(cover, 'top');

    const assessment = (node: YNode | undefined, key: string) => {
      if (node?.kind === 'map') checkMap(node, 'assessment', `"${key}"`);
    };
    assessment(getNode(cover, 'financial_implications'), 'financial_implications');

    const risks = getNode(cover, 'risks');
    if (risks?.kind === 'map') {
      checkMap(risks, 'risks');
      const items = getNode(risks, 'items');
      if (items?.kind === 'seq') for (const it of items.items) if (it.kind === 'map') checkMap(it, 'risk-item');
    }

    const impact = getNode(cover, 'impact_assessments');
    if (impact?.kind === 'map') {
      checkMap(impact, 'impact');
      for (const k of IMPACT_KEYS) assessment(getNode(impact, k), k);
    }

    // The organisation's own assessments hold status and comment.
    for (const f of own) if (f.type === 'assessment') assessment(fieldNode(cover, f.key), f.key);

    const history = getNode(cover, 'committee_history');
    if (history?.kind === 'seq') for (const e of history.items) if (e.kind === 'map') checkMap(e, 'history');
  },
});
