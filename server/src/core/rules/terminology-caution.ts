import { md, type Rule } from '../rule';
import { checkTerminology } from './terminology';

export const terminologyCaution: Rule<'terminology-caution'> = {
  id: 'terminology-caution',
  description: 'A term the Terminology Guidelines say to use with care.',
  defaultSeverity: 'information',
  fixable: 'suggestion',
  docs: {
    rationale:
      'Some terms are acceptable in context but easily misread (they can blame the child or blur who is responsible). The finding explains why and offers the wording the guidelines prefer.',
    examples: [
      {
        title: 'A term to use with care',
        markdown: md`
          Officers reported several cases of sextortion.
        `,
        flags: ['sextortion'],
        messages: [
          '"sextortion": use with care — A catchy blend that can sound trivial; say plainly that a child is being extorted with sexual images, which is a form of sexual exploitation. Prefer "sexual extortion of children" or "sexual extortion".',
        ],
      },
      {
        title: 'Inside a quotation it stays silent',
        markdown: md`
          One officer said: “sextortion is rising”.
        `,
        flags: [],
        messages: [],
      },
      {
        title: '"Young woman" is flagged only where the text says she is under 18',
        markdown: md`
          A 15-year-old young woman was recruited online. Another young woman, aged 23, was interviewed.
        `,
        flags: ['young woman'],
        messages: [
          '"young woman": use with care — The text says this person is under 18, so she is a child; \'young woman\' makes her sound older and the abuse less grave. Flagged only where the sentence gives an age under 18. Prefer "girl" or "child".',
        ],
      },
    ],
  },
  check: checkTerminology('caution'),
};
