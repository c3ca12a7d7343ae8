import type { TextEdit } from './types';
import { blockAt, type ReportModel } from './model';
import { numberToSuperscript } from './superscript';
import type { FootnoteDefFact, FootnoteRefFact } from './facts';

/**
 * The identity of a footnote label: GFM labels are case-insensitive and collapse
 * whitespace, as GitHub and remark (micromark's normalizeIdentifier) match them, so
 * `[^ncmec]` refers to `[^NCMEC]:`.
 */
export function footnoteKey(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();
}

export function labelText(label: string, style: 'gfm' | 'superscript'): string {
  return style === 'gfm' ? `[^${label}]` : numberToSuperscript(label);
}

/** Labels in the order of their first reference. */
export function firstReferenceOrder(model: ReportModel): string[] {
  const seen = new Map<string, string>();
  for (const r of model.footnoteRefs) if (!seen.has(footnoteKey(r.label))) seen.set(footnoteKey(r.label), r.label);
  return [...seen.values()];
}

const isNumeric = (label: string) => /^\d+$/.test(label);

/**
 * Renumbers numeric footnotes 1..n in order of first reference; definitions nothing
 * references keep their relative order after them. Named labels (`[^unicef-2021]`)
 * are left as they are: they are names, not numbers, and the numeric ones are
 * numbered among themselves. Undefined when renumbering is not possible without
 * guessing (duplicate definitions) or not needed.
 */
export function renumberEdits(model: ReportModel): TextEdit[] | undefined {
  const labels = new Set([...model.footnoteRefs.map((r) => r.label), ...model.footnoteDefs.map((d) => d.label)].filter(isNumeric));
  if (!labels.size) return undefined;
  const defCount = new Map<string, number>();
  for (const d of model.footnoteDefs) defCount.set(footnoteKey(d.label), (defCount.get(footnoteKey(d.label)) ?? 0) + 1);
  if ([...defCount.values()].some((n) => n > 1)) return undefined;
  const mapping = new Map<string, string>();
  for (const l of firstReferenceOrder(model)) if (isNumeric(l)) mapping.set(l, String(mapping.size + 1));
  for (const d of model.footnoteDefs) if (isNumeric(d.label) && !mapping.has(d.label)) mapping.set(d.label, String(mapping.size + 1));
  const edits: TextEdit[] = [];
  const relabel = (x: FootnoteRefFact | FootnoteDefFact, span: { start: number; end: number }) => {
    const next = mapping.get(x.label);
    if (next !== undefined && next !== x.label) edits.push({ ...span, newText: labelText(next, x.style) });
  };
  for (const r of model.footnoteRefs) relabel(r, r);
  for (const d of model.footnoteDefs) relabel(d, d.labelSpan);
  return edits.length ? edits : undefined;
}

/** The next free numeric label, for inserting a footnote. */
export function nextFootnoteNumber(model: ReportModel): number {
  let max = 0;
  for (const x of [...model.footnoteRefs, ...model.footnoteDefs]) if (/^\d+$/.test(x.label)) max = Math.max(max, Number(x.label));
  return max + 1;
}

/** End of the block containing `offset` (where a new definition goes in superscript style). */
export function blockEndAt(model: ReportModel, offset: number): number {
  return blockAt(model, offset)?.end ?? model.text.length;
}
