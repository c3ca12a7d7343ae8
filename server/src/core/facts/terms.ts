/** Terminology matches of a block, each with the reason it is not the author's own words, if any. */
import type { Span } from '../types';
import { SpanIndex } from '../spanIndex';
import type { TermMatch, TermMatcher } from '../terminology';
import type { ExemptReason, ExemptSpan } from './exempt';

export interface TermFact extends TermMatch {
  /** Set when the words are not the author's own. */
  exempt?: ExemptReason;
}

/** The first reason in this order with a span overlapping the match wins (an official name must contain it). */
const EXEMPTION_ORDER: ExemptReason[] = ['code', 'math', 'url', 'html', 'cited-title', 'official-name', 'mention', 'quotation'];

/** `htmlMarkup`: tags and comments of HTML nodes; text between tags (a `<figcaption>`, alt text) is the author's. */
export function termFacts(text: string, terms: TermMatcher, exempt: ExemptSpan[], htmlMarkup: Span[]): TermFact[] {
  const matches = terms.match(text);
  if (!matches.length) return [];
  const spansOf = (reason: ExemptReason) => (reason === 'html' ? htmlMarkup : exempt.filter((e) => e.reason === reason));
  const byReason = EXEMPTION_ORDER.map((reason) => ({ reason, spans: new SpanIndex(spansOf(reason)) }));
  return matches.map((t) => {
    const hit = byReason.find(({ reason, spans }) => (reason === 'official-name' ? spans.contains(t) : spans.overlaps(t)));
    return hit ? { ...t, exempt: hit.reason } : t;
  });
}
