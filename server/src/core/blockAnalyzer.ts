import { analyzeBlock, type BlockFacts, type BlockFactsOptions } from './facts';

/**
 * The facts of each block, cached by block text: a keystroke changes one block, so
 * re-checking a document re-analyses only that one (see blocks.ts for why blocks
 * can be analysed on their own).
 */
export class BlockAnalyzer {
  /** Per document: the facts of the blocks its last version had, by block text. */
  private readonly caches = new Map<string, Map<string, BlockFacts>>();
  private previous = new Map<string, BlockFacts>();
  private current = new Map<string, BlockFacts>();
  /** How many blocks the last pass had to analyse (for tests and benchmarks). */
  parsedInLastPass = 0;

  constructor(private readonly options: BlockFactsOptions) {}

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
      facts = analyzeBlock(text, this.options);
      this.parsedInLastPass++;
    }
    this.current.set(text, facts);
    return facts;
  }
}
