/** Participant ID tokens of a block, anywhere but code and URLs. Offsets relative to the block. */
import type { IdCandidate, IdScheme } from '../participantIds';
import type { SpanIndex } from '../spanIndex';

export function idFacts(text: string, scheme: IdScheme, codeLike: SpanIndex): IdCandidate[] {
  return scheme.find(text).filter((c) => !codeLike.overlaps(c));
}
