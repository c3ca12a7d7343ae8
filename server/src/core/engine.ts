import type { Finding, Fix, Severity, TextEdit } from './types';
import { applyEdits } from './text';
import { BlockAnalyzer } from './blockAnalyzer';
import { readFrontMatter } from './pandoc';
import { buildModel, registryOf, type ReportModel } from './model';
import { editsKeepingColumns } from './tableEdits';
import { defaultConfig, effectiveSeverity, type ResolvedConfig } from './config';
import type { RegistryEntry } from './registry';
import { BUILTIN_TERMINOLOGY, TermMatcher } from './terminology';
import { BUILTIN_OFFICIAL_NAMES, OfficialNameMatcher } from './officialNames';
import { RULES } from './rules';
import type { Rule, RuleContext } from './rule';
import { applyDirectives } from './directives';
import { prefetchBibliography, resolveBibliography, type BibliographyOptions } from './citations';

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

  constructor(
    readonly config: ResolvedConfig = defaultConfig(),
    rules: Rule[] = RULES,
  ) {
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
  lint(text: string, externalRegistry: RegistryEntry[] = [], documentKey = '', bibliography: BibliographyOptions = {}): LintResult {
    const model = buildModel(text, this.analyzer, this.config.idScheme, externalRegistry, documentKey);
    // Bibliography files are parsed once per version on disk (see BibliographyCache).
    model.bibliography = resolveBibliography(model.frontMatter, bibliography);
    return { model, findings: this.check(model) };
  }

  /** Blocks whose analysis is kept, over all documents (for tests: memory follows the open documents). */
  get blocksCached(): number {
    return this.analyzer.blocksCached;
  }

  /**
   * As `lint`, with the document's BibTeX files read in worker threads while this thread
   * analyses the document (the CLI: a 2,000-entry file takes about as long to parse as a
   * long report takes to analyse). The findings are the same as `lint`'s.
   */
  async lintWhileParsingBibliography(
    text: string,
    externalRegistry: RegistryEntry[] = [],
    documentKey = '',
    bibliography: BibliographyOptions = {},
  ): Promise<LintResult> {
    const parsing = prefetchBibliography(readFrontMatter(text), bibliography);
    const model = buildModel(text, this.analyzer, this.config.idScheme, externalRegistry, documentKey);
    await parsing;
    model.bibliography = resolveBibliography(model.frontMatter, bibliography);
    return { model, findings: this.check(model) };
  }

  /**
   * Analyses a document's blocks (kept under `documentKey` for its next check) while its
   * BibTeX files are read in worker threads: the language server's first check of a
   * document then finds both done, and costs about the longer of the two rather than
   * their sum. `analyse` runs the analysis (the server watches it as it watches a check).
   * Undefined, and nothing analysed, when there is no BibTeX file to read.
   */
  prepare(
    text: string,
    externalRegistry: RegistryEntry[],
    documentKey: string,
    bibliography: BibliographyOptions,
    analyse: (analysis: () => void) => void = (analysis) => analysis(),
  ): Promise<void> | undefined {
    const parsing = prefetchBibliography(readFrontMatter(text), bibliography);
    if (parsing) analyse(() => buildModel(text, this.analyzer, this.config.idScheme, externalRegistry, documentKey));
    return parsing;
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
        report: (f) => {
          // The context's report() took this rule's data (RuleContext<K>), so the pair is consistent.
          const finding = {
            ruleId: rule.id,
            severity: (f.severity as Severity | undefined) ?? severity,
            start: f.start,
            end: f.end,
            message: f.message,
            fixes: f.fixes ?? [],
          } as Finding;
          // Set, not spread from a new object: a long report makes a thousand findings per keystroke.
          if (f.related) finding.related = f.related;
          if (f.data) finding.data = f.data as Finding['data'];
          findings.push(finding);
        },
      };
      rule.check(ctx);
    }
    const kept = applyDirectives(findings, model);
    if (model.tables.some((t) => t.aligned)) keepTableColumns(model, kept);
    return kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  }
}

export interface AppliedFix {
  ruleId: string;
  title: string;
  line: number;
}

/** One pass of `fixSafe`: the text it started from and the safe fixes it applied whole. */
export interface FixPass {
  before: string;
  fixes: Fix[];
  after: string;
}

export interface FixSafeResult {
  text: string;
  applied: AppliedFix[];
  /** False when the passes ran out while fixes were still changing the text (a flip-flop), or time did. */
  converged: boolean;
  /** The time allowed (`stopAfterMs`) ran out before another pass: the fixes so far are applied whole, others may be left. */
  stopped?: boolean;
}

/** Passes before `fixSafe` gives up: fixes that keep changing the text after this many flip-flop. */
const MAX_FIX_PASSES = 10;

/**
 * Applies every safe fix, re-linting between passes so fixes that touch the same
 * text (a renumbering and an ID fix on one line) are applied one after the other.
 * Each pass applies only fixes its own findings offered as safe, each fix whole;
 * `onPass` lets the fuzzer check exactly that.
 */
export function fixSafe(
  linter: ReportLinter,
  text: string,
  externalRegistry: RegistryEntry[] = [],
  documentKey = '',
  onPass?: (pass: FixPass) => void,
  bibliography: BibliographyOptions = {},
  /** No new pass starts after this many milliseconds (the first always runs); each pass is one check. */
  stopAfterMs = Infinity,
): FixSafeResult {
  const applied: AppliedFix[] = [];
  let current = text;
  const started = Date.now();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    if (pass > 0 && Date.now() - started >= stopAfterMs) return { text: current, applied, converged: false, stopped: true };
    const { findings, model } = linter.lint(current, externalRegistry, documentKey, bibliography);
    const chosen: TextEdit[] = [];
    const chosenFixes: Fix[] = [];
    const taken: TextEdit[] = [];
    const seen = new Set<Fix>();
    for (const f of findings) {
      const fix = f.fixes.find((x) => x.safe);
      if (!fix || seen.has(fix)) continue;
      seen.add(fix);
      // A fix is applied whole or not at all: one that touches text another fix of this
      // pass changes waits for the next pass (where it is offered again, or not).
      if (fix.edits.some((e) => taken.some((t) => editsConflict(e, t)))) continue;
      // A fix whose own edits collide cannot be applied whole (an engine bug): never half of it.
      if (!editsAreDisjoint(fix.edits)) continue;
      for (const e of fix.edits) {
        chosen.push({ start: e.start, end: e.end, newText: e.newText });
        taken.push(e);
      }
      chosenFixes.push(fix);
      applied.push({ ruleId: f.ruleId, title: fix.title, line: model.lines.positionAt(fix.edits[0]?.start ?? f.start).line + 1 });
    }
    if (!chosen.length) return { text: current, applied, converged: true };
    const next = applyEdits(current, chosen).text;
    onPass?.({ before: current, fixes: chosenFixes, after: next });
    if (next === current) return { text: current, applied, converged: true };
    current = next;
  }
  // Out of passes: converged only if nothing is left to apply.
  const left = linter.lint(current, externalRegistry, documentKey).findings.some((f) => f.fixes.some((x) => x.safe));
  return { text: current, applied, converged: !left };
}

/** Two edits that cannot both be applied: overlapping ranges, or two insertions at one point (their order would be a guess). */
export function editsConflict(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === b.start && (a.start === a.end || b.start === b.end);
}

/** No two of the edits conflict (see `editsConflict`). */
export function editsAreDisjoint(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  // Against the edit reaching furthest so far, so a long edit is compared with every later one.
  let furthest: TextEdit | undefined;
  for (const e of sorted) {
    if (furthest && editsConflict(furthest, e)) return false;
    if (!furthest || e.end >= furthest.end) furthest = e;
  }
  return true;
}

/** Fixes with an edit inside a grid, simple or multiline table keep its columns, or are dropped (see tableEdits.ts). */
function keepTableColumns(model: ReportModel, findings: Finding[]): void {
  const aligned = model.tables.filter((t) => t.aligned);
  for (const finding of findings) {
    if (!finding.fixes.some((fix) => fix.edits.some((e) => aligned.some((t) => t.start <= e.start && e.end <= t.end)))) continue;
    finding.fixes = finding.fixes.flatMap((fix) => {
      const edits = editsKeepingColumns(model.text, aligned, fix.edits);
      return edits ? [{ ...fix, edits }] : [];
    });
  }
}
