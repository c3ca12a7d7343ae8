import type { ReportModel, IdToken } from './model';
import type { RegistryEntry } from './registry';
import type { IdParts, IdScheme } from './participantIds';
import { padInterview } from './participantIds';
import countries from './data/countries.json';

const COUNTRY_NAMES = (countries as { countries: Record<string, string> }).countries;

export function countryName(code: string): string | undefined {
  return COUNTRY_NAMES[code.toUpperCase()];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mentions(text: string, name: string): boolean {
  return new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'u').test(text);
}

/**
 * The country a code stands for in this report. A registry's country column wins
 * when it holds a name; otherwise ISO 3166 — unless the report never names the ISO
 * country but names exactly one country whose name begins with the code: studies
 * coin their own codes (Disrupting Harm writes IN for Indonesia, where ISO has ID).
 */
export function countryNameInReport(code: string, text: string, registry: Iterable<RegistryEntry> = [], scheme?: IdScheme): string | undefined {
  const upper = code.toUpperCase();
  for (const e of registry) {
    const named = e.country?.trim();
    if (!named || named.length <= 3 || !scheme || scheme.parseCanonical(e.id)?.country.toUpperCase() !== upper) continue;
    return named;
  }
  const iso = countryName(upper);
  if (iso && mentions(text, iso)) return iso;
  const named = new Set(Object.values(COUNTRY_NAMES).filter((n) => n.toUpperCase().startsWith(upper) && n !== iso && mentions(text, n)));
  return named.size === 1 ? [...named][0] : iso;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Registry IDs closest to `id`, best first (at most `limit`, within edit distance 3). */
export function closestIds(id: string, registry: Map<string, RegistryEntry>, limit = 3): RegistryEntry[] {
  return [...registry.values()]
    .map((e) => ({ e, d: levenshtein(id, e.id) }))
    .filter((x) => x.d <= 3)
    .sort((a, b) => a.d - b.d || a.e.id.localeCompare(b.e.id))
    .slice(0, limit)
    .map((x) => x.e);
}

/** The zero-padding the registry uses for interview numbers (2 when it cannot tell). */
export function interviewWidth(registry: Map<string, RegistryEntry>, scheme: IdScheme): number {
  for (const e of registry.values()) {
    const p = scheme.parseCanonical(e.id);
    if (p) return p.interview.length;
  }
  return 2;
}

/** Citations: ID tokens in the prose (not the keys of the participant table). */
export function citations(model: ReportModel): IdToken[] {
  return model.ids.filter((t) => !t.inRegistryTable);
}

/**
 * Every single ID a token stands for, in canonical spelling (malformed tokens included).
 * Without an activity number ("RA-IN-05-A") it stands for each registry ID that
 * agrees on everything else, so a citation missing only that is not lost.
 */
export function citedIds(token: IdToken, scheme: IdScheme, width: number, registry?: Map<string, RegistryEntry>): string[] {
  const interview = padInterview(token.parts.interview, width);
  if (token.parts.activity !== undefined || !registry) return scheme.expand(token.parts, interview);
  const wanted = new Set(scheme.expand(token.parts, interview, ''));
  const out: string[] = [];
  for (const id of registry.keys()) {
    const p = scheme.parseCanonical(id);
    if (p && wanted.has(scheme.format({ ...p, activity: '', participant: p.participants[0] }))) out.push(id);
  }
  return out;
}

/** Describes an agency for titles and hovers: "Cybercrime Unit, Investigator". */
export function describe(entry: RegistryEntry | undefined): string {
  if (!entry) return '';
  return [entry.agency, entry.position].filter(Boolean).join(', ');
}

export function partsKey(parts: IdParts): string {
  return `${parts.country.toUpperCase()}-${parts.interview}`;
}
