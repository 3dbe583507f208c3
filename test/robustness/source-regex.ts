/**
 * Finds every regular expression in TypeScript source text: the literals
 * (`/…/flags`) and the `new RegExp(…)` / `RegExp(…)` calls. A small lexer
 * (comments, strings, template literals with `${…}` nesting, regex vs
 * division decided by the previous token), because a regex over the text
 * alone cannot tell `/a/` from `x / a / y` or from a `//` comment.
 */

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

/** Keywords after which a `/` starts a regex, not a division. */
const REGEX_AFTER_KEYWORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await', 'extends']);

export function scanRegexes(src: string): { literals: RegexLiteral[]; calls: RegexCall[] } {
  const literals: RegexLiteral[] = [];
  const calls: RegexCall[] = [];
  let i = 0;
  let line = 1;
  /** The previous significant token: 'id:<name>', 'num', 'str', 'regex', or the punctuator itself. */
  let prev = '';
  /** For template literals: the brace depth at which each open `${` returns to the template. */
  const templateStack: number[] = [];
  let braceDepth = 0;

  const n = src.length;
  const advance = (to: number) => {
    for (let k = i; k < to; k++) if (src.charCodeAt(k) === 10) line++;
    i = to;
  };

  /** Scan a quoted string starting at `i` (the quote); returns the end offset (after the closing quote). */
  const stringEnd = (from: number): number => {
    const q = src[from];
    let k = from + 1;
    while (k < n && src[k] !== q) {
      if (src[k] === '\\') k++;
      else if (src[k] === '\n') break;
      k++;
    }
    return Math.min(n, k + 1);
  };

  /** Scan template text from `from` (just after ` or }) to the closing ` or a `${`. */
  const templateText = (from: number): { end: number; opensSubst: boolean } => {
    let k = from;
    while (k < n) {
      const c = src[k];
      if (c === '\\') {
        k += 2;
        continue;
      }
      if (c === '`') return { end: k + 1, opensSubst: false };
      if (c === '$' && src[k + 1] === '{') return { end: k + 2, opensSubst: true };
      k++;
    }
    return { end: n, opensSubst: false };
  };

  const regexAllowed = () => {
    if (prev === '') return true;
    if (prev === 'num' || prev === 'str' || prev === 'regex' || prev === ')' || prev === ']' || prev === '}') return false;
    if (prev.startsWith('id:')) return REGEX_AFTER_KEYWORD.has(prev.slice(3));
    return true; // any other punctuator
  };

  while (i < n) {
    const c = src[i]!;
    const d = src[i + 1];
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r') {
      advance(i + 1);
      continue;
    }
    if (c === '/' && d === '/') {
      const e = src.indexOf('\n', i);
      advance(e === -1 ? n : e);
      continue;
    }
    if (c === '/' && d === '*') {
      const e = src.indexOf('*/', i + 2);
      advance(e === -1 ? n : e + 2);
      continue;
    }
    if (c === '"' || c === "'") {
      advance(stringEnd(i));
      prev = 'str';
      continue;
    }
    if (c === '`') {
      const t = templateText(i + 1);
      advance(t.end);
      if (t.opensSubst) {
        templateStack.push(braceDepth);
        braceDepth++;
        prev = '{';
      } else prev = 'str';
      continue;
    }
    if (c === '{') {
      braceDepth++;
      prev = '{';
      advance(i + 1);
      continue;
    }
    if (c === '}') {
      braceDepth--;
      if (templateStack.length && templateStack[templateStack.length - 1] === braceDepth) {
        templateStack.pop();
        const t = templateText(i + 1);
        advance(t.end);
        if (t.opensSubst) {
          templateStack.push(braceDepth);
          braceDepth++;
          prev = '{';
        } else prev = 'str';
        continue;
      }
      prev = '}';
      advance(i + 1);
      continue;
    }
    if (c === '/' && regexAllowed()) {
      // A regex literal: up to the unescaped `/` outside a class.
      let k = i + 1;
      let inClass = false;
      while (k < n && src[k] !== '\n') {
        const ch = src[k];
        if (ch === '\\') {
          k += 2;
          continue;
        }
        if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) break;
        k++;
      }
      if (src[k] === '/') {
        let f = k + 1;
        while (f < n && /[a-z]/.test(src[f]!)) f++;
        literals.push({ line, source: src.slice(i + 1, k), flags: src.slice(k + 1, f) });
        advance(f);
        prev = 'regex';
        continue;
      }
      advance(i + 1);
      prev = '/';
      continue;
    }
    if (/[A-Za-z_$#]/.test(c) || c.charCodeAt(0) > 127) {
      let k = i + 1;
      while (k < n && (/[\w$]/.test(src[k]!) || src.charCodeAt(k) > 127)) k++;
      const word = src.slice(i, k);
      if (word === 'RegExp') {
        let p = k;
        while (p < n && /\s/.test(src[p]!)) p++;
        if (src[p] === '(') calls.push({ line, ...callArgs(src, p) });
      }
      prev = `id:${word}`;
      advance(k);
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(d ?? ''))) {
      let k = i + 1;
      while (k < n && /[\w.]/.test(src[k]!)) k++;
      prev = 'num';
      advance(k);
      continue;
    }
    prev = c;
    advance(i + 1);
  }
  return { literals, calls };
}

/** The arguments of a call whose `(` is at `open`, and the pattern when it is a plain string literal. */
function callArgs(src: string, open: number): { args: string; staticSource: string | null; staticFlags: string } {
  let depth = 0;
  let k = open;
  for (; k < src.length; k++) {
    const ch = src[k];
    if (ch === '"' || ch === "'" || ch === '`') {
      const q = ch;
      k++;
      while (k < src.length && src[k] !== q) {
        if (src[k] === '\\') k++;
        k++;
      }
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) break;
  }
  const args = src.slice(open + 1, k);
  const m = /^\s*(['"])((?:\\.|(?!\1)[^\\])*)\1\s*(?:,\s*(['"])([a-z]*)\3\s*)?$/s.exec(args);
  if (!m) return { args, staticSource: null, staticFlags: '' };
  let source: string | null;
  try {
    source = JSON.parse(`"${m[2]!.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
  } catch {
    source = null;
  }
  return { args, staticSource: source, staticFlags: m[4] ?? '' };
}
