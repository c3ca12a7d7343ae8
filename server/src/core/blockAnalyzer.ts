import { analyzeBlock, type BlockFacts, type BlockFactsOptions } from './facts';
import type { PlacedBlock } from './model';
import { mentionsWord } from './participants';

/**
 * The text as a string of its own. A block's text is a slice of the document, and V8
 * keeps a slice's whole parent alive: the facts kept for a block (its text, and the
 * IDs, labels and cells sliced from it) held on to the whole document of the version
 * the block was first seen in, one copy of a 1 MB report per edited block.
 */
function ownCopy(text: string): string {
  // Concatenation then slice makes V8 flatten into a new string of the block's length alone.
  return (' ' + text).slice(1);
}

/**
 * Words (country names) that no block of a document's last pass mentions standing
 * alone. A check asks whether the report names each country of its registry; most
 * it does not, and each such answer read the whole text, twenty times per keystroke
 * on a 1 MB report. A block of the next pass either has the text of a block of this
 * pass (found where it stood) or is checked for the words here, so the answers
 * carry over without reading the unchanged blocks again.
 */
export interface AbsentWords {
  /** The pass the set is true for: a model from another pass does not use it. */
  pass: number;
  words: Set<string>;
}

/** Words kept per document: they are a few dozen country names, so this only guards against a runaway caller. */
const MAX_ABSENT_WORDS = 2000;

/** What is kept of a document's last version. */
interface DocumentCache {
  /** The facts of blocks seen, by block text: blocks that move or come back are not analysed again. */
  byText: Map<string, BlockFacts>;
  /** Each block's placement in the model (see model.ts), in document order. */
  placed: PlacedBlock[];
  textLength: number;
  absent: AbsentWords;
}

/**
 * The facts of each block, cached by block text: a keystroke changes one block, so
 * re-checking a document re-analyses only that one (see blocks.ts for why blocks
 * can be analysed on their own). A block is first looked for where it stood in
 * the previous version (same start, or shifted by the change in length), which
 * compares its text instead of hashing every block of a long report per keystroke.
 */
export class BlockAnalyzer {
  private readonly caches = new Map<string, DocumentCache>();
  private document: DocumentCache = { byText: new Map(), placed: [], textLength: 0, absent: { pass: 0, words: new Set() } };
  private passes = 0;
  /**
   * The previous pass's placements, in document order, read with two cursors: blocks come
   * in order, so the one that stood at the same start (before the edit) and the one at the
   * start shifted by the change in length (after it) are found without a map of every block.
   */
  private previousPlaced: PlacedBlock[] = [];
  private sameStart = 0;
  private shiftedStart = 0;
  /** How much longer this version is than the previous one. */
  private lengthChange = 0;
  private blocksThisPass = 0;
  /** How many blocks the last pass had to analyse (for tests and benchmarks). */
  parsedInLastPass = 0;

  constructor(private readonly options: BlockFactsOptions) {}

  /**
   * Starts a pass over one version of a document. Blocks of the previous version
   * of the same document are reused; what the new version no longer has is dropped
   * at `endPass`, so memory follows the open documents, not history.
   */
  beginPass(documentKey: string, textLength = 0): void {
    let document = this.caches.get(documentKey);
    if (!document) this.caches.set(documentKey, (document = { byText: new Map(), placed: [], textLength, absent: { pass: 0, words: new Set() } }));
    this.document = document;
    document.absent.pass = ++this.passes;
    if (document.absent.words.size > MAX_ABSENT_WORDS) document.absent.words.clear();
    this.previousPlaced = document.placed;
    this.sameStart = 0;
    this.shiftedStart = 0;
    document.placed = [];
    this.lengthChange = textLength - document.textLength;
    document.textLength = textLength;
    this.blocksThisPass = 0;
    this.parsedInLastPass = 0;
  }

  endPass(): void {
    this.previousPlaced = [];
    // Blocks the document no longer has are dropped once they outnumber the ones it has.
    const { byText, placed } = this.document;
    if (byText.size > 2 * this.blocksThisPass + 64) {
      byText.clear();
      for (const p of placed) byText.set(p.facts.text, p.facts);
    }
  }

  get blocksCached(): number {
    let count = 0;
    for (const document of this.caches.values()) count += document.byText.size;
    return count;
  }

  /** Drops what is kept for a document (it was closed). */
  forget(documentKey: string): void {
    this.caches.delete(documentKey);
  }

  /** The facts of the block with this text, starting at `start` in the current version. */
  analyze(text: string, start = -1): BlockFacts {
    this.blocksThisPass++;
    const there = this.placedAt(start) ?? this.placedShiftedTo(start);
    if (there && there.facts.text === text) return there.facts;
    // A block the last pass did not have here: the words it mentions are no longer absent.
    const { words } = this.document.absent;
    if (words.size) for (const word of words) if (mentionsWord(text, word)) words.delete(word);
    let facts = this.document.byText.get(text);
    if (!facts) {
      const own = ownCopy(text);
      facts = analyzeBlock(own, this.options);
      this.document.byText.set(own, facts);
      this.parsedInLastPass++;
    }
    return facts;
  }

  /** The placement the previous version had for a block starting at `start` (the model checks it still fits). */
  placedAt(start: number): PlacedBlock | undefined {
    const previous = this.previousPlaced;
    // Starts are asked in increasing order; one asked out of order is only a miss (the block is looked up by text).
    while (this.sameStart < previous.length && previous[this.sameStart].block.start < start) this.sameStart++;
    const there = previous[this.sameStart];
    return there && there.block.start === start ? there : undefined;
  }

  /** The previous version's block that started where `start` was before the change in length. */
  private placedShiftedTo(start: number): PlacedBlock | undefined {
    const previous = this.previousPlaced;
    const before = start - this.lengthChange;
    while (this.shiftedStart < previous.length && previous[this.shiftedStart].block.start < before) this.shiftedStart++;
    const there = previous[this.shiftedStart];
    return there && there.block.start === before ? there : undefined;
  }

  /** The words no block of the current pass of the document mentions (see AbsentWords). */
  get absentWords(): AbsentWords {
    return this.document.absent;
  }

  /** Keeps a block's placement for the next pass (blocks are kept in document order). */
  keepPlaced(placed: PlacedBlock): void {
    this.document.placed.push(placed);
  }
}
