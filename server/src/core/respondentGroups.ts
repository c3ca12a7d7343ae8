/**
 * Groups of respondents a report's sentences and table captions name ("caregivers",
 * "government officials", "police officers"). A count of a group ("twelve caregivers
 * were interviewed") is compared with the participant table whose heading or caption
 * names that group, and with nothing else.
 */
export const RESPONDENT_GROUPS: { key: string; label: string; pattern: string }[] = [
  { key: 'caregivers', label: 'caregivers', pattern: 'care-?givers?|parents?|guardians?|caretakers?' },
  {
    key: 'government',
    label: 'government officials',
    pattern: 'government\\s+(?:officials?|representatives?|stakeholders?|officers?)|duty[-\\s]bearers?|public\\s+officials?',
  },
  { key: 'police', label: 'police', pattern: 'police(?:\\s+officers?)?|law\\s+enforcement(?:\\s+officers?|\\s+officials?)?|investigators?' },
  { key: 'justice', label: 'justice professionals', pattern: 'judges?|prosecutors?|magistrates?|justice\\s+(?:professionals?|actors?|sector\\s+actors?)' },
  {
    key: 'social',
    label: 'social and frontline workers',
    pattern: 'social\\s+(?:workers?|service\\s+(?:workers?|providers?))|frontline\\s+(?:workers?|service\\s+providers?|professionals?)|service\\s+providers?',
  },
  { key: 'teachers', label: 'teachers', pattern: 'teachers?|educators?' },
  { key: 'health', label: 'health workers', pattern: 'health\\s+(?:workers?|professionals?)|nurses?|doctors?' },
  { key: 'children', label: 'children', pattern: 'children|young\\s+people|adolescents|youth' },
  { key: 'survivors', label: 'survivors', pattern: 'survivors?' },
];

/** Any group noun, as a pattern (for count phrasings such as "N caregivers were interviewed"). */
export const GROUP_NOUN = `(?:${RESPONDENT_GROUPS.map((g) => g.pattern).join('|')})`;

const GROUP_RES = RESPONDENT_GROUPS.map((g) => ({ key: g.key, re: new RegExp(`(?<![\\p{L}])(?:${g.pattern})(?![\\p{L}])`, 'iu') }));

/** The group a noun phrase names ("police officers" → "police"). */
export function groupOf(noun: string): string | undefined {
  return GROUP_RES.find((g) => g.re.test(noun))?.key;
}

/** The groups a text names. */
export function groupsIn(text: string): Set<string> {
  return new Set(GROUP_RES.filter((g) => g.re.test(text)).map((g) => g.key));
}

/** How a group reads in a message. */
export function groupLabel(key: string): string {
  return RESPONDENT_GROUPS.find((g) => g.key === key)?.label ?? key;
}
