import type { Rule } from '../rule';
import { checkTerminology } from './terminology';

export const terminologyAvoid: Rule = {
  id: 'terminology-avoid',
  description: 'A term the Terminology Guidelines say to avoid, in the author\'s own words.',
  defaultSeverity: 'warning',
  fixable: 'suggestion',
  docs: {
    rationale:
      'The 2016 Terminology Guidelines ask authors to avoid terms that trivialise abuse or suggest a child consented. Words that are not the author\'s own are left alone: direct quotations, single-quoted mentions, code and URLs, titles of cited works in footnotes, and official names of laws and mandates.',
    examples: [
      {
        title: 'The author\'s own words are flagged; the fix keeps the capitalisation',
        markdown: 'Child pornography was found on the device.\n',
        flags: ['Child pornography'],
        fixed: 'Child sexual abuse material (CSAM) was found on the device.\n',
      },
      {
        title: 'Quotations, mentions and official names are not the author\'s words',
        markdown: 'An officer said: “we call it child pornography”. The term ‘child pornography’ is outdated. Indonesia ratified the Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography.\n',
        flags: [],
      },
    ],
  },
  check: checkTerminology('avoid'),
};
