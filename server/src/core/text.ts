import type { Position, Span, TextEdit } from './types';

const LINE_BREAK = /\r\n?|\n/g;

/** The starts of the lines that begin in text[0, end], as LineIndex reads them (0 first). */
export function lineStartsBefore(text: string, end: number): number[] {
  const starts = [0];
  const head = end < text.length ? text.slice(0, end) : text;
  // Most texts have LF line ends only: indexOf finds them several times faster than the pattern.
  if (!head.includes('\r')) for (let i = head.indexOf('\n'); i !== -1; i = head.indexOf('\n', i + 1)) starts.push(i + 1);
  else for (const m of head.matchAll(LINE_BREAK)) starts.push(m.index + m[0].length);
  return starts;
}

/**
 * Maps offsets to line/column and back; built once per text version. Lines end at
 * LF, CRLF or a lone CR, as in LSP and VS Code, so positions agree with the editor's
 * even in files with old Mac line ends.
 */
export class LineIndex {
  readonly lineStarts: number[];

  /**
   * `lineStarts`: the starts of the text's lines when the caller already found them
   * (buildModel: splitBlocks reads every line break of the report anyway).
   */
  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    this.lineStarts = lineStarts ?? lineStartsBefore(text, text.length);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  /** Where the text of a line ends (before its line break). */
  private lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    return next - (this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? 2 : 1);
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.lineStarts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, line < this.lineStarts.length ? this.lineEnd(line) : start);
  }
}

/** 1-based line and column of an offset, for messages about configuration and registry files. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lineColumnsOf(text)(offset);
}

/**
 * `lineColumn` for many offsets of one text: its line breaks are found once. Placing each
 * row of a 100,000-row JSON registry by scanning the text up to it took minutes.
 */
export function lineColumnsOf(text: string): (offset: number) => { line: number; column: number } {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (offset) => {
    const end = Math.max(0, Math.min(offset, text.length));
    // How many line breaks come before the offset (binary search).
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (newlines[middle] < end) low = middle + 1;
      else high = middle;
    }
    return { line: low + 1, column: offset - (low ? newlines[low - 1] : -1) };
  };
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Appends every item of `items` to `into`: `into.push(...items)` overflows the call stack on huge arrays (a registry or bibliography of 200,000 entries). */
export function append<T>(into: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]);
}

/** "1 participant", "3 participants". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Escapes text for Markdown prose (not inside code): hovers and generated docs. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** Escapes text for use as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Applies edits that do not overlap; overlapping later edits are skipped (returned)
 * so a batch of fixes can be applied in passes, as markdownlint's single fixer does.
 */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd || (e.start === lastEnd && applied.length && applied[applied.length - 1].start === e.start && e.start === e.end)) {
      skipped.push(e);
      continue;
    }
    applied.push(e);
    lastEnd = Math.max(lastEnd, e.end);
  }
  let out = '';
  let pos = 0;
  for (const e of applied) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, applied, skipped };
}

/**
 * The characters of `needle` appear in `haystack` in this order (VS Code's fuzzy filters
 * need at least this: "ke02" finds RA1-KE-02-A). Callers fold case first.
 */
export function charactersInOrder(needle: string, haystack: string): boolean {
  let at = 0;
  for (const ch of needle) {
    at = haystack.indexOf(ch, at);
    if (at === -1) return false;
    at += ch.length;
  }
  return true;
}
