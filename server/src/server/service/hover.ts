/**
 * Hover: a strategic objective code shows its full wording, a risk ID its
 * register row, a committee name its other names and where this paper's
 * history mentions it, a cover-sheet key its meaning, an acronym its
 * expansion.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { fieldSpec, NESTED_MEANING } from '../../core/fields';
import { templateField } from '../../core/template-fields';
import { findCommittee, normaliseName, type Profile } from '../../core/profile';
import { scalarText, type YNode } from '../../core/yaml';
import { acronymAt, expansionOf } from './acronyms';
import { riskRow } from './completion';
import { toRange } from './convert';
import { frontmatterRegion, nodeAt, type NodeHit } from './cursor';
import { profileOf, type DocumentModel } from './model';
import { historyOf, meetingOf, dateOf } from './workspace-index';

export function hover(model: DocumentModel, position: Position): Hover | null {
  const offset = model.lines.offset(position);
  const profile = profileOf(model);
  const region = frontmatterRegion(model.paper);
  if (region && offset >= region.start && offset <= region.end) {
    const hit = nodeAt(model.paper.cover, offset);
    if (!hit) return null;
    const value = coverHover(model, hit, profile);
    return value ? { contents: { kind: MarkupKind.Markdown, value }, range: toRange(model.lines, hit.node) } : null;
  }
  if (offset < model.paper.bodyStart) return null;
  const tok = acronymAt(model.text, offset);
  if (!tok) return null;
  if (profile?.strategic_objectives[tok.acronym] === undefined) {
    const e = expansionOf(model.paper, profile, tok.acronym);
    if (!e) return null;
    return {
      contents: {
        kind: MarkupKind.Markdown,
        value: `**${tok.acronym}** — ${e.expansion}\n\n*${e.from === 'paper' ? 'Spelled out in this paper' : `From the profile (${profile?.organisation ?? 'default'})`}*`,
      },
      range: toRange(model.lines, tok),
    };
  }
  return { contents: { kind: MarkupKind.Markdown, value: soText(tok.acronym, profile!) }, range: toRange(model.lines, tok) };
}

/** The strategic objective code of a list entry: `SO1`, `"SO2: text"`, `- SO2: text`. */
export function objectiveCode(text: string | undefined): string | undefined {
  return text ? /^\s*([A-Za-z][\w.-]*?)(?=\s*(?::|$))/.exec(text)?.[1] : undefined;
}

function soText(code: string, profile: Profile): string {
  const wording = profile.strategic_objectives[code];
  const eq = profile.equality_objectives.includes(code) ? '\n\nAn equality objective: papers serving it should report on health inequalities.' : '';
  return `**${code}** — ${wording}${eq}`;
}

function coverHover(model: DocumentModel, hit: NodeHit, profile: Profile | undefined): string | null {
  const p = hit.path;
  const scalar = hit.node.kind === 'scalar' ? scalarText(hit.node) : undefined;

  // Strategic objectives: the code of an entry (scalar, or the key of `- SO2: text`).
  if (p[0] === 'strategic_objectives' && p.length >= 2 && typeof p[1] === 'number' && profile) {
    const code = typeof p[2] === 'string' ? objectiveCode(p[2]) : objectiveCode(scalar);
    if (!code) return null;
    const wording = profile.strategic_objectives[code];
    if (wording === undefined)
      return `**${code}** is not a strategic objective of ${profile.organisation}. The codes are: ${Object.keys(profile.strategic_objectives).join(', ')}.`;
    return soText(code, profile);
  }

  if (hit.onKey) return keyHover(p, profile);

  // Risk ID → register row.
  if (p[0] === 'risks' && p[1] === 'items' && typeof p[2] === 'number' && p[3] === 'id' && scalar !== undefined) {
    const reg = profile?.risk_register;
    if (!reg) return `Risk **${scalar}**. No risk register is configured in the profile (\`risk_register\`).`;
    const e = reg.entries.find((r) => r.id === scalar);
    if (!e) return `Risk **${scalar}** is not in the risk register (${reg.entries.length} entries).`;
    return `**Risk ${e.id}** — ${e.title}\n\n${riskRow(e.fields)}`;
  }

  // Committee name → its other names and where this paper's history mentions it.
  const isMeeting =
    (p.length === 1 && p[0] === 'meeting') || (p.length === 3 && p[0] === 'committee_history' && typeof p[1] === 'number' && p[2] === 'meeting');
  if (isMeeting && scalar) return committeeHover(model, scalar, hit.node, profile);
  return null;
}

function keyHover(p: (string | number)[], profile: Profile | undefined): string | null {
  const key = p.at(-1);
  if (typeof key !== 'string') return null;
  // A field of the organisation's template (PROFILE.md v2): its label, requiredness, type and values.
  if (profile?.cover_sheet && p.every((x) => typeof x === 'string')) {
    const t = templateField(profile, p.join('.'));
    if (t) {
      const values =
        t.values?.length && !(t.builtin && t.key === 'strategic_objectives')
          ? `\n\n${t.type === 'list' ? 'Values' : 'One of'}: ${t.values.map((v) => `\`${v}\``).join(', ')}`
          : '';
      const kind = t.builtin ? '' : `, ${t.type}`;
      // A follow-up question: after which answer it is asked, spelled as the question's values are.
      const cond = t.requiredIf;
      const question = cond ? templateField(profile, cond.key) : undefined;
      const spelled = (a: string) => question?.values?.find((v) => v.toLowerCase() === a) ?? a;
      const after = cond ? ` when ${question?.label ?? cond.key} is answered ${cond.answers.map(spelled).join(' or ')}` : '';
      const from = t.requiredFrom ? ` from the meeting of ${t.requiredFrom}` : '';
      return `**${t.label}** — \`${t.key}\` (${t.required ? `required${from}${after}` : 'optional'}${kind}) on ${profile.organisation}'s cover sheet\n\n${t.meaning}${values}`;
    }
    if (p.length === 1 && !fieldSpec(key)) return `\`${key}\` is not a cover-sheet key of the board paper format or of ${profile.organisation}'s template.`;
  }
  if (p.length === 1) {
    const f = fieldSpec(key);
    if (!f) return `\`${key}\` is not a cover-sheet key of the board paper format.`;
    return `**${key}** (${f.required ? 'required' : 'optional'}) — ${f.meaning}${f.values ? `\n\nOne of: ${f.values.map((v) => `\`${v}\``).join(', ')}` : ''}`;
  }
  const parent = p
    .slice(0, -1)
    .filter((x) => typeof x === 'string')
    .join('.');
  if (p[0] === 'committee_history' && (key === 'meeting' || key === 'date')) {
    return `**${key}** — ${key === 'meeting' ? 'The board or committee that discussed the paper before' : "Date of that meeting, YYYY-MM-DD (before this paper's meeting)"}`;
  }
  if (p[0] === 'risks' && key === 'title') return '**title** — Title of the risk, as the risk register words it';
  const meaning = NESTED_MEANING[key];
  return meaning ? `**${key}** (in \`${parent}\`) — ${meaning}` : null;
}

function committeeHover(model: DocumentModel, name: string, node: YNode, profile: Profile | undefined): string {
  const c = profile ? findCommittee(profile, name) : undefined;
  const lines: string[] = [];
  if (c) {
    const others = [c.name, ...c.aliases].filter((n) => normaliseName(n) !== normaliseName(name));
    lines.push(`**${c.name}**${c.formal ? '' : ' (not a formal meeting)'}`);
    if (others.length) lines.push(`Also known as: ${others.join(', ')}`);
  } else {
    lines.push(`**${name}** — not a committee in the profile${profile ? ` of ${profile.organisation}` : ''}.`);
  }
  const same = (m: string | undefined) => !!m && (c ? findCommittee(profile!, m) === c : normaliseName(m) === normaliseName(name));
  const mentions: string[] = [];
  const own = meetingOf(model.paper);
  const ownDate = dateOf(model.paper);
  const history = historyOf(model.paper);
  const histNode = model.paper.cover?.pairs.find((pp) => pp.name === 'committee_history')?.value;
  history.forEach((h, i) => {
    const item = histNode?.kind === 'seq' ? histNode.items[i] : undefined;
    if (item && node.start >= item.start && node.end <= item.end) return; // the entry hovered
    if (same(h.meeting))
      mentions.push(
        `- ${h.date ?? 'no date'}: ${h.outcome ?? '*no outcome recorded*'}${h.meeting && h.meeting !== (c?.name ?? name) ? ` (as "${h.meeting}")` : ''}`,
      );
  });
  const onOwn = model.paper.cover?.pairs.find((pp) => pp.name === 'meeting')?.value;
  if (own && same(own) && !(onOwn && node.start === onOwn.start)) mentions.push(`- ${ownDate ?? 'no date'}: this paper's own meeting`);
  if (mentions.length) lines.push(`Also in this paper's history:\n${mentions.join('\n')}`);
  return lines.join('\n\n');
}
