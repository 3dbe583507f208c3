/**
 * risk-reference-missing: `risks.status: yes` or `risks.on_register: yes`
 * with no `risks.items` (missing, empty or `[]`).
 *
 * The risk references need the author (which risk?), so the item skeleton
 * is a suggestion, not a fix.
 */
import { afterColon, defineRule, fix, indentAt, insertIntoMap, writtenRange } from '../rule';
import { normaliseStatus, readAssessment } from '../fields';
import type { Paper } from '../paper';
import type { TextEdit } from '../types';
import { getNode, getPair, isEmptyNode, scalarText, type YMap } from '../yaml';

const FLOW_SKELETON = '[{ id: "TBC", title: TBC }]';

/** Column-exact indentation of a key (also when it follows `- ` on its line). */
export function keyIndent(paper: Paper, keyStart: number): string | undefined {
  const lineStart = paper.lines.lineStarts[paper.lines.lineOf(keyStart)]!;
  const before = paper.text.slice(lineStart, keyStart);
  return /^[ ]*(?:-[ ]+)*$/.test(before) ? ' '.repeat(before.length) : undefined;
}

/**
 * An edit giving `key` the value `value` in a mapping: the value written in
 * place of an empty one, or `key: value` added after the last key (one line,
 * or several lines already indented relative to the key).
 */
export function setInMap(paper: Paper, map: YMap, key: string, value: string, flowValue = value): TextEdit | undefined {
  const pair = getPair(map, key);
  if (pair) {
    const v = pair.value;
    if (v.kind === 'scalar' && v.empty) {
      const at = afterColon(paper, pair.key);
      if (!value.startsWith('\n') || map.flow) return { start: at, end: at, newText: ` ${map.flow ? flowValue : value}` };
      const ind = keyIndent(paper, pair.key.start) ?? indentAt(paper, pair.key.start);
      return { start: at, end: at, newText: value.split('\n').join(paper.eol + ind) };
    }
    if (isEmptyNode(v) && v.kind !== 'alias') {
      // `""`, `[]` or `{}`: replace it with a value that fits on the line.
      return { ...writtenRange(paper, v), newText: flowValue };
    }
    return undefined;
  }
  if (map.flow) return insertIntoMap(paper, map, key, flowValue);
  if (!map.pairs.length) return undefined;
  const last = map.pairs.at(-1)!;
  const ind = keyIndent(paper, map.pairs[0]!.key.start);
  if (ind === undefined) return undefined; // `? key` and other rare layouts: no safe place to write
  const lastEnd = last.value.kind === 'scalar' && last.value.empty ? last.key.end : last.value.end;
  const lastChar = Math.max(last.key.end, lastEnd - 1);
  const line = paper.lines.lineOf(lastChar);
  const at = paper.lines.lineStarts[line + 1] ?? paper.text.length;
  const needsBreak = at === paper.text.length && !/[\r\n]$/.test(paper.text);
  const body = value.split('\n').map((l, i) => (i === 0 ? l : ind + l)).join(paper.eol);
  const sep = value.startsWith('\n') ? '' : ' ';
  return { start: at, end: at, newText: `${needsBreak ? paper.eol : ''}${ind}${key}:${sep}${body}${paper.eol}` };
}

export const rule = defineRule({
  id: 'risk-reference-missing',
  severity: 'warning',
  description: 'The paper says there are risks (or that they are on the register) but gives no risk references.',
  fixable: false,
  check({ paper, report }) {
    const risksPair = getPair(paper.cover, 'risks');
    if (!risksPair) return;
    const risks = risksPair.value;
    const a = readAssessment(risks);
    const onRegisterText = scalarText(getNode(risks, 'on_register'));
    const onRegister = onRegisterText ? normaliseStatus(onRegisterText) : undefined;
    if (a?.status !== 'yes' && onRegister !== 'yes') return;
    const itemsPair = getPair(risks, 'items');
    if (itemsPair && !isEmptyNode(itemsPair.value)) return;
    if (itemsPair && itemsPair.value.kind === 'alias') return;
    const why = onRegister === 'yes' ? 'says the risks are on the risk register' : 'says there are risks';
    const range = itemsPair
      ? { start: itemsPair.key.start, end: Math.max(itemsPair.key.end, afterColon(paper, itemsPair.key)) }
      : { start: risksPair.key.start, end: risksPair.key.end };
    const suggestions = [];
    if (risks.kind === 'map') {
      const edit = setInMap(paper, risks, 'items', '\n  - id: "TBC"\n    title: TBC', FLOW_SKELETON);
      if (edit) suggestions.push(fix('Insert a risk reference skeleton', edit));
    }
    report({
      message: `The cover sheet ${why} but lists no risk references under risks.items. The meeting cannot see which risks the paper affects or check them against the register: add each risk's register id and title.`,
      range,
      ...(suggestions.length ? { suggestions } : {}),
    });
  },
});
