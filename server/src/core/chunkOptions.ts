/**
 * Quarto chunk options that are the author's prose: the captions and alt text of an
 * executable chunk (```` ```{r} ````), written as YAML in `#|` comments at its top:
 *
 *     #| fig-cap: "Reports by year"
 *     #| fig-subcap:
 *     #|   - "Kenya"
 *     #|   - "Uganda"
 *
 * Quarto shows these values in the report, so they are checked like prose; the rest
 * of the chunk (other options, comments, code) stays code.
 */
import type { Span } from './types';
import { append } from './text';

/**
 * Options whose value is shown to the reader as a caption or alternative text: Quarto's names, and knitr's
 * dotted ones (`fig.cap`), which R Markdown reports use and Quarto's knitr engine accepts as well.
 */
const PROSE_OPTIONS = new Set(['fig-cap', 'fig-alt', 'fig-subcap', 'tbl-cap', 'tbl-subcap', 'fig.cap', 'fig.alt', 'fig.subcap']);

/**
 * The opening fence of an executable chunk: ```` ```{r} ````, ```` ```{python label} ````, ```` ```{r, echo=FALSE} ````.
 * A language name comes right after the brace (as knitr's and Quarto's chunk patterns require): Pandoc attribute
 * blocks (`{.r}`, `{#lst .python}`), raw blocks (`{=html}`) and Quarto's shown-not-run `{{r}}` are code only.
 */
const EXECUTABLE_FENCE = /^[ \t]*(?:`{3,}|~{3,})[ \t]*\{\w/;
/** An option line: the language's comment mark followed by `|` (`#|` in R, Python, Julia; `//|` in OJS; `--|` in SQL; `%%|` in Mermaid). */
const OPTION_LINE = /^[ \t]*(?:#|\/\/|--|%%)\|/;
const KEY_LINE = /^([ \t]*)([A-Za-z][\w.-]*)[ \t]*:(?=[ \t]|$)[ \t]*/;
const LIST_ITEM = /^([ \t]*)-[ \t]+/;

/** The spans of a YAML scalar (or of the items of a flow list `[…]`) written in `line[from, to)`. */
function scalarSpans(line: string, from: number, to: number, base: number): Span[] {
  const out: Span[] = [];
  const at = (s: number, e: number) => {
    while (s < e && /[ \t]/.test(line[s])) s++;
    while (e > s && /[ \t]/.test(line[e - 1])) e--;
    if (e > s) out.push({ start: base + s, end: base + e });
  };
  const c = line[from];
  if (c === '"' || c === "'") {
    // The closing quote: `"` not escaped by a backslash; `'` not doubled.
    let i = from + 1;
    for (; i < to; i++) {
      if (c === '"' && line[i] === '\\') i++;
      else if (line[i] === c) {
        if (c === "'" && line[i + 1] === "'") i++;
        else break;
      }
    }
    at(from + 1, Math.min(i, to));
    return out;
  }
  if (c === '[') {
    const close = line.lastIndexOf(']', to);
    const end = close > from ? close : to;
    let start = from + 1;
    // Items split at commas outside quotes.
    for (let i = start, quote = ''; i <= end; i++) {
      const ch = line[i];
      if (quote) {
        if (ch === '\\' && quote === '"') i++;
        else if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === ',' || i === end) {
        let s = start;
        while (s < i && /[ \t]/.test(line[s])) s++;
        if (line[s] === '"' || line[s] === "'") append(out, scalarSpans(line, s, i, base));
        else at(s, i);
        start = i + 1;
      }
    }
    return out;
  }
  // A plain scalar ends before a comment (` #`).
  const comment = line.slice(from, to).search(/[ \t]#/);
  at(from, comment < 0 ? to : from + comment);
  return out;
}

/**
 * Spans (in `text` offsets) of the prose option values of the executable chunk
 * written at `span` (the code block, fences included); none for other code blocks.
 * One pass over the option lines at the chunk's top (Quarto reads no others).
 */
export function chunkProseSpans(text: string, span: Span): Span[] {
  const out: Span[] = [];
  const firstLineEnd = text.indexOf('\n', span.start);
  if (firstLineEnd < 0 || firstLineEnd >= span.end || !EXECUTABLE_FENCE.test(text.slice(span.start, firstLineEnd))) return out;
  /** The prose option being read: its key's indentation and how its value continues on later lines. */
  let open: { indent: number; mode: 'list' | 'block' } | undefined;
  for (let lineStart = firstLineEnd + 1; lineStart < span.end;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 || newline > span.end ? span.end : newline;
    const line = text.slice(lineStart, lineEnd);
    const mark = OPTION_LINE.exec(line);
    if (!mark) break;
    const from = mark[0].length;
    const rest = line.slice(from);
    const key = KEY_LINE.exec(rest);
    const indentOf = (s: string) => s.length;
    if (key && (!open || indentOf(key[1]) <= open.indent)) {
      open = undefined;
      const valueAt = from + key[0].length;
      const value = line.slice(valueAt).replace(/[ \t]+#.*$/, '');
      if (PROSE_OPTIONS.has(key[2])) {
        if (/^[|>][-+0-9]*[ \t]*$/.test(value)) open = { indent: indentOf(key[1]), mode: 'block' };
        else if (!value.trim()) open = { indent: indentOf(key[1]), mode: 'list' };
        else append(out, scalarSpans(line, valueAt, line.length, lineStart));
      }
    } else if (open) {
      const item = LIST_ITEM.exec(rest);
      const indent = (/^[ \t]*/.exec(rest) ?? [''])[0].length;
      if (open.mode === 'list' && item && indentOf(item[1]) >= open.indent) append(out, scalarSpans(line, from + item[0].length, line.length, lineStart));
      else if (open.mode === 'block' && (indent > open.indent || !rest.trim())) {
        const s = from + indent;
        if (line.length > s) out.push({ start: lineStart + s, end: lineStart + line.trimEnd().length });
      } else open = undefined;
    }
    lineStart = lineEnd + 1;
  }
  return out;
}
