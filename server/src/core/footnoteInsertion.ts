import type { TextEdit } from './types';
import type { ReportModel } from './model';
import type { FootnoteDefFact } from './facts';
import { blockEndAt, labelText, renumberMapping, superscriptNoteBlocks, nextFootnoteNumber } from './footnotes';

export type FootnoteStyle = 'gfm' | 'superscript';

/** Inserting a footnote as a word processor does, as one edit. */
export interface FootnoteInsertion {
  /** The new footnote's number. */
  number: number;
  /** Non-overlapping edits of the current text: the reference, the renumbered labels after it, the definition. */
  edits: TextEdit[];
  /** The text after the edits. */
  text: string;
  /** Offset in the new text right after the new reference. */
  referenceEnd: number;
  /** Offset in the new text at the end of the new definition (where its text is typed). */
  definitionEnd: number;
}

export class FootnoteInsertionError extends Error {}

const SUPERSCRIPT_DIGIT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/;

/**
 * Where a reference typed at `offset` goes: attached to the word before it. After
 * "word " (a space typed before asking for the footnote) the reference goes right
 * after "word": a superscript after a space is not a reference at all. At the start
 * of a line there is no word to attach to and the cursor is kept.
 */
export function referenceOffset(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r' ? at : offset;
}

/**
 * Numbers in a report are "in order" when renumbering would change no label; only
 * then can a footnote be slotted in by position (otherwise numbers by position would
 * have no meaning and the new footnote takes the next free number, as before).
 */
function numberedInOrder(model: ReportModel): boolean {
  const mapping = renumberMapping(model);
  return !!mapping && [...mapping].every(([from, to]) => from === to);
}

/** The number a footnote referenced at `at` takes: one more than the footnotes first referenced before it. */
export function footnoteNumberAt(model: ReportModel, at: number): number {
  if (!numberedInOrder(model)) return nextFootnoteNumber(model);
  // Named labels ([^unicef-2021]) are names, not numbers: only numeric ones count.
  const before = new Set<string>();
  for (const r of model.footnoteRefs) if (r.start < at && /^\d+$/.test(r.label)) before.add(r.label);
  return before.size + 1;
}

/**
 * Inserts a footnote at `offset` in `style` with definition text `body` (empty for a
 * new footnote, the repeated text for "cite again"): the reference attached to the
 * preceding word, numbered for its place; every later reference and definition
 * renumbered; the definition placed in number order (GFM: among the definitions;
 * superscript: in the block of notes after the paragraph, or a new one).
 */
export function footnoteInsertion(model: ReportModel, offset: number, style: FootnoteStyle, body: string): FootnoteInsertion {
  const { text } = model;
  let at = referenceOffset(text, offset);
  // A GFM reference right at the cursor: the new one goes after it ("[^1][^2]").
  for (const r of model.footnoteRefs) if (r.style === 'gfm' && r.start === at) at = r.end;
  if (style === 'superscript' && (SUPERSCRIPT_DIGIT.test(text[at - 1] ?? '') || SUPERSCRIPT_DIGIT.test(text[at] ?? '')))
    throw new FootnoteInsertionError(
      'A superscript footnote cannot go right next to another one (the digits would read as one number). Put the cursor after a word.',
    );

  const inOrder = numberedInOrder(model);
  const n = footnoteNumberAt(model, at);
  const edits: TextEdit[] = [];
  const reference: TextEdit = { start: at, end: at, newText: labelText(String(n), style) };
  edits.push(reference);
  if (inOrder) {
    const relabel = (label: string, style: FootnoteStyle, span: { start: number; end: number }) => {
      if (Number(label) >= n) edits.push({ start: span.start, end: span.end, newText: labelText(String(Number(label) + 1), style) });
    };
    for (const r of model.footnoteRefs) relabel(r.label, r.style, r);
    for (const d of model.footnoteDefs) relabel(d.label, d.style, d.labelSpan);
  }
  const definition = style === 'gfm' ? gfmDefinition(model, n, body) : superscriptDefinition(model, at, n, body);
  edits.push(definition.edit);

  return applyInOrder(text, edits, n, reference, definition);
}

/**
 * Applies the edits (none overlapping; an insertion sorts before a replacement that
 * starts where it is) and merges edits that touch into one, so the editor gets
 * no two edits at one place, whose order it would have to guess.
 */
function applyInOrder(text: string, edits: TextEdit[], n: number, reference: TextEdit, definition: DefinitionEdit): FootnoteInsertion {
  const order = new Map(edits.map((e, i) => [e, i]));
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start) || order.get(a)! - order.get(b)!);
  const merged: TextEdit[] = [];
  let out = '';
  let pos = 0;
  let referenceEnd = -1;
  let definitionEnd = -1;
  for (const e of sorted) {
    if (e.start < pos) throw new FootnoteInsertionError('The footnote could not be placed here without overlapping another footnote.');
    const last = merged[merged.length - 1];
    if (last && last.end === e.start) merged[merged.length - 1] = { start: last.start, end: e.end, newText: last.newText + e.newText };
    else merged.push({ ...e });
    out += text.slice(pos, e.start);
    if (e === reference) referenceEnd = out.length + e.newText.length;
    if (e === definition.edit) definitionEnd = out.length + definition.bodyEnd;
    out += e.newText;
    pos = e.end;
  }
  out += text.slice(pos);
  return { number: n, edits: merged, text: out, referenceEnd, definitionEnd };
}

interface DefinitionEdit {
  edit: TextEdit;
  /** Offset inside `edit.newText` where the definition's text ends. */
  bodyEnd: number;
}

/** The first definition (of `style`) numbered `n` or more: the new one goes before it. */
function firstDefinitionFrom(defs: readonly FootnoteDefFact[], n: number): FootnoteDefFact | undefined {
  let best: FootnoteDefFact | undefined;
  for (const d of defs) if (/^\d+$/.test(d.label) && Number(d.label) >= n && (!best || Number(d.label) < Number(best.label))) best = d;
  return best;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * GFM: before the definition that will follow it in number order, in the spacing the
 * definitions use; otherwise at the end of the document after a blank line.
 */
function gfmDefinition(model: ReportModel, n: number, body: string): DefinitionEdit {
  const { text } = model;
  const label = `[^${n}]: `;
  const next = firstDefinitionFrom(
    model.footnoteDefs.filter((d) => d.style === 'gfm'),
    n,
  );
  if (next) {
    const start = lineStartOf(text, next.start);
    const blankBefore = /\n[ \t]*\r?\n$/.test(text.slice(0, start));
    return { edit: { start, end: start, newText: `${label}${body}\n${blankBefore ? '\n' : ''}` }, bodyEnd: label.length + body.length };
  }
  const trimmedEnd = text.replace(/\s+$/, '');
  if (!trimmedEnd) return { edit: { start: text.length, end: text.length, newText: label + body }, bodyEnd: label.length + body.length };
  const newlines = (text.slice(trimmedEnd.length).match(/\n/g) ?? []).length;
  const lead = '\n'.repeat(Math.max(0, 2 - newlines));
  return { edit: { start: text.length, end: text.length, newText: lead + label + body }, bodyEnd: lead.length + label.length + body.length };
}

/**
 * Superscript: in the block of notes that follows the paragraph holding the
 * reference, before the first note numbered after it; when the block has none (or
 * there is no block), after the block (or the paragraph), separated by a blank line.
 */
function superscriptDefinition(model: ReportModel, at: number, n: number, body: string): DefinitionEdit {
  const { text } = model;
  const label = `${labelText(String(n), 'superscript')} `;
  const paragraphEnd = blockEndAt(model, at);
  const notes = superscriptNoteBlocks(model).find((b) => b[0].start >= paragraphEnd && text.slice(paragraphEnd, b[0].start).trim() === '');
  if (notes) {
    const next = firstDefinitionFrom(notes, n);
    if (next) {
      const i = notes.indexOf(next);
      // The spacing between notes of this block (a blank line, or one note per line).
      const gap = i > 0 ? text.slice(notes[i - 1].end, next.start) : notes.length > 1 ? text.slice(notes[0].end, notes[1].start) : '\n\n';
      return { edit: { start: next.start, end: next.start, newText: `${label}${body}${gap}` }, bodyEnd: label.length + body.length };
    }
    const last = notes[notes.length - 1];
    const gap = notes.length > 1 ? text.slice(notes[notes.length - 2].end, last.start) : '\n\n';
    return { edit: { start: last.end, end: last.end, newText: `${gap}${label}${body}` }, bodyEnd: gap.length + label.length + body.length };
  }
  // No notes yet: a new block after the paragraph (its end without trailing line breaks).
  let end = paragraphEnd;
  while (end > 0 && /\s/.test(text[end - 1]) && end > at) end--;
  return { edit: { start: end, end, newText: `\n\n${label}${body}` }, bodyEnd: 2 + label.length + body.length };
}
