import type { Emphasis, Link, Paragraph, Root } from 'mdast';
import { BLOCK_START, position, SUPERSCRIPT_DEFINITION_LINE } from './patterns';

/**
 * Builds, without remark, the tree of the commonest paragraph remark would
 * otherwise be needed for: a footnote definition or sentence with at most one
 * plain inline link — `¹ Author. (2020). [Title](https://example.org/x). *Journal*.`
 * Only what the rules read is built (the paragraph, the link and its text, the
 * emphasis of a cited title), with remark's offsets. Anything that could interact
 * — code, HTML, escapes, images, more brackets, definitions, block syntax at a line
 * start, a destination with spaces, parentheses or character references, emphasis
 * in a definition beyond one pair of `*` — sends the paragraph to remark instead.
 * (A character reference elsewhere only changes a text node's value, which no rule
 * reads.)
 * test/core/fast-path.test.ts and the generator in test/core/fast-path-generated.test.ts compare the result with a full parse.
 */
const BASE_SYNTAX = /[`<\\~|]/;
/** A destination remark keeps as written: no character references (`&amp;`) or escapes to decode. */
// eslint-disable-next-line no-control-regex -- control characters end a destination in CommonMark
const DESTINATION = /^[^\s()<>\\&\x00-\x1f\x7f]*$/;
/** Link text longer than this is left to remark, whatever its limits are. */
const MAX_LABEL = 500;

export function simpleParagraph(text: string): Root | undefined {
  // Definitions (`]:`) would turn brackets elsewhere into links or footnote calls.
  if (BLOCK_START.test(text) || BASE_SYNTAX.test(text) || text.includes(']:')) return undefined;
  const children: (Link | Emphasis)[] = [];
  let link: { start: number; labelEnd: number; end: number } | undefined;
  // Without `](` brackets are plain text (no definition can make them a reference).
  if (text.includes('](')) {
    // Exactly one `[`, then one `](`, then the destination and `)` on the same line.
    const open = text.indexOf('[');
    const close = text.indexOf(']');
    if (open === -1 || close < open || text.indexOf('[', open + 1) !== -1 || text.indexOf(']', close + 1) !== -1) return undefined;
    if (text[close + 1] !== '(' || text[open + 1] === '^' || text[open - 1] === '!' || close - open - 1 > MAX_LABEL) return undefined;
    const end = text.indexOf(')', close + 2);
    if (end === -1 || text.slice(open, end).includes('\n')) return undefined;
    const destination = text.slice(close + 2, end);
    if (!DESTINATION.test(destination)) return undefined;
    link = { start: open, labelEnd: close, end: end + 1 };
    children.push({
      type: 'link',
      url: destination,
      title: null,
      children: close > open + 1 ? [{ type: 'text', value: text.slice(open + 1, close), position: position(open + 1, close) }] : [],
      position: position(open, end + 1),
    });
  }
  // Emphasis gives facts only inside a superscript definition (a cited title). There,
  // the one simple case is built — two single `*` outside the link that pair up —
  // and anything else goes to remark. Elsewhere it is left out: no rule reads it.
  if (SUPERSCRIPT_DEFINITION_LINE.test(text)) {
    const marks: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (link && i > link.labelEnd && i < link.end) continue; // the destination is raw
      const c = text[i];
      if (c === '_') return undefined;
      if (c === '*') marks.push(i);
    }
    if (link && marks.some((i) => i > link!.start && i < link!.labelEnd)) return undefined;
    if (marks.length === 2 && marks[1] > marks[0] + 1) {
      if (canOpen(text, marks[0]) && canClose(text, marks[1])) children.push({ type: 'emphasis', children: [], position: position(marks[0], marks[1] + 1) });
    } else if (marks.length) return undefined;
  }
  children.sort((a, b) => a.position!.start.offset! - b.position!.start.offset!);
  return paragraphOf(text, children);
}

/**
 * micromark's classes for the characters around a `*` (attention.js): 1 whitespace
 * or the edge of the text, 2 punctuation, 0 anything else. It reads UTF-16 units.
 */
function classAt(text: string, i: number): 0 | 1 | 2 {
  if (i < 0 || i >= text.length) return 1;
  const ch = text[i];
  if (/\s/.test(ch)) return 1;
  return /\p{P}|\p{S}/u.test(ch) ? 2 : 0;
}

function canOpen(text: string, i: number): boolean {
  const after = classAt(text, i + 1);
  return after === 0 || (after === 2 && classAt(text, i - 1) !== 0);
}

function canClose(text: string, i: number): boolean {
  const before = classAt(text, i - 1);
  return before === 0 || (before === 2 && classAt(text, i + 1) !== 0);
}

function paragraphOf(text: string, children: (Link | Emphasis)[]): Root {
  const paragraph: Paragraph = { type: 'paragraph', children, position: position(0, text.length) };
  return { type: 'root', children: [paragraph], position: position(0, text.length) };
}
