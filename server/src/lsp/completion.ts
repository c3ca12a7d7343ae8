import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import { nextFootnoteNumber } from '../core/footnotes';
import type { IdScheme } from '../core/participantIds';
import { citationCounts, interviewKey, offsetAt, type CheckedDocument } from './lookup';

export const COMPLETION_TRIGGER_CHARACTERS = ['(', '-', '^', '@'];

/** What the text before the cursor is asking for. */
type Context = { kind: 'id'; prefix: string } | { kind: 'footnote'; prefix: string };

/** The ID-like word before the cursor: letters, digits and hyphens. */
const ID_PREFIX = /[\p{L}\p{N}-]*$/u;
const FOOTNOTE_PREFIX = /\[\^([^\]\s]*)$/;

function contextAt(before: string, ids: string[]): Context | undefined {
  const foot = FOOTNOTE_PREFIX.exec(before);
  if (foot) return { kind: 'footnote', prefix: foot[1] };
  const prefix = ID_PREFIX.exec(before)?.[0] ?? '';
  const charBefore = before[before.length - prefix.length - 1];
  if (!prefix) return charBefore === '(' ? { kind: 'id', prefix } : undefined;
  // The word must be the start of some ID ("R", "RA", "RA1-", "ra1-mw-0"), so
  // ordinary words ("well-") and hyphenated prose never pop up a list.
  const lower = prefix.toLowerCase();
  return ids.some((id) => id.toLowerCase().startsWith(lower)) ? { kind: 'id', prefix } : undefined;
}

export function completion(checked: CheckedDocument, params: CompletionParams): CompletionList | null {
  const { model, analysis } = checked;
  const offset = offsetAt(checked, params.position);
  const lineStart = model.lines.offsetAt({ line: params.position.line, character: 0 });
  // IDs and footnote labels are short: the patterns look at the end of the line only
  // (anchored at its end, they were quadratic on a long line of letters).
  const before = model.text.slice(Math.max(lineStart, offset - 200), offset);
  const ids = [...analysis.registry.keys()].sort();
  const ctx = contextAt(before, ids);
  if (!ctx) return null;
  const range = { start: model.lines.positionAt(offset - ctx.prefix.length), end: params.position };

  if (ctx.kind === 'footnote') {
    // A report written with superscript footnotes gets no GFM labels: mixing the
    // two styles is exactly what the author should not be nudged into.
    if (model.footnoteStyle === 'superscript') return null;
    // Close the reference unless the editor already did ("[^|]").
    const close = model.text[offset] === ']' ? '' : ']';
    const items: CompletionItem[] = [];
    const seen = new Set<string>();
    for (const d of model.footnoteDefs) {
      if (d.style !== 'gfm' || seen.has(d.label)) continue;
      seen.add(d.label);
      const text = model.text.slice(d.content.start, d.content.end).trim();
      items.push({
        label: d.label,
        kind: CompletionItemKind.Reference,
        detail: 'existing footnote',
        documentation: { kind: MarkupKind.Markdown, value: text },
        textEdit: { range, newText: d.label + close },
        sortText: /^\d+$/.test(d.label) ? `1${d.label.padStart(6, '0')}` : `2${d.label}`,
      });
    }
    const next = String(nextFootnoteNumber(model));
    if (!seen.has(next))
      items.push({
        label: next,
        kind: CompletionItemKind.Value,
        detail: 'new footnote (next number)',
        textEdit: { range, newText: next + close },
        sortText: '0',
        preselect: true,
      });
    return { isIncomplete: false, items };
  }

  const counts = citationCounts(checked);
  const items: CompletionItem[] = ids.map((id) => {
    const entry = analysis.registry.get(id)!;
    const cited = counts.get(id)?.count ?? 0;
    const doc = [entry.position, entry.country, `cited ${cited} time${cited === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
    return {
      label: id,
      kind: CompletionItemKind.Reference,
      detail: entry.agency,
      documentation: { kind: MarkupKind.PlainText, value: doc },
      textEdit: { range, newText: id },
      filterText: id,
      sortText: id,
    };
  });
  for (const combined of combinedIds(checked.scheme, ids)) {
    const agencies = [...new Set(combined.members.map((id) => analysis.registry.get(id)!.agency).filter(Boolean))];
    items.push({
      label: combined.id,
      kind: CompletionItemKind.Reference,
      detail: agencies.join('; ') || undefined,
      documentation: {
        kind: MarkupKind.PlainText,
        value: `All ${combined.members.length} participants of interview ${combined.interview}: ${combined.members.join(', ')}`,
      },
      textEdit: { range, newText: combined.id },
      filterText: combined.id,
      // After the interview's single IDs.
      sortText: `${combined.members[combined.members.length - 1]}~`,
    });
  }
  return { isIncomplete: false, items };
}

/**
 * The combined citation (`RA1-KE-01-A&B`) of every interview with several
 * participants, offered next to the single IDs. Only when the scheme spells the
 * combined form so that it reads back as exactly those participants.
 */
export function combinedIds(scheme: IdScheme, sortedIds: readonly string[]): { id: string; interview: string; members: string[] }[] {
  const byInterview = new Map<string, string[]>();
  for (const id of sortedIds) {
    const key = interviewKey(scheme, id);
    if (key === id) continue; // not in the scheme's canonical shape
    const members = byInterview.get(key) ?? [];
    members.push(id);
    byInterview.set(key, members);
  }
  const out: { id: string; interview: string; members: string[] }[] = [];
  for (const [interview, members] of byInterview) {
    if (members.length < 2) continue;
    const parts = members.map((id) => scheme.parseCanonical(id)!);
    const id = scheme.canonicalText({ ...parts[0], participants: parts.map((p) => p.participants[0]) });
    const read = scheme.find(id);
    if (read.length !== 1 || read[0].raw !== id || !read[0].canonical) continue;
    const expanded = scheme.expand(read[0].parts);
    if (expanded.length !== members.length || expanded.some((x, i) => x !== members[i])) continue;
    out.push({ id, interview, members });
  }
  return out;
}
