/**
 * Where a paper says what the meeting is asked to do (its Recommendations),
 * as the organisation's template puts it:
 * 1. a level-2 section under one of the accepted headings (`sections`);
 *    else, where the profile's own `sections` names the Recommendations'
 *    headings, a sub-heading under one of them inside the Executive
 *    summary, for a template whose summary opens with its own parts,
 *    "i) Recommendations", "ii) Background" (Castle Point and Rochford CCG,
 *    2017) — only there: a "### Recommendations" under an audit report's
 *    findings is the auditor's, not the ask; and not under the built-in
 *    names, where FORMAT.md's level-2 sections are the contract;
 * 2. where the profile's `recommendations.labels` says so, a paragraph or
 *    numbered point opening with the label: "Recommendation: The Board is
 *    asked to note …", "**Action required:** …" (Oxford University
 *    Hospitals' Summary ends with one);
 * 3. where the profile's `recommendations.cover_field` names one, that
 *    cover-sheet field ("Action", "Purpose of Report");
 * 4. where the profile's `recommendations.in_summary` is true, the last
 *    paragraph of the Executive summary that asks the meeting to act in
 *    plain words ("The Board is asked to note the report.": Oxford Health's
 *    2015 template lets the ask close the summary or have a heading), with
 *    the list it introduces when it ends in a colon; the points of a
 *    numbered summary are its paragraphs ("4. The Board is asked to note
 *    this paper.": OUH's 2013-2016 layout).
 *
 * The last four are given as a Section, the shape the checks of the ask read
 * (`recommendation-purpose`, `placeholder-section`), with `place` saying what
 * they are, so the messages say "the "Recommendation:" paragraph" or "the
 * cover sheet's "Action"" and never call them a section (a sub-section is
 * "the "i) Recommendations" section").
 *
 * Invariant: a Section with a `place` is read, never written beside: its
 * ranges are a paragraph's or a field's, not a section's boundaries, so
 * anything that inserts text next to the Recommendations keeps to
 * `recommendationsSection` (queries/sections.ts).
 *
 * Cost: nothing when the paper has its Recommendations section. Otherwise a
 * look through the Executive summary's own nodes when the profile's
 * `sections` names the Recommendations' headings, and, when the profile sets
 * `recommendations`, one walk of the body's block nodes (paragraphs, lists,
 * quotes), stopping at the first labelled paragraph; done once per paper
 * and profile.
 */
import type { Heading, List, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { asksIn, asksOf, type Ask } from './ask';
import { countableWords, normaliseHeading, renderedText, type Paper, type Section } from '../paper';
import type { Profile } from '../profile';
import { fieldLabel, fieldNode } from '../template-fields';
import { isEmptyNode } from '../yaml';
import { executiveSummarySection, headingKey, RECOMMENDATIONS, recommendationsSection, sectionTitle, templateHeadings } from './sections';

/**
 * Outside a Recommendations heading only the plain wording of an ask counts
 * ("The Board is asked to note the report.", "It is recommended that Trust
 * Board accepts …"): "resources will be required to support …", "the review
 * recommended that the Trust develops …" or a list item that opens with a
 * verb is not an ask there.
 */
const PLAIN_ASK_CUES = new Set(['asked', 'invited', 'requested', 'that']);

/**
 * The last whole ask of `section` worded as one ("is asked to", "is invited
 * to"), else the first whole ask of a list introduced as one ("The Board is
 * asked to:" and "- Note the report"), at any depth of lists; or undefined.
 */
export function plainAsk(section: Section): Ask | undefined {
  return (
    asksOf(section)
      .filter((a) => a.complete && PLAIN_ASK_CUES.has(a.cue ?? ''))
      .at(-1) ?? introducedAsk(section.nodes)
  );
}

/** The first whole ask of a list that a paragraph ending "… is asked to:" introduces, in `nodes` or the lists among them. */
function introducedAsk(nodes: readonly RootContent[]): Ask | undefined {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const next = nodes[i + 1];
    const ask = n.type === 'paragraph' ? listAsk(n, next) : undefined;
    if (ask) return ask;
    if (n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote') {
      const ask = introducedAsk(n.children as RootContent[]);
      if (ask) return ask;
    }
  }
  return undefined;
}

/** A label that ends as an ask begins: "The Board is asked to", "… are invited to". */
const ASK_CUE_END = /\b(?:asked|invited|requested|recommended)\s+to$/i;

/** A label's separator: "Recommendation:", "Recommendation -", "Recommendation –". */
const SEPARATOR = /^[ \t]*[:\-–—][ \t]*/;

function labelsOf(profile: Profile): string[] {
  const list = profile.recommendations?.labels;
  return Array.isArray(list) ? list.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim()) : [];
}

/** A Section whose words are counted on first read, as paper.ts's are. */
function pseudoSection(s: Omit<Section, 'words'>): Section {
  let words: string[] | undefined;
  return Object.defineProperty(s, 'words', {
    get: () => (words ??= countableWords(renderedText(s.nodes as Nodes[]))),
    enumerable: true,
  }) as Section;
}

/** The label `p` opens with, and the paragraph's content after it (the label and its separator left out), or undefined. */
function labelled(p: Paragraph, labels: readonly string[]): { label: string; end: number; rest: PhrasingContent[] } | undefined {
  const first = p.children[0];
  if (!first?.position || first.position.start.offset === undefined) return undefined;
  const start = first.position.start.offset;
  if (first.type === 'text') {
    const lower = first.value.toLowerCase();
    for (const label of labels) {
      if (!lower.startsWith(label.toLowerCase())) continue;
      const after = first.value.slice(label.length);
      // A label that is itself the start of an ask ("The Council of Governors is asked to") reads on
      // into the sentence without a separator: "… is asked to note the report." (Oxford Health, 2016).
      if (ASK_CUE_END.test(label) && /^[ \t]+\S/.test(after)) return { label: first.value.slice(0, label.length), end: start + label.length, rest: p.children };
      const sep = SEPARATOR.exec(after);
      if (!sep) continue;
      const cut = label.length + sep[0].length;
      const rest = first.value.slice(cut);
      const restNode = { ...first, value: rest, position: { ...first.position, start: { ...first.position.start, offset: start + cut } } };
      return { label: first.value.slice(0, label.length), end: start + cut, rest: [...(rest ? [restNode] : []), ...p.children.slice(1)] };
    }
    return undefined;
  }
  if (first.type === 'strong' || first.type === 'emphasis') {
    // "**Recommendation:** The Board …" or "**Recommendation**: The Board …".
    const inner = toString(first).trim();
    const lowerInner = inner.toLowerCase();
    const end = first.position.end.offset ?? start;
    const next = p.children[1];
    for (const label of labels) {
      if (!lowerInner.startsWith(label.toLowerCase())) continue;
      const tail = inner.slice(label.length);
      const sepInside = tail !== '' && SEPARATOR.exec(tail)?.[0].length === tail.length;
      const sepAfter = tail === '' && next?.type === 'text' ? SEPARATOR.exec(next.value) : null;
      if (!sepInside && !sepAfter) continue; // a bold word with no separator is not a label
      const rest = p.children.slice(1);
      const cut = sepAfter ? sepAfter[0].length : next?.type === 'text' ? (/^[ \t]*/.exec(next.value)?.[0].length ?? 0) : 0;
      if (next?.type === 'text') rest[0] = { ...next, value: next.value.slice(cut) };
      return { label: inner.slice(0, label.length), end: end + cut, rest };
    }
  }
  return undefined;
}

/** The first paragraph in the body (at any depth of lists and quotes) that opens with one of `labels`. */
function labelledParagraph(paper: Paper, labels: readonly string[]): Section | undefined {
  const stack: { nodes: readonly RootContent[]; i: number }[] = [{ nodes: paper.mdast.children, i: 0 }];
  while (stack.length) {
    const top = stack.at(-1)!;
    if (top.i >= top.nodes.length) {
      stack.pop();
      continue;
    }
    const n = top.nodes[top.i++]!;
    if (n.type === 'paragraph') {
      const found = labelled(n, labels);
      if (!found || !n.position) continue;
      const nodes: RootContent[] = [{ ...n, children: found.rest }];
      // "Recommendation: The Board is asked to:" and the list of what it is asked.
      const after = top.nodes[top.i];
      let end = n.position.end.offset!;
      if (after?.type === 'list' && /:\s*$/.test(toString(n))) {
        nodes.push(after as List);
        end = after.position?.end.offset ?? end;
      }
      const start = n.position.start.offset!;
      return pseudoSection({
        heading: found.label,
        key: normaliseHeading(found.label),
        place: 'paragraph',
        headingRange: { start, end: found.end },
        titleRange: { start, end: found.end },
        contentRange: { start: found.end, end },
        nodes,
      });
    }
    if (n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote') stack.push({ nodes: n.children as RootContent[], i: 0 });
  }
  return undefined;
}

/** A sub-heading (level 3 or deeper) of the Executive summary under a heading the Recommendations accept, with what follows it up to the next heading as deep or less. */
function summarySubsection(paper: Paper, profile: Profile): Section | undefined {
  const headings = templateHeadings(profile, RECOMMENDATIONS);
  if (!headings) return undefined;
  const summary = executiveSummarySection(paper, profile);
  if (!summary) return undefined;
  const nodes = summary.nodes;
  const keys = new Set(headings.map(headingKey));
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.type !== 'heading' || !n.position) continue;
    const heading = toString(n, { includeHtml: false }).replace(/\s+/g, ' ').trim();
    if (!keys.has(headingKey(heading))) continue;
    let j = i + 1;
    while (j < nodes.length && !(nodes[j]!.type === 'heading' && (nodes[j] as Heading).depth <= n.depth)) j++;
    const content = nodes.slice(i + 1, j);
    const start = n.position.start.offset!;
    const headEnd = n.position.end.offset!;
    return pseudoSection({
      heading,
      key: normaliseHeading(heading),
      place: 'sub-section',
      headingRange: { start, end: headEnd },
      titleRange: { start, end: headEnd },
      contentRange: { start: headEnd, end: content.at(-1)?.position?.end.offset ?? headEnd },
      nodes: content,
    });
  }
  return undefined;
}

/** The last paragraph of the Executive summary that asks the meeting to act, where the profile lets the ask close the summary. */
function summaryAsk(paper: Paper, profile: Profile): Section | undefined {
  if (profile.recommendations?.in_summary !== true) return undefined;
  const summary = executiveSummarySection(paper, profile);
  if (!summary) return undefined;
  // A summary of numbered points closes with its last point ("4. The Board is asked to note this paper."):
  // the points of a numbered list are read as its paragraphs (OUH's 2013-2016 layout).
  const closing = (nodes: readonly RootContent[]): Section | undefined => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i]!;
      if (n.type === 'list' && n.ordered) {
        for (let j = n.children.length - 1; j >= 0; j--) {
          const inItem = closing(n.children[j]!.children);
          if (inItem) return inItem;
        }
        continue;
      }
      if (n.type !== 'paragraph' || n.position?.start.offset === undefined) continue;
      const start = n.position.start.offset;
      const part = (block: RootContent[]) =>
        pseudoSection({
          heading: summary.heading,
          key: summary.key,
          place: 'summary',
          headingRange: summary.headingRange,
          titleRange: summary.titleRange,
          contentRange: { start, end: block.at(-1)!.position?.end.offset ?? start },
          nodes: block,
        });
      // "The Board is asked to:" and the list of what it is asked.
      const next = nodes[i + 1];
      if (listAsk(n, next)) return part([n, next!]);
      const alone = part([n]);
      if (plainAsk(alone)) return alone;
    }
    return undefined;
  };
  return closing(summary.nodes);
}

/** A paragraph that ends by introducing the ask as a list: "The Board is asked to:". */
const ASKED_TO_COLON = /\b(?:asked|invited|requested)\s+to\s*:\s*$/i;

/** The first whole ask of the list `next` when paragraph `p` introduces it as the ask ("The Board is asked to:"), else undefined. */
function listAsk(p: Paragraph, next: RootContent | undefined): Ask | undefined {
  if (next?.type !== 'list' || !ASKED_TO_COLON.test(toString(p))) return undefined;
  return asksIn([next]).find((a) => a.complete);
}

/** The cover-sheet field the profile says holds the ask, as written (present, even when empty), or undefined. */
function coverFieldAsk(paper: Paper, profile: Profile): Section | undefined {
  const key = profile.recommendations?.cover_field;
  if (!key) return undefined;
  const node = fieldNode(paper.cover, key);
  if (!node) return undefined;
  const label = fieldLabel(profile, key);
  const text = !isEmptyNode(node) && node.kind === 'scalar' ? node.text : '';
  const nodes: RootContent[] = text ? [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] : [];
  return pseudoSection({
    heading: label,
    key: normaliseHeading(label),
    place: 'cover field',
    headingRange: { start: node.start, end: node.end },
    titleRange: { start: node.start, end: node.end },
    contentRange: { start: node.start, end: node.end },
    nodes,
  });
}

/**
 * The paper's Recommendations where its template puts them: the section,
 * else the summary's sub-section, the labelled paragraph, the cover-sheet
 * field, the ask closing the summary (see above).
 */
export function recommendationsAsk(paper: Paper, profile: Profile): Section | undefined {
  const section = recommendationsSection(paper, profile);
  if (section) return section;
  // Three checks ask for it in one analysis: the walk is done once per paper and profile.
  const memo = found.get(paper);
  if (memo?.profile === profile) return memo.ask;
  const labels = labelsOf(profile);
  const ask =
    summarySubsection(paper, profile) ??
    (labels.length ? labelledParagraph(paper, labels) : undefined) ??
    coverFieldAsk(paper, profile) ??
    summaryAsk(paper, profile);
  found.set(paper, { profile, ask });
  return ask;
}

const found = new WeakMap<Paper, { profile: Profile; ask: Section | undefined }>();

/** The label of the paragraph the template gives the ask ("Recommendation", "The Board is asked to"), if it gives one. */
export function askLabel(profile: Profile): string | undefined {
  return labelsOf(profile)[0];
}

/** Where the profile lets the ask be besides a section, for messages: `a paragraph opening "Recommendation:"`, `the cover sheet's "Action"`. */
export function otherPlaces(profile: Profile): string[] {
  const out: string[] = [];
  const labels = labelsOf(profile);
  if (labels.length) out.push(`a paragraph opening ${labels.map((l) => `"${l}:"`).join(' or ')}`);
  const key = profile.recommendations?.cover_field;
  if (key) out.push(`the cover sheet's "${fieldLabel(profile, key)}"`);
  if (profile.recommendations?.in_summary === true) out.push('a sentence closing the Executive summary that asks the meeting to act');
  return out;
}

/** How messages name the place: `the "Recommendations" section`, `the "Recommendation:" paragraph`, `the cover sheet's "Action"`. */
export function placeName(s: Section): string {
  if (s.place === 'paragraph') return `the "${s.heading}:" paragraph`;
  if (s.place === 'cover field') return `the cover sheet's "${s.heading}"`;
  return `the "${sectionTitle(s)}" section`;
}

/** placeName with a capital letter, to open a sentence. */
export function placeNameAtStart(s: Section): string {
  const n = placeName(s);
  return n.charAt(0).toUpperCase() + n.slice(1);
}
