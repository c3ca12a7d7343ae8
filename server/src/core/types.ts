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

/** What a terminology finding carries: the guideline entry and why it is (not) flagged. */
export interface TerminologyFindingData {
  entryId: string;
  category: 'avoid' | 'caution';
  reason: string;
  preferred: string[];
  source?: { ref?: string; section?: string; pages?: string; title?: string; year?: number; publisher?: string };
  /** Why the words are not the author's own (set for hints inside quotations). */
  exempt?: string;
}

/**
 * The data each rule's findings carry, keyed on the rule id (as
 * vscode-markdown-languageservice keys diagnostic data on its codes). JSON only:
 * SARIF and JSON output and the language server pass it on. A new rule adds its
 * entry here (see docs/ARCHITECTURE.md).
 */
export interface FindingDataByRule {
  'participant-unknown': { id: string; suggestions: string[] };
  'participant-malformed': { canonical?: string; options: string[] };
  'participant-uncited': { id: string };
  'participant-duplicate': { id: string };
  'participant-count': {
    what: 'interviews' | 'participants';
    stated: number;
    actual: number;
    scope?: string;
    scopeFrom?: 'only-slice' | 'sentence' | 'paragraph' | 'heading' | 'group';
  };
  'footnote-undefined': { label: string };
  'footnote-unused': { label: string };
  'footnote-duplicate': { label: string };
  'footnote-order': { label: string; expected?: number };
  'terminology-avoid': TerminologyFindingData;
  'terminology-caution': TerminologyFindingData;
  'link-placeholder': { url: string };
  'citation-undefined': { key: string; suggestions: string[] };
  'citation-unused': { key: string; file?: string };
  'bibliography-missing': { file?: string; line?: number; reason: string };
  'bibliography-duplicate-key': { key: string; firstLine: number };
}

export type RuleId = keyof FindingDataByRule;

interface FindingBase extends Span {
  severity: Severity;
  message: string;
  fixes: Fix[];
  related?: RelatedLocation[];
}

/** A finding: which rule, where, what it says, its fixes, and its rule's data. */
export type Finding = { [K in RuleId]: FindingBase & { ruleId: K; data?: FindingDataByRule[K] } }[RuleId];

/** A finding of one rule, with that rule's data. */
export type FindingOf<K extends RuleId> = Extract<Finding, { ruleId: K }>;

/** Narrows a finding to one rule's (and so types its data). */
export function isFindingOf<K extends RuleId>(finding: Finding, ruleId: K): finding is FindingOf<K> {
  return finding.ruleId === ruleId;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}
