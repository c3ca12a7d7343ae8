/**
 * jsonc-parser builds its tree recursively, so `[[[[…` a few thousand deep overflows
 * the call stack. Configuration, registry and CSL-JSON files never nest more than a
 * handful of levels: deeper input is refused before it is parsed.
 */
export const MAX_JSON_NESTING = 256;

/** The offset where `text` (JSON with comments) nests deeper than `max`, or undefined. Linear, no recursion. */
export function jsonTooDeepAt(text: string, max = MAX_JSON_NESTING): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the string (escapes included); an unterminated one ends the scan.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 1;
    } else if (c === 91 || c === 123 /* [ { */) {
      if (++depth > max) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}
