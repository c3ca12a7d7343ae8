/**
 * Spans whose words are not the author's own, so terminology stays silent there:
 * code, URLs, HTML (from the tree, see tree.ts), TeX math (../math.ts), and here bare URLs, quotations,
 * single-quoted mentions and official names. Offsets relative to the block.
 */
import type { Span } from '../types';
import type { OfficialNameMatcher } from '../officialNames';
import { scanQuotes } from '../quotes';

/** Why the words in a span are not the author's own (terminology stays silent there). */
export type ExemptReason = 'code' | 'math' | 'url' | 'quotation' | 'mention' | 'official-name' | 'cited-title' | 'html';

export interface ExemptSpan extends Span {
  reason: ExemptReason;
}

const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>()\]]+/g;

/** Bare URLs are not prose. */
export function bareUrls(text: string): ExemptSpan[] {
  return [...text.matchAll(BARE_URL)].map((m) => ({ start: m.index, end: m.index + m[0].length, reason: 'url' }));
}

/** Spans that are code-like: no ID, reference or quotation is looked for inside them. */
export function codeLike(exempt: ExemptSpan[]): ExemptSpan[] {
  return exempt.filter((e) => e.reason === 'code' || e.reason === 'math' || e.reason === 'url' || e.reason === 'html');
}

export interface QuotationFacts {
  exempt: ExemptSpan[];
  /** Offset just after a closing mark with no opening before it (see quotes.ts); -1 for none. */
  leadingCloseEnd: number;
  /** A quotation is still open at the end of the block (a page break split it). */
  openQuoteAtEnd: boolean;
}

/** Quotations and mentions outside code-like spans, and official names. */
export function quotationsAndNames(text: string, codeLikeSpans: Span[], names: OfficialNameMatcher): QuotationFacts {
  const q = scanQuotes(text, codeLikeSpans);
  const exempt: ExemptSpan[] = [];
  for (const s of q.quotes) exempt.push({ ...s, reason: 'quotation' });
  for (const s of q.mentions) exempt.push({ ...s, reason: 'mention' });
  for (const n of names.find(text)) exempt.push({ start: n.start, end: n.end, reason: 'official-name' });
  return { exempt, leadingCloseEnd: q.leadingCloseEnd, openQuoteAtEnd: q.openAtEnd };
}
