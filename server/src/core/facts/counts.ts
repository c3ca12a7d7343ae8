/**
 * Claims about the study's own totals in the prose ("11 interviews", "a total of 12
 * participants"), with their number words and phrasings. Offsets relative to the block.
 */
import type { Span } from '../types';
import type { SpanIndex } from '../spanIndex';
import { GROUP_NOUN, groupOf } from '../respondentGroups';

export interface CountClaim extends Span {
  what: 'interviews' | 'participants';
  value: number;
  /** The number as written. */
  numberSpan: Span;
  /** The same number in digits after the word ("twelve (12)"): a fix changes both. */
  digitsSpan?: Span;
  /** The respondent group the count is of ("caregivers"): see respondentGroups.ts. */
  group?: string;
}

/** Number words as counts are written in words, index = value ("zero" to "twenty"). */
export const SMALL_NUMBER_WORDS: readonly string[] = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

const NUMBER_WORDS: Record<string, number> = {
  ...Object.fromEntries(SMALL_NUMBER_WORDS.slice(1).map((word, i) => [word, i + 1])),
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** "12", "twelve", "twenty-one" → number. */
function parseCount(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  if (w in NUMBER_WORDS) return NUMBER_WORDS[w];
  const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s]?(one|two|three|four|five|six|seven|eight|nine)$/.exec(w);
  return m ? NUMBER_WORDS[m[1]] + NUMBER_WORDS[m[2]] : undefined;
}

const NUM =
  '(\\d{1,4}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:(?:-\\s*|\\s+)(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
/** "twelve (12)": the number again in digits. */
const PAREN = '(?:\\s*\\((\\d{1,4})\\))?';
const PEOPLE = '(?:participants|respondents|interviewees|key\\s+informants|informants)';
const INTERVIEW_KIND =
  '(?:(?:semi-structured|structured|key\\s+informant|in-depth|individual|face-to-face|qualitative|follow-up|online|remote|telephone)\\s+)?';
/** "the three participants from the police", "…who", "…were female": a part of the sample, not its size. */
const NOT_A_PART =
  '(?!\\s+(?:from|who|whom|in(?!\\s+(?:this|the|our)\\s+(?:study|research|sample|assessment))|at|of|working|representing|with|said|reported|described|mentioned|noted|were\\s+(?:from|female|male|women|men|girls|boys|aged|under|over))\\b)';
/**
 * Only claims about the size of the sample: "11 interviews", "three (3) interviews",
 * "a total of 12 participants", "12 participants were interviewed", "twelve (12)
 * participants", "the ten participants", "all ten participants", "of the eleven
 * respondents", "key informants". "Three participants from activity four" and
 * "the two participants who…" describe a part of it and are not read. A number may
 * be split by a line break ("twenty-\none"). Group 1 is the number, group 2 the
 * same number in digits after a word ("twelve (12)").
 */
const COUNT_PATTERNS: { re: RegExp; what: CountClaim['what']; keyword: RegExp }[] = [
  { re: new RegExp(`(?<![\\p{L}\\p{N}])${NUM}${PAREN}\\s+${INTERVIEW_KIND}interviews\\b`, 'giu'), what: 'interviews', keyword: /interviews/iu },
  { re: new RegExp(`\\btotal\\s+of\\s+${NUM}${PAREN}\\s+(?:key\\s+informant\\s+)?${PEOPLE}\\b`, 'giu'), what: 'participants', keyword: /total/iu },
  { re: new RegExp(`(?<![\\p{L}\\p{N}])${NUM}${PAREN}\\s+${PEOPLE}\\s+(?:were\\s+)?interviewed\\b`, 'giu'), what: 'participants', keyword: /interviewed/iu },
  {
    re: new RegExp(`\\b(?:all\\s+(?:of\\s+)?the|all|of\\s+the|the)\\s+${NUM}${PAREN}\\s+${PEOPLE}\\b${NOT_A_PART}`, 'giu'),
    what: 'participants',
    // The people, not "the": nearly every paragraph has a "the", and the pattern is slow to fail.
    keyword: /participants|respondents|interviewees|informants/iu,
  },
  { re: new RegExp(`(?<![\\p{L}\\p{N}])${NUM}\\s*\\((\\d{1,4})\\)\\s+${PEOPLE}\\b${NOT_A_PART}`, 'giu'), what: 'participants', keyword: /\(\d/u },
  // A group ("twelve caregivers were interviewed", "interviews with 12 police officers"): group 3 is the noun.
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}])${NUM}${PAREN}\\s+(${GROUP_NOUN})\\s+(?:were\\s+)?interviewed\\b`, 'giu'),
    what: 'participants',
    keyword: /interviewed/iu,
  },
  {
    re: new RegExp(`\\binterviews?\\s+with\\s+(?:a\\s+total\\s+of\\s+)?${NUM}${PAREN}\\s+(${GROUP_NOUN})(?![\\p{L}])${NOT_A_PART}`, 'giu'),
    what: 'participants',
    keyword: /interviews?\s+with/iu,
  },
];

/**
 * Counts stated in the prose of a block that is not a table. `othersWords` (built
 * only when a keyword occurs): quotations and footnote definitions, where a number
 * is someone else's (a cited study's), not this study's total.
 */
export function countClaims(text: string, codeLike: SpanIndex, othersWords: () => SpanIndex): CountClaim[] {
  const out: CountClaim[] = [];
  let others: SpanIndex | undefined;
  for (const { re, what, keyword } of COUNT_PATTERNS) {
    if (!keyword.test(text)) continue;
    others ??= othersWords();
    for (const m of text.matchAll(re)) {
      const value = parseCount(m[1].replace(/[-\s]+/g, '-'));
      // A year ("the 2019 participants") is not a count.
      if (value === undefined || (value >= 1900 && value <= 2100)) continue;
      const numStart = m.index + m[0].indexOf(m[1]);
      const span = { start: m.index, end: m.index + m[0].length };
      if (codeLike.contains(span) || others.overlaps(span)) continue;
      // Two patterns may read the same number ("a total of 12 participants were interviewed").
      if (out.some((c) => c.numberSpan.start === numStart && c.what === what)) continue;
      const digitsStart = m[2] === undefined ? -1 : m.index + m[0].indexOf(`(${m[2]})`, numStart - m.index + m[1].length) + 1;
      const group = m[3] === undefined ? undefined : groupOf(m[3]);
      out.push({
        ...span,
        what,
        value,
        numberSpan: { start: numStart, end: numStart + m[1].length },
        ...(m[2] !== undefined ? { digitsSpan: { start: digitsStart, end: digitsStart + m[2].length } } : {}),
        ...(group ? { group } : {}),
      });
    }
  }
  return out;
}
