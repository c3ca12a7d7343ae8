import type { TextEdit } from './types';
import type { ReportModel } from './model';
import { numberToSuperscript } from './blockFacts';
import type { FootnoteDefFact, FootnoteRefFact } from './blockFacts';

export function labelText(label: string, style: 'gfm' | 'superscript'): string {
  return style === 'gfm' ? `[^${label}]` : numberToSuperscript(label);
}

/** Labels in the order of their first reference. */
export function firstReferenceOrder(model: ReportModel): string[] {
  const seen = new Set<string>();
  for (const r of model.footnoteRefs) seen.add(r.label);
  return [...seen];
}

/**
 * Renumbers numeric footnotes 1..n in order of first reference; definitions nothing
 * references keep their relative order after them. Undefined when renumbering is not
 * possible without guessing (non-numeric labels, duplicate definitions) or not needed.
 */
export function renumberEdits(model: ReportModel): TextEdit[] | undefined {
  const labels = new Set([...model.footnoteRefs.map((r) => r.label), ...model.footnoteDefs.map((d) => d.label)]);
  if (!labels.size || [...labels].some((l) => !/^\d+$/.test(l))) return undefined;
  const defCount = new Map<string, number>();
  for (const d of model.footnoteDefs) defCount.set(d.label, (defCount.get(d.label) ?? 0) + 1);
  if ([...defCount.values()].some((n) => n > 1)) return undefined;
  const mapping = new Map<string, string>();
  for (const l of firstReferenceOrder(model)) mapping.set(l, String(mapping.size + 1));
  for (const d of model.footnoteDefs) if (!mapping.has(d.label)) mapping.set(d.label, String(mapping.size + 1));
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
  for (const { block } of model.blocks) if (block.start <= offset && offset <= block.end) return block.end;
  return model.text.length;
}
