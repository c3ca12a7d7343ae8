import type { Span } from './types';
import { append, LineIndex, lineStartsBefore } from './text';
import { splitBlocks, type Block } from './blocks';
import type { AbsentWords, BlockAnalyzer } from './blockAnalyzer';
import type { BlockFacts, CountClaim, DirectiveFact, ExemptSpan, FootnoteDefFact, FootnoteRefFact, LinkFact, TableFacts, TermFact } from './facts';
import { cellOffset, type TableCell } from './facts/tree';
import type { IdCandidate, IdScheme } from './participantIds';
import type { LinkDefinitionFact, LinkReferenceFact } from './linkReferences';
import { fieldsFromRow, ID_HEADER, type RegistryEntry } from './registry';
import { readFrontMatter, type CitationFact, type FrontMatter, type InlineNoteFact } from './pandoc';
import type { ResolvedBibliography } from './citations';
import { SpanIndex } from './spanIndex';
import { citedIds, interviewWidth, mentionsWord } from './participants';

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
  /** Read by the bounded stand-in parser (see BlockFacts.bounded). */
  bounded: boolean;
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
  /**
   * Spans that are not the author's prose (code, URLs, quotations, names, cited titles).
   * Built on first use: the facts the rules read (terms, IDs, counts) already say
   * whether they are exempt, so a check does not pay for thousands of these.
   */
  readonly exempt: ExemptSpan[];
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

// One shifting function per fact type: each object spread then sees one shape of
// object, which V8 copies quickly; a single generic one saw them all and was the
// largest cost of re-checking a long report.
const shiftSpan = (x: Span, by: number): Span => ({ ...x, start: x.start + by, end: x.end + by });
const shiftExempt = (x: ExemptSpan, by: number): ExemptSpan => ({ start: x.start + by, end: x.end + by, reason: x.reason });
const shiftRef = (x: FootnoteRefFact, by: number): FootnoteRefFact => ({ start: x.start + by, end: x.end + by, label: x.label, style: x.style });
const shiftDirective = (x: DirectiveFact, by: number): DirectiveFact => ({ ...x, start: x.start + by, end: x.end + by });
const shiftLinkDef = (x: LinkDefinitionFact, by: number): LinkDefinitionFact => ({ ...x, start: x.start + by, end: x.end + by });
const shiftCell = (x: TableCell, by: number): TableCell =>
  x.pieces
    ? { ...x, start: x.start + by, end: x.end + by, pieces: x.pieces.map((p) => ({ start: p.start + by, end: p.end + by, at: p.at })) }
    : { ...x, start: x.start + by, end: x.end + by };
const shiftTerm = (x: TermFact, by: number): TermFact => ({ ...x, start: x.start + by, end: x.end + by });
/**
 * Written out rather than spread (spreading an object with optional fields is several times
 * slower): every keystroke re-places the citations after the edit, and each bracketed
 * citation is a shortcut link reference too.
 */
function shiftLinkRef(r: LinkReferenceFact, by: number): LinkReferenceFact {
  const shifted: LinkReferenceFact = { start: r.start + by, end: r.end + by, key: r.key, kind: r.kind, image: r.image, textSpan: shiftSpan(r.textSpan, by) };
  if (r.labelSpan) shifted.labelSpan = shiftSpan(r.labelSpan, by);
  return shifted;
}
const shiftCitation = (c: CitationFact, by: number): CitationFact => ({
  start: c.start + by,
  end: c.end + by,
  key: c.key,
  keySpan: { start: c.keySpan.start + by, end: c.keySpan.end + by },
  suppressAuthor: c.suppressAuthor,
  group: c.group && { start: c.group.start + by, end: c.group.end + by },
});

// Written out like shiftLinkRef: footnote definitions and links are the most numerous facts after IDs.
function shiftDef(d: FootnoteDefFact, by: number): FootnoteDefFact {
  return {
    start: d.start + by,
    end: d.end + by,
    label: d.label,
    style: d.style,
    labelSpan: { start: d.labelSpan.start + by, end: d.labelSpan.end + by },
    content: { start: d.content.start + by, end: d.content.end + by },
  };
}
const shiftLink = (l: LinkFact, by: number): LinkFact => ({
  start: l.start + by,
  end: l.end + by,
  url: l.url,
  textSpan: { start: l.textSpan.start + by, end: l.textSpan.end + by },
});

function shiftTable(t: TableFacts, by: number): TableFacts {
  return {
    ...t,
    start: t.start + by,
    end: t.end + by,
    header: t.header.map((c) => shiftCell(c, by)),
    rows: t.rows.map((r) => ({ ...r, start: r.start + by, end: r.end + by, cells: r.cells.map((c) => shiftCell(c, by)) })),
  };
}

/**
 * What a participant table says, without offsets: its header, and per row with an ID
 * cell the row's cells, the fields read from them and the IDs its key defines (each
 * candidate's span relative to the cell). Read once per table of a block's cached facts
 * and ID scheme: a keystroke re-places every table after it, and reading the IDs in
 * every row was most of re-placing a block.
 */
interface TableReading {
  header: string[];
  rows: { index: number; cells: string[]; fields: ReturnType<typeof fieldsFromRow>; keys: { start: number; end: number; ids: string[] }[] }[];
}

const tableReadings = new WeakMap<TableFacts, { scheme: IdScheme; reading: TableReading | undefined }>();

/** The table's reading as a participant table (undefined when it is not one). */
function readParticipantTable(t: TableFacts, scheme: IdScheme): TableReading | undefined {
  const kept = tableReadings.get(t);
  if (kept && kept.scheme === scheme) return kept.reading;
  let reading: TableReading | undefined;
  if (isRegistryTable(t, scheme)) {
    const header = t.header.map((c) => c.text);
    reading = { header, rows: [] };
    t.rows.forEach((row, index) => {
      const idCell = row.cells[0];
      if (!idCell) return;
      const cells = row.cells.map((c) => c.text);
      // A key defines the participants it names with "&" only ("A and B" in a table is not a key).
      // Malformed keys still define a participant (under its canonical spelling) so the
      // rest of the report is checked against the intended table.
      const keys = scheme
        .find(idCell.text)
        .map((c) => scheme.withoutLooseJoin(c))
        .map((cand) => ({ start: cand.start, end: cand.end, ids: scheme.expand(cand.parts) }));
      reading!.rows.push({ index, cells, fields: fieldsFromRow(header, cells), keys });
    });
  }
  tableReadings.set(t, { scheme, reading });
  return reading;
}

function isRegistryTable(t: TableFacts, scheme: IdScheme): boolean {
  if (!t.header.length || !ID_HEADER.test(t.header[0].text)) return false;
  const firstCells = t.rows.map((r) => r.cells[0]?.text ?? '').filter(Boolean);
  if (!firstCells.length) return false;
  // Most first-column cells look like IDs (malformed ones still count: they get reported).
  const idLike = firstCells.filter((c) => scheme.find(c).length > 0).length;
  return idLike * 2 >= firstCells.length;
}

/**
 * What one block adds to the model, in document offsets. It depends only on the
 * block's facts, where the block starts, the ID scheme and whether a quotation was
 * left open before it, so a block that did not move keeps its placement from the
 * previous version (kept by the BlockAnalyzer): a keystroke re-places only the
 * blocks after it. Placed facts are shared between models and never changed.
 */
export interface PlacedBlock {
  facts: BlockFacts;
  scheme: IdScheme;
  quoteOpenBefore: boolean;
  quoteOpenAfter: boolean;
  /** Where a quotation carried over from an earlier block ends in this one (-1: none). */
  carriedQuoteEnd: number;
  block: ModelBlock;
  /** NO_PLACED_FACTS for a block with none (most headings and many paragraphs). */
  placed: PlacedFacts;
}

/** The facts of one block in document offsets, by kind. */
interface PlacedFacts {
  tables: TableFacts[];
  registryTables: RegistryTable[];
  tableRegistry: RegistryEntry[];
  ids: IdToken[];
  gfmRefs: FootnoteRefFact[];
  supRefs: FootnoteRefFact[];
  gfmDefs: FootnoteDefFact[];
  supDefs: FootnoteDefFact[];
  links: LinkFact[];
  linkRefs: LinkReferenceFact[];
  linkDefs: LinkDefinitionFact[];
  directives: DirectiveFact[];
  citations: CitationFact[];
  inlineNotes: InlineNoteFact[];
  counts: CountClaim[];
  terms: TermFact[];
}

/** The block's exempt spans in document offsets (for ReportModel.exempt, on first use). */
function placedExempt(placed: PlacedBlock): ExemptSpan[] {
  const by = placed.block.start;
  const { facts, carriedQuoteEnd } = placed;
  const exempt = facts.exempt.map((e) => shiftExempt(e, by));
  if (carriedQuoteEnd >= 0) exempt.push({ start: by, end: by + carriedQuoteEnd, reason: 'quotation' });
  // A citation key names a cited work; titles inside an inline note are cited works too.
  for (const s of [...facts.pandoc.citations, ...facts.pandoc.noteTitles]) exempt.push({ ...s, start: s.start + by, end: s.end + by, reason: 'cited-title' });
  return exempt;
}

/**
 * One empty array shared by every placement with nothing of a kind: most blocks have
 * no facts of most kinds, and a keystroke re-places every block after it, so a fresh
 * empty array (and a shifting callback) per kind per block was most of the objects a keystroke made.
 * Placements are never changed after they are made (see PlacedBlock).
 */
const NONE: never[] = [];

/** What a block without facts places: re-placing one makes only its PlacedBlock and ModelBlock. */
const NO_PLACED_FACTS: PlacedFacts = {
  tables: NONE,
  registryTables: NONE,
  tableRegistry: NONE,
  ids: NONE,
  gfmRefs: NONE,
  supRefs: NONE,
  gfmDefs: NONE,
  supDefs: NONE,
  links: NONE,
  linkRefs: NONE,
  linkDefs: NONE,
  directives: NONE,
  citations: NONE,
  inlineNotes: NONE,
  counts: NONE,
  terms: NONE,
};

function hasPlaceableFacts(facts: BlockFacts): boolean {
  return (
    facts.tables.length > 0 ||
    facts.ids.length > 0 ||
    facts.gfmRefs.length > 0 ||
    facts.supRefs.length > 0 ||
    facts.gfmDefs.length > 0 ||
    facts.supDefs.length > 0 ||
    facts.links.length > 0 ||
    facts.linkRefs.length > 0 ||
    facts.linkDefs.length > 0 ||
    facts.directives.length > 0 ||
    facts.pandoc.citations.length > 0 ||
    facts.pandoc.inlineNotes.length > 0 ||
    facts.counts.length > 0 ||
    facts.terms.length > 0
  );
}

function placeBlock(facts: BlockFacts, block: Block, scheme: IdScheme, quoteOpenBefore: boolean): PlacedBlock {
  const isProse = !isPageFurniture(facts);
  const carriedQuoteEnd = isProse && quoteOpenBefore ? facts.leadingCloseEnd : -1;
  return {
    facts,
    scheme,
    quoteOpenBefore,
    quoteOpenAfter: isProse ? facts.openQuoteAtEnd : quoteOpenBefore,
    carriedQuoteEnd,
    block: { start: block.start, end: block.end, kind: facts.kind, isSuperscriptDefinition: !!facts.supDef, bounded: facts.bounded },
    placed: hasPlaceableFacts(facts) ? placeFacts(facts, block.start, scheme, carriedQuoteEnd) : NO_PLACED_FACTS,
  };
}

function placeFacts(facts: BlockFacts, by: number, scheme: IdScheme, carriedQuoteEnd: number): PlacedFacts {
  const placed: PlacedFacts = {
    tables: NONE,
    registryTables: NONE,
    tableRegistry: NONE,
    ids: NONE,
    gfmRefs: facts.gfmRefs.length ? facts.gfmRefs.map((r) => shiftRef(r, by)) : NONE,
    supRefs: facts.supRefs.length ? facts.supRefs.map((r) => shiftRef(r, by)) : NONE,
    gfmDefs: facts.gfmDefs.length ? facts.gfmDefs.map((d) => shiftDef(d, by)) : NONE,
    supDefs: facts.supDefs.length ? facts.supDefs.map((d) => shiftDef(d, by)) : NONE,
    links: facts.links.length ? facts.links.map((l) => shiftLink(l, by)) : NONE,
    linkRefs: facts.linkRefs.length ? facts.linkRefs.map((r) => shiftLinkRef(r, by)) : NONE,
    linkDefs: facts.linkDefs.length ? facts.linkDefs.map((d) => shiftLinkDef(d, by)) : NONE,
    directives: facts.directives.length ? facts.directives.map((d) => shiftDirective(d, by)) : NONE,
    citations: NONE,
    inlineNotes: NONE,
    counts: NONE,
    terms: NONE,
  };

  const tableRowKeys: Span[] = [];
  if (facts.tables.length) {
    placed.tables = [];
    placed.registryTables = [];
    placed.tableRegistry = [];
  }
  for (const blockTable of facts.tables) {
    const t = shiftTable(blockTable, by);
    placed.tables.push(t);
    const reading = readParticipantTable(blockTable, scheme);
    if (!reading) continue;
    const { header } = reading;
    const table: RegistryTable = { ...t, entries: [] };
    for (const { index, cells, fields, keys } of reading.rows) {
      const row = t.rows[index];
      const idCell = row.cells[0];
      // A key cell over several lines is its pieces: the other cells between them are not the key.
      if (idCell.pieces) append(tableRowKeys, idCell.pieces);
      else tableRowKeys.push(idCell);
      for (const key of keys) {
        for (const id of key.ids) {
          const entry: RegistryEntry = {
            id,
            ...fields,
            origin: {
              kind: 'table',
              row: { start: row.start, end: row.end },
              idSpan: { start: cellOffset(idCell, key.start), end: cellOffset(idCell, key.end, true) },
              cells,
              header,
            },
          };
          table.entries.push(entry);
          placed.tableRegistry.push(entry);
        }
      }
    }
    placed.registryTables.push(table);
  }

  if (facts.ids.length) placed.ids = [];
  for (const c of facts.ids) {
    const start = c.start + by;
    const end = c.end + by;
    let inRegistryTable = false;
    // A loop, not some(): a callback per ID token is an object per token on every re-placement.
    for (const k of tableRowKeys) if (k.start <= start && end <= k.end) inRegistryTable = true;
    placed.ids.push(
      c.looseJoin
        ? {
            start,
            end,
            raw: c.raw,
            parts: c.parts,
            canonical: c.canonical,
            looseJoin: { end: c.looseJoin.end + by, participants: c.looseJoin.participants },
            inRegistryTable,
          }
        : { start, end, raw: c.raw, parts: c.parts, canonical: c.canonical, inRegistryTable },
    );
  }

  const { pandoc } = facts;
  placed.citations = pandoc.citations.length ? pandoc.citations.map((c) => shiftCitation(c, by)) : NONE;
  placed.inlineNotes = pandoc.inlineNotes.length
    ? pandoc.inlineNotes.map((n) => ({ ...n, start: n.start + by, end: n.end + by, content: shiftSpan(n.content, by) }))
    : NONE;
  if (facts.counts.length) {
    const noteIndex = pandoc.inlineNotes.length ? new SpanIndex(pandoc.inlineNotes) : undefined;
    placed.counts = [];
    // Counts in the end of a quotation begun in an earlier paragraph are the speaker's; in an inline note, a cited study's.
    for (const c of facts.counts)
      if (c.start >= carriedQuoteEnd && !noteIndex?.contains(c))
        placed.counts.push({
          ...c,
          start: c.start + by,
          end: c.end + by,
          numberSpan: shiftSpan(c.numberSpan, by),
          ...(c.digitsSpan ? { digitsSpan: shiftSpan(c.digitsSpan, by) } : {}),
        });
  }
  if (facts.terms.length) {
    const citedTitles = [...pandoc.citations, ...pandoc.noteTitles];
    const citedTitleIndex = citedTitles.length ? new SpanIndex(citedTitles) : undefined;
    placed.terms = [];
    for (const t of facts.terms) {
      const shifted = shiftTerm(t, by);
      if (!shifted.exempt && t.end <= carriedQuoteEnd) shifted.exempt = 'quotation';
      if (!shifted.exempt && citedTitleIndex?.overlaps(t)) shifted.exempt = 'cited-title';
      placed.terms.push(shifted);
    }
  }
  return placed;
}

export function buildModel(text: string, analyzer: BlockAnalyzer, scheme: IdScheme, externalRegistry: RegistryEntry[] = [], documentKey = ''): ReportModel {
  const frontMatter = readFrontMatter(text);
  const bodyStart = frontMatter ? frontMatter.end : 0;
  // The lines of the front matter, then those splitBlocks finds (not where the body starts inside a CRLF).
  const lineStarts = text.charCodeAt(bodyStart - 1) === 13 && text.charCodeAt(bodyStart) === 10 ? undefined : lineStartsBefore(text, bodyStart);
  const blocks = splitBlocks(text, bodyStart, lineStarts);
  const model: ReportModel = {
    text,
    lines: new LineIndex(text, lineStarts),
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
  analyzer.beginPass(documentKey, text.length);
  absentWordsOf.set(model, { absent: analyzer.absentWords, pass: analyzer.absentWords.pass });
  model.frontMatter = frontMatter;
  const placements: PlacedBlock[] = [];
  let exempt: ExemptSpan[] | undefined;
  Object.defineProperty(model, 'exempt', {
    enumerable: true,
    get: () => {
      if (!exempt) {
        exempt = model.frontMatter ? [{ start: model.frontMatter.start, end: model.frontMatter.end, reason: 'code' }] : [];
        for (const placed of placements) append(exempt, placedExempt(placed));
      }
      return exempt;
    },
  });
  const gfmRefs: FootnoteRefFact[] = [];
  const supRefs: FootnoteRefFact[] = [];
  const gfmDefs: FootnoteDefFact[] = [];
  const supDefs: FootnoteDefFact[] = [];
  // A quotation left open at the end of a paragraph continues into the next prose
  // paragraph (a page break split it), skipping footnote definitions in between.
  let quoteOpen = false;

  for (const block of blocks) {
    const facts = analyzer.analyze(block.text, block.start);
    const kept = analyzer.placedAt(block.start);
    const placed: PlacedBlock =
      kept && kept.facts === facts && kept.scheme === scheme && kept.quoteOpenBefore === quoteOpen && kept.block.end === block.end
        ? kept
        : placeBlock(facts, block, scheme, quoteOpen);
    analyzer.keepPlaced(placed);
    placements.push(placed);
    model.blocks.push(placed.block);
    quoteOpen = placed.quoteOpenAfter;
    const f = placed.placed;
    if (f === NO_PLACED_FACTS) continue;
    append(model.tables, f.tables);
    append(model.registryTables, f.registryTables);
    append(model.tableRegistry, f.tableRegistry);
    append(model.ids, f.ids);
    append(gfmRefs, f.gfmRefs);
    append(supRefs, f.supRefs);
    append(gfmDefs, f.gfmDefs);
    append(supDefs, f.supDefs);
    append(model.links, f.links);
    append(model.linkRefs, f.linkRefs);
    append(model.linkDefs, f.linkDefs);
    append(model.directives, f.directives);
    append(model.citations, f.citations);
    append(model.inlineNotes, f.inlineNotes);
    append(model.counts, f.counts);
    append(model.terms, f.terms);
  }
  analyzer.endPass();
  keepLooseJoinsTheRegistryConfirms(model, scheme);

  // Superscript footnotes exist only where at least one superscript definition does,
  // so "m²" in a document without them is never a footnote.
  const usesSuperscript = supDefs.length > 0;
  const usesGfm = gfmDefs.length > 0 || gfmRefs.length > 0;
  model.footnoteStyle = usesSuperscript && usesGfm ? 'mixed' : usesSuperscript ? 'superscript' : usesGfm ? 'gfm' : 'none';
  model.footnoteRefs = usesSuperscript ? [...gfmRefs, ...notesNotPowers(text, supRefs, supDefs)].sort((a, b) => a.start - b.start) : gfmRefs;
  model.footnoteDefs = [...gfmDefs, ...supDefs].sort((a, b) => a.start - b.start);
  return model;
}

/**
 * A superscript right after a digit is a note ("in 2019¹") only when a note of its number
 * exists; otherwise it is a power ("10⁶ files"), which renumbering must not rewrite.
 */
function notesNotPowers(text: string, supRefs: FootnoteRefFact[], supDefs: FootnoteDefFact[]): FootnoteRefFact[] {
  const afterDigit = (r: FootnoteRefFact) => {
    const c = text.charCodeAt(r.start - 1);
    return c >= 48 && c <= 57;
  };
  if (!supRefs.some(afterDigit)) return supRefs;
  const defined = new Set(supDefs.map((d) => d.label));
  return supRefs.filter((r) => defined.has(r.label) || !afterDigit(r));
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

/** Per model, the document's absent words and the pass that built the model. */
const absentWordsOf = new WeakMap<ReportModel, { absent: AbsentWords; pass: number }>();

/**
 * `mentionsWord(model.text, word)`, without reading the whole text again for a word
 * no block of the last version mentioned (see AbsentWords). Outside the blocks there
 * is only the front matter and blank lines, and a block begins and ends at a line
 * end, so a word stands alone in a block exactly when it does in the text.
 */
export function reportMentionsWord(model: ReportModel, word: string): boolean {
  const kept = absentWordsOf.get(model);
  if (!kept || kept.absent.pass !== kept.pass) return mentionsWord(model.text, word);
  const { words } = kept.absent;
  if (words.has(word)) return !!model.frontMatter && mentionsWord(model.text.slice(0, model.frontMatter.end), word);
  const found = mentionsWord(model.text, word);
  if (!found) words.add(word);
  return found;
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
