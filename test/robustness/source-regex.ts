/**
 * Finds every regular expression in TypeScript source text: the literals
 * (`/…/flags`) and the `new RegExp(…)` / `RegExp(…)` calls. The source is
 * parsed with @babel/parser (TypeScript plugin), so comments, strings,
 * templates and division are told apart by a real parser.
 */
import { parse } from '@babel/parser';
import type { Node } from '@babel/types';

export interface RegexLiteral {
  line: number;
  /** The pattern as written between the slashes. */
  source: string;
  flags: string;
}

export interface RegexCall {
  line: number;
  /** The call's arguments as written (without the outer parentheses). */
  args: string;
  /** The pattern when the first argument is a plain string literal (no substitutions), else null. */
  staticSource: string | null;
  staticFlags: string;
}

export function scanRegexes(src: string): { literals: RegexLiteral[]; calls: RegexCall[] } {
  const literals: (RegexLiteral & { at: number })[] = [];
  const calls: (RegexCall & { at: number })[] = [];
  const ast = parse(src, { sourceType: 'module', plugins: ['typescript'], errorRecovery: true });
  // An explicit stack: no recursion, whatever the nesting.
  const stack: unknown[] = [ast.program];
  while (stack.length) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let k = value.length - 1; k >= 0; k--) stack.push(value[k]);
      continue;
    }
    if (!value || typeof value !== 'object' || typeof (value as Node).type !== 'string') continue;
    const node = value as Node;
    const line = node.loc?.start.line ?? 0;
    if (node.type === 'RegExpLiteral') literals.push({ at: node.start!, line, source: node.pattern, flags: node.flags });
    else if ((node.type === 'NewExpression' || node.type === 'CallExpression') && node.callee.type === 'Identifier' && node.callee.name === 'RegExp') {
      calls.push({ at: node.start!, line, ...callArgs(src, node.callee.end!, node.end!, node.arguments) });
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (child && typeof child === 'object') stack.push(child);
    }
  }
  // In source order, as written.
  const inOrder = <T extends { at: number }>(xs: T[]) => xs.sort((a, b) => a.at - b.at).map(({ at: _at, ...rest }) => rest);
  return { literals: inOrder(literals), calls: inOrder(calls) };
}

/** The arguments as written between the call's parentheses, and the pattern when it is a plain string literal. */
function callArgs(src: string, calleeEnd: number, callEnd: number, args: Node[]): Omit<RegexCall, 'line'> {
  const open = src.indexOf('(', calleeEnd);
  const close = src.lastIndexOf(')', callEnd);
  const text = open === -1 || close < open ? '' : src.slice(open + 1, close);
  const [pattern, flags, ...rest] = args;
  const plain = pattern?.type === 'StringLiteral' && rest.length === 0 && (!flags || flags.type === 'StringLiteral');
  return {
    args: text,
    staticSource: plain ? pattern.value : null,
    staticFlags: plain && flags?.type === 'StringLiteral' ? flags.value : '',
  };
}
