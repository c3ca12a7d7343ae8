import type { ReportModel, IdToken } from './model';
import type { RegistryEntry } from './registry';
import type { IdCandidate, IdParts, IdScheme } from './participantIds';
import { padInterview } from './participantIds';
import { escapeRegExp } from './text';
import countries from './data/countries.json';

const COUNTRY_NAMES = (countries as { countries: Record<string, string> }).countries;

export function countryName(code: string): string | undefined {
  return COUNTRY_NAMES[code.toUpperCase()];
}

function mentions(text: string, name: string): boolean {
  // The plain search rules out almost every name at native speed; the regex then checks word boundaries.
  return text.includes(name) && new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'u').test(text);
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
  return boundedLevenshtein(a, b, Infinity);
}

/** One row of the edit-distance table, reused between calls (IDs are short). */
let row = new Int32Array(64);

/**
 * The edit distance when it is at most `max`, else some number above `max`: rows
 * stop as soon as every cell exceeds `max`, so comparing an ID with a large
 * registry costs a few characters per entry, not the whole table.
 */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (row.length <= b.length) row = new Int32Array(b.length * 2 + 1);
  const prev = row;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      let best = diag + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (up + 1 < best) best = up + 1;
      if (prev[j - 1] + 1 < best) best = prev[j - 1] + 1;
      prev[j] = best;
      diag = up;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length];
}

/**
 * Suggestions depend only on the registry's IDs, which rarely change between two
 * versions of a document, while the registry map is rebuilt on every check: keep
 * them per ID set (a few sets, for the documents being edited), so re-checking a
 * report with many unknown IDs does not compare each with the whole registry again.
 */
const suggestionCache = new Map<string, Map<string, string[]>>();
const suggestionsByRegistry = new WeakMap<Map<string, RegistryEntry>, Map<string, string[]>>();

function suggestionsFor(registry: Map<string, RegistryEntry>): Map<string, string[]> {
  let byId = suggestionsByRegistry.get(registry);
  if (byId) return byId;
  const key = [...registry.keys()].join('\n');
  byId = suggestionCache.get(key);
  if (!byId || byId.size > 10_000) {
    byId = new Map();
    if (suggestionCache.size >= 8) suggestionCache.delete(suggestionCache.keys().next().value!);
  } else suggestionCache.delete(key); // re-inserted below as the most recent
  suggestionCache.set(key, byId);
  suggestionsByRegistry.set(registry, byId);
  return byId;
}

/** Registry IDs closest to `id`, best first (at most `limit`, within edit distance 3). */
export function closestIds(id: string, registry: Map<string, RegistryEntry>, limit = 3): RegistryEntry[] {
  const cache = suggestionsFor(registry);
  const key = `${limit}:${id}`;
  let ids = cache.get(key);
  if (!ids) {
    ids = [...registry.values()]
      .map((e) => ({ e, d: boundedLevenshtein(id, e.id, 3) }))
      .filter((x) => x.d <= 3)
      .sort((a, b) => a.d - b.d || a.e.id.localeCompare(b.e.id))
      .slice(0, limit)
      .map((x) => x.e.id);
    cache.set(key, ids);
  }
  return ids.map((x) => registry.get(x)!);
}

interface ActivitylessIndex {
  scheme: IdScheme;
  /** Registry IDs by their spelling without the activity number, in registry order. */
  byForm: Map<string, string[]>;
  position: Map<string, number>;
}

/** Built once per registry (the rules of one check share it), not once per citation. */
const activitylessIndexes = new WeakMap<Map<string, RegistryEntry>, ActivitylessIndex>();

function activitylessIndex(registry: Map<string, RegistryEntry>, scheme: IdScheme): ActivitylessIndex {
  const cached = activitylessIndexes.get(registry);
  if (cached && cached.scheme === scheme && cached.position.size === registry.size) return cached;
  const index: ActivitylessIndex = { scheme, byForm: new Map(), position: new Map() };
  for (const id of registry.keys()) {
    index.position.set(id, index.position.size);
    const p = scheme.parseCanonical(id);
    if (!p) continue;
    const form = scheme.format({ ...p, activity: '', participant: p.participants[0] });
    const list = index.byForm.get(form);
    if (list) list.push(id);
    else index.byForm.set(form, [id]);
  }
  activitylessIndexes.set(registry, index);
  return index;
}

/** Registry IDs whose spelling without the activity number is one of `forms`, in registry order. */
export function registryIdsWithoutActivity(registry: Map<string, RegistryEntry>, scheme: IdScheme, forms: Iterable<string>): string[] {
  const index = activitylessIndex(registry, scheme);
  const out = new Set<string>();
  for (const form of forms) for (const id of index.byForm.get(form) ?? []) out.add(id);
  return [...out].sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

/** The zero-padding the registry uses for interview numbers (2 when it cannot tell). */
export function interviewWidth(registry: Map<string, RegistryEntry>, scheme: IdScheme): number {
  for (const e of registry.values()) {
    const p = scheme.parseCanonical(e.id);
    if (p) return p.interview.length;
  }
  return 2;
}

/** What the author meant by an ID token, as far as the registry tells. */
export interface ResolvedId {
  /** The canonical spelling, when it is certain (absent when ambiguous, impossible, or only the table could supply the activity number). */
  canonical?: string;
  /**
   * Every spelling it could stand for: [canonical] when certain; the registry IDs
   * that fit when only the activity number is missing (one or several).
   */
  options: string[];
  /** The token is written as the canonical spelling already. */
  wellFormed: boolean;
  /** The interview number zero-padded as the registry pads it. */
  interview: string;
}

/**
 * "What ID did the author mean": the one answer the participant-malformed rule,
 * hover, rename and completion share (so a feature never depends on a rule being
 * on). A token missing only its activity number stands for the registry IDs that
 * agree on everything else; anything else is respelt canonically.
 */
export function resolveIdToken(token: IdCandidate, registry: Map<string, RegistryEntry>, scheme: IdScheme): ResolvedId {
  const interview = citedInterview(token.parts, scheme, interviewWidth(registry, scheme), registry);
  // The pattern may accept 2 or 3 digits, but the other rules read "RA1-IN-005-A"
  // as the registry's RA1-IN-05-A: a spelling that differs from it is not canonical.
  if (token.canonical && interview === token.parts.interview) return { canonical: token.raw, options: [token.raw], wellFormed: true, interview };
  let canonical: string | undefined;
  let options: string[] = [];
  if (token.parts.activity === undefined && scheme.hasActivity) {
    // Registry IDs that agree on everything but the activity number.
    const activities = new Set<string>();
    for (const id of registryIdsWithoutActivity(registry, scheme, scheme.expand(token.parts, interview, ''))) {
      const activity = scheme.parseCanonical(id)?.activity;
      if (activity) activities.add(activity);
    }
    // The activity number would come from the table, not from the text: even a single
    // fitting ID is only an option (suggested, never certain; --fix does not guess it).
    options = [...activities]
      .sort()
      .map((a) => scheme.canonicalText(token.parts, interview, a))
      .filter((o) => scheme.isCanonical(o.split('&')[0]));
  } else {
    canonical = scheme.canonicalText(token.parts, interview);
    if (!scheme.isCanonical(canonical.split('&')[0])) canonical = undefined;
    if (canonical !== undefined) options = [canonical];
  }
  return { canonical, options, wellFormed: false, interview };
}

/**
 * The interview number a token stands for. An ID spelt exactly as a well-formed
 * registry entry is that entry, even where the table mixes widths (RA1-MW-03-A and
 * RA1-MW-015-A); otherwise the number is read at the registry's usual width.
 */
export function citedInterview(parts: IdParts, scheme: IdScheme, width: number, registry?: Map<string, RegistryEntry>): string {
  if (registry && /^\d+$/.test(parts.interview)) {
    const asWritten =
      parts.activity !== undefined || !scheme.hasActivity
        ? scheme.expand(parts)
        : registryIdsWithoutActivity(registry, scheme, scheme.expand(parts, parts.interview, ''));
    if (asWritten.length && asWritten.every((id) => registry.has(id) && scheme.isCanonical(id))) return parts.interview;
  }
  return padInterview(parts.interview, width);
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
  const interview = citedInterview(token.parts, scheme, width, registry);
  if (token.parts.activity !== undefined || !scheme.hasActivity || !registry) return scheme.expand(token.parts, interview);
  return registryIdsWithoutActivity(registry, scheme, scheme.expand(token.parts, interview, ''));
}

/** Describes an agency for titles and hovers: "Cybercrime Unit, Investigator". */
export function describe(entry: RegistryEntry | undefined): string {
  if (!entry) return '';
  return [entry.agency, entry.position].filter(Boolean).join(', ');
}
