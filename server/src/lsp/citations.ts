import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CompletionItemKind,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  type CompletionItem,
  type CompletionList,
  type Location,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BibEntry } from '../core/bibliography';
import { MAX_BIBLIOGRAPHY_BYTES, parseBibliographyText } from '../core/bibliography';
import { authorYear, describeEntry, formatReference } from '../core/citations';
import type { ReportModel } from '../core/model';
import type { CitationFact } from '../core/pandoc';
import { append, charactersInOrder, LineIndex } from '../core/text';
import type { Span } from '../core/types';
import { pathToUri, rangeOf, uriToPath } from './convert';
import { lineList, type CheckedDocument } from './lookup';
import type { Analysis, ReportWorkspace } from './analyses';
import { listMarkdownFiles } from './files';
import type { BibliographyInfo } from '../protocol';

/**
 * Bibliography citations in the editor: hover, completion, definition, references
 * and rename, from a citation in a report or from an entry's key in a bibliography
 * file. Everything comes from the core's model (citations and the resolved bibliography).
 */

/** The citation whose `@key` the offset is on (just after the key counts). */
export function citationAt(model: ReportModel, offset: number): CitationFact | undefined {
  return model.citations.find((c) => c.start <= offset && offset <= c.end);
}

/** An inline reference (`references:` in the front matter) whose id the offset is on. */
function inlineEntryAt(model: ReportModel, offset: number): BibEntry | undefined {
  return model.bibliography?.all.find((e) => e.file === undefined && e.keySpan.start <= offset && offset <= e.keySpan.end);
}

function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** Text of a bibliography file as the editor has it (open and maybe unsaved) or on disk. */
function fileText(documents: TextDocuments<TextDocument>, file: string): string | undefined {
  const open = documents.get(pathToUri(file));
  if (open) return open.getText();
  try {
    if (fs.statSync(file).size > MAX_BIBLIOGRAPHY_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Where an entry's key is written. */
function entryLocation(documents: TextDocuments<TextDocument>, checkedUri: string, model: ReportModel, e: BibEntry): Location | undefined {
  if (e.file === undefined) return { uri: checkedUri, range: rangeOf(model.lines, e.keySpan) };
  const text = fileText(documents, e.file);
  if (text === undefined) return undefined;
  // An open, edited file may have moved the key: find it again there.
  const span =
    text.slice(e.keySpan.start, e.keySpan.end) === e.key ? e.keySpan : parseBibliographyText(text, e.file).entries.find((x) => x.key === e.key)?.keySpan;
  return span ? { uri: pathToUri(e.file), range: rangeOf(new LineIndex(text), span) } : undefined;
}

function citedLines(model: ReportModel, key: string): number[] {
  return [...new Set(model.citations.filter((c) => c.key === key).map((c) => model.lines.positionAt(c.start).line + 1))];
}

export function citationHover(checked: CheckedDocument, offset: number, workspace: ReportWorkspace): { value: string; span: Span } | undefined {
  const { model } = checked;
  const c = citationAt(model, offset);
  const inline = c ? undefined : inlineEntryAt(model, offset);
  if (!c && !inline) return undefined;
  const key = c?.key ?? inline!.key;
  const bib = model.bibliography;
  const span = c ?? inline!.keySpan;
  if (!bib)
    return {
      value: `@${md(key)} is a Pandoc citation, but this document names no bibliography (\`bibliography:\` or \`references:\` in the front matter).`,
      span,
    };
  const entry = bib.entries.get(key);
  if (!entry) return { value: `**@${md(key)}** is not in the bibliography.`, span };
  const parts = [`**@${md(key)}** — ${md(formatReference(entry)).replace(/\\\*/g, '*')}`];
  const where = entry.file ? `Defined in \`${path.basename(entry.file)}\`, line ${entry.line}.` : 'Defined in the front matter (`references:`).';
  parts.push(where);
  const lines = citedLines(model, key);
  parts.push(lines.length ? `Cited on line${lines.length === 1 ? '' : 's'} ${lineList(lines)} of this document.` : 'Not cited in this document.');
  const elsewhere = workspace
    .openAnalyses()
    .filter((a) => a.uri !== checked.doc.uri && a.result?.model.citations.some((x) => x.key === key))
    .map((a) => `\`${path.basename(uriToPath(a.uri) ?? a.uri)}\``);
  if (elsewhere.length) parts.push(`Also cited in ${elsewhere.join(', ')}.`);
  return { value: parts.join('\n\n'), span };
}

/** The `@key` being typed before the cursor: after `@` or `[@`, `-@`, `; @`. */
const KEY_BEING_TYPED = /(?:^|[^\p{L}\p{N}_@\\])-?@([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;

export function citationCompletion(checked: CheckedDocument, offset: number, lineTextBefore: string): CompletionList | undefined {
  const { model } = checked;
  const m = KEY_BEING_TYPED.exec(lineTextBefore);
  if (!m) return undefined;
  const bib = model.bibliography;
  // Without a bibliography an `@` is someone's handle or an address: offer nothing.
  if (!bib) return undefined;
  // Inside TeX math an `@` is not a citation (the math is known once its closing `$` is typed).
  if (model.exempt.some((e) => e.reason === 'math' && e.start < offset && offset < e.end)) return undefined;
  const prefix = m[1];
  const range = rangeOf(model.lines, { start: offset - prefix.length, end: offset });
  const counts = new Map<string, number>();
  for (const c of model.citations) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  // A large library is filtered here: building and sending every entry of a 200,000-entry
  // file took seconds per request. The list then says it is incomplete, so the editor asks
  // again as the author types and filters what comes back as it always does.
  const large = bib.entries.size > MAX_CITATION_ITEMS;
  const typed = prefix.toLowerCase();
  const items: CompletionItem[] = [];
  for (const e of bib.entries.values()) {
    // The key first: only when it does not match are the entry's authors and title read.
    if (large && !charactersInOrder(typed, e.key.toLowerCase()) && !charactersInOrder(typed, filterTextOf(e).toLowerCase())) continue;
    if (items.length === MAX_CITATION_ITEMS) return { isIncomplete: true, items };
    const cited = counts.get(e.key) ?? 0;
    items.push({
      label: e.key,
      kind: CompletionItemKind.Reference,
      detail: describeEntry(e),
      documentation: {
        kind: MarkupKind.Markdown,
        value: `${formatReference(e)}\n\n${cited ? `Cited ${cited} time${cited === 1 ? '' : 's'}.` : 'Not cited yet.'}`,
      },
      filterText: filterTextOf(e),
      sortText: e.key.toLowerCase(),
      textEdit: { range, newText: e.key },
    });
  }
  return { isIncomplete: false, items };
}

/** Entries offered at most per completion list (see citationCompletion). */
export const MAX_CITATION_ITEMS = 500;

/** Authors search by author, year or title as much as by key. */
function filterTextOf(e: BibEntry): string {
  return [e.key, ...e.authors, e.year ?? '', e.title ?? ''].join(' ');
}

/** A key at the cursor in a bibliography file (a .bib, CSL-JSON or CSL-YAML document). */
export function bibliographyKeyAt(doc: TextDocument, offset: number): BibEntry | undefined {
  const file = uriToPath(doc.uri);
  if (!file || !/\.(bib|bibtex|json|ya?ml)$/i.test(file)) return undefined;
  const text = doc.getText();
  if (text.length > MAX_BIBLIOGRAPHY_BYTES) return undefined;
  return parseBibliographyText(text, file).entries.find((e) => e.keySpan.start <= offset && offset <= e.keySpan.end);
}

/** Open reports whose bibliography includes `file` (or, for inline references, the report itself). */
function reportsUsing(analyses: Analysis[], file: string | undefined, uri: string): Analysis[] {
  return analyses.filter((a) => (file === undefined ? a.uri === uri : a.result?.model.bibliography?.sources.some((s) => s.file === file)));
}

function citationLocations(analyses: Analysis[], key: string): Location[] {
  const out: Location[] = [];
  for (const a of analyses) {
    const model = a.result?.model;
    if (!model) continue;
    for (const c of model.citations) if (c.key === key) out.push({ uri: a.uri, range: rangeOf(model.lines, c.keySpan) });
  }
  return out;
}

export function citationDefinition(checked: CheckedDocument, offset: number, documents: TextDocuments<TextDocument>): Location[] | undefined {
  const { model } = checked;
  const c = citationAt(model, offset);
  if (!c) {
    // On an inline reference's id: its citations.
    const inline = inlineEntryAt(model, offset);
    return inline ? citationLocations([checked.analysis], inline.key) : undefined;
  }
  const entry = model.bibliography?.entries.get(c.key);
  if (!entry) return undefined;
  const loc = entryLocation(documents, checked.doc.uri, model, entry);
  return loc ? [loc] : undefined;
}

/** References of a key: from a citation in a report, or from an entry in a bibliography file. */
export function citationReferences(
  target: { checked?: CheckedDocument; doc: TextDocument; offset: number },
  workspace: ReportWorkspace,
  documents: TextDocuments<TextDocument>,
  includeDeclaration: boolean,
): Location[] | undefined {
  const resolved = keyTarget(target);
  if (!resolved) return undefined;
  const { key, entry } = resolved;
  const analyses = reportsUsing(workspace.openAnalyses(), entry?.file, target.doc.uri);
  const out: Location[] = [];
  if (includeDeclaration && entry) {
    const loc = target.checked
      ? entryLocation(documents, target.doc.uri, target.checked.model, entry)
      : { uri: target.doc.uri, range: rangeOf(new LineIndex(target.doc.getText()), entry.keySpan) };
    if (loc) out.push(loc);
  }
  append(out, citationLocations(entry ? analyses : target.checked ? [target.checked.analysis] : [], key));
  return out;
}

function keyTarget(target: { checked?: CheckedDocument; doc: TextDocument; offset: number }): { key: string; entry?: BibEntry; span: Span } | undefined {
  if (target.checked) {
    const model = target.checked.model;
    const c = citationAt(model, target.offset);
    if (c) return { key: c.key, entry: model.bibliography?.entries.get(c.key), span: c.keySpan };
    const inline = inlineEntryAt(model, target.offset);
    return inline ? { key: inline.key, entry: inline, span: inline.keySpan } : undefined;
  }
  const e = bibliographyKeyAt(target.doc, target.offset);
  return e ? { key: e.key, entry: e, span: e.keySpan } : undefined;
}

function fail(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

export function citationPrepareRename(target: {
  checked?: CheckedDocument;
  doc: TextDocument;
  offset: number;
}): { range: Range; placeholder: string } | undefined {
  const t = keyTarget(target);
  if (!t) return undefined;
  if (!t.entry) throw fail(`@${t.key} is not in the bibliography, so there is nothing to rename; correct the citation instead.`);
  const lines = target.checked ? target.checked.model.lines : new LineIndex(target.doc.getText());
  return { range: rangeOf(lines, t.span), placeholder: t.key };
}

/** A key Pandoc reads whole after `@` (letters, digits, `_`, inner punctuation). */
const VALID_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*$/u;

/**
 * Renames a bibliography key in the bibliography (file or front matter) and in every
 * citation of it: open reports, and reports on disk in the workspace that use the same file.
 */
export function citationRename(
  target: { checked?: CheckedDocument; doc: TextDocument; offset: number },
  newName: string,
  workspace: ReportWorkspace,
  documents: TextDocuments<TextDocument>,
): WorkspaceEdit | undefined {
  const t = keyTarget(target);
  if (!t) return undefined;
  const newKey = newName.trim().replace(/^@/, '');
  if (!t.entry) throw fail(`@${t.key} is not in the bibliography, so there is nothing to rename.`);
  if (!VALID_KEY.test(newKey)) throw fail(`"${newKey}" is not a citation key Pandoc can read (letters, digits and _ with inner punctuation such as : . - /).`);
  const entry = t.entry;
  const bibFile = entry.file;
  const changes: Record<string, TextEdit[]> = {};
  const add = (uri: string, edit: TextEdit) => (changes[uri] ??= []).push(edit);
  if (newKey === t.key) return { changes };

  // The definition.
  if (bibFile) {
    const text = fileText(documents, bibFile);
    if (text === undefined) throw fail(`${path.basename(bibFile)} cannot be read, so ${t.key} cannot be renamed there.`);
    const parsed = parseBibliographyText(text, bibFile);
    if (parsed.entries.some((e) => e.key === newKey))
      throw fail(`${newKey} is already a key in ${path.basename(bibFile)}; renaming ${t.key} to it would merge two references.`);
    const lines = new LineIndex(text);
    for (const e of parsed.entries) if (e.key === t.key) add(pathToUri(bibFile), { range: rangeOf(lines, e.keySpan), newText: newKey });
  } else if (target.checked) {
    if (target.checked.model.bibliography?.entries.has(newKey)) throw fail(`${newKey} is already in the bibliography.`);
    add(target.doc.uri, { range: rangeOf(target.checked.model.lines, entry.keySpan), newText: newKey });
  }

  // The citations: open reports first, then reports on disk that use the same bibliography file.
  const open = reportsUsing(workspace.openAnalyses(), bibFile, target.doc.uri);
  const seen = new Set(open.map((a) => a.uri));
  const analyses = [...open];
  if (bibFile) {
    for (const folder of workspace.folders) {
      for (const file of listMarkdownFiles(folder, { files: 2_000 })) {
        const uri = pathToUri(file);
        if (seen.has(uri) || documents.get(uri)) continue;
        seen.add(uri);
        let text: string;
        try {
          if (fs.statSync(file).size > 5_000_000) continue;
          text = fs.readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        if (!text.includes(t.key)) continue;
        const a = workspace.analyze(uri, text, null);
        if (a.result?.model.bibliography?.sources.some((s) => s.file === bibFile)) analyses.push(a);
      }
    }
  }
  for (const a of analyses) {
    const model = a.result?.model;
    if (!model) continue;
    for (const c of model.citations) if (c.key === t.key) add(a.uri, { range: rangeOf(model.lines, c.keySpan), newText: newKey });
    // `nocite:` lists keys too.
    const fm = model.frontMatter;
    if (fm?.nocite.keys.includes(t.key)) {
      const yaml = model.text.slice(fm.yaml.start, fm.yaml.end);
      const re = new RegExp(`@${t.key.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'gu');
      const nocite = /^nocite\s*:[\s\S]*?(?=^\S|$(?![\s\S]))/m.exec(yaml);
      if (nocite)
        for (let m = re.exec(nocite[0]); m; m = re.exec(nocite[0])) {
          const start = fm.yaml.start + nocite.index + m.index + 1;
          add(a.uri, { range: rangeOf(model.lines, { start, end: start + t.key.length }), newText: newKey });
        }
    }
  }
  return { changes };
}

/** What the Insert Bibliography Citation picker shows. */
export function bibliographyInfo(checked: CheckedDocument): BibliographyInfo {
  const bib = checked.model.bibliography;
  const citations = checked.model.citations;
  const bracketedCitations = citations.filter((c) => c.group).length;
  const style = { narrativeCitations: citations.length - bracketedCitations, bracketedCitations };
  if (!bib) return { hasBibliography: false, entries: [], problems: [], ...style };
  const counts = new Map<string, number>();
  for (const c of citations) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  const entries = [...bib.entries.values()].map((e) => ({
    key: e.key,
    authors: e.authors,
    year: e.year,
    title: e.title,
    container: e.container,
    authorYear: authorYear(e),
    citations: counts.get(e.key) ?? 0,
  }));
  const problems = bib.sources.filter((s) => s.loaded?.error).map((s) => `${s.name}: ${s.loaded!.error}`);
  return { hasBibliography: true, entries, problems, ...style };
}
