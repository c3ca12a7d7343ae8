import type { ReportModel, IdToken } from './model';
import type { RegistryEntry } from './registry';
import type { IdParts, IdScheme } from './participantIds';
import { padInterview } from './participantIds';
import countries from './data/countries.json';

const COUNTRY_NAMES = (countries as { countries: Record<string, string> }).countries;

export function countryName(code: string): string | undefined {
  return COUNTRY_NAMES[code.toUpperCase()];
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

/** Every single ID a token stands for, in canonical spelling (malformed tokens included). */
export function citedIds(token: IdToken, scheme: IdScheme, width: number): string[] {
  return scheme.expand(token.parts, padInterview(token.parts.interview, width));
}

/** Describes an agency for titles and hovers: "Cybercrime Unit, Investigator". */
export function describe(entry: RegistryEntry | undefined): string {
  if (!entry) return '';
  return [entry.agency, entry.position].filter(Boolean).join(', ');
}

export function partsKey(parts: IdParts): string {
  return `${parts.country.toUpperCase()}-${parts.interview}`;
}
