/**
 * Pandoc facts of a block: citations `[@key]`, inline notes `^[…]` and the titles
 * of cited works inside those notes. Offsets relative to the block.
 */
import type { Span } from '../types';
import type { SpanIndex } from '../spanIndex';
import { parseMarkdown } from '../parse/remark';
import { findCitations, findInlineNotes, type CitationFact, type InlineNoteFact } from '../pandoc';
import { append } from '../text';

/** Pandoc facts of one block, offsets relative to the block. */
export interface BlockPandocFacts {
  citations: CitationFact[];
  inlineNotes: InlineNoteFact[];
  /** Titles (emphasis, links) inside inline notes: cited works, not the author's words. */
  noteTitles: Span[];
}

function titlesIn(noteText: string, base: number): Span[] {
  const out: Span[] = [];
  if (!/[*_[]/.test(noteText)) return out;
  const stack: { node: { type: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] } }[] = [
    { node: parseMarkdown(noteText) },
  ];
  // Iterative walk: the note's nesting is the author's input.
  while (stack.length) {
    const { node } = stack.pop()!;
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    if ((node.type === 'emphasis' || node.type === 'strong' || node.type === 'link') && s !== undefined && e !== undefined) {
      out.push({ start: base + s, end: base + e });
      continue;
    }
    for (const c of (node.children ?? []) as (typeof node)[]) stack.push({ node: c });
  }
  return out;
}

/**
 * Titles inside a block's inline notes. Each note is parsed on its own, so the parsing
 * is bounded per block (as remark is for blocks): a pasted run of thousands of notes
 * gets its titles found in the first ones only.
 */
const MAX_NOTE_CHARS_PARSED = 50_000;

function noteTitlesOf(text: string, notes: InlineNoteFact[]): Span[] {
  const out: Span[] = [];
  let budget = MAX_NOTE_CHARS_PARSED;
  for (const n of notes) {
    const length = n.content.end - n.content.start;
    if (length > budget) break;
    budget -= length + 200;
    append(out, titlesIn(text.slice(n.content.start, n.content.end), n.content.start));
  }
  return out;
}

/** Citations and inline notes of a block, outside code-like spans (code, URLs, HTML). */
export function pandocFacts(text: string, kind: string, codeLike: SpanIndex): BlockPandocFacts {
  // A code block's own text is skipped through codeLike (a Quarto chunk's captions are prose and may cite).
  if (!(text.includes('@') || text.includes('^[')) || kind === 'html') return { citations: [], inlineNotes: [], noteTitles: [] };
  const inlineNotes = findInlineNotes(text, codeLike);
  return {
    citations: findCitations(text, codeLike),
    inlineNotes,
    noteTitles: noteTitlesOf(text, inlineNotes),
  };
}
