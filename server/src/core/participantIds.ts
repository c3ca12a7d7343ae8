import { linearFinder, linearPattern, nativeFinder, nativePattern, PatternError, type Finder, type Pattern } from './userPattern';
import { searchView } from './searchView';

/**
 * How a study spells participant IDs. The canonical pattern names its parts with
 * groups (activity, country, interview, participant); the loose pattern finds
 * ID-like tokens, including misspelt ones, so they can be reported and fixed.
 */
export interface IdSchemeConfig {
  /** Canonical single ID. Named groups: activity, country, interview, participant. */
  pattern: string;
  /** Writes a canonical ID from its parts. */
  format: string;
  /** Finds ID-like tokens; same group names; `participant` may hold `A&B`. */
  loosePattern?: string;
}

export const DEFAULT_ID_SCHEME: IdSchemeConfig = {
  pattern: 'RA(?<activity>\\d+)-(?<country>[A-Z]{2})-(?<interview>\\d{2,3})-(?<participant>[A-Z])',
  format: 'RA{activity}-{country}-{interview}-{participant}',
  // Bounded separators ({0,3}) keep the worst case linear on hostile input.
  loosePattern:
    '[Rr][Aa](?<activity>[ \\t]{0,3}\\d{1,3})?[ \\t]{0,3}[-‐‑–—]?[ \\t]{0,3}(?<country>[A-Za-z]{2})[ \\t]{0,3}[-‐‑–—]?[ \\t]{0,3}(?<interview>\\d{1,3})(?<sep>[ \\t]{0,3}[-‐‑–—][ \\t]{0,3}|[ \\t]{1,3}|)(?<participant>[A-Za-z](?:[ \\t]{0,3}&[ \\t]{0,3}[A-Za-z]){0,8})',
};

export interface IdParts {
  activity?: string;
  country: string;
  interview: string;
  participants: string[];
}

export interface IdCandidate {
  /** Offsets relative to the searched text. */
  start: number;
  end: number;
  raw: string;
  parts: IdParts;
  /** True when `raw` is already in canonical (single or combined) form. */
  canonical: boolean;
  /**
   * Set when participants were joined by "and", "/" or "," ("RA1-IN-01-A and B"), a
   * reading that is right only when the registry has every part: `end` and
   * `participants` describe the token without them (see IdScheme.withoutLooseJoin).
   */
  looseJoin?: { end: number; participants: number };
}

export class IdSchemeError extends Error {}

/** An ID is not part of a longer word: no letter or digit before it, nor after it (nor `&`, which would continue a combined ID). */
const ID_BOUNDARIES = { notBefore: 'A-Za-z0-9', notAfter: 'A-Za-z0-9&' };

/**
 * Compiles a pattern. Trusted (built-in) patterns run on V8's engine; patterns from
 * a configuration run on RE2, whose time is linear whatever the pattern (see
 * userPattern.ts). Both must also compile as JavaScript, the syntax users write.
 */
function checkSyntax(source: string, what: string, flags: string): void {
  try {
    new RegExp(source, flags);
  } catch (e) {
    throw new IdSchemeError(`${what} does not compile: ${(e as Error).message}`);
  }
}

function anchored(source: string, what: string, trusted: boolean): Pattern {
  checkSyntax(source, what, 'u');
  try {
    return trusted ? nativePattern(source) : linearPattern(source, what);
  } catch (e) {
    throw e instanceof PatternError ? new IdSchemeError(e.message) : e;
  }
}

function finder(source: string, what: string, trusted: boolean, caseInsensitive: boolean): Finder {
  checkSyntax(source, what, 'u');
  try {
    return trusted ? nativeFinder(source, ID_BOUNDARIES, caseInsensitive) : linearFinder(source, what, ID_BOUNDARIES, caseInsensitive);
  } catch (e) {
    throw e instanceof PatternError ? new IdSchemeError(e.message) : e;
  }
}

/** The source of a named group without nested groups (`(?<participant>[A-Z])` → `[A-Z]`). */
function simpleGroupSource(pattern: string, name: string): string | undefined {
  return new RegExp(`\\(\\?<${name}>((?:[^()\\\\]|\\\\.)*)\\)`).exec(pattern)?.[1];
}

const SEPARATOR = '[ \\t]{0,3}-?[ \\t]{0,3}';

/** `\d{2}`, `[0-9]{2,3}`, `\d+`: an interview number of digits, and its longest width. */
const DIGITS_GROUP = /^(?:\\d|\[0-9\])(?:\{(\d+)(?:,(\d*))?\}|(\+))?$/;

/**
 * Turns a canonical pattern into a tolerant one with the tolerance the default
 * scheme has: dashes (any Unicode dash, as the search view writes them all "-"),
 * spaces and line breaks around them, and between two parts written together; an
 * unpadded interview number ("7" for "07"); any letter case (the pattern is compiled
 * case-insensitively); and combined participants `a&b`, `a & b` (and, checked by
 * IdScheme.find, "a and b", "a/b", "a, b").
 */
function deriveLoosePattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      // An escaped separator ("\-", "\.") in the canonical form is one too.
      if (!inClass && (pattern[i + 1] === '-' || pattern[i + 1] === '.' || pattern[i + 1] === '_')) {
        out += pattern[i + 1] === '-' ? SEPARATOR : `[ \\t]{0,3}[-${pattern[i + 1] === '.' ? '\\.' : '_'}]?[ \\t]{0,3}`;
      } else out += c + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === ']') inClass = false;
    if (!inClass && c === '-') out += SEPARATOR;
    else if (!inClass && c === '_') out += '[ \\t]{0,3}[-_]?[ \\t]{0,3}';
    // Two parts written together ("KE07"): spaces or a dash between them are a misspelling of it.
    else if (!inClass && c === '(' && pattern.startsWith('(?<', i) && pattern[i - 1] === ')') out += SEPARATOR + c;
    else out += c;
  }
  const interview = simpleGroupSource(out, 'interview');
  const digits = interview === undefined ? null : DIGITS_GROUP.exec(interview);
  if (interview !== undefined && digits) {
    const max = digits[3] ? '' : digits[2] === undefined ? (digits[1] ?? '1') : digits[2];
    out = out.replace(`(?<interview>${interview})`, () => `(?<interview>\\d{1,${max || 9}})`);
  }
  const participant = simpleGroupSource(out, 'participant');
  if (participant !== undefined) {
    out = out.replace(`(?<participant>${participant})`, () => `(?<participant>(?:${participant})(?:[ \\t]{0,3}&[ \\t]{0,3}(?:${participant})){0,8})`);
  }
  return out;
}

/** Values tried for each part when checking that the format fits the pattern. */
const FORMAT_CHECK_SAMPLES = {
  activity: ['1', '01', '001', 'A', 'a'],
  country: ['KE', 'KEN', 'ke', 'ken', 'K', 'KENY'],
  interview: ['01', '001', '1', '0001', 'A'],
  participant: ['A', 'a', 'AB', '1'],
};

export class IdScheme {
  private readonly canonicalExact: Pattern;
  private readonly loose: Finder;
  /** The pattern's own country and participant parts, to choose their letter case. */
  private readonly partPatterns: { country?: Pattern; participant?: Pattern } = {};
  /** Built-in scheme: V8's engine; configured: RE2 (linear time). */
  private readonly trusted: boolean;
  /** Per part, each value in its canonical case (looked up per ID token and rule on every check). */
  private readonly casedCache = { country: new Map<string, string>(), participant: new Map<string, string>() };
  /** `withoutLooseJoin`'s answers by the token's parts, with what else they depend on. */
  private readonly withoutJoin = new WeakMap<
    IdParts,
    { from: string; length: number; participants: number; raw: string; parts: IdParts; canonical: boolean }
  >();
  /** The format template split once into literal text and part names (format runs per ID token). */
  private readonly formatPieces: { literal?: string; part?: 'activity' | 'country' | 'interview' | 'participant' }[] = [];

  /**
   * Whether IDs have an activity number. Without one in the pattern (a study with a
   * single activity), no ID lacks it: rules must not call it missing.
   */
  readonly hasActivity: boolean;

  constructor(readonly config: IdSchemeConfig = DEFAULT_ID_SCHEME) {
    this.hasActivity = config.pattern.includes('(?<activity>');
    const trusted = config === DEFAULT_ID_SCHEME;
    this.trusted = trusted;
    // Compiled first: a pattern that does not compile should say so, not that a group is missing.
    this.canonicalExact = anchored(config.pattern, 'participantIds.pattern', trusted);
    for (const g of ['country', 'interview', 'participant']) {
      if (!config.pattern.includes(`(?<${g}>`)) throw new IdSchemeError(`participantIds.pattern needs a named group (?<${g}>…)`);
    }
    // A derived loose pattern only adds bounded separators to the pattern checked above,
    // and ignores case so that "ra1-ke-01-a" is found (and reported) as in the default scheme.
    const derived = config.loosePattern === undefined;
    const looseSource = config.loosePattern ?? deriveLoosePattern(config.pattern);
    this.loose = finder(looseSource, 'participantIds.loosePattern', trusted, derived);
    const template = /\{(activity|country|interview|participant)\}/g;
    let last = 0;
    for (let m = template.exec(config.format); m; m = template.exec(config.format)) {
      if (m.index > last) this.formatPieces.push({ literal: config.format.slice(last, m.index) });
      this.formatPieces.push({ part: m[1] as 'activity' | 'country' | 'interview' | 'participant' });
      last = m.index + m[0].length;
    }
    if (last < config.format.length) this.formatPieces.push({ literal: config.format.slice(last) });
    for (const name of ['country', 'participant'] as const) {
      const source = simpleGroupSource(config.pattern, name);
      if (source === undefined) continue;
      try {
        this.partPatterns[name] = anchored(source, `participantIds.pattern (${name})`, trusted);
      } catch {
        // Left to the fallback (capitals).
      }
    }
    if (!trusted) this.checkFormat();
  }

  /**
   * The format must write IDs the pattern accepts; otherwise every ID would be
   * reported with a "canonical" spelling that is itself wrong. Checked on a sample ID
   * built from values each part's own group accepts (skipped when a group is too
   * complex to sample).
   */
  private checkFormat(): void {
    const { pattern, format } = this.config;
    const hasActivity = pattern.includes('(?<activity>');
    for (const part of [...(hasActivity ? ['activity'] : []), 'country', 'interview', 'participant']) {
      if (!format.includes(`{${part}}`)) throw new IdSchemeError(`participantIds.format "${format}" needs {${part}}`);
    }
    const sample: Record<string, string> = {};
    for (const part of ['activity', 'country', 'interview', 'participant'] as const) {
      if (part === 'activity' && !hasActivity) continue;
      const source = simpleGroupSource(pattern, part);
      if (source === undefined) return;
      let re: Pattern;
      try {
        re = anchored(source, `participantIds.pattern (${part})`, this.trusted);
      } catch {
        return;
      }
      const value = FORMAT_CHECK_SAMPLES[part].find((v) => re.test(v));
      if (value === undefined) return;
      sample[part] = value;
    }
    const id = this.format({ activity: sample.activity, country: sample.country, interview: sample.interview, participant: sample.participant });
    if (!this.isCanonical(id))
      throw new IdSchemeError(`participantIds.format "${format}" writes IDs such as "${id}", which participantIds.pattern does not accept`);
  }

  /** A country or participant letter in the case the canonical pattern wants (capitals when it cannot tell). */
  private cased(name: 'country' | 'participant', value: string): string {
    const cache = this.casedCache[name];
    let result = cache.get(value);
    if (result === undefined) {
      result = value.toUpperCase();
      const re = this.partPatterns[name];
      if (re)
        for (const candidate of [value.toUpperCase(), value.toLowerCase()])
          if (re.test(candidate)) {
            result = candidate;
            break;
          }
      // Country codes and participant letters are few; the cache stays small.
      if (cache.size < 10_000) cache.set(value, result);
    }
    return result;
  }

  format(parts: { activity?: string; country: string; interview: string; participant: string }): string {
    let out = '';
    for (const piece of this.formatPieces) out += piece.literal ?? parts[piece.part!] ?? '';
    return out;
  }

  isCanonical(id: string): boolean {
    return this.canonicalExact.test(id);
  }

  /** Parses a canonical single ID (as found in a registry). */
  parseCanonical(id: string): IdParts | undefined {
    const m = this.canonicalExact.exec(id);
    if (!m) return undefined;
    return {
      activity: m.groups.activity,
      country: m.groups.country ?? '',
      interview: m.groups.interview ?? '',
      participants: [m.groups.participant ?? ''],
    };
  }

  /**
   * Finds ID-like tokens in a piece of text: in its search view (searchView.ts), so an
   * ID with a soft hyphen, a zero-width character or another dash inside is found,
   * and with line breaks read as spaces, so an ID a soft line break split is found.
   * Offsets and `raw` are those of the text as written.
   */
  find(text: string): IdCandidate[] {
    const out: IdCandidate[] = [];
    const view = searchView(text);
    const search = view.text.replace(/[\r\n]/g, ' ');
    // Matches inside participants joined by "and", "/" or "," to the previous ID are part of it.
    let skipUntil = 0;
    for (const m of this.loose.findAll(search)) {
      if (m.index < skipUntil) continue;
      const g = m.groups;
      const participantRaw = (g.participant ?? '').trim();
      // "RA1-IN-05 a participant" is prose, not an ID: a lone lowercase letter after a space.
      if (g.sep !== undefined && !/-/.test(g.sep) && /^[a-z]$/.test(participantRaw)) continue;
      const participants = participantRaw.split(/[ \t]*&[ \t]*/).filter(Boolean);
      const parts: IdParts = {
        activity: g.activity?.trim() || undefined,
        country: g.country ?? '',
        interview: g.interview ?? '',
        participants,
      };
      let viewEnd = m.index + m.text.length;
      let looseJoin: IdCandidate['looseJoin'];
      const joined = this.looselyJoined(search, viewEnd);
      if (joined) {
        looseJoin = { end: view.endAt(viewEnd) - view.startAt(m.index), participants: participants.length };
        participants.push(...joined.participants);
        viewEnd = joined.end;
        skipUntil = viewEnd;
      }
      const start = view.startAt(m.index);
      const end = view.endAt(viewEnd);
      const raw = text.slice(start, end);
      const canonical = !looseJoin && this.isCanonicalToken(raw, parts);
      if (looseJoin) looseJoin.end += start;
      out.push({ start, end, raw, parts, canonical, ...(looseJoin ? { looseJoin } : {}) });
    }
    return out;
  }

  private isCanonicalToken(raw: string, parts: IdParts): boolean {
    return (
      parts.participants.length > 0 &&
      raw === this.canonicalText(parts, parts.interview) &&
      parts.participants.every((p) => this.isCanonical(this.format({ ...parts, participant: p })))
    );
  }

  /**
   * Participants joined to an ID by "and", "/", "," or "&" ("RA1-IN-01-A and B",
   * "RA1-IN-01-A/B", "RA1-IN-01-A, B & C"): each a single participant as the pattern
   * writes it (case as well: "and a" is prose), followed by no letter or digit.
   */
  private looselyJoined(text: string, from: number): { end: number; participants: string[] } | undefined {
    const re = this.partPatterns.participant;
    if (!re) return undefined;
    const participants: string[] = [];
    let end = from;
    let sawWordJoin = false;
    for (;;) {
      const m = /^[ \t]{0,3}(and|&|\/|,)[ \t]{0,3}([\p{L}\p{N}]{1,4})(?![\p{L}\p{N}&])/u.exec(text.slice(end, end + 20));
      if (!m || !re.test(m[2])) break;
      if (m[1] !== '&') sawWordJoin = true;
      participants.push(m[2]);
      end += m[0].length;
      if (participants.length >= 8) break;
    }
    return participants.length && sawWordJoin ? { end, participants } : undefined;
  }

  /** The token without participants joined by "and", "/" or "," (the registry does not have them all). */
  withoutLooseJoin(c: IdCandidate): IdCandidate {
    if (!c.looseJoin) return c;
    const length = c.looseJoin.end - c.start;
    // Kept per token parts (they come from the block's cached facts), so the shortened token
    // has the same parts object on every check and the answers memoised for it are found again.
    let kept = this.withoutJoin.get(c.parts);
    if (!kept || kept.from !== c.raw || kept.length !== length || kept.participants !== c.looseJoin.participants) {
      const raw = c.raw.slice(0, length);
      const parts = { ...c.parts, participants: c.parts.participants.slice(0, c.looseJoin.participants) };
      kept = { from: c.raw, length, participants: c.looseJoin.participants, raw, parts, canonical: this.isCanonicalToken(raw, parts) };
      this.withoutJoin.set(c.parts, kept);
    }
    return { start: c.start, end: c.looseJoin.end, raw: kept.raw, parts: kept.parts, canonical: kept.canonical };
  }

  /** Canonical spelling of parts (combined form joins participants with `&`). */
  canonicalText(parts: IdParts, interview = parts.interview, activity = parts.activity): string {
    const [first, ...rest] = parts.participants;
    const head = this.format({ activity, country: this.cased('country', parts.country), interview, participant: this.cased('participant', first ?? '') });
    return rest.length ? `${head}&${rest.map((p) => this.cased('participant', p)).join('&')}` : head;
  }

  /** Single canonical IDs a (possibly combined) parts object stands for. */
  expand(parts: IdParts, interview = parts.interview, activity = parts.activity): string[] {
    return parts.participants.map((p) =>
      this.format({ activity, country: this.cased('country', parts.country), interview, participant: this.cased('participant', p) }),
    );
  }
}

export function padInterview(interview: string, width: number): string {
  const n = interview.replace(/^0+(?=\d)/, '');
  return n.length >= width ? n : '0'.repeat(width - n.length) + n;
}
