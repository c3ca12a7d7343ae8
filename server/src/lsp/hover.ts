import { MAX_REGISTRY_BYTES, readBoundedFile } from '../core/files';
import * as path from 'node:path';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { IdToken } from '../core/model';
import type { RegistryEntry } from '../core/registry';
import type { ExemptReason, TermFact } from '../core/facts';
import { closestIds, countryName, describe, resolveIdToken } from '../core/participants';
import { BUILTIN_TERMINOLOGY } from '../core/terminology';
import { footnoteKey } from '../core/footnotes';
import { rangeOf } from './convert';
import { append, escapeMarkdown, plural } from '../core/text';
import { citationCounts, footnoteDefLabelAt, footnoteRefAt, idTokenAt, intendedIds, lineList, offsetAt, termAt, type CheckedDocument } from './lookup';

const EXEMPT_WHY: Record<ExemptReason, string> = {
  code: 'it is inside code',
  math: 'it is inside TeX math',
  url: 'it is part of a URL or a link target',
  html: 'it is inside HTML',
  quotation: 'it is inside a quotation: the words are not the author’s own',
  mention: 'it is mentioned in single quotes (talked about, not used)',
  'official-name': 'it is part of an official name (a law, treaty or mandate), which must be cited as written',
  'cited-title': 'it is part of the title of a cited work in a footnote',
};

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text}${ticks}`;
}

function fileLine(file: string, line: number): string | undefined {
  const read = readBoundedFile(file, MAX_REGISTRY_BYTES);
  return read.ok ? read.text.split(/\r?\n/)[line - 1] : undefined;
}

function citedLine(counts: ReturnType<typeof citationCounts>, id: string): string {
  const c = counts.get(id);
  return c ? `Cited ${plural(c.count, 'time')} (line${c.lines.length === 1 ? '' : 's'} ${lineList(c.lines)}).` : 'Never cited in this document.';
}

function entrySummary(entry: RegistryEntry): string {
  const country = entry.country ? (countryName(entry.country) ?? entry.country) : undefined;
  return [entry.agency, entry.position, country]
    .filter(Boolean)
    .map((x) => escapeMarkdown(x!))
    .join(' · ');
}

/** The table rows of entries that come from the document's own table, as a Markdown table. */
function tableRows(entries: RegistryEntry[]): string | undefined {
  const rows = entries.filter((e) => e.origin.kind === 'table');
  if (!rows.length) return undefined;
  const first = rows[0].origin;
  if (first.kind !== 'table') return undefined;
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [`| ${first.header.map(cell).join(' | ')} |`, `| ${first.header.map(() => '---').join(' | ')} |`];
  const seen = new Set<string>();
  for (const e of rows) {
    if (e.origin.kind !== 'table') continue;
    const line = e.origin.cells.map(cell).join(' | ');
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(`| ${line} |`);
  }
  return out.join('\n');
}

function fileOrigins(entries: RegistryEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (e.origin.kind !== 'file') continue;
    const text = fileLine(e.origin.file, e.origin.line);
    out.push(`Listed in ${code(path.basename(e.origin.file))}, line ${e.origin.line}${text ? `:\n\n\`\`\`\n${text.replace(/`/g, "'")}\n\`\`\`` : '.'}`);
  }
  return out;
}

function participantHover(checked: CheckedDocument, token: IdToken): string {
  const { analysis, scheme } = checked;
  const registry = analysis.registry;
  const counts = citationCounts(checked);
  const ids = intendedIds(checked, token);
  const parts: string[] = [];

  const { wellFormed, canonical, options } = resolveIdToken(token, registry, scheme);
  if (!wellFormed) {
    if (canonical) parts.push(`${code(token.raw)} is not in canonical form: it should be **${escapeMarkdown(canonical)}**.`);
    else if (options.length)
      parts.push(`${code(token.raw)} is not in canonical form: it could be ${options.map((o) => `**${escapeMarkdown(o)}**`).join(' or ')}.`);
    else parts.push(`${code(token.raw)} is not in canonical form (${escapeMarkdown(scheme.config.format)}).`);
  }

  if (ids.length > 1)
    parts.push(`A combined citation of ${plural(ids.length, 'participant')} from one interview: ${ids.map((i) => escapeMarkdown(i)).join(', ')}.`);

  const known: RegistryEntry[] = [];
  for (const id of ids) {
    const entry = registry.get(id);
    if (!entry) {
      const suggestions = closestIds(id, registry).filter((s) => !ids.includes(s.id));
      const did = suggestions.length
        ? ` Did you mean:\n\n${suggestions.map((s) => `- **${escapeMarkdown(s.id)}**${describe(s) ? ` — ${escapeMarkdown(describe(s))}` : ''}`).join('\n')}`
        : '';
      parts.push(
        `**${escapeMarkdown(id)}** is not in the participant table${registry.size ? '' : ' (the document has no participant table and no registry file is configured)'}.${did}`,
      );
      continue;
    }
    known.push(entry);
    const summary = entrySummary(entry);
    parts.push(`**${escapeMarkdown(id)}**${summary ? ` — ${summary}` : ''}  \n${citedLine(counts, id)}`);
  }
  const table = tableRows(known);
  if (table) parts.push(table);
  append(parts, fileOrigins(known));
  return parts.join('\n\n');
}

function sourceLine(term: TermFact): string | undefined {
  const src = term.entry.source;
  if (!src) return undefined;
  const info = BUILTIN_TERMINOLOGY.sources[src.ref];
  const where = [src.section ? `section ${escapeMarkdown(src.section)}` : '', src.pages ? `pp. ${escapeMarkdown(src.pages)}` : ''].filter(Boolean).join(', ');
  if (!info) return `Source: ${escapeMarkdown(src.ref)}${where ? `, ${where}` : ''}.`;
  const by = [info.publisher ? escapeMarkdown(info.publisher) : '', info.year ? String(info.year) : ''].filter(Boolean).join(', ');
  return `Source: *${escapeMarkdown(info.title)}*${by ? ` (${by})` : ''}${where ? `, ${where}` : ''}.`;
}

function termHover(term: TermFact): string {
  const e = term.entry;
  const lead = e.category === 'avoid' ? 'avoid' : 'use with care';
  const parts = [`**${escapeMarkdown(term.text.replace(/\s+/g, ' '))}** — ${lead}`, escapeMarkdown(e.reason)];
  if (e.preferred.length) parts.push(`Preferred: ${e.preferred.map((p) => `“${escapeMarkdown(p)}”`).join(', ')}.`);
  if (term.exempt) parts.push(`Not flagged here: ${EXEMPT_WHY[term.exempt]}.`);
  const source = sourceLine(term);
  if (source) parts.push(source);
  return parts.join('\n\n');
}

function footnoteRefHover(checked: CheckedDocument, label: string): string {
  const { model } = checked;
  const defs = model.footnoteDefs.filter((d) => footnoteKey(d.label) === footnoteKey(label));
  if (!defs.length) return `Footnote ${escapeMarkdown(label)} is not defined.`;
  const texts = defs.map((d) => model.text.slice(d.content.start, d.content.end).trim());
  const head = `**Footnote ${escapeMarkdown(label)}**${defs.length > 1 ? ` (defined ${defs.length} times)` : ''}`;
  // The definition is Markdown already: show it rendered.
  return `${head}\n\n${texts.join('\n\n---\n\n')}`;
}

function footnoteDefHover(checked: CheckedDocument, label: string): string {
  const { model } = checked;
  const refs = model.footnoteRefs.filter((r) => footnoteKey(r.label) === footnoteKey(label));
  if (!refs.length) return `**Footnote ${escapeMarkdown(label)}** is never referenced.`;
  const lines = [...new Set(refs.map((r) => model.lines.positionAt(r.start).line + 1))];
  return `**Footnote ${escapeMarkdown(label)}**: referenced ${plural(refs.length, 'time')} (line${lines.length === 1 ? '' : 's'} ${lineList(lines)}).`;
}

export function hover(checked: CheckedDocument, params: HoverParams): Hover | null {
  const { model } = checked;
  const offset = offsetAt(checked, params.position);
  const markdown = (value: string, span: { start: number; end: number }): Hover => ({
    contents: { kind: MarkupKind.Markdown, value },
    range: rangeOf(model.lines, span),
  });
  const token = idTokenAt(model, offset);
  if (token) return markdown(participantHover(checked, token), token);
  const ref = footnoteRefAt(model, offset);
  if (ref) return markdown(footnoteRefHover(checked, ref.label), ref);
  const def = footnoteDefLabelAt(model, offset);
  if (def) return markdown(footnoteDefHover(checked, def.label), def.labelSpan);
  const term = termAt(model, offset);
  if (term) return markdown(termHover(term), term);
  return null;
}
