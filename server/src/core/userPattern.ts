import { RE2JS, RE2JSException } from 're2js';

/**
 * Regular expressions from a configuration file run on RE2 (re2js, a pure
 * JavaScript port): its matching time is linear in the text whatever the pattern,
 * so a repository's `.reportlintrc.json` cannot freeze the checker with a pattern
 * that backtracks catastrophically, and no heuristic has to guess which patterns
 * would. The built-in patterns (written and reviewed here) keep V8's faster engine.
 */

export interface PatternMatch {
  /** Offset of the match (UTF-16 code units, as JavaScript strings index). */
  index: number;
  text: string;
  groups: Record<string, string | undefined>;
}

/** What the engine needs of a pattern, whichever engine runs it. */
export interface Pattern {
  /** Whether the whole string matches (the pattern is anchored at both ends). */
  test(s: string): boolean;
  /** The match of the whole string with its named groups (anchored). */
  exec(s: string): PatternMatch | undefined;
}

/** A pattern searched for in a text, with word boundaries around each match. */
export interface Finder {
  findAll(text: string): PatternMatch[];
}

/** A pattern from configuration that the linear-time matcher cannot run, with the reason. */
export class PatternError extends Error {}

/** Longer patterns are refused: nobody writes an ID pattern of this size by hand. */
export const MAX_PATTERN_LENGTH = 2000;

/** JavaScript's `\uXXXX` and `\u{X}` escapes in RE2's spelling (`\x{X}`); other text unchanged. */
function toRe2Syntax(source: string): string {
  return source.replace(/\\\\|\\u\{([0-9A-Fa-f]{1,6})\}|\\u([0-9A-Fa-f]{4})/g, (all, braced?: string, four?: string) =>
    all === '\\\\' ? all : `\\x{${braced ?? four}}`,
  );
}

function describeRe2Error(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^error parsing regexp:\s*/, '');
}

function compileRe2(source: string, what: string, caseInsensitive: boolean): RE2JS {
  if (source.length > MAX_PATTERN_LENGTH) throw new PatternError(`${what} is too long (${source.length} characters; at most ${MAX_PATTERN_LENGTH})`);
  const lookbehind = /\(\?<[=!]/.test(source);
  const flags = (caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0) | (lookbehind ? RE2JS.LOOKBEHINDS : 0);
  try {
    return RE2JS.compile(toRe2Syntax(source), flags);
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    throw new PatternError(
      `${what} cannot be used: ${describeRe2Error(e)} (patterns from the configuration run on a linear-time matcher, RE2 syntax: no lookahead and no back-references)`,
    );
  }
}

/** Each match has its own groups object: no copy needed (parseCanonical runs for every ID token). */
function groupsOf(m: RegExpExecArray | (string[] & { groups?: Record<string, string | undefined> })): Record<string, string | undefined> {
  return m.groups ?? {};
}

/** An anchored pattern on V8's engine, for trusted (built-in) sources only. */
export function nativePattern(source: string, flags = 'u'): Pattern {
  const re = new RegExp(`^(?:${source})$`, flags);
  return {
    test: (s) => re.test(s),
    exec: (s) => {
      const m = re.exec(s);
      return m ? { index: 0, text: m[0], groups: groupsOf(m) } : undefined;
    },
  };
}

/** An anchored pattern from configuration, on RE2. Throws PatternError naming `what` and the reason. */
export function linearPattern(source: string, what: string, caseInsensitive = false): Pattern {
  const re = compileRe2(`^(?:${source})$`, what, caseInsensitive);
  return {
    test: (s) => re.test(s),
    exec: (s) => {
      const m = re.exec(s) as (string[] & { index: number; groups?: Record<string, string | undefined> }) | null;
      return m ? { index: 0, text: m[0], groups: groupsOf(m) } : undefined;
    },
  };
}

/** Characters that may not stand right before or right after a match (an ID inside a longer word is no ID). */
export interface Boundaries {
  /** A character class (without brackets) that may not precede a match. */
  notBefore: string;
  /** A character class (without brackets) that may not follow a match. */
  notAfter: string;
}

/** Finds every match of a trusted pattern with V8's engine (global, Unicode). */
export function nativeFinder(source: string, boundaries: Boundaries, caseInsensitive = false): Finder {
  const re = new RegExp(`(?<![${boundaries.notBefore}])(?:${source})(?![${boundaries.notAfter}])`, caseInsensitive ? 'giu' : 'gu');
  return {
    findAll(text) {
      const out: PatternMatch[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        out.push({ index: m.index, text: m[0], groups: groupsOf(m) });
      }
      return out;
    },
  };
}

const BODY_GROUP = 'reportLintMatch';

/**
 * Finds every match of a configured pattern on RE2. RE2 has no lookahead, so the
 * boundaries are consumed instead (a character outside the class, or the start or
 * end of the text) and the match proper is read from a group; RE2 keeps the
 * leftmost-first preference of a backtracking engine, so the matches are those the
 * lookaround version would find.
 */
export function linearFinder(source: string, what: string, boundaries: Boundaries, caseInsensitive = false): Finder {
  if (source.includes(BODY_GROUP)) throw new PatternError(`${what} may not use the group name ${BODY_GROUP}`);
  // Checked alone first, so an error message quotes the user's pattern, not our wrapping.
  compileRe2(source, what, caseInsensitive);
  const re = compileRe2(`(?:^|[^${boundaries.notBefore}])(?P<${BODY_GROUP}>${source})(?:[^${boundaries.notAfter}]|$)`, what, caseInsensitive);
  // The same without groups: RE2's DFA answers "is there any match?" much faster, and most blocks have none.
  const any = compileRe2(`(?:^|[^${boundaries.notBefore}])(?:${source})(?:[^${boundaries.notAfter}]|$)`, what, caseInsensitive);
  const names = Object.keys(re.namedGroups()).filter((n) => n !== BODY_GROUP);
  return {
    findAll(text) {
      const out: PatternMatch[] = [];
      if (!any.test(text)) return out;
      const m = re.matcher(text);
      let from = 0;
      while (from <= text.length && m.find(from)) {
        const start = m.start(BODY_GROUP);
        const end = m.end(BODY_GROUP);
        if (end <= start) {
          // An empty match says nothing; look again one character on.
          from = Math.max(from, start) + 1;
          continue;
        }
        const groups: Record<string, string | undefined> = {};
        for (const n of names) groups[n] = m.group(n) ?? undefined;
        out.push({ index: start, text: text.slice(start, end), groups });
        // The character after the match may be the one before the next match.
        from = end;
      }
      return out;
    },
  };
}
