import type { Span } from './types';
import { CROSS_REFERENCE } from './pandoc';

/**
 * Names that are identifiers, not prose: Pandoc/Quarto attribute blocks
 * (`{#fig-child-abuse .wide width=50%}` after an image, a link, a heading or a
 * `:::` fence), cross-references (`@fig-map`, `@sec-methods`), Quarto shortcodes, e-mail addresses and
 * Windows paths. Terminology and participant IDs are silent in them: respelling a name there
 * (`ra1-ke-1-a@example.org`, `C:\Interviews\RA1-KE-1-A\notes.docx`) would break the address or path.
 */
const ATTRIBUTES = /\{[ \t]*(?:(?:[#.][\p{L}\p{N}_:.-]+|[\p{L}\p{N}_-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'}]+))[ \t]*){1,30}\}/gu;
/** A Quarto shortcode (`{{< include notes/a.qmd >}}`, `{{< video https://… >}}`): its arguments are paths and names. */
const SHORTCODE = /\{\{<(?:[^>\n]|>(?!\}\})){0,500}>\}\}/g;
const CROSS_REF = /(?<![\p{L}\p{N}_@\\])@([\p{L}\p{N}_][\p{L}\p{N}_:.-]*)/gu;
/**
 * The domain of an e-mail address, found from its `@` (the local part is found by walking back, so a
 * long word without an `@` costs one pass, not one pass per starting letter).
 */
const EMAIL_DOMAIN = /(?<=[\p{L}\p{N}._%+-])@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const EMAIL_LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
/** A Windows path with a drive letter (`C:\Users\…`), up to a space or a closing bracket or quote. */
const WINDOWS_PATH = /(?<![\p{L}\p{N}])[A-Za-z]:\\[^\s<>()[\]"'`]*/gu;

export function identifierSpans(text: string): Span[] {
  const out: Span[] = [];
  if (text.includes('{')) for (const m of text.matchAll(ATTRIBUTES)) out.push({ start: m.index, end: m.index + m[0].length });
  if (text.includes('{{<')) for (const m of text.matchAll(SHORTCODE)) out.push({ start: m.index, end: m.index + m[0].length });
  if (text.includes('@')) {
    for (const m of text.matchAll(CROSS_REF)) if (CROSS_REFERENCE.test(m[1])) out.push({ start: m.index, end: m.index + m[0].length });
    let previousEnd = 0;
    for (const m of text.matchAll(EMAIL_DOMAIN)) {
      let start = m.index;
      // Local parts do not overlap (an `@` ends one), so the walks together read the text once.
      while (start > previousEnd && EMAIL_LOCAL_CHAR.test(text[start - 1])) start--;
      previousEnd = m.index + m[0].length;
      out.push({ start, end: previousEnd });
    }
  }
  if (text.includes(':\\')) for (const m of text.matchAll(WINDOWS_PATH)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}
