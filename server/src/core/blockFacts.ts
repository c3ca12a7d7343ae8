import type { Nodes, Root, Table } from 'mdast';
import type { Span } from './types';
import { parseMarkdown } from './markdown';
import { simpleParagraph } from './simpleParagraph';
import { simpleTable } from './simpleTable';
import type { IdCandidate, IdScheme } from './participantIds';
import type { TermMatch, TermMatcher } from './terminology';
import type { OfficialNameMatcher } from './officialNames';
import { scanQuotes } from './quotes';
import { SpanIndex } from './spanIndex';
import { citedTitleSpans, referenceListTitleSpans } from './citedTitles';
import { identifierSpans } from './identifiers';
import { GROUP_NOUN, groupOf } from './respondentGroups';
import { findLinkDefinitions, findLinkReferences, type LinkDefinitionFact, type LinkReferenceFact } from './linkReferences';

/** Why the words in a span are not the author's own (terminology stays silent there). */
export type ExemptReason = 'code' | 'url' | 'quotation' | 'mention' | 'official-name' | 'cited-title' | 'html';

export interface ExemptSpan extends Span {
  reason: ExemptReason;
}

export interface TableCell extends Span {
  text: string;
}

export interface TableFacts extends Span {
  header: TableCell[];
  rows: (Span & { cells: TableCell[] })[];
}

export interface FootnoteRefFact extends Span {
  label: string;
  style: 'gfm' | 'superscript';
}

export interface FootnoteDefFact extends Span {
  label: string;
  style: 'gfm' | 'superscript';
  /** The label as written (`[^1]` or `¹`). */
  labelSpan: Span;
  /** The definition's text after the label. */
  content: Span;
}

export interface LinkFact extends Span {
  url: string;
  textSpan: Span;
}

export interface DirectiveFact extends Span {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  rules: string[];
}

export interface CountClaim extends Span {
  what: 'interviews' | 'participants';
  value: number;
  /** The number as written. */
  numberSpan: Span;
  /** The same number in digits after the word ("twelve (12)"): a fix changes both. */
  digitsSpan?: Span;
  /** The respondent group the count is of ("caregivers"): see respondentGroups.ts. */
  group?: string;
}

export interface TermFact extends TermMatch {
  /** Set when the words are not the author's own. */
  exempt?: ExemptReason;
}

/**
 * Everything the rules need from one block, with offsets relative to the block.
 * Computed once per distinct block text and reused while the text is unchanged.
 */
export interface BlockFacts {
  text: string;
  kind: string;
  ids: IdCandidate[];
  /** IDs that sit in a table (possible registry rows), keyed by table index. */
  tables: TableFacts[];
  gfmRefs: FootnoteRefFact[];
  gfmDefs: FootnoteDefFact[];
  supRefs: FootnoteRefFact[];
  /** The superscript definition the block starts with (the block is a definition). */
  supDef?: FootnoteDefFact;
  /**
   * Every superscript definition in the block: one per line that starts with a
   * superscript number and a space ("¹ Source.\n² Source."), each running to the
   * next such line. Pastes from Word and PDF often put them on consecutive lines.
   */
  supDefs: FootnoteDefFact[];
  links: LinkFact[];
  /** Reference-style links (`[text][id]`, `[text][]`, `[text]`) and link definitions, matched by the model. */
  linkRefs: LinkReferenceFact[];
  linkDefs: LinkDefinitionFact[];
  directives: DirectiveFact[];
  counts: CountClaim[];
  terms: TermFact[];
  exempt: ExemptSpan[];
  /** Tags, comments and code elements of HTML nodes (their text and alt attributes are prose). */
  htmlMarkup?: Span[];
  /** Quotation state across blocks: see quotes.ts. */
  leadingCloseEnd: number;
  openQuoteAtEnd: boolean;
}

export interface BlockAnalyzerOptions {
  idScheme: IdScheme;
  terms: TermMatcher;
  names: OfficialNameMatcher;
  /** Parse every block with remark, even plain prose (tests compare both paths). */
  alwaysParse?: boolean;
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUP_RUN = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
/** A number and a length unit just before ² or ³ ("40 m", "1,200 km"). */
const AREA_UNIT_BEFORE = /\d[ \u00A0]?(?:[kcmµ]?m|ft|in|mi|yd)$/u;
const SUP_DEF_LINE = /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?=[ \t\u00A0])/m;
const SUP_DEF_LINES = /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?=[ \t\u00A0])/gm;
const GFM_REF = /\[\^([^\]\s]+)\]/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()\]]+/g;
const DIRECTIVE = /<!--\s*report-lint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

export function superscriptToNumber(s: string): string {
  return [...s].map((c) => String(SUPERSCRIPT_DIGITS.indexOf(c))).join('');
}

export function numberToSuperscript(n: number | string): string {
  return String(n)
    .split('')
    .map((d) => SUPERSCRIPT_DIGITS[Number(d)] ?? d)
    .join('');
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90,
};

/** "12", "twelve", "twenty-one" → number. */
export function parseCount(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  if (w in NUMBER_WORDS) return NUMBER_WORDS[w];
  const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s]?(one|two|three|four|five|six|seven|eight|nine)$/.exec(w);
  return m ? NUMBER_WORDS[m[1]] + NUMBER_WORDS[m[2]] : undefined;
}

const NUM = '(\\d{1,4}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:(?:-\\s*|\\s+)(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
/** "twelve (12)": the number again in digits. */
const PAREN = '(?:\\s*\\((\\d{1,4})\\))?';
const PEOPLE = '(?:participants|respondents|interviewees|key\\s+informants|informants)';
const INTERVIEW_KIND = '(?:(?:semi-structured|structured|key\\s+informant|in-depth|individual|face-to-face|qualitative|follow-up|online|remote|telephone)\\s+)?';
/** "the three participants from the police", "…who", "…were female": a part of the sample, not its size. */
const NOT_A_PART = '(?!\\s+(?:from|who|whom|in(?!\\s+(?:this|the|our)\\s+(?:study|research|sample|assessment))|at|of|working|representing|with|said|reported|described|mentioned|noted|were\\s+(?:from|female|male|women|men|girls|boys|aged|under|over))\\b)';
/**
 * Only claims about the size of the sample: "11 interviews", "three (3) interviews",
 * "a total of 12 participants", "12 participants were interviewed", "twelve (12)
 * participants", "the ten participants", "all ten participants", "of the eleven
 * respondents", "key informants". "Three participants from activity four" and
 * "the two participants who…" describe a part of it and are not read. A number may
 * be split by a line break ("twenty-\none"). Group 1 is the number, group 2 the
 * same number in digits after a word ("twelve (12)").
 */
const COUNT_PATTERNS: { re: RegExp; what: CountClaim['what']; keyword: RegExp }[] = [
  { re: new RegExp(`(?<![\\p{L}\\p{N}])${NUM}${PAREN}\\s+${INTERVIEW_KIND}interviews\\b`, 'giu'), what: 'interviews', keyword: /interviews/iu },
  { re: new RegExp(`\\btotal\\s+of\\s+${NUM}${PAREN}\\s+(?:key\\s+informant\\s+)?${PEOPLE}\\b`, 'giu'), what: 'participants', keyword: /total/iu },
  { re: new RegExp(`(?<![\\p{L}\\p{N}])${NUM}${PAREN}\\s+${PEOPLE}\\s+(?:were\\s+)?interviewed\\b`, 'giu'), what: 'participants', keyword: /interviewed/iu },
  { re: new RegExp(`\\b(?:all\\s+(?:of\\s+)?the|all|of\\s+the|the)\\s+${NUM}${PAREN}\\s+${PEOPLE}\\b${NOT_A_PART}`, 'giu'), what: 'participants', keyword: /\b(?:the|all)\s/iu },
  { re: new RegExp(`(?<![\\p{L}\\p{N}])${NUM}\\s*\\((\\d{1,4})\\)\\s+${PEOPLE}\\b${NOT_A_PART}`, 'giu'), what: 'participants', keyword: /\(\d/u },
  // A group ("twelve caregivers were interviewed", "interviews with 12 police officers"): group 3 is the noun.
  { re: new RegExp(`(?<![\\p{L}\\p{N}])${NUM}${PAREN}\\s+(${GROUP_NOUN})\\s+(?:were\\s+)?interviewed\\b`, 'giu'), what: 'participants', keyword: /interviewed/iu },
  { re: new RegExp(`\\binterviews?\\s+with\\s+(?:a\\s+total\\s+of\\s+)?${NUM}${PAREN}\\s+(${GROUP_NOUN})(?![\\p{L}])${NOT_A_PART}`, 'giu'), what: 'participants', keyword: /interviews?\s+with/iu },
];

/**
 * Most blocks of a report are plain prose paragraphs. A block with none of the
 * characters or line starts below can only parse to a single paragraph whose
 * inline content (emphasis at most) gives the rules no facts, so remark — the
 * dominant cost on large reports — is skipped for it. Superscript footnote
 * definitions always parse: emphasis inside them marks cited titles.
 * test/core/fast-path.test.ts checks this against a full parse.
 */
const MARKDOWN_SYNTAX = /[`<[\]|\\~]/;
const BLOCK_START = /^(?: {0,3}(?:[#>]|[-*+_=]+[ \t]*$|[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$))| {4}|\t)/m;
/** A block that is one ATX heading line ("## Findings"); "#hashtag" is a paragraph. */
const ATX_HEADING_LINE = /^ {0,3}#{1,6}(?:[ \t][^\n]*)?$/;

/**
 * The tree of a block remark need not see: plain prose is one paragraph, and a
 * lone heading line without inline syntax is one heading (the rules take nothing
 * from either but their kind); a paragraph with one plain link, such as most
 * footnote definitions, and a plain table are built directly (simpleParagraph.ts,
 * simpleTable.ts). Undefined when the block needs a real parse.
 */
function treeWithoutParsing(text: string): Root | undefined {
  if (MARKDOWN_SYNTAX.test(text) || SUP_DEF_LINE.test(text)) return simpleParagraph(text) ?? simpleTable(text);
  if (!BLOCK_START.test(text)) return singleNode('paragraph', text);
  if (ATX_HEADING_LINE.test(text)) return singleNode('heading', text);
  return undefined;
}

/**
 * micromark is quadratic on some inputs: a paragraph of thousands of `[` or `[^1]`
 * took minutes at 500 KB. Nobody writes a 50 000-character paragraph (or one with
 * 5 000 brackets), so such a block is pasted data or a damaged file and is not
 * given to remark: after an opening fence it is code, an HTML comment stays HTML,
 * a table is still parsed (linear), and anything else is read as one plain
 * paragraph, in which IDs, terms and footnote references are still found by their
 * patterns.
 */
const MAX_PARSED_BLOCK = 50_000;
/** Label brackets make micromark quadratic well below that size (10 000 `[` took seconds). */
const MAX_PARSED_BRACKETS = 5_000;

function tooManyBrackets(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) if (++count > MAX_PARSED_BRACKETS) return true;
  return false;
}

const TABLE_DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function startsWithTable(text: string): boolean {
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0 || !text.slice(0, headerEnd).includes('|')) return false;
  const delimiterEnd = text.indexOf('\n', headerEnd + 1);
  const delimiter = text.slice(headerEnd + 1, delimiterEnd < 0 ? text.length : delimiterEnd);
  return delimiter.length < 10_000 && TABLE_DELIMITER_ROW.test(delimiter);
}

function treeOfHugeBlock(text: string): Root | undefined {
  if ((text.length <= MAX_PARSED_BLOCK && !tooManyBrackets(text)) || startsWithTable(text)) return undefined;
  const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: text.length } };
  if (/^ {0,3}(?:`{3,}|~{3,})/.test(text)) return { type: 'root', children: [{ type: 'code', value: '', position }], position };
  if (/^ {0,3}<!--/.test(text)) return { type: 'root', children: [{ type: 'html', value: '', position }], position };
  return singleNode('paragraph', text);
}

export function needsMarkdownParse(text: string): boolean {
  return treeWithoutParsing(text) === undefined;
}

function singleNode(type: 'paragraph' | 'heading', text: string): Root {
  const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: text.length } };
  const node = type === 'heading' ? { type, depth: 1 as const, children: [], position } : { type, children: [], position };
  return { type: 'root', children: [node], position };
}

function pos(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Span | undefined {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? undefined : { start: s, end: e };
}

function overlapsAny(spans: Span[], s: Span): boolean {
  return spans.some((x) => x.start < s.end && s.start < x.end);
}

export class BlockAnalyzer {
  /** Per document: the facts of the blocks its last version had, by block text. */
  private readonly caches = new Map<string, Map<string, BlockFacts>>();
  private previous = new Map<string, BlockFacts>();
  private current = new Map<string, BlockFacts>();
  /** How many blocks the last pass had to parse (for tests and benchmarks). */
  parsedInLastPass = 0;

  constructor(private readonly opts: BlockAnalyzerOptions) {}

  /**
   * Starts a pass over one version of a document. Blocks of the previous version
   * of the same document are reused by text; what the new version no longer has
   * is dropped at `endPass`, so memory follows the open documents, not history.
   */
  beginPass(documentKey: string): void {
    this.previous = this.caches.get(documentKey) ?? new Map();
    this.current = new Map();
    this.caches.set(documentKey, this.current);
    this.parsedInLastPass = 0;
  }

  endPass(): void {
    this.previous = new Map();
  }

  /** Drops what is kept for a document (it was closed). */
  forget(documentKey: string): void {
    this.caches.delete(documentKey);
  }

  analyze(text: string): BlockFacts {
    let facts = this.current.get(text) ?? this.previous.get(text);
    if (!facts) {
      facts = this.analyzeUncached(text);
      this.parsedInLastPass++;
    }
    this.current.set(text, facts);
    return facts;
  }

  analyzeUncached(text: string): BlockFacts {
    const tree = treeOfHugeBlock(text) ?? ((!this.opts.alwaysParse && treeWithoutParsing(text)) || parseMarkdown(text));
    const facts: BlockFacts = {
      text,
      kind: tree.children[0]?.type ?? 'empty',
      ids: [],
      tables: [],
      gfmRefs: [],
      gfmDefs: [],
      supRefs: [],
      supDefs: [],
      links: [],
      linkRefs: [],
      linkDefs: [],
      directives: [],
      counts: [],
      terms: [],
      exempt: [],
      leadingCloseEnd: -1,
      openQuoteAtEnd: false,
    };
    // Superscript definitions start at line starts of a paragraph; links and emphasis
    // from the first one on are titles of cited works.
    const supDefLabels: { start: number; end: number; label: string }[] = [];
    if (facts.kind === 'paragraph' && SUP_DEF_LINE.test(text)) {
      SUP_DEF_LINES.lastIndex = 0;
      for (let m = SUP_DEF_LINES.exec(text); m; m = SUP_DEF_LINES.exec(text)) supDefLabels.push({ start: m.index, end: m.index + m[0].length, label: superscriptToNumber(m[0]) });
    }
    this.walk(tree, facts, supDefLabels.length ? supDefLabels[0].start : Infinity);

    // Bare URLs are not prose, nor are Pandoc attributes and cross-references (identifiers).
    URL.lastIndex = 0;
    for (let m = URL.exec(text); m; m = URL.exec(text)) facts.exempt.push({ start: m.index, end: m.index + m[0].length, reason: 'url' });
    for (const s of identifierSpans(text)) facts.exempt.push({ ...s, reason: 'url' });

    const codeLike = facts.exempt.filter((e) => e.reason === 'code' || e.reason === 'url' || e.reason === 'html');
    const codeLikeIndex = new SpanIndex(codeLike);

    // Inline directives live in HTML comments.
    DIRECTIVE.lastIndex = 0;
    const codeSpans = facts.exempt.filter((e) => e.reason === 'code');
    for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
      // A directive shown in code (documentation about the linter) does not apply.
      if (overlapsAny(codeSpans, { start: m.index, end: m.index + m[0].length })) continue;
      const rules = m[2].split(/[\s,]+/).filter(Boolean);
      facts.directives.push({ start: m.index, end: m.index + m[0].length, kind: m[1] as DirectiveFact['kind'], rules });
    }

    // Reference-style links and definitions (not in code or HTML).
    if (facts.kind === 'paragraph' || facts.kind === 'definition') facts.linkDefs = findLinkDefinitions(text);
    facts.linkRefs = findLinkReferences(text, codeLikeIndex, facts.linkDefs);
    for (const r of facts.linkRefs) if (r.labelSpan) facts.exempt.push({ ...r.labelSpan, reason: 'url' });

    // Participant IDs anywhere but code and URLs.
    for (const c of this.opts.idScheme.find(text)) if (!codeLikeIndex.overlaps(c)) facts.ids.push(c);

    // Footnote references, both styles, outside code. A GFM reference is found in the
    // text even when remark left it as text for want of a definition in this block.
    GFM_REF.lastIndex = 0;
    const definitionLabelStarts = new Set(facts.gfmDefs.map((d) => d.labelSpan.start));
    for (let m = GFM_REF.exec(text); m; m = GFM_REF.exec(text)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (codeLikeIndex.contains(span)) continue;
      if (definitionLabelStarts.has(span.start)) continue;
      facts.gfmRefs.push({ ...span, label: m[1], style: 'gfm' });
    }
    supDefLabels.forEach((label, i) => {
      let end = i + 1 < supDefLabels.length ? supDefLabels[i + 1].start : text.length;
      while (end > label.end && /\s/.test(text[end - 1])) end--;
      let contentStart = label.end;
      while (/[ \t\u00A0]/.test(text[contentStart] ?? '')) contentStart++;
      facts.supDefs.push({ start: label.start, end, label: label.label, style: 'superscript', labelSpan: { start: label.start, end: label.end }, content: { start: contentStart, end } });
    });
    if (facts.supDefs[0]?.start === 0) facts.supDef = facts.supDefs[0];
    // Titles of cited works written as plain text: by the structure of the reference.
    for (const d of [...facts.gfmDefs, ...facts.supDefs]) for (const s of citedTitleSpans(text, d.content.start, d.content.end)) facts.exempt.push({ ...s, reason: 'cited-title' });
    if (facts.kind === 'paragraph' || facts.kind === 'list') for (const s of referenceListTitleSpans(text)) facts.exempt.push({ ...s, reason: 'cited-title' });
    const supDefLabelStarts = new Set(supDefLabels.map((l) => l.start));
    SUP_RUN.lastIndex = 0;
    for (let m = SUP_RUN.exec(text); m; m = SUP_RUN.exec(text)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (supDefLabelStarts.has(span.start)) continue;
      const before = text[span.start - 1];
      // A reference is attached to the text before it ("report,¹"), never free-standing.
      if (before === undefined || /\s/.test(before)) continue;
      // "40 m²", "2 km²", "5 cm³" are units, not footnotes.
      if (/^[²³]$/.test(m[0]) && AREA_UNIT_BEFORE.test(text.slice(Math.max(0, span.start - 24), span.start))) continue;
      if (codeLikeIndex.contains(span)) continue;
      facts.supRefs.push({ ...span, label: superscriptToNumber(m[0]), style: 'superscript' });
    }

    // Quotations and mentions; official names.
    const q = scanQuotes(text, codeLike);
    for (const s of q.quotes) facts.exempt.push({ ...s, reason: 'quotation' });
    for (const s of q.mentions) facts.exempt.push({ ...s, reason: 'mention' });
    facts.leadingCloseEnd = q.leadingCloseEnd;
    facts.openQuoteAtEnd = q.openAtEnd;
    for (const n of this.opts.names.find(text)) facts.exempt.push({ start: n.start, end: n.end, reason: 'official-name' });

    // Counts stated in prose. A pattern runs only where its keyword occurs: the
    // patterns are slow to try at every position of every paragraph.
    if (facts.kind !== 'table') {
      // A number in a quotation or a footnote definition is someone else's (a cited study's), not this study's total.
      let othersWords: SpanIndex | undefined;
      for (const { re, what, keyword } of COUNT_PATTERNS) {
        if (!keyword.test(text)) continue;
        othersWords ??= new SpanIndex([...facts.exempt.filter((e) => e.reason === 'quotation'), ...facts.gfmDefs, ...facts.supDefs]);
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const value = parseCount(m[1].replace(/[-\s]+/g, '-'));
          // A year ("the 2019 participants") is not a count.
          if (value === undefined || (value >= 1900 && value <= 2100)) continue;
          const numStart = m.index + m[0].indexOf(m[1]);
          const span = { start: m.index, end: m.index + m[0].length };
          if (codeLikeIndex.contains(span) || othersWords.overlaps(span)) continue;
          // Two patterns may read the same number ("a total of 12 participants were interviewed").
          if (facts.counts.some((c) => c.numberSpan.start === numStart && c.what === what)) continue;
          const digitsStart = m[2] === undefined ? -1 : m.index + m[0].indexOf(`(${m[2]})`, numStart - m.index + m[1].length) + 1;
          const group = m[3] === undefined ? undefined : groupOf(m[3]);
          facts.counts.push({ ...span, what, value, numberSpan: { start: numStart, end: numStart + m[1].length }, ...(m[2] !== undefined ? { digitsSpan: { start: digitsStart, end: digitsStart + m[2].length } } : {}), ...(group ? { group } : {}) });
        }
      }
    }

    // Terminology, with the reason a match is not the author's own: the first reason in
    // this order with a span overlapping the match (an official name must contain it).
    const matches = this.opts.terms.match(text);
    if (matches.length) {
      const order: ExemptReason[] = ['code', 'url', 'html', 'cited-title', 'official-name', 'mention', 'quotation'];
      // Text between HTML tags (a <figcaption>, alt text) is the author's: only markup is exempt.
      const spansOf = (reason: ExemptReason) => (reason === 'html' ? (facts.htmlMarkup ?? []) : facts.exempt.filter((e) => e.reason === reason));
      const byReason = order.map((reason) => ({ reason, spans: new SpanIndex(spansOf(reason)) }));
      for (const t of matches) {
        const hit = byReason.find(({ reason, spans }) => (reason === 'official-name' ? spans.contains(t) : spans.overlaps(t)));
        facts.terms.push(hit ? { ...t, exempt: hit.reason } : t);
      }
    }
    return facts;
  }

  /** `supDefFrom`: offset where superscript definitions begin (Infinity: none). */
  private walk(root: Root, facts: BlockFacts, supDefFrom: number): void {
    const visit = (node: Nodes, inGfmDefinition: boolean) => {
      const span = pos(node);
      const inDefinition = inGfmDefinition || (span !== undefined && span.start >= supDefFrom);
      switch (node.type) {
        case 'code':
        case 'inlineCode':
          if (span) facts.exempt.push({ ...span, reason: 'code' });
          return;
        case 'html':
          // The whole node stays out of ID, footnote and count searches (HTML tables from Pandoc are
          // not the registry's); for terminology only its markup is exempt: see htmlMarkup.
          if (span) {
            facts.exempt.push({ ...span, reason: 'html' });
            (facts.htmlMarkup ??= []).push(...htmlMarkupSpans(facts.text, span));
          }
          return;
        case 'definition':
          // `[label]: destination "title"`: an address, not prose.
          if (span) facts.exempt.push({ ...span, reason: 'url' });
          return;
        case 'blockquote':
          if (span) facts.exempt.push({ ...span, reason: 'quotation' });
          break;
        case 'footnoteDefinition': {
          if (span) {
            const raw = facts.text.slice(span.start, span.end);
            const labelLen = raw.indexOf(']:') + 2;
            let contentStart = span.start + labelLen;
            while (/[ \t]/.test(facts.text[contentStart] ?? '')) contentStart++;
            facts.gfmDefs.push({
              ...span,
              label: node.label ?? node.identifier,
              style: 'gfm',
              labelSpan: { start: span.start, end: span.start + labelLen - 1 },
              content: { start: contentStart, end: span.end },
            });
          }
          for (const c of node.children) visit(c, true);
          return;
        }
        case 'link':
        case 'image':
        case 'linkReference':
        case 'imageReference': {
          if (span) {
            const children = 'children' in node ? node.children : [];
            const first = children.length ? pos(children[0]) : undefined;
            const last = children.length ? pos(children[children.length - 1]) : undefined;
            const textSpan = first && last ? { start: first.start, end: last.end } : { start: span.start + 1, end: span.start + 1 };
            if (node.type === 'link') facts.links.push({ ...span, url: node.url, textSpan });
            if (inDefinition) facts.exempt.push({ ...span, reason: 'cited-title' });
            else if (node.type === 'image' || node.type === 'imageReference') {
              // Alt text is the author's words (Pandoc shows it as the figure's caption), and so
              // is a title; only the destination or reference label is not prose.
              for (const s of imageTargetSpans(facts.text, span)) facts.exempt.push({ ...s, reason: 'url' });
            } else {
              // The destination is not prose; the link text is.
              if (textSpan.end < span.end) facts.exempt.push({ start: textSpan.end, end: span.end, reason: 'url' });
            }
          }
          if ('children' in node) for (const c of node.children) visit(c as Nodes, inGfmDefinition);
          return;
        }
        case 'emphasis':
        case 'strong':
          if (inDefinition && span) facts.exempt.push({ ...span, reason: 'cited-title' });
          break;
        case 'table':
          if (span) facts.tables.push(tableFacts(node, span, facts.text));
          break;
        default:
          break;
      }
      if ('children' in node) for (const c of node.children) visit(c as Nodes, inGfmDefinition);
    };
    for (const c of root.children) visit(c, false);
  }
}

/** Elements whose content is not prose. */
const CODE_ELEMENTS = new Set(['script', 'style', 'code', 'pre', 'kbd', 'samp', 'textarea']);
const TAG_START = /^<(?:(\/?)([A-Za-z][A-Za-z0-9-]*)|[!?])/;
const ALT_ATTRIBUTE = /\b(?:alt|title)\s*=\s*("[^"]*"|'[^']*')/gi;
/** The last block text lowercased (the HTML nodes of one block share it). */
let lowered = { text: '', lower: '' };

/**
 * The markup of an HTML node: tags, comments and code elements. Text between tags
 * (a `<figcaption>`, a `<p>`) and the alt text and title of an element are the
 * author's words and are checked like prose. Linear in the text: each search for a
 * closing `>`, `-->` or `</code` is remembered, so a block of unclosed `<` (hostile
 * input) is not scanned once per `<`.
 */
function htmlMarkupSpans(text: string, span: Span): Span[] {
  const out: Span[] = [];
  const found = new Map<string, number>();
  /** The first `needle` at or after `from` (remembered while it stays ahead). */
  const next = (needle: string, from: number, haystack = text) => {
    const known = found.get(needle);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const at = haystack.indexOf(needle, from);
    found.set(needle, at);
    return at;
  };
  for (let i = span.start; i < span.end; ) {
    const at = text.indexOf('<', i);
    if (at < 0 || at >= span.end) break;
    if (text.startsWith('<!--', at)) {
      const close = next('-->', at + 4);
      const end = close < 0 ? span.end : Math.min(span.end, close + 3);
      out.push({ start: at, end });
      i = end;
      continue;
    }
    const head = TAG_START.exec(text.slice(at, at + 64));
    const gt = head ? next('>', at) : -1;
    if (!head || gt < 0) {
      i = at + 1;
      continue;
    }
    let end = Math.min(span.end, gt + 1);
    const name = head[2]?.toLowerCase();
    if (name && !head[1] && CODE_ELEMENTS.has(name)) {
      // A code element runs to its closing tag, also when that tag is a later inline node.
      if (lowered.text !== text) lowered = { text, lower: text.toLowerCase() };
      const close = next(`</${name}`, gt + 1, lowered.lower);
      const closeEnd = close < 0 ? -1 : text.indexOf('>', close);
      end = closeEnd < 0 ? span.end : closeEnd + 1;
      out.push({ start: at, end });
      i = end;
      continue;
    }
    let from = at;
    if (name && !head[1]) {
      // Leave the values of alt and title attributes out of the exempt markup.
      ALT_ATTRIBUTE.lastIndex = 0;
      const tag = text.slice(at, end);
      for (let a = ALT_ATTRIBUTE.exec(tag); a; a = ALT_ATTRIBUTE.exec(tag)) {
        const valueStart = at + a.index + a[0].length - a[1].length + 1;
        out.push({ start: from, end: valueStart });
        from = valueStart + a[1].length - 2;
      }
    }
    out.push({ start: from, end });
    i = end;
  }
  return out.length ? out : [{ ...span }];
}

/**
 * The parts of an image that are not prose: `(destination` of `![alt](destination "title")`
 * and `[label]` of `![alt][label]`. The alt text and the title are the author's words.
 */
function imageTargetSpans(text: string, span: Span): Span[] {
  // The alt text ends at the bracket that closes the one after "!" (brackets may nest).
  let depth = 0;
  let altEnd = -1;
  for (let i = span.start + 1; i < span.end; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) {
      altEnd = i;
      break;
    }
  }
  if (altEnd < 0) return [{ ...span }];
  const rest = text.slice(altEnd + 1, span.end);
  if (rest.startsWith('(')) {
    const destination = /^\(\s*(?:<[^<>\n]*>|[^\s)]*)/.exec(rest)!;
    return [{ start: altEnd, end: altEnd + 1 + destination[0].length }, { start: span.end - 1, end: span.end }];
  }
  return [{ start: altEnd, end: span.end }];
}

function tableFacts(node: Table, span: Span, text: string): TableFacts {
  const rows = node.children.map((row) => {
    const rowSpan = pos(row) ?? span;
    const cells = row.children.map((cell) => {
      const s = pos(cell) ?? rowSpan;
      // Cell positions include the pipes and padding; keep the trimmed content.
      let a = s.start;
      let b = s.end;
      while (a < b && /[|\s]/.test(text[a])) a++;
      while (b > a && /[|\s]/.test(text[b - 1])) b--;
      return { start: a, end: b, text: text.slice(a, b) };
    });
    return { ...rowSpan, cells };
  });
  const [header, ...body] = rows;
  return { ...span, header: header?.cells ?? [], rows: body };
}
