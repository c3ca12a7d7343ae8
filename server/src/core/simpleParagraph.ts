import type { Link, Paragraph, Root } from 'mdast';

/**
 * Builds, without remark, the tree of the commonest paragraph remark would
 * otherwise be needed for: a footnote definition or sentence with at most one
 * plain inline link — `¹ Author. (2020). [Title](https://example.org/x). Publisher.`
 * Only what the rules read is built (the paragraph, the link, its text), with
 * remark's offsets. Anything the link could interact with — emphasis, code, HTML,
 * escapes, images, other brackets, block syntax at a line start, a destination
 * with spaces, parentheses or character references — sends the paragraph to remark
 * instead. (A character reference elsewhere only changes a text node's value,
 * which no rule reads.)
 * test/core/fast-path.test.ts compares the result with a full parse.
 */
const INLINE_SYNTAX = /[`<\\~|*_]/;
const BLOCK_START = /^(?: {0,3}(?:[#>]|[-*+_=]+[ \t]*$|[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$))| {4}|\t)/m;
/** A destination remark keeps as written: no character references (`&amp;`) or escapes to decode. */
const DESTINATION = /^[^\s()<>\\&\x00-\x1f\x7f]*$/;
/** Link text longer than this is left to remark, whatever its limits are. */
const MAX_LABEL = 500;

export function simpleParagraph(text: string): Root | undefined {
  if (BLOCK_START.test(text)) return undefined;
  const open = text.indexOf('[');
  const close = text.indexOf(']');
  if (open === -1 && close === -1) return INLINE_SYNTAX.test(text) ? undefined : paragraphOf(text, []);
  // Exactly one `[`, then one `](`, then the destination and `)` on the same line.
  if (open === -1 || close < open || text.indexOf('[', open + 1) !== -1 || text.indexOf(']', close + 1) !== -1) return undefined;
  if (text[close + 1] !== '(' || text[open + 1] === '^' || text[open - 1] === '!' || close - open - 1 > MAX_LABEL) return undefined;
  const end = text.indexOf(')', close + 2);
  if (end === -1) return undefined;
  const destination = text.slice(close + 2, end);
  if (!DESTINATION.test(destination)) return undefined;
  // Underscores are common in URLs and mean nothing there; elsewhere they may be emphasis.
  const outsideDestination = text.slice(0, close + 2) + text.slice(end);
  if (INLINE_SYNTAX.test(outsideDestination) || text.slice(open, end).includes('\n')) return undefined;
  const link: Link = {
    type: 'link',
    url: destination,
    title: null,
    children: close > open + 1 ? [{ type: 'text', value: text.slice(open + 1, close), position: span(open + 1, close) }] : [],
    position: span(open, end + 1),
  };
  return paragraphOf(text, [link]);
}

function span(start: number, end: number) {
  // Columns and lines are not read by the rules; offsets are exact.
  return { start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: end + 1, offset: end } };
}

function paragraphOf(text: string, children: Link[]): Root {
  const paragraph: Paragraph = { type: 'paragraph', children, position: span(0, text.length) };
  return { type: 'root', children: [paragraph], position: span(0, text.length) };
}
