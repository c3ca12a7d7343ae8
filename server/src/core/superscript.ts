/**
 * Superscript digits, as Word and PDF exports write footnote numbers (`¹`, `²³`).
 * The one table of them: the engine, the footnote fixes and the client's Insert
 * Footnote command all read it. Dependency-free, so the client bundle can import it.
 */
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A run of superscript digits (a regular-expression source, no flags). */
export const SUPERSCRIPT_RUN = `[${SUPERSCRIPT_DIGITS}]+`;

/**
 * A superscript footnote definition starts a line with its number and a space:
 * `¹ Author (2020). Title.` (a regular-expression source for a line start, no flags).
 */
export const SUPERSCRIPT_DEFINITION_START = `^${SUPERSCRIPT_RUN}(?=[ \\t\\u00A0])`;

/** "²³" → "23". */
export function superscriptToNumber(s: string): string {
  return [...s].map((c) => String(SUPERSCRIPT_DIGITS.indexOf(c))).join('');
}

/** 23 or "23" → "²³" (other characters are kept). */
export function numberToSuperscript(n: number | string): string {
  return String(n)
    .split('')
    .map((d) => SUPERSCRIPT_DIGITS[Number(d)] ?? d)
    .join('');
}
