import safeRegex from 'safe-regex2';

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
}

export class IdSchemeError extends Error {}

const BOUNDARY_BEFORE = '(?<![A-Za-z0-9])';
const BOUNDARY_AFTER = '(?![A-Za-z0-9&])';

function compile(source: string, what: string, flags: string, trusted: boolean): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (e) {
    throw new IdSchemeError(`${what} does not compile: ${(e as Error).message}`);
  }
  // The built-in patterns nest only bounded quantifiers, which safe-regex2 flags anyway.
  if (!trusted && !safeRegex(source)) throw new IdSchemeError(`${what} could backtrack catastrophically (nested quantifiers): ${source}`);
  return re;
}

/** Turns a canonical pattern into a tolerant one: dashes and spaces become optional separators. */
export function deriveLoosePattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === ']') inClass = false;
    out += !inClass && c === '-' ? '[ \\t]{0,3}[-‐‑–—]?[ \\t]{0,3}' : c;
  }
  return out;
}

export class IdScheme {
  private readonly canonicalExact: RegExp;
  private readonly loose: RegExp;

  constructor(readonly config: IdSchemeConfig = DEFAULT_ID_SCHEME) {
    for (const g of ['country', 'interview', 'participant']) {
      if (!config.pattern.includes(`(?<${g}>`)) throw new IdSchemeError(`participantIds.pattern needs a named group (?<${g}>…)`);
    }
    const trusted = config === DEFAULT_ID_SCHEME;
    this.canonicalExact = compile(`^(?:${config.pattern})$`, 'participantIds.pattern', 'u', trusted);
    const looseSource = config.loosePattern ?? deriveLoosePattern(config.pattern);
    this.loose = compile(`${BOUNDARY_BEFORE}(?:${looseSource})${BOUNDARY_AFTER}`, 'participantIds.loosePattern', 'gu', trusted);
  }

  format(parts: { activity?: string; country: string; interview: string; participant: string }): string {
    return this.config.format.replace(/\{(activity|country|interview|participant)\}/g, (_, k: keyof typeof parts) => parts[k] ?? '');
  }

  isCanonical(id: string): boolean {
    return this.canonicalExact.test(id);
  }

  /** Parses a canonical single ID (as found in a registry). */
  parseCanonical(id: string): IdParts | undefined {
    const m = this.canonicalExact.exec(id);
    if (!m?.groups) return undefined;
    return {
      activity: m.groups.activity,
      country: m.groups.country,
      interview: m.groups.interview,
      participants: [m.groups.participant],
    };
  }

  /** Finds ID-like tokens in a piece of text. */
  find(text: string): IdCandidate[] {
    const out: IdCandidate[] = [];
    this.loose.lastIndex = 0;
    for (let m = this.loose.exec(text); m; m = this.loose.exec(text)) {
      if (m[0].length === 0) {
        this.loose.lastIndex++;
        continue;
      }
      const g = m.groups ?? {};
      const participantRaw = (g.participant ?? '').trim();
      // "RA1-IN-05 a participant" is prose, not an ID: a lone lowercase letter after a space.
      if (g.sep !== undefined && !/[-‐‑–—]/.test(g.sep) && /^[a-z]$/.test(participantRaw)) continue;
      const participants = participantRaw.split(/[ \t]*&[ \t]*/).filter(Boolean);
      const parts: IdParts = {
        activity: g.activity?.trim() || undefined,
        country: g.country ?? '',
        interview: g.interview ?? '',
        participants,
      };
      const raw = m[0];
      const canonical = participants.length > 0 && raw === this.canonicalText(parts, parts.interview) && participants.every((p) => this.isCanonical(this.format({ ...parts, participant: p })));
      out.push({ start: m.index, end: m.index + raw.length, raw, parts, canonical });
    }
    return out;
  }

  /** Canonical spelling of parts (combined form joins participants with `&`). */
  canonicalText(parts: IdParts, interview = parts.interview, activity = parts.activity): string {
    const [first, ...rest] = parts.participants;
    const head = this.format({ activity, country: parts.country.toUpperCase(), interview, participant: (first ?? '').toUpperCase() });
    return rest.length ? `${head}&${rest.map((p) => p.toUpperCase()).join('&')}` : head;
  }

  /** Single canonical IDs a (possibly combined) parts object stands for. */
  expand(parts: IdParts, interview = parts.interview, activity = parts.activity): string[] {
    return parts.participants.map((p) =>
      this.format({ activity, country: parts.country.toUpperCase(), interview, participant: p.toUpperCase() }),
    );
  }
}

export function padInterview(interview: string, width: number): string {
  const n = interview.replace(/^0+(?=\d)/, '');
  return n.length >= width ? n : '0'.repeat(width - n.length) + n;
}
