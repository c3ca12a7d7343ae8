/**
 * Patterns the parse routes share, defined once: which route a block takes, and
 * the trees the fast routes build, depend on them agreeing exactly.
 */
import { SUPERSCRIPT_DEFINITION_START } from '../superscript';

/**
 * A line start that can open a block other than a paragraph (ATX heading, block
 * quote, thematic break or setext underline, list item, indented code). A block
 * without one is a paragraph, or a table when its lines start with `|`.
 * Not global: `test` keeps no state between calls.
 */
export const BLOCK_START = /^(?: {0,3}(?:[#>]|[-*+_=]+[ \t]*$|[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$))| {4}|\t)/m;

/** A superscript footnote definition at some line start (`¹ Source.`): emphasis from there on marks cited titles. */
export const SUPERSCRIPT_DEFINITION_LINE = new RegExp(SUPERSCRIPT_DEFINITION_START, 'm');

/** A code fence at a line start; group 1 is the fence (its character and length close it). */
export const FENCE_OPENING = /^ {0,3}(`{3,}|~{3,})/;

/** Offsets only: the rules read no line or column of a tree built without remark. */
export function position(start: number, end: number) {
  return { start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: end + 1, offset: end } };
}
