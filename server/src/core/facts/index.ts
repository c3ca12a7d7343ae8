/**
 * Block text → facts: everything the rules need from one block, with offsets
 * relative to the block. The tree comes from ../parse (whatever route it took);
 * each fact family has its own module here. BlockAnalyzer (../blockAnalyzer.ts)
 * caches the result per block text, and the model (../model.ts) shifts it to
 * document offsets.
 */
import type { IdCandidate, IdScheme } from '../participantIds';
import type { TermMatcher } from '../terminology';
import type { OfficialNameMatcher } from '../officialNames';
import { SpanIndex } from '../spanIndex';
import { parseBlock } from '../parse';
import { treeFacts, type LinkFact, type TableFacts } from './tree';
import { bareUrls, codeLike, quotationsAndNames, type ExemptSpan } from './exempt';
import {
  gfmReferences,
  superscriptDefinitionLabels,
  superscriptDefinitions,
  superscriptLabelsOutside,
  superscriptReferences,
  type FootnoteDefFact,
  type FootnoteRefFact,
} from './footnotes';
import { directiveFacts, type DirectiveFact } from './directives';
import { idFacts } from './ids';
import { countClaims, type CountClaim } from './counts';
import { termFacts, type TermFact } from './terms';
import { pandocFacts, type BlockPandocFacts } from './pandoc';
import { citedTitleSpans, referenceListTitleSpans } from '../citedTitles';
import { identifierSpans } from '../identifiers';
import { findLinkDefinitions, findLinkReferences, type LinkDefinitionFact, type LinkReferenceFact } from '../linkReferences';
import type { Span } from '../types';
import { append } from '../text';
import { texMathSpans } from '../math';

export type { CountClaim, DirectiveFact, ExemptSpan, FootnoteDefFact, FootnoteRefFact, LinkFact, TableFacts, TermFact };
export type { ExemptReason } from './exempt';

export interface BlockFacts {
  text: string;
  /** The type of the block's first node: 'paragraph', 'heading', 'table', 'code', … ('empty' for none). */
  kind: string;
  /** Read by the bounded stand-in parser (parse/bounded.ts), not remark: a fix here could change how it reads. */
  bounded: boolean;
  ids: IdCandidate[];
  tables: TableFacts[];
  gfmRefs: FootnoteRefFact[];
  gfmDefs: FootnoteDefFact[];
  supRefs: FootnoteRefFact[];
  /** The superscript definition the block starts with (the block is a definition). */
  supDef?: FootnoteDefFact;
  /**
   * Every superscript definition in the block: one per line that starts with a
   * superscript number and a space ("¹ Source.\n² Source."), each running to the
   * next such line.
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
  htmlMarkup: Span[];
  /** Quotation state across blocks: see quotes.ts. */
  leadingCloseEnd: number;
  openQuoteAtEnd: boolean;
  /** Pandoc citations, inline notes and the cited titles inside those notes. */
  pandoc: BlockPandocFacts;
}

export interface BlockFactsOptions {
  idScheme: IdScheme;
  terms: TermMatcher;
  names: OfficialNameMatcher;
  /** Parse every block with remark, even plain prose (tests compare both routes). */
  alwaysParse?: boolean;
}

export function analyzeBlock(text: string, options: BlockFactsOptions): BlockFacts {
  const { tree, route } = parseBlock(text, { alwaysParse: options.alwaysParse });
  const kind = tree.children[0]?.type ?? 'empty';
  // Superscript definitions start at line starts of a paragraph; links and emphasis
  // from the first one on are titles of cited works.
  const paragraphs = tree.children.flatMap((c) =>
    c.type === 'paragraph' && c.position?.start.offset !== undefined && c.position.end.offset !== undefined
      ? [{ start: c.position.start.offset, end: c.position.end.offset }]
      : [],
  );
  const labelsAtLineStarts = superscriptDefinitionLabels(text, paragraphs);
  const fromTree = treeFacts(tree, text, labelsAtLineStarts.length ? labelsAtLineStarts[0].start : Infinity);
  const supLabels = superscriptLabelsOutside(labelsAtLineStarts, fromTree.gfmDefs);
  // Bare URLs are not prose, nor are Pandoc attributes and cross-references (identifiers).
  const exempt = [...fromTree.exempt, ...bareUrls(text), ...identifierSpans(text).map((s): ExemptSpan => ({ ...s, reason: 'url' }))];
  // TeX math is not prose either; a `$` inside code or a URL does not open it.
  if (text.includes('$'))
    append(
      exempt,
      texMathSpans(text, new SpanIndex(codeLike(exempt))).map((s): ExemptSpan => ({ ...s, reason: 'math' })),
    );
  const codeLikeSpans = codeLike(exempt);
  const codeLikeIndex = new SpanIndex(codeLikeSpans);

  const directives = directiveFacts(text, new SpanIndex(exempt.filter((e) => e.reason === 'code')));
  // Reference-style links and definitions (not in code or HTML).
  const linkDefs = kind === 'paragraph' || kind === 'definition' ? findLinkDefinitions(text) : [];
  const linkRefs = findLinkReferences(text, codeLikeIndex, linkDefs);
  const labelSpans: ExemptSpan[] = [];
  for (const r of linkRefs) {
    if (r.labelSpan) labelSpans.push({ ...r.labelSpan, reason: 'url' });
    // In `[label][]` the text is the label as well.
    else if (r.kind === 'collapsed') labelSpans.push({ ...r.textSpan, reason: 'url' });
  }
  append(exempt, labelSpans);
  // The label of `[text][label]` and `[label][]` names a link definition: an ID there is not a citation, and respelling it breaks the link.
  const ids = idFacts(text, options.idScheme, labelSpans.length ? new SpanIndex([...codeLikeSpans, ...labelSpans]) : codeLikeIndex);
  const gfmRefs = gfmReferences(text, fromTree.gfmDefs, codeLikeIndex);
  const supDefs = superscriptDefinitions(
    text,
    supLabels,
    fromTree.gfmDefs.map((d) => d.start),
  );
  // Titles of cited works written as plain text: by the structure of the reference.
  for (const d of [...fromTree.gfmDefs, ...supDefs])
    for (const s of citedTitleSpans(text, d.content.start, d.content.end)) exempt.push({ ...s, reason: 'cited-title' });
  if (kind === 'paragraph' || kind === 'list') for (const s of referenceListTitleSpans(text)) exempt.push({ ...s, reason: 'cited-title' });
  const supRefs = superscriptReferences(text, supLabels, codeLikeIndex);

  // Text between HTML tags (a <figcaption>) may quote someone too: only the markup is skipped.
  const quoteSkip = fromTree.htmlMarkup.length ? [...codeLikeSpans.filter((e) => e.reason !== 'html'), ...fromTree.htmlMarkup] : codeLikeSpans;
  const quotations = quotationsAndNames(text, quoteSkip, options.names);
  append(exempt, quotations.exempt);

  const counts =
    kind === 'table'
      ? []
      : countClaims(text, codeLikeIndex, () => new SpanIndex([...exempt.filter((e) => e.reason === 'quotation'), ...fromTree.gfmDefs, ...supDefs]));

  return {
    text,
    kind,
    bounded: route === 'bounded',
    ids,
    tables: fromTree.tables,
    gfmRefs,
    gfmDefs: fromTree.gfmDefs,
    supRefs,
    supDef: supDefs[0]?.start === 0 ? supDefs[0] : undefined,
    supDefs,
    links: fromTree.links,
    linkRefs,
    linkDefs,
    directives,
    counts,
    terms: termFacts(text, options.terms, exempt, fromTree.htmlMarkup),
    exempt,
    htmlMarkup: fromTree.htmlMarkup,
    leadingCloseEnd: quotations.leadingCloseEnd,
    openQuoteAtEnd: quotations.openQuoteAtEnd,
    pandoc: pandocFacts(text, kind, codeLikeIndex),
  };
}
