/** Inline directives (`<!-- report-lint-disable rule -->`) of a block, outside code. Offsets relative to the block. */
import type { Span } from '../types';
import type { SpanIndex } from '../spanIndex';

export interface DirectiveFact extends Span {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  rules: string[];
}

const DIRECTIVE = /<!--\s*report-lint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

export function directiveFacts(text: string, code: SpanIndex): DirectiveFact[] {
  const out: DirectiveFact[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    // A directive shown in code (documentation about the linter) does not apply.
    if (code.overlaps(span)) continue;
    out.push({ ...span, kind: m[1] as DirectiveFact['kind'], rules: m[2].split(/[\s,]+/).filter(Boolean) });
  }
  return out;
}
