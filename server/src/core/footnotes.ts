import type { TextEdit } from './types';
import { blockAt, type ReportModel } from './model';
import { numberToSuperscript } from './superscript';
import type { FootnoteDefFact, FootnoteRefFact } from './facts';

/** A label of printable ASCII without spaces (`12`, `unicef-2021`). */
const PLAIN_LABEL = /^[\x21-\x7e]+$/;
/** Labels already keyed (see footnoteKey). */
const footnoteKeys = new Map<string, string>();

/**
 * The identity of a footnote label: GFM labels are case-insensitive and collapse
 * whitespace, as GitHub and remark (micromark's normalizeIdentifier) match them, so
 * `[^ncmec]` refers to `[^NCMEC]:`.
 */
export function footnoteKey(label: string): string {
  // Four rules key every reference and definition on each check; the labels come from the
  // blocks' cached facts, so the same strings come back and are looked up, not folded again.
  let key = footnoteKeys.get(label);
  if (key === undefined) {
    // Printable ASCII without spaces (`12`, `unicef-2021`): nothing to collapse or trim, and
    // upper-casing is all the case folding does.
    key = PLAIN_LABEL.test(label)
      ? label.toUpperCase()
      : label
          .replace(/[\t\n\r ]+/g, ' ')
          .trim()
          .toLowerCase()
          .toUpperCase();
    if (footnoteKeys.size >= 50_000) footnoteKeys.clear();
    footnoteKeys.set(label, key);
  }
  return key;
}

export function labelText(label: string, style: 'gfm' | 'superscript'): string {
  return style === 'gfm' ? `[^${label}]` : numberToSuperscript(label);
}

const isNumeric = (label: string) => /^\d+$/.test(label);

/**
 * The renumbering of numeric footnotes: 1..n in order of first reference;
 * definitions nothing references keep their relative order after them. Named labels
 * (`[^unicef-2021]`) are left as they are: they are names, not numbers, and the
 * numeric ones are numbered among themselves. Undefined when renumbering is not
 * possible without guessing (duplicate definitions) or there is no numeric label.
 */
export function renumberMapping(model: ReportModel): Map<string, string> | undefined {
  // Keyed by footnoteKey: `[^ 20]` is footnote 20 (renumbering it apart from `[^20]` gave two definitions of one number).
  const refKeys = model.footnoteRefs.map((r) => footnoteKey(r.label));
  const defKeys = model.footnoteDefs.map((d) => footnoteKey(d.label));
  if (!refKeys.some(isNumeric) && !defKeys.some(isNumeric)) return undefined;
  const defined = new Set<string>();
  for (const key of defKeys) {
    if (defined.has(key)) return undefined;
    defined.add(key);
  }
  // In order of first reference; definitions nothing references after them, in their order.
  const mapping = new Map<string, string>();
  for (const key of refKeys) if (isNumeric(key) && !mapping.has(key)) mapping.set(key, String(mapping.size + 1));
  for (const key of defKeys) if (isNumeric(key) && !mapping.has(key)) mapping.set(key, String(mapping.size + 1));
  return mapping;
}

/**
 * Blocks of superscript notes: definitions that follow one another with nothing but
 * blank space between them (`¹ …` `² …` after the paragraph that cites them). In this
 * style the definitions are what readers see, so their order within a block matters.
 */
export function superscriptNoteBlocks(model: ReportModel): FootnoteDefFact[][] {
  const blocks: FootnoteDefFact[][] = [];
  let current: FootnoteDefFact[] = [];
  for (const d of model.footnoteDefs) {
    const last = current[current.length - 1];
    if (d.style === 'superscript' && last && model.text.slice(last.end, d.start).trim() === '') current.push(d);
    else {
      if (current.length) blocks.push(current);
      current = d.style === 'superscript' ? [d] : [];
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

/**
 * Blocks whose notes can be moved as wholes. A note that is only a label (`² ` at a
 * line end) owes its reading as a note to the blank after it, which its span does not
 * hold; moved, it would read as a reference. A note with a backtick or `<` may open a
 * code span or HTML that, once the notes are reordered, pairs with another note's and
 * hides its label. Such blocks are relabelled in place, never reordered.
 */
function isMovableNote(body: string): boolean {
  return body.trim() !== '' && !/[`<]/.test(body);
}

function reorderableNoteBlocks(model: ReportModel): FootnoteDefFact[][] {
  return superscriptNoteBlocks(model).filter((block) => block.every((d) => isMovableNote(model.text.slice(d.labelSpan.end, d.end))));
}

/** The first superscript definition that stands after a higher-numbered one of its block (under `mapping`). */
export function misplacedSuperscriptDefinition(model: ReportModel, mapping?: Map<string, string>): FootnoteDefFact | undefined {
  const number = (d: FootnoteDefFact) => Number(mapping?.get(footnoteKey(d.label)) ?? d.label);
  for (const block of reorderableNoteBlocks(model)) {
    if (block.some((d) => !isNumeric(d.label))) continue;
    for (let i = 1; i < block.length; i++) if (number(block[i]) < number(block[i - 1])) return block[i];
  }
  return undefined;
}

/**
 * Renumbers numeric footnotes 1..n in order of first reference (see
 * {@link renumberMapping}). In the superscript style each block of notes is then put
 * in number order too, each definition keeping its own text and the block keeping
 * its place and spacing, so the result reads as a typeset document would. Undefined
 * when renumbering is impossible or nothing needs to change.
 */
export function renumberEdits(model: ReportModel, mapping = renumberMapping(model)): TextEdit[] | undefined {
  if (!mapping) return undefined;
  const labelEdits: TextEdit[] = [];
  const relabel = (x: FootnoteRefFact | FootnoteDefFact, span: { start: number; end: number }) => {
    const next = mapping.get(footnoteKey(x.label));
    if (next !== undefined && next !== footnoteKey(x.label)) labelEdits.push({ ...span, newText: labelText(next, x.style) });
  };
  for (const r of model.footnoteRefs) relabel(r, r);
  for (const d of model.footnoteDefs) relabel(d, d.labelSpan);

  const number = (d: FootnoteDefFact) => Number(mapping.get(footnoteKey(d.label)));
  const blockEdits: TextEdit[] = [];
  for (const block of reorderableNoteBlocks(model)) {
    const sorted = [...block].sort((a, b) => number(a) - number(b));
    if (sorted.every((d, i) => d === block[i])) continue;
    // Each definition's text with its own relabelling (and that of any reference inside it).
    const textOf = (d: FootnoteDefFact) => applyInside(model.text, d, labelEdits);
    let newText = '';
    block.forEach((slot, i) => {
      newText += textOf(sorted[i]);
      if (i + 1 < block.length) newText += model.text.slice(slot.end, block[i + 1].start);
    });
    blockEdits.push({ start: block[0].start, end: block[block.length - 1].end, newText });
  }
  const inBlock = (e: TextEdit) => blockEdits.some((b) => b.start <= e.start && e.end <= b.end);
  const edits = [...labelEdits.filter((e) => !inBlock(e)), ...blockEdits].sort((a, b) => a.start - b.start);
  return edits.length ? edits : undefined;
}

/** The text of `span` with the edits that lie inside it applied. */
function applyInside(text: string, span: { start: number; end: number }, edits: readonly TextEdit[]): string {
  let out = '';
  let at = span.start;
  for (const e of [...edits].filter((e) => span.start <= e.start && e.end <= span.end).sort((a, b) => a.start - b.start)) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at, span.end);
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

/** Spaces and tabs only: a BOM or other \s characters are text, not layout. */
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isLineBreak = (c: string | undefined) => c === '\n' || c === '\r';

/**
 * The edit that removes a footnote definition and nothing else: its whole lines
 * when it has them to itself, and the blank lines after it when it was a block of its
 * own, so the blocks around it stay as they were (eating the blank line before it
 * would join it to the block above: `>\n\n³ a\n⁴ b` must not become `> \n⁴ b`, a
 * quotation). At the end of the text the space before it goes instead. A definition
 * that shares its first line with other text (`- [^1]: …`) loses only its own span.
 * Undefined when no removal leaves the text around it as it was.
 */
export function definitionRemoval(
  text: string,
  def: { start: number; end: number },
  gfmDefinitions: readonly { start: number; end: number }[] = [],
): TextEdit | undefined {
  // A byte-order mark is not part of the first line (and stays).
  const textStart = text.startsWith('\uFEFF') ? 1 : 0;
  let lineStart = def.start;
  while (lineStart > textStart && isBlank(text[lineStart - 1])) lineStart--;
  const ownsFirstLine = lineStart === textStart || isLineBreak(text[lineStart - 1]);
  let lineEnd = def.end;
  while (isBlank(text[lineEnd])) lineEnd++;
  const ownsLastLine = lineEnd === text.length || isLineBreak(text[lineEnd]);
  if (!ownsFirstLine || !ownsLastLine) return { start: def.start, end: def.end, newText: '' };
  // Past the line break that ends the definition, then past blank lines if the definition began a block.
  let end = lineEnd;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  const startsBlock = lineStart === textStart || blankLineBefore(text, lineStart);
  if (startsBlock) end = afterBlankLines(text, end);
  // Under a GFM definition, the line after would join that note (a lazy continuation:
  // `[^1]: a` `[^2]:` `²³ b` makes ²³ part of note 1) unless it starts a GFM definition itself.
  else if (
    end < text.length &&
    !isBlankLineAt(text, end) &&
    !GFM_DEFINITION_START.test(text.slice(end, end + 1000)) &&
    gfmDefinitions.some((d) => d.start < lineStart && d.end > previousLineStart(text, lineStart))
  )
    return undefined;
  if (end < text.length) return { start: lineStart, end, newText: '' };
  // Nothing follows: remove the blank lines before it and the line break that ends the text
  // above, keeping that line whole (trailing spaces included: `¹⁰ ` is a definition, `¹⁰` is not).
  let start = lineStart;
  while (start > textStart) {
    let previousEnd = start - 1;
    if (text[previousEnd] === '\n' && text[previousEnd - 1] === '\r') previousEnd--;
    let i = previousEnd;
    while (i > textStart && isBlank(text[i - 1])) i--;
    if (i > textStart && !isLineBreak(text[i - 1])) {
      start = previousEnd;
      break;
    }
    start = i;
  }
  return { start, end: lineEnd, newText: '' };
}

const GFM_DEFINITION_START = /^ {0,3}\[\^[^\]\s]+\]:/;

/** Whether the line starting at `lineStart` is blank. */
function isBlankLineAt(text: string, lineStart: number): boolean {
  let i = lineStart;
  while (isBlank(text[i])) i++;
  return i === text.length || isLineBreak(text[i]);
}

/** The start of the line before the one starting at `lineStart`. */
function previousLineStart(text: string, lineStart: number): number {
  let i = lineStart - 1;
  if (text[i] === '\n') i--;
  if (text[i] === '\r') i--;
  while (i >= 0 && !isLineBreak(text[i])) i--;
  return i + 1;
}

/** Whether the line before the one starting at `lineStart` is blank. */
function blankLineBefore(text: string, lineStart: number): boolean {
  let i = lineStart - 1;
  if (text[i] === '\n') i--;
  if (text[i] === '\r') i--;
  while (i >= 0 && isBlank(text[i])) i--;
  return i < 0 || isLineBreak(text[i]);
}

/** The start of the first line at or after `from` that is not blank (or the text's end). */
function afterBlankLines(text: string, from: number): number {
  let lineStart = from;
  for (;;) {
    let i = lineStart;
    while (isBlank(text[i])) i++;
    if (i === text.length) return i;
    if (!isLineBreak(text[i])) return lineStart;
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    lineStart = i + 1;
  }
}
