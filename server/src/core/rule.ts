import type { FindingDataByRule, Fix, RelatedLocation, RuleId, Severity, Span, TextEdit } from './types';
import type { ReportModel } from './model';
import type { ConfigFile, ResolvedConfig } from './config';
import type { RegistryEntry } from './registry';

/**
 * A documented example: it is shown in the README and run as a test, as in
 * remark-lint, so the docs cannot drift from the behaviour.
 */
export interface RuleExample {
  title: string;
  markdown: string;
  /** The exact text of each finding this rule reports, in document order ([] = passes). */
  flags: string[];
  /** The message of each of those findings, in the same order. */
  messages: string[];
  /** The document after applying the first fix of every finding, where the example shows a fix. */
  fixed?: string;
  /** Configuration the example runs with. */
  config?: ConfigFile;
}

/**
 * A Markdown example written as an indented template literal (as remark-lint and
 * Harper keep theirs readable): the line break after the opening backtick, the
 * last line's indentation and the common indentation are removed, and the text
 * ends with one line break.
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  if (text.startsWith('\n')) text = text.slice(1);
  const lines = text.split('\n');
  if (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return `${lines.map((l) => l.slice(Number.isFinite(indent) ? Math.min(indent, l.length) : 0)).join('\n')}\n`;
}

/**
 * A fix whose edits are worked out when something first reads them (a quick fix,
 * fix-all, `--fix`), not on every check: renumbering every footnote of a long report
 * cost more than the rest of its rule, on each keystroke, for a fix rarely asked for.
 * The edits come once from the same model, so what is applied is what was offered.
 */
export function fixWithLazyEdits(fix: Omit<Fix, 'edits'>, edits: () => TextEdit[]): Fix {
  let computed: TextEdit[] | undefined;
  return Object.defineProperty({ ...fix }, 'edits', { enumerable: true, get: () => (computed ??= edits()) }) as Fix;
}

export interface RuleContext<K extends RuleId = RuleId> {
  model: ReportModel;
  config: ResolvedConfig;
  /** The registry the document is checked against (its tables, then registry files). */
  registry: Map<string, RegistryEntry>;
  report(finding: Span & { message: string; fixes?: Fix[]; severity?: Severity; related?: RelatedLocation[]; data?: FindingDataByRule[K] }): void;
}

export interface Rule<K extends RuleId = RuleId> {
  /** Stable public id: CLI, SARIF, settings and inline comments use it. */
  id: K;
  /** One line, shown in rule lists and SARIF. */
  description: string;
  defaultSeverity: Severity;
  /** Whether findings carry fixes that are safe to apply unattended. */
  fixable: 'safe' | 'suggestion' | 'none';
  docs: { rationale: string; examples: RuleExample[] };
  check(ctx: RuleContext<K>): void;
}
