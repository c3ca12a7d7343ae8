/**
 * Shared vocabulary of the engine. Offsets are UTF-16 code-unit indexes into the
 * document text (what JavaScript strings and LSP's default position encoding use),
 * so converting to editor positions never needs re-encoding.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Half-open offset range [start, end). */
export interface Span {
  start: number;
  end: number;
}

export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Safe fixes change form, never meaning (canonical ID spelling, footnote renumbering):
   * only these are applied by `--fix` and `source.fixAll.reportLint`.
   */
  safe: boolean;
  /** The fix an editor should offer first. */
  preferred?: boolean;
}

export interface RelatedLocation extends Span {
  message: string;
  /** Another file (a registry file); absent means the same document. */
  file?: string;
  line?: number;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  message: string;
  fixes: Fix[];
  related?: RelatedLocation[];
  /** Rule-specific facts for hovers and code actions (kept JSON-serialisable). */
  data?: Record<string, unknown>;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}
