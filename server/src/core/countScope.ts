import { blockIndexAt, reportMentionsWord, type ReportModel } from './model';
import type { CountClaim } from './facts';
import type { IdScheme } from './participantIds';
import type { RegistryEntry } from './registry';
import { countryNameInReport, mentionsCode, mentionsWord } from './participants';
import { groupLabel, groupsIn } from './respondentGroups';

/**
 * What a count in the prose is about. A report with two participant tables (RA1
 * government interviews, RA4 caregiver interviews) states counts per activity, per
 * country or for the whole study; each is right only against its own slice of the
 * registry. The scope is read, in order, from the claim's sentence, then its
 * paragraph, then the headings above it. When it cannot be told, the claim is not
 * checked: a wrong warning, or a fix that writes a sum, is worse than none.
 */
export interface CountScope {
  /** Registry entries the claim is compared with. */
  entries: RegistryEntry[];
  /** Where the scope was read: only a sentence (or a registry with one slice) makes a fix certain. */
  from: 'only-slice' | 'sentence' | 'paragraph' | 'heading' | 'group';
  /** How the scope reads in a message ("RA4", "Kenya", "the whole study"). */
  label?: string;
}

const NUMBER =
  '(?:\\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)';
const NUMBER_WORD = new RegExp(`\\b${NUMBER}\\b`, 'i');
/** "Of these, …", "of which …", "including …" before the count: a part of what was counted before. */
const PART_BEFORE =
  /\b(?:of\s+(?:these|them|which|those|whom)|among\s+(?:these|them|which|those|whom)|including|in\s+addition|another|further|a\s+further|also)\b/i;
/** "… and six online": another number listed after the count (not "and 12 participants"). */
const PART_AFTER = new RegExp(
  `\\b(?:and|while|whereas|with\\s+the\\s+remaining|the\\s+remaining|the\\s+other)\\s+${NUMBER}\\b(?!\\s*(?:\\(\\d+\\)\\s*)?(?:participants|respondents|interviewees|key\\s+informants|informants|people|persons|individuals))`,
  'i',
);

interface Parsed {
  entry: RegistryEntry;
  activity: string;
  country: string;
}

/** "RA4", "RA-4"; "research activity 4", "activity 4"; "activities 1 and 4". */
const RA_MENTION = /\bRA[ \t]*-?[ \t]*(\d{1,2})\b/gu;
const ACTIVITY_MENTION = /\bactivity[ \t\n]+(\d{1,2})\b|\bactivities[ \t\n]+(\d{1,2})((?:[ \t\n]*(?:,|and|&)[ \t\n]*\d{1,2}\b)*)/giu;
const WHOLE_STUDY =
  /\b(?:in[ \t\n]+total|overall|altogether|in[ \t\n]+all|across[ \t\n]+(?:all[ \t\n]+|the[ \t\n]+|both[ \t\n]+)?(?:research[ \t\n]+)?activities|the[ \t\n]+(?:whole|entire)[ \t\n]+study|(?:the|this)[ \t\n]+study[ \t\n]+as[ \t\n]+a[ \t\n]+whole|combined)\b/iu;

interface Mentions {
  activities: Set<string>;
  countries: Set<string>;
  whole: boolean;
}

/** `/\s/.test(text[i])` without a string per character: sentenceAround reads up to 2,000 characters back from every claim. */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export class CountScopes {
  private readonly parsed: Parsed[];
  private readonly activities: Set<string>;
  private readonly countries: Set<string>;
  private readonly countryNames = new Map<string, string>();

  constructor(
    private readonly model: ReportModel,
    private readonly scheme: IdScheme,
    readonly entries: RegistryEntry[],
  ) {
    this.parsed = [];
    for (const entry of entries) {
      const p = scheme.parseCanonical(entry.id);
      if (p) this.parsed.push({ entry, activity: String(Number(p.activity ?? '0')), country: p.country.toUpperCase() });
    }
    this.activities = new Set(this.parsed.map((p) => p.activity));
    this.countries = new Set(this.parsed.map((p) => p.country));
    for (const code of this.countries) {
      const name = countryNameInReport(code, (word) => reportMentionsWord(model, word), entries, scheme);
      if (name) this.countryNames.set(code, name);
    }
  }

  /** Each participant table with the respondent groups its heading or caption names. */
  private tableGroupsCache?: { entries: RegistryEntry[]; groups: Set<string> }[];

  private tableGroups(): { entries: RegistryEntry[]; groups: Set<string> }[] {
    if (this.tableGroupsCache) return this.tableGroupsCache;
    const blocks = this.model.blocks;
    const textOf = (i: number) => this.model.text.slice(blocks[i].start, blocks[i].end);
    const caption = (i: number) => (i >= 0 && i < blocks.length && blocks[i].kind === 'paragraph' && /^\W{0,3}table\b/i.test(textOf(i)) ? textOf(i) : '');
    this.tableGroupsCache = this.model.registryTables.map((t) => {
      const i = this.blockAt(t.start);
      let heading = '';
      for (let h = i - 1; h >= 0; h--) {
        if (blocks[h].kind !== 'heading') continue;
        heading = textOf(h);
        break;
      }
      return { entries: t.entries, groups: groupsIn(`${heading}\n${caption(i - 1)}\n${caption(i + 1)}`) };
    });
    return this.tableGroupsCache;
  }

  /** The one table whose heading or caption names `group` (undefined when none or several do). */
  private groupScope(group: string, label: string): CountScope | undefined {
    const tables = this.tableGroups().filter((t) => t.groups.has(group));
    return tables.length === 1 ? { entries: tables[0].entries, from: 'group', label } : undefined;
  }

  /**
   * A count that lists a part of the sample: "Of these, five interviews…", "five interviews were
   * held in person and six online", "six online and five interviews in person".
   */
  private isPart(claim: CountClaim): boolean {
    const block = this.model.blocks[this.blockAt(claim.start)];
    if (!block) return false;
    const [sStart, sEnd] = this.sentenceAround(block.start, block.end, claim.start, claim.end);
    const before = this.model.text.slice(sStart, claim.start);
    const after = this.model.text.slice(claim.end, sEnd);
    return PART_BEFORE.test(before) || PART_AFTER.test(after) || (/\b(?:and|while|whereas)\s+$/i.test(before) && NUMBER_WORD.test(before));
  }

  /** The slice a claim is about, or undefined when the report does not say. */
  scopeOf(claim: CountClaim): CountScope | undefined {
    if (this.isPart(claim)) return undefined;
    // A count of a group ("twelve caregivers were interviewed") is compared only with the table
    // whose heading or caption names that group, never with a total.
    if (claim.group) return this.groupScope(claim.group, groupLabel(claim.group));
    if (this.activities.size <= 1 && this.countries.size <= 1) return { entries: this.entries, from: 'only-slice' };
    const blockIndex = this.blockAt(claim.start);
    if (blockIndex < 0) return undefined;
    const block = this.model.blocks[blockIndex];
    const [sStart, sEnd] = this.sentenceAround(block.start, block.end, claim.start, claim.end);
    // A sentence that cites participants is about them ("of the two participants (RA4-KE-03-A&B)").
    if (this.idsIn(sStart, sEnd).some((t) => !t.inRegistryTable)) return undefined;
    const sentence = this.mentions(sStart, sEnd);
    if (sentence.activities.size || sentence.countries.size) {
      const scope = this.slice(sentence, 'sentence');
      // "In Indonesia, 11 interviews…" in a report whose every activity is in Indonesia does not say
      // which activity: read on (paragraph, headings). Naming every activity ("RA1 and RA4") is the whole study.
      if (!scope || scope.entries.length < this.parsed.length || sentence.activities.size > 1 || sentence.whole) return scope;
    }
    // "…interviews with caregivers": the table captioned for that group (one group named, one table).
    const groups = groupsIn(this.model.text.slice(sStart, sEnd));
    if (groups.size === 1 && !sentence.whole) {
      const [group] = groups;
      return this.groupScope(group, groupLabel(group));
    }
    if (sentence.whole) return { entries: this.entries, from: 'sentence', label: 'the whole study' };
    const paragraph = this.mentions(block.start, block.end);
    // Outside the sentence: two activities named leave it open (silent); a name covering the
    // whole registry (its one country) says nothing, so the headings are read next.
    if (paragraph.activities.size > 1 || paragraph.countries.size > 1) return undefined;
    const byParagraph = this.slice(paragraph, 'paragraph', true);
    if (byParagraph) return byParagraph;
    // The headings above the claim, nearest first, then their parents.
    let depth = 7;
    for (let i = blockIndex - 1; i >= 0 && depth > 1; i--) {
      const b = this.model.blocks[i];
      if (b.kind !== 'heading') continue;
      const level = /^ {0,3}(#{1,6})/.exec(this.model.text.slice(b.start, b.end))?.[1].length ?? 1;
      if (level >= depth) continue;
      depth = level;
      const heading = this.mentions(b.start, b.end);
      if (heading.activities.size > 1 || heading.countries.size > 1) return undefined;
      const byHeading = this.slice(heading, 'heading', true);
      if (byHeading) return byHeading;
      if (heading.whole) return undefined;
    }
    return undefined;
  }

  /** The index of the block holding an offset (-1: none). */
  private blockAt(offset: number): number {
    return blockIndexAt(this.model, offset);
  }

  /** ID tokens inside [start, end) (tokens are in document order). */
  private idsIn(start: number, end: number) {
    const ids = this.model.ids;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    const out = [];
    for (let i = lo; i < ids.length && ids[i].start < end; i++) if (ids[i].end <= end) out.push(ids[i]);
    return out;
  }

  private slice(m: Mentions, from: CountScope['from'], single = false): CountScope | undefined {
    // Outside the claim's own sentence, several activities or countries leave it open which one.
    if (single && (m.activities.size > 1 || m.countries.size > 1)) return undefined;
    const entries = this.entriesOf(m);
    if (!entries.length) return undefined;
    // Outside the sentence, a name that covers the whole registry (the report's one country in
    // its title) does not say which slice a count is about.
    if (single && entries.length === this.parsed.length) return undefined;
    const label = [[...m.activities].map((a) => `RA${a}`).join(' and '), [...m.countries].map((c) => this.countryNames.get(c) ?? c).join(' and ')]
      .filter(Boolean)
      .join(', ');
    return { entries, from, label };
  }

  /** Counted slices, by entries array: many claims of a check are about the same slice. */
  private readonly counted = new Map<RegistryEntry[], { interviews: number; participants: number }>();

  /** sliceCounts of a scope's entries, counted once per check. */
  countsOf(entries: RegistryEntry[]): { interviews: number; participants: number } {
    let counts = this.counted.get(entries);
    if (!counts) this.counted.set(entries, (counts = sliceCounts(entries, this.scheme)));
    return counts;
  }

  private readonly fromTables = new Map<RegistryEntry[], boolean>();

  /** Whether every entry of a slice comes from the document's tables (not a registry file), answered once per check. */
  allFromTables(entries: RegistryEntry[]): boolean {
    let all = this.fromTables.get(entries);
    if (all === undefined) this.fromTables.set(entries, (all = entries.every((e) => e.origin.kind === 'table')));
    return all;
  }

  /** Entries of the named activities and countries, one array per naming (so sliceCounts counts each slice once per check). */
  private readonly slices = new Map<string, RegistryEntry[]>();

  private entriesOf(m: Mentions): RegistryEntry[] {
    const key = `${[...m.activities].sort().join(',')}|${[...m.countries].sort().join(',')}`;
    let entries = this.slices.get(key);
    if (!entries) {
      entries = this.parsed
        .filter((p) => (!m.activities.size || m.activities.has(p.activity)) && (!m.countries.size || m.countries.has(p.country)))
        .map((p) => p.entry);
      this.slices.set(key, entries);
    }
    return entries;
  }

  /** The sentence around a claim: from after the last sentence end before it to the next one (within 2000 characters). */
  private sentenceAround(blockStart: number, blockEnd: number, start: number, end: number): [number, number] {
    const text = this.model.text;
    const floor = Math.max(blockStart, start - 2000);
    let sStart = floor;
    for (let i = start - 1; i > floor; i--) {
      if (isSpaceAt(text, i) && /[.!?]["”’)]*$/.test(text.slice(Math.max(floor, i - 4), i))) {
        sStart = i + 1;
        break;
      }
    }
    const limit = Math.min(blockEnd, end + 2000);
    let sEnd = limit;
    for (let i = end; i < limit; i++) {
      const c = text.charCodeAt(i);
      if ((c === 46 || c === 33 || c === 63) && (i + 1 >= text.length || /[\s"”’)]/.test(text[i + 1]))) {
        sEnd = i + 1;
        break;
      }
    }
    return [sStart, sEnd];
  }

  private mentions(start: number, end: number): Mentions {
    // IDs name activities and countries too ("RA1-KE-01-A"); they are not a statement of scope.
    let text = '';
    let at = start;
    for (const t of this.idsIn(start, end)) {
      text += this.model.text.slice(at, t.start) + ' '.repeat(t.end - t.start);
      at = t.end;
    }
    text += this.model.text.slice(at, end);
    const activities = new Set<string>();
    for (const m of text.matchAll(RA_MENTION)) activities.add(String(Number(m[1])));
    for (const m of text.matchAll(ACTIVITY_MENTION)) {
      for (const n of [m[1] ?? m[2], ...(m[3]?.match(/\d{1,2}/g) ?? [])]) activities.add(String(Number(n)));
    }
    const countries = new Set<string>();
    for (const code of this.countries) {
      const name = this.countryNames.get(code);
      if ((name && mentionsWord(text, name)) || (code.length >= 2 && mentionsCode(text, code))) countries.add(code);
    }
    return { activities, countries, whole: WHOLE_STUDY.test(text) };
  }
}

/** Per scheme, the interview each registry ID belongs to ('' when not canonical): every count claim of every check asks. */
const interviewOfId = new WeakMap<IdScheme, Map<string, string>>();

function interviewKey(id: string, scheme: IdScheme): string {
  let byId = interviewOfId.get(scheme);
  if (!byId || byId.size > 50_000) interviewOfId.set(scheme, (byId = new Map()));
  let key = byId.get(id);
  if (key === undefined) {
    const p = scheme.parseCanonical(id);
    key = p ? `${p.activity ?? ''}-${p.country.toUpperCase()}-${Number(p.interview)}` : '';
    byId.set(id, key);
  }
  return key;
}

/** Interview numbers and participants in a slice of the registry. */
export function sliceCounts(entries: RegistryEntry[], scheme: IdScheme): { interviews: number; participants: number } {
  const participants = new Set(entries.map((e) => e.id));
  const interviews = new Set<string>();
  for (const id of participants) {
    const key = interviewKey(id, scheme);
    if (key) interviews.add(key);
  }
  return { interviews: interviews.size, participants: participants.size };
}
