import type { Span } from './types';
import { CROSS_REFERENCE } from './pandoc';

/**
 * Names that are identifiers, not prose: Pandoc/Quarto attribute blocks
 * (`{#fig-child-abuse .wide width=50%}` after an image, a link, a heading or a
 * `:::` fence), cross-references (`@fig-map`, `@sec-methods`) and Quarto shortcodes. Terminology is
 * silent in them: renaming an identifier would break the document's links.
 */
const ATTRIBUTES = /\{[ \t]*(?:(?:[#.][\p{L}\p{N}_:.-]+|[\p{L}\p{N}_-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'}]+))[ \t]*){1,30}\}/gu;
/** A Quarto shortcode (`{{< include notes/a.qmd >}}`, `{{< video https://… >}}`): its arguments are paths and names. */
const SHORTCODE = /\{\{<(?:[^>\n]|>(?!\}\})){0,500}>\}\}/g;
const CROSS_REF = /(?<![\p{L}\p{N}_@\\])@([\p{L}\p{N}_][\p{L}\p{N}_:.-]*)/gu;

export function identifierSpans(text: string): Span[] {
  const out: Span[] = [];
  if (text.includes('{')) for (const m of text.matchAll(ATTRIBUTES)) out.push({ start: m.index, end: m.index + m[0].length });
  if (text.includes('{{<')) for (const m of text.matchAll(SHORTCODE)) out.push({ start: m.index, end: m.index + m[0].length });
  if (text.includes('@')) for (const m of text.matchAll(CROSS_REF)) if (CROSS_REFERENCE.test(m[1])) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}
