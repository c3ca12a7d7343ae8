import type { Rule } from '../rule';
import { participantUnknown } from './participant-unknown';
import { participantMalformed } from './participant-malformed';
import { participantUncited } from './participant-uncited';
import { participantDuplicate } from './participant-duplicate';
import { participantCount } from './participant-count';
import { footnoteUndefined } from './footnote-undefined';
import { footnoteUnused } from './footnote-unused';
import { footnoteDuplicate } from './footnote-duplicate';
import { footnoteOrder } from './footnote-order';
import { terminologyAvoid } from './terminology-avoid';
import { terminologyCaution } from './terminology-caution';
import { linkPlaceholder } from './link-placeholder';
import { citationUndefined } from './citation-undefined';
import { citationUnused } from './citation-unused';
import { bibliographyMissing } from './bibliography-missing';
import { bibliographyDuplicateKey } from './bibliography-duplicate-key';

/** Every rule, in the order of the public rule table. */
export const RULES: Rule[] = [
  participantUnknown,
  participantMalformed,
  participantUncited,
  participantDuplicate,
  participantCount,
  footnoteUndefined,
  footnoteUnused,
  footnoteDuplicate,
  footnoteOrder,
  terminologyAvoid,
  terminologyCaution,
  linkPlaceholder,
  citationUndefined,
  citationUnused,
  bibliographyMissing,
  bibliographyDuplicateKey,
];
