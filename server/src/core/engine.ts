import type { Finding, Fix, Severity, TextEdit } from './types';
import { applyEdits } from './text';
import { BlockAnalyzer } from './blockFacts';
import { buildModel, registryOf, type ReportModel } from './model';
import { defaultConfig, effectiveSeverity, type ResolvedConfig } from './config';
import type { RegistryEntry } from './registry';
import { BUILTIN_TERMINOLOGY, TermMatcher } from './terminology';
import { BUILTIN_OFFICIAL_NAMES, OfficialNameMatcher } from './officialNames';
import { RULES } from './rules';
import type { Rule, RuleContext } from './rule';
import { applyDirectives } from './directives';

export interface LintResult {
  findings: Finding[];
  model: ReportModel;
}

/**
 * One linter per configuration. It keeps the analysis of every block of the last
 * text it saw, so linting the next version of a document re-parses only the
 * blocks that changed. The CLI and the language server both use this class.
 */
export class ReportLinter {
  private readonly analyzer: BlockAnalyzer;
  readonly rules: Rule[];

  constructor(readonly config: ResolvedConfig = defaultConfig(), rules: Rule[] = RULES) {
    this.rules = rules;
    this.analyzer = new BlockAnalyzer({
      idScheme: config.idScheme,
      terms: new TermMatcher([...BUILTIN_TERMINOLOGY.entries, ...config.extraTerms]),
      names: new OfficialNameMatcher(BUILTIN_OFFICIAL_NAMES, config.allowedPhrases),
    });
  }

  /** Blocks parsed by the last `lint` call (the rest came from the cache). */
  get blocksParsedLastTime(): number {
    return this.analyzer.parsedInLastPass;
  }

  /**
   * Lints one version of a document. `documentKey` (a URI or path) lets the linter
   * reuse the unchanged blocks of that document's previous version.
   */
  lint(text: string, externalRegistry: RegistryEntry[] = [], documentKey = ''): LintResult {
    const model = buildModel(text, this.analyzer, this.config.idScheme, externalRegistry, documentKey);
    return { model, findings: this.check(model) };
  }

  /** Frees the cached analysis of a closed document. */
  forget(documentKey: string): void {
    this.analyzer.forget(documentKey);
  }

  check(model: ReportModel): Finding[] {
    const findings: Finding[] = [];
    const registry = registryOf(model);
    for (const rule of this.rules) {
      const severity = effectiveSeverity(this.config, rule.id, rule.defaultSeverity);
      if (severity === 'off') continue;
      const ctx: RuleContext = {
        model,
        config: this.config,
        registry,
        report: (f) =>
          findings.push({
            ruleId: rule.id,
            severity: (f.severity as Severity | undefined) ?? severity,
            start: f.start,
            end: f.end,
            message: f.message,
            fixes: f.fixes ?? [],
            ...(f.related ? { related: f.related } : {}),
            ...(f.data ? { data: f.data } : {}),
          }),
      };
      rule.check(ctx);
    }
    const kept = applyDirectives(findings, model);
    return kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  }
}

export interface AppliedFix {
  ruleId: string;
  title: string;
  line: number;
}

/**
 * Applies every safe fix, re-linting between passes so fixes that touch the same
 * text (a renumbering and an ID fix on one line) are applied one after the other.
 */
export function fixSafe(linter: ReportLinter, text: string, externalRegistry: RegistryEntry[] = [], documentKey = ''): { text: string; applied: AppliedFix[] } {
  const applied: AppliedFix[] = [];
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const { findings, model } = linter.lint(current, externalRegistry, documentKey);
    const edits: (TextEdit & { fix: Fix; finding: Finding })[] = [];
    const seen = new Set<Fix>();
    for (const f of findings) {
      const fix = f.fixes.find((x) => x.safe);
      if (!fix || seen.has(fix)) continue;
      seen.add(fix);
      for (const e of fix.edits) edits.push({ ...e, fix, finding: f });
    }
    if (!edits.length) break;
    // A fix is applied whole or not at all.
    const byFix = new Map<Fix, typeof edits>();
    for (const e of edits) byFix.set(e.fix, [...(byFix.get(e.fix) ?? []), e]);
    const chosen: TextEdit[] = [];
    const taken: { start: number; end: number }[] = [];
    for (const [fix, es] of byFix) {
      if (es.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || (e.start === e.end && e.start === t.start)))) continue;
      for (const e of es) {
        chosen.push({ start: e.start, end: e.end, newText: e.newText });
        taken.push(e);
      }
      applied.push({ ruleId: es[0].finding.ruleId, title: fix.title, line: model.lines.positionAt(es[0].finding.start).line + 1 });
    }
    const next = applyEdits(current, chosen).text;
    if (next === current) break;
    current = next;
  }
  return { text: current, applied };
}
