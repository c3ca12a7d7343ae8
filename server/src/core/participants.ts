import type { ReportModel, IdToken } from './model';
import type { RegistryEntry } from './registry';
import type { IdCandidate, IdParts, IdScheme } from './participantIds';
import { padInterview } from './participantIds';
import countries from './data/countries.json';
import { distance } from 'fastest-levenshtein';

const COUNTRY_NAMES = (countries as { countries: Record<string, string> }).countries;
/** Each country name with its capitals, worked out once (every check looks codes up in them). */
const COUNTRY_NAMES_UPPER = Object.values(COUNTRY_NAMES).map((name) => ({ name, upper: name.toUpperCase() }));

export function countryName(code: string): string | undefined {
  return COUNTRY_NAMES[code.toUpperCase()];
}

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT_OR_HYPHEN = /[\p{L}\p{N}-]/u;

/** The code point that ends just before `at` ('' at the start). */
function codePointBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const low = text.charCodeAt(at - 1);
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(at - 2, at) : text[at - 1];
}

/**
 * `word` occurs in `text` with no character of `inWord` (letters by default) right
 * before or after it: `(?<!inWord)word(?!inWord)` searched with indexOf, so a
 * check reads a 1 MB report once per name instead of compiling and running a
 * regular expression each time.
 */
export function mentionsWord(text: string, word: string, inWord: RegExp = LETTER): boolean {
  if (!word) return false;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const after = String.fromCodePoint(text.codePointAt(at + word.length) ?? 32);
    if (!inWord.test(codePointBefore(text, at)) && !inWord.test(after)) return true;
  }
  return false;
}

/** A country code standing alone ("KE", not "KE-01" or "KEY"). */
export function mentionsCode(text: string, code: string): boolean {
  return mentionsWord(text, code, LETTER_OR_DIGIT_OR_HYPHEN);
}

/**
 * The country a code stands for in this report. A registry's country column wins
 * when it holds a name; otherwise ISO 3166 — unless the report never names the ISO
 * country but names exactly one country whose name begins with the code: studies
 * coin their own codes (Disrupting Harm writes IN for Indonesia, where ISO has ID).
 */
export function countryNameInReport(
  code: string,
  /** The report's text, or what says whether it names a word (reportMentionsWord). */
  text: string | ((word: string) => boolean),
  registry: Iterable<RegistryEntry> = [],
  scheme?: IdScheme,
): string | undefined {
  const mentions = typeof text === 'string' ? (word: string) => mentionsWord(text, word) : text;
  const upper = code.toUpperCase();
  for (const e of registry) {
    const named = e.country?.trim();
    if (!named || named.length <= 3 || !scheme || scheme.parseCanonical(e.id)?.country.toUpperCase() !== upper) continue;
    return named;
  }
  const iso = countryName(upper);
  if (iso && mentions(iso)) return iso;
  const named = new Set(COUNTRY_NAMES_UPPER.filter((n) => n.upper.startsWith(upper) && n.name !== iso && mentions(n.name)).map((n) => n.name));
  return named.size === 1 ? [...named][0] : iso;
}

export function levenshtein(a: string, b: string): number {
  return boundedLevenshtein(a, b, Infinity);
}

/**
 * The edit distance when it is at most `max`, else some number above `max`. The distance
 * is fastest-levenshtein's (bit-parallel: a registry ID or a bibliography key costs a few
 * word operations, where a table of cells cost hundreds); strings whose lengths alone
 * differ by more than `max` are not compared.
 */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  return distance(a, b);
}

/**
 * What is worked out from a token and the registry's IDs alone: suggestions, the
 * interview number meant, the resolved spelling, the IDs cited. The registry's IDs
 * rarely change between two versions of a document, while the registry map is
 * rebuilt on every check: keep the answers per ID set (a few sets, for the
 * documents being edited), so re-checking a long report does not work out every
 * citation again for every rule.
 */
interface RegistryMemo {
  suggestions: Map<string, string[]>;
  /** The scheme the answers below were worked out with (they are dropped for another). */
  scheme?: IdScheme;
  interviews: Map<string, string>;
  resolved: Map<string, ResolvedId>;
  cited: Map<string, readonly string[]>;
  /**
   * The same answers by the token's parts object: a token's parts come from its block's
   * cached facts, so the same object comes back on every check and is looked up without
   * building its key (thousands of citations, several rules, every keystroke).
   */
  byParts: WeakMap<IdParts, PartsAnswers>;
  /** The country codes of the registry's IDs. */
  countries?: ReadonlySet<string>;
}

/** Answers about one parts object, each with what else it depended on (checked before reuse). */
interface PartsAnswers {
  resolved?: { raw: string; canonical: boolean; value: ResolvedId };
  interview?: { width: number; value: string };
  cited?: { width: number; value: readonly string[] };
  expanded?: { width: number; value: readonly string[] };
}

/** Beyond this many answers of one kind a memo starts again (hostile input cannot make it grow without bound). */
const MEMO_LIMIT = 20_000;
const registryMemos = new Map<string, RegistryMemo>();
const memoByRegistry = new WeakMap<Map<string, RegistryEntry>, RegistryMemo>();

function memoFor(registry: Map<string, RegistryEntry>): RegistryMemo {
  let memo = memoByRegistry.get(registry);
  if (memo) return memo;
  const key = [...registry.keys()].join('\n');
  memo = registryMemos.get(key);
  if (!memo) {
    memo = { suggestions: new Map(), interviews: new Map(), resolved: new Map(), cited: new Map(), byParts: new WeakMap() };
    if (registryMemos.size >= 8) registryMemos.delete(registryMemos.keys().next().value!);
  } else registryMemos.delete(key); // re-inserted below as the most recent
  registryMemos.set(key, memo);
  memoByRegistry.set(registry, memo);
  return memo;
}

/** The memo's answers for `scheme`, emptied when they were worked out with another scheme or grew too large. */
function schemeMemo(registry: Map<string, RegistryEntry>, scheme: IdScheme): RegistryMemo {
  const memo = memoFor(registry);
  if (memo.scheme !== scheme || memo.interviews.size > MEMO_LIMIT || memo.resolved.size > MEMO_LIMIT || memo.cited.size > MEMO_LIMIT) {
    memo.scheme = scheme;
    memo.interviews = new Map();
    memo.resolved = new Map();
    memo.cited = new Map();
    memo.byParts = new WeakMap();
    memo.countries = undefined;
  }
  return memo;
}

function partsAnswers(memo: RegistryMemo, parts: IdParts): PartsAnswers {
  let answers = memo.byParts.get(parts);
  if (!answers) memo.byParts.set(parts, (answers = {}));
  return answers;
}

/** Everything the answers about a token depend on besides the registry and the scheme. */
function tokenKey(parts: IdParts, raw = '', canonical = false, width = 0): string {
  return `${raw}\u0000${parts.activity ?? '\u0001'}\u0000${parts.country}\u0000${parts.interview}\u0000${parts.participants.join('\u0000')}\u0000${canonical}\u0000${width}`;
}

function suggestionsFor(registry: Map<string, RegistryEntry>): Map<string, string[]> {
  const memo = memoFor(registry);
  if (memo.suggestions.size > 10_000) memo.suggestions = new Map();
  return memo.suggestions;
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
  const memo = schemeMemo(registry, scheme);
  const answers = partsAnswers(memo, token.parts);
  if (answers.resolved?.raw === token.raw && answers.resolved.canonical === token.canonical) return answers.resolved.value;
  const key = tokenKey(token.parts, token.raw, token.canonical);
  let resolved = memo.resolved.get(key);
  if (!resolved) {
    resolved = resolve(token, registry, scheme);
    Object.freeze(resolved.options);
    memo.resolved.set(key, Object.freeze(resolved));
  }
  answers.resolved = { raw: token.raw, canonical: token.canonical, value: resolved };
  return resolved;
}

function resolve(token: IdCandidate, registry: Map<string, RegistryEntry>, scheme: IdScheme): ResolvedId {
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
  if (!registry || !/^\d+$/.test(parts.interview)) return padInterview(parts.interview, width);
  const memo = schemeMemo(registry, scheme);
  const answers = partsAnswers(memo, parts);
  if (answers.interview?.width === width) return answers.interview.value;
  const key = tokenKey(parts, '', false, width);
  let interview = memo.interviews.get(key);
  if (interview === undefined) {
    const asWritten =
      parts.activity !== undefined || !scheme.hasActivity
        ? scheme.expand(parts)
        : registryIdsWithoutActivity(registry, scheme, scheme.expand(parts, parts.interview, ''));
    interview =
      asWritten.length && asWritten.every((id) => registry.has(id) && scheme.isCanonical(id)) ? parts.interview : padInterview(parts.interview, width);
    memo.interviews.set(key, interview);
  }
  answers.interview = { width, value: interview };
  return interview;
}

/**
 * The single IDs a token names at the interview number the registry reads it as
 * (`citedInterview`): for a token with its activity number, or a scheme without one.
 */
export function idsAtCitedInterview(parts: IdParts, scheme: IdScheme, width: number, registry: Map<string, RegistryEntry>): readonly string[] {
  const answers = partsAnswers(schemeMemo(registry, scheme), parts);
  if (answers.expanded?.width === width) return answers.expanded.value;
  const value = Object.freeze(scheme.expand(parts, citedInterview(parts, scheme, width, registry)));
  answers.expanded = { width, value };
  return value;
}

/** The country codes of the registry's IDs (as written in them). */
export function registryCountries(registry: Map<string, RegistryEntry>, scheme: IdScheme): ReadonlySet<string> {
  const memo = schemeMemo(registry, scheme);
  memo.countries ??= new Set([...registry.keys()].map((id) => scheme.parseCanonical(id)?.country).filter((c): c is string => !!c));
  return memo.countries;
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
  if (!registry) return scheme.expand(token.parts, citedInterview(token.parts, scheme, width));
  const memo = schemeMemo(registry, scheme);
  const answers = partsAnswers(memo, token.parts);
  if (answers.cited?.width === width) return [...answers.cited.value];
  const key = tokenKey(token.parts, '', false, width);
  let ids = memo.cited.get(key);
  if (!ids) {
    const interview = citedInterview(token.parts, scheme, width, registry);
    ids = Object.freeze(
      token.parts.activity !== undefined || !scheme.hasActivity
        ? scheme.expand(token.parts, interview)
        : registryIdsWithoutActivity(registry, scheme, scheme.expand(token.parts, interview, '')),
    );
    memo.cited.set(key, ids);
  }
  answers.cited = { width, value: ids };
  return [...ids];
}

/** Describes an agency for titles and hovers: "Cybercrime Unit, Investigator". */
export function describe(entry: RegistryEntry | undefined): string {
  if (!entry) return '';
  return [entry.agency, entry.position].filter(Boolean).join(', ');
}
