import type { Rule } from '../rule';
import { checkTerminology } from './terminology';

export const terminologyCaution: Rule = {
  id: 'terminology-caution',
  description: 'A term the Terminology Guidelines say to use with care.',
  defaultSeverity: 'information',
  fixable: 'suggestion',
  docs: {
    rationale: 'Some terms are acceptable in context but easily misread (they can blame the child or blur who is responsible). The finding explains why and offers the wording the guidelines prefer.',
    examples: [
      {
        title: 'A term to use with care',
        markdown: 'Officers reported several cases of sextortion.\n',
        flags: ['sextortion'],
      },
      {
        title: 'Inside a quotation it stays silent',
        markdown: 'One officer said: “sextortion is rising”.\n',
        flags: [],
      },
      {
        title: '"Young woman" is flagged only where the text says she is under 18',
        markdown: 'A 15-year-old young woman was recruited online. Another young woman, aged 23, was interviewed.\n',
        flags: ['young woman'],
      },
    ],
  },
  check: checkTerminology('caution'),
};
