/**
 * Footnote facts of a block, both styles: GFM references `[^1]` (definitions come
 * from the tree) and superscript references `¹` with definition lines `¹ Source.`.
 * Offsets relative to the block.
 */
import type { Span } from '../types';
import { SUPERSCRIPT_DEFINITION_START, SUPERSCRIPT_RUN, superscriptToNumber } from '../superscript';
import { SpanIndex } from '../spanIndex';

export interface FootnoteRefFact extends Span {
  label: string;
  style: 'gfm' | 'superscript';
}

export interface FootnoteDefFact extends Span {
  label: string;
  style: 'gfm' | 'superscript';
  /** The label as written (`[^1]` or `¹`). */
  labelSpan: Span;
  /** The definition's text after the label. */
  content: Span;
}

const SUPERSCRIPT_DEFINITION_LABELS = new RegExp(SUPERSCRIPT_DEFINITION_START, 'gm');
const SUPERSCRIPTS = new RegExp(SUPERSCRIPT_RUN, 'g');
// Brackets cannot be in a label; bounded like CommonMark labels (unbounded, `[^[^[^…` was quadratic).
const GFM_REFERENCE = /\[\^([^\][\s]{1,999})\]/g;
/** A number and a length unit just before ² or ³ ("40 m", "1,200 km"). */
const AREA_UNIT_BEFORE = /\d[ \u00A0]?(?:[kcmµ]?m|ft|in|mi|yd)$/u;
/**
 * A power in a formula: a superscript on a number or on a term of one to three letters
 * ("10⁶", "mc²", "s²") that stands next to a mathematical operator ("E = mc²", "a² + b²",
 * "m/s²", "1.5 × 10⁶"). The ASCII hyphen is not an operator here ("in-law²" is a note).
 */
// Not < and >: a blockquote marker ("> Law²") or an HTML tag ("<b>Act²</b>") stands before a note too.
const OPERATOR = '=+\u2212\u00D7\u00F7\u00B1\u00B7\u2248\u2260\u2264\u2265/';
const TERM_AFTER_OPERATOR = new RegExp(`[${OPERATOR}][ \\u00A0]*(?:\\p{L}{1,3}|\\d[\\d.,]*)$`, 'u');
const SHORT_TERM = /(?:^|[^\p{L}\p{N}])(?:\p{L}{1,3}|\d[\d.,]*)$/u;
const OPERATOR_AFTER = new RegExp(`^[ \\u00A0]*[${OPERATOR}]`, 'u');

function isPowerInFormula(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 32), start);
  if (TERM_AFTER_OPERATOR.test(before)) return true;
  return SHORT_TERM.test(before) && OPERATOR_AFTER.test(text.slice(end, end + 8));
}

export interface SuperscriptLabel extends Span {
  label: string;
}

/**
 * The superscript numbers that start definition lines of the block's top-level
 * paragraphs ("¹ Source.\n² Source."): pastes from Word and PDF often put definitions
 * on consecutive lines. Every paragraph of the block counts, not only a first one: a
 * paragraph right after a GFM definition (`[^2]:` then `¹ Source.`) holds notes too,
 * and removing that definition must not turn them into notes.
 */
export function superscriptDefinitionLabels(text: string, paragraphs: readonly Span[]): SuperscriptLabel[] {
  if (!paragraphs.length) return [];
  const inParagraph = new SpanIndex(paragraphs);
  return [...text.matchAll(SUPERSCRIPT_DEFINITION_LABELS)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length, label: superscriptToNumber(m[0]) }))
    .filter((l) => inParagraph.contains(l));
}

/**
 * The superscript labels that start definitions, given the block's GFM definitions:
 * a label inside a GFM definition (a continuation line of `[^2]: …`, as remark reads
 * it) is that note's text, not a definition of its own (the two overlapped: removing
 * one removed the other).
 */
export function superscriptLabelsOutside(labels: SuperscriptLabel[], gfmDefinitions: readonly Span[]): SuperscriptLabel[] {
  if (!gfmDefinitions.length || !labels.length) return labels;
  const inside = new SpanIndex(gfmDefinitions);
  return labels.filter((l) => !inside.contains(l));
}

/**
 * Every superscript definition: each runs from its label to the next definition of
 * either style (a GFM definition line after `¹ Source.` ends it), trailing space trimmed.
 */
export function superscriptDefinitions(text: string, labels: SuperscriptLabel[], gfmDefinitionStarts: readonly number[] = []): FootnoteDefFact[] {
  const stops = [...gfmDefinitionStarts].sort((a, b) => a - b);
  let s = 0;
  return labels.map((label, i) => {
    while (s < stops.length && stops[s] <= label.start) s++;
    let end = Math.min(i + 1 < labels.length ? labels[i + 1].start : text.length, s < stops.length ? stops[s] : text.length);
    while (end > label.end && /\s/.test(text[end - 1])) end--;
    let contentStart = label.end;
    while (/[ \t\u00A0]/.test(text[contentStart] ?? '')) contentStart++;
    return {
      start: label.start,
      end,
      label: label.label,
      style: 'superscript',
      labelSpan: { start: label.start, end: label.end },
      content: { start: contentStart, end },
    };
  });
}

/**
 * GFM references outside code, found in the text even where remark left one as
 * text for want of a definition in this block; the labels of definitions are not
 * references.
 */
export function gfmReferences(text: string, definitions: FootnoteDefFact[], codeLike: SpanIndex): FootnoteRefFact[] {
  const out: FootnoteRefFact[] = [];
  const definitionLabelStarts = new Set(definitions.map((d) => d.labelSpan.start));
  for (const m of text.matchAll(GFM_REFERENCE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (codeLike.contains(span) || definitionLabelStarts.has(span.start)) continue;
    out.push({ ...span, label: m[1], style: 'gfm' });
  }
  return out;
}

/**
 * Superscript references: attached to the text before them ("report,¹"), not a
 * definition's label, not a unit ("40 m²"), not a power in a formula ("E = mc²"), not in code.
 */
export function superscriptReferences(text: string, labels: SuperscriptLabel[], codeLike: SpanIndex): FootnoteRefFact[] {
  const out: FootnoteRefFact[] = [];
  const labelStarts = new Set(labels.map((l) => l.start));
  for (const m of text.matchAll(SUPERSCRIPTS)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (labelStarts.has(span.start)) continue;
    const before = text[span.start - 1];
    // A reference is attached to the text before it ("report,¹"), never free-standing.
    if (before === undefined || /\s/.test(before)) continue;
    // "40 m²", "2 km²", "5 cm³" are units, not footnotes.
    if (/^[²³]$/.test(m[0]) && AREA_UNIT_BEFORE.test(text.slice(Math.max(0, span.start - 24), span.start))) continue;
    if (isPowerInFormula(text, span.start, span.end)) continue;
    if (codeLike.contains(span)) continue;
    out.push({ ...span, label: superscriptToNumber(m[0]), style: 'superscript' });
  }
  return out;
}
