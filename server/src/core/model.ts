import type { Span } from './types';
import { LineIndex } from './text';
import { splitBlocks } from './blocks';
import type { BlockAnalyzer } from './blockAnalyzer';
import type { BlockFacts, CountClaim, DirectiveFact, ExemptSpan, FootnoteDefFact, FootnoteRefFact, LinkFact, TableFacts, TermFact } from './facts';
import type { IdCandidate, IdScheme } from './participantIds';
import type { LinkDefinitionFact, LinkReferenceFact } from './linkReferences';
import { fieldsFromRow, ID_HEADER, type RegistryEntry } from './registry';
import { readFrontMatter, type CitationFact, type FrontMatter, type InlineNoteFact } from './pandoc';
import type { ResolvedBibliography } from './citations';
import { SpanIndex } from './spanIndex';
import { citedIds, interviewWidth } from './participants';

/** A participant ID token in the text, shifted to document offsets. */
export interface IdToken extends IdCandidate {
  /** True when the token is a row key of a participant table (a definition, not a citation). */
  inRegistryTable: boolean;
}

export interface RegistryTable extends TableFacts {
  entries: RegistryEntry[];
}

/** A block of the document (see blocks.ts), in document offsets. */
export interface ModelBlock extends Span {
  /** The type of the block's first node: 'paragraph', 'heading', 'table', 'code', … */
  kind: string;
  /** The block is a superscript footnote definition (it starts with `¹ `). */
  isSuperscriptDefinition: boolean;
}

/**
 * The parsed report: every fact the rules need, in document offsets only. Built
 * from per-block facts, so only changed blocks are re-parsed (see BlockAnalyzer).
 */
export interface ReportModel {
  text: string;
  lines: LineIndex;
  /** In document order; find the one at an offset with `blockAt`. */
  blocks: ModelBlock[];
  /** Every Markdown table, participant table or not. */
  tables: TableFacts[];
  ids: IdToken[];
  /** Registry rows from the document's own participant tables, in order. */
  tableRegistry: RegistryEntry[];
  registryTables: RegistryTable[];
  /** Entries from registry files named in the configuration. */
  externalRegistry: RegistryEntry[];
  footnoteStyle: 'gfm' | 'superscript' | 'mixed' | 'none';
  footnoteRefs: FootnoteRefFact[];
  footnoteDefs: FootnoteDefFact[];
  terms: TermFact[];
  exempt: ExemptSpan[];
  links: LinkFact[];
  linkRefs: LinkReferenceFact[];
  linkDefs: LinkDefinitionFact[];
  directives: DirectiveFact[];
  counts: CountClaim[];
  /** Pandoc/Quarto YAML front matter (not checked as prose). */
  frontMatter?: FrontMatter;
  /** Pandoc citations `[@key]`, `@key` (not cross-references, not e-mail addresses). */
  citations: CitationFact[];
  /** Pandoc inline notes `^[…]`: footnotes defined where they stand. */
  inlineNotes: InlineNoteFact[];
  /** The document's bibliography, when it has one (set by the linter). */
  bibliography?: ResolvedBibliography;
}

function shift<T extends Span>(x: T, by: number): T {
  return { ...x, start: x.start + by, end: x.end + by };
}

function shiftDef(d: FootnoteDefFact, by: number): FootnoteDefFact {
  return { ...shift(d, by), labelSpan: shift(d.labelSpan, by), content: shift(d.content, by) };
}

function shiftTable(t: TableFacts, by: number): TableFacts {
  return {
    ...shift(t, by),
    header: t.header.map((c) => shift(c, by)),
    rows: t.rows.map((r) => ({ ...shift(r, by), cells: r.cells.map((c) => shift(c, by)) })),
  };
}

function isRegistryTable(t: TableFacts, scheme: IdScheme): boolean {
  if (!t.header.length || !ID_HEADER.test(t.header[0].text)) return false;
  const firstCells = t.rows.map((r) => r.cells[0]?.text ?? '').filter(Boolean);
  if (!firstCells.length) return false;
  // Most first-column cells look like IDs (malformed ones still count: they get reported).
  const idLike = firstCells.filter((c) => scheme.find(c).length > 0).length;
  return idLike * 2 >= firstCells.length;
}

export function buildModel(text: string, analyzer: BlockAnalyzer, scheme: IdScheme, externalRegistry: RegistryEntry[] = [], documentKey = ''): ReportModel {
  const model: ReportModel = {
    text,
    lines: new LineIndex(text),
    blocks: [],
    tables: [],
    ids: [],
    tableRegistry: [],
    registryTables: [],
    externalRegistry,
    footnoteStyle: 'none',
    footnoteRefs: [],
    footnoteDefs: [],
    terms: [],
    exempt: [],
    links: [],
    linkRefs: [],
    linkDefs: [],
    directives: [],
    counts: [],
    citations: [],
    inlineNotes: [],
  };
  analyzer.beginPass(documentKey);
  model.frontMatter = readFrontMatter(text);
  if (model.frontMatter) model.exempt.push({ start: model.frontMatter.start, end: model.frontMatter.end, reason: 'code' });
  const blocks = splitBlocks(text, model.frontMatter ? model.frontMatter.end : 0);
  const gfmRefs: FootnoteRefFact[] = [];
  const supRefs: FootnoteRefFact[] = [];
  const gfmDefs: FootnoteDefFact[] = [];
  const supDefs: FootnoteDefFact[] = [];
  // A quotation left open at the end of a paragraph continues into the next prose
  // paragraph (a page break split it), skipping footnote definitions in between.
  let quoteOpen = false;

  for (const block of blocks) {
    const facts = analyzer.analyze(block.text);
    const by = block.start;
    model.blocks.push({ start: block.start, end: block.end, kind: facts.kind, isSuperscriptDefinition: !!facts.supDef });

    const tableRowKeys: Span[] = [];
    for (const blockTable of facts.tables) {
      const t = shiftTable(blockTable, by);
      model.tables.push(t);
      if (!isRegistryTable(t, scheme)) continue;
      const header = t.header.map((c) => c.text);
      const table: RegistryTable = { ...t, entries: [] };
      for (const row of t.rows) {
        const idCell = row.cells[0];
        if (!idCell) continue;
        tableRowKeys.push(idCell);
        const cells = row.cells.map((c) => c.text);
        // A key defines the participants it names with "&" only ("A and B" in a table is not a key).
        for (const cand of scheme.find(idCell.text).map((c) => scheme.withoutLooseJoin(c))) {
          // Malformed keys still define a participant (under its canonical spelling) so the
          // rest of the report is checked against the intended table.
          for (const id of scheme.expand(cand.parts)) {
            const entry: RegistryEntry = {
              id,
              ...fieldsFromRow(header, cells),
              origin: {
                kind: 'table',
                row: { start: row.start, end: row.end },
                idSpan: { start: idCell.start + cand.start, end: idCell.start + cand.end },
                cells,
                header,
              },
            };
            table.entries.push(entry);
            model.tableRegistry.push(entry);
          }
        }
      }
      model.registryTables.push(table);
    }

    for (const c of facts.ids) {
      const token = shift(c, by);
      const inRegistryTable = tableRowKeys.some((k) => k.start <= token.start && token.end <= k.end);
      model.ids.push({ ...token, ...(c.looseJoin ? { looseJoin: { ...c.looseJoin, end: c.looseJoin.end + by } } : {}), inRegistryTable });
    }
    for (const r of facts.gfmRefs) gfmRefs.push(shift(r, by));
    for (const r of facts.supRefs) supRefs.push(shift(r, by));
    for (const d of facts.gfmDefs) gfmDefs.push(shiftDef(d, by));
    for (const d of facts.supDefs) supDefs.push(shiftDef(d, by));
    for (const l of facts.links) model.links.push({ ...shift(l, by), textSpan: shift(l.textSpan, by) });
    for (const r of facts.linkRefs) model.linkRefs.push({ ...shift(r, by), textSpan: shift(r.textSpan, by) });
    for (const d of facts.linkDefs) model.linkDefs.push(shift(d, by));
    for (const d of facts.directives) model.directives.push(shift(d, by));
    for (const e of facts.exempt) model.exempt.push(shift(e, by));

    const isProse = !isPageFurniture(facts);
    const carriedQuoteEnd = isProse && quoteOpen ? facts.leadingCloseEnd : -1;
    if (carriedQuoteEnd >= 0) model.exempt.push({ start: by, end: by + carriedQuoteEnd, reason: 'quotation' });
    const { pandoc } = facts;
    for (const c of pandoc.citations)
      model.citations.push({ ...shift(c, by), keySpan: shift(c.keySpan, by), ...(c.group ? { group: shift(c.group, by) } : {}) });
    for (const n of pandoc.inlineNotes) model.inlineNotes.push({ ...shift(n, by), content: shift(n.content, by) });
    // A citation key names a cited work; titles inside an inline note are cited works too.
    const citedTitles = [...pandoc.citations, ...pandoc.noteTitles];
    for (const s of citedTitles) model.exempt.push({ ...shift(s, by), reason: 'cited-title' });
    const citedTitleIndex = citedTitles.length ? new SpanIndex(citedTitles) : undefined;
    const noteIndex = pandoc.inlineNotes.length ? new SpanIndex(pandoc.inlineNotes) : undefined;
    // Counts in the end of a quotation begun in an earlier paragraph are the speaker's; in an inline note, a cited study's.
    for (const c of facts.counts)
      if (c.start >= carriedQuoteEnd && !noteIndex?.contains(c))
        model.counts.push({ ...shift(c, by), numberSpan: shift(c.numberSpan, by), ...(c.digitsSpan ? { digitsSpan: shift(c.digitsSpan, by) } : {}) });
    for (const t of facts.terms) {
      const shifted = shift(t, by);
      if (!shifted.exempt && t.end <= carriedQuoteEnd) shifted.exempt = 'quotation';
      if (!shifted.exempt && citedTitleIndex?.overlaps(t)) shifted.exempt = 'cited-title';
      model.terms.push(shifted);
    }
    if (isProse) quoteOpen = facts.openQuoteAtEnd;
  }
  analyzer.endPass();
  keepLooseJoinsTheRegistryConfirms(model, scheme);

  // Superscript footnotes exist only where at least one superscript definition does,
  // so "m²" in a document without them is never a footnote.
  const usesSuperscript = supDefs.length > 0;
  const usesGfm = gfmDefs.length > 0 || gfmRefs.length > 0;
  model.footnoteStyle = usesSuperscript && usesGfm ? 'mixed' : usesSuperscript ? 'superscript' : usesGfm ? 'gfm' : 'none';
  model.footnoteRefs = usesSuperscript ? [...gfmRefs, ...supRefs].sort((a, b) => a.start - b.start) : gfmRefs;
  model.footnoteDefs = [...gfmDefs, ...supDefs].sort((a, b) => a.start - b.start);
  return model;
}

/**
 * Blocks that a page break drops between the two halves of a quotation in text
 * pasted from a PDF or Word: footnote definitions, running headings, tables, page
 * numbers, rules, HTML comments and lone images. They neither end a quotation
 * left open before them nor start one.
 */
const PAGE_NUMBER_OR_IMAGE = /^\s*(?:(?:page\s+)?\d{1,4}|!\[[^\]]*\]\([^)]*\))\s*$/i;

function isPageFurniture(facts: BlockFacts): boolean {
  return (
    !!facts.supDef ||
    facts.gfmDefs.length > 0 ||
    ['heading', 'table', 'thematicBreak', 'html', 'definition'].includes(facts.kind) ||
    PAGE_NUMBER_OR_IMAGE.test(facts.text)
  );
}

/**
 * "RA1-IN-01-A and B", "RA1-IN-01-A/B", "RA1-IN-01-A, B" read as RA1-IN-01-A&B only
 * when the registry has every participant so named; otherwise "and B" may be prose
 * ("A and I agreed"), and the token is the first ID alone. Uncertain: say nothing more.
 */
function keepLooseJoinsTheRegistryConfirms(model: ReportModel, scheme: IdScheme): void {
  if (!model.ids.some((t) => t.looseJoin)) return;
  const registry = registryOf(model);
  const width = interviewWidth(registry, scheme);
  model.ids = model.ids.map((t) => {
    if (!t.looseJoin) return t;
    const ids = citedIds(t, scheme, width, registry);
    const confirmed = ids.length >= t.parts.participants.length && ids.every((id) => registry.has(id));
    return confirmed ? t : { ...scheme.withoutLooseJoin(t), inRegistryTable: t.inRegistryTable };
  });
}

/** The index in model.blocks of the block that holds `offset` (a block's end counts as inside it); -1 for none. */
export function blockIndexAt(model: ReportModel, offset: number): number {
  const { blocks } = model;
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < blocks.length && blocks[lo].start <= offset ? lo : -1;
}

/** The block that holds `offset` (a block's end counts as inside it). */
export function blockAt(model: ReportModel, offset: number): ModelBlock | undefined {
  const i = blockIndexAt(model, offset);
  return i < 0 ? undefined : model.blocks[i];
}

/** The registry a document is checked against: its own tables first, then registry files. */
export function registryOf(model: ReportModel): Map<string, RegistryEntry> {
  const map = new Map<string, RegistryEntry>();
  for (const e of model.tableRegistry) if (!map.has(e.id)) map.set(e.id, e);
  for (const e of model.externalRegistry) if (!map.has(e.id)) map.set(e.id, e);
  return map;
}
