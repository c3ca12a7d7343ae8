/**
 * Where a report's YAML front matter is, without parsing it. Its own module, free of the
 * YAML library, because the CLI's read-ahead (cli/readAhead.ts) looks for a bibliography
 * before the engine is loaded.
 */
import type { Span } from './types';

/**
 * The span of the front matter: a `---` line at the very start followed by a
 * non-blank line, up to a `---` or `...` line (as Pandoc's yaml_metadata_block).
 */
export function frontMatterSpan(text: string): (Span & { yaml: Span }) | undefined {
  const open = /^(?:\uFEFF)?---[ \t]*\r?\n/.exec(text);
  if (!open || /^[ \t]*\r?\n/.test(text.slice(open[0].length))) return undefined;
  const yamlStart = open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;
  close.lastIndex = yamlStart;
  for (let m = close.exec(text); m; m = close.exec(text)) {
    if (m.index < yamlStart) continue;
    const lineEnd = m[0].endsWith('\n') ? m.index + m[0].length - (m[0].endsWith('\r\n') ? 2 : 1) : m.index + m[0].length;
    return { start: 0, end: lineEnd, yaml: { start: yamlStart, end: m.index } };
  }
  return undefined;
}
