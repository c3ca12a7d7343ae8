import type { Finding, Fix, Severity, Span } from './types';
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
  /** The document after applying the first fix of every finding, where the example shows a fix. */
  fixed?: string;
  /** Configuration the example runs with. */
  config?: ConfigFile;
}

export interface RuleContext {
  model: ReportModel;
  config: ResolvedConfig;
  /** The registry the document is checked against (its tables, then registry files). */
  registry: Map<string, RegistryEntry>;
  report(finding: Span & { message: string; fixes?: Fix[]; severity?: Severity; related?: Finding['related']; data?: Finding['data'] }): void;
}

export interface Rule {
  /** Stable public id: CLI, SARIF, settings and inline comments use it. */
  id: string;
  /** One line, shown in rule lists and SARIF. */
  description: string;
  defaultSeverity: Severity;
  /** Whether findings carry fixes that are safe to apply unattended. */
  fixable: 'safe' | 'suggestion' | 'none';
  docs: { rationale: string; examples: RuleExample[] };
  check(ctx: RuleContext): void;
}
