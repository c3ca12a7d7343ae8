/**
 * The fuzzer behind `npm run fuzz`: document `index` of a run with `seed` is always
 * the same document, so any failure is reproduced with `--seed S --index I`.
 * Failures are written to files (original, minimised, details) when `out` is set.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportLinter } from '../../server/src/core/engine';
import { checkDocument, checkEditChain, DEFAULT_CHECK_OPTIONS, type CheckOptions, type Failure } from './checks';
import { documentRand, GENERATORS, int, loadCorpus, smallEdit, type GeneratorContext, type Rand } from './generators';
import { minimise } from './minimise';

export interface FuzzOptions {
  seed: number;
  count: number;
  /** Run only this index (reproduces one document). */
  index?: number;
  /** Run only this generator ("chain" runs edit chains only). */
  mode?: string;
  /** Directory for failure files; undefined writes none. */
  out?: string;
  check: CheckOptions;
  maxPathologicalChars: number;
  /** Every n-th document is a chain of edits instead (0: none). */
  chainEvery: number;
  chainLength: number;
  minimiseMs: number;
  corpusDirs: string[];
  log?: (line: string) => void;
}

export const DEFAULT_FUZZ_OPTIONS: FuzzOptions = {
  seed: 1,
  count: 3000,
  check: DEFAULT_CHECK_OPTIONS,
  maxPathologicalChars: 32_000,
  chainEvery: 10,
  chainLength: 12,
  minimiseMs: 15_000,
  corpusDirs: [],
};

export interface FuzzFailure extends Failure {
  index: number;
  generator: string;
  files: string[];
}

export interface FuzzReport {
  seed: number;
  /** Documents checked (each step of an edit chain counts). */
  documents: number;
  failures: FuzzFailure[];
  /**
   * The slowest fresh check per KB among documents of at least 1 KB, and among those
   * of at least 16 KB (where a quadratic cost shows), after a warm-up of the first
   * documents (the JIT compiles the engine on them).
   */
  worst: { msPerKb: number; index: number; kb: number; generator: string };
  worstLarge: { msPerKb: number; index: number; kb: number; generator: string };
  totalKb: number;
  checkMs: number;
  elapsedMs: number;
}

function chooseGenerator(rand: Rand, mode: string | undefined) {
  if (mode) {
    const g = GENERATORS.find((x) => x.name === mode);
    if (!g) throw new Error(`unknown fuzz mode "${mode}" (modes: ${[...GENERATORS.map((x) => x.name), 'chain'].join(', ')})`);
    return g;
  }
  let r = rand() * GENERATORS.reduce((s, g) => s + g.weight, 0);
  for (const g of GENERATORS) if ((r -= g.weight) < 0) return g;
  return GENERATORS[GENERATORS.length - 1];
}

/** The document (or chain of versions) of one index. */
export function documentAt(options: FuzzOptions, ctx: GeneratorContext, index: number): { generator: string; steps: string[] } {
  const rand = documentRand(options.seed, index);
  const chain = options.mode === 'chain' || (!options.mode && options.chainEvery > 0 && index % options.chainEvery === options.chainEvery - 1);
  const generator = chooseGenerator(rand, options.mode === 'chain' ? undefined : options.mode);
  const text = generator.generate(rand, ctx);
  if (!chain) return { generator: generator.name, steps: [text] };
  const steps = [text];
  for (let i = int(rand, 1, options.chainLength); i > 0; i--) steps.push(smallEdit(steps[steps.length - 1], rand));
  return { generator: `chain(${generator.name})`, steps };
}

/** Documents checked before per-KB figures count (the first ones also pay for compiling the engine). */
const WARM_UP_DOCUMENTS = 20;

/** A document whose checks together take longer than this is logged as slow. */
const SLOW_DOCUMENT_MS = 20_000;

function safeName(s: string): string {
  return s.replace(/[^a-z0-9-]+/gi, '-');
}

export function runFuzz(partial: Partial<FuzzOptions> = {}): FuzzReport {
  const options: FuzzOptions = { ...DEFAULT_FUZZ_OPTIONS, ...partial, check: { ...DEFAULT_CHECK_OPTIONS, ...partial.check } };
  const ctx: GeneratorContext = { corpus: loadCorpus(options.corpusDirs), maxPathologicalChars: options.maxPathologicalChars };
  const linter = new ReportLinter();
  const report: FuzzReport = {
    seed: options.seed,
    documents: 0,
    failures: [],
    worst: { msPerKb: 0, index: -1, kb: 0, generator: '' },
    worstLarge: { msPerKb: 0, index: -1, kb: 0, generator: '' },
    totalKb: 0,
    checkMs: 0,
    elapsedMs: 0,
  };
  const started = Date.now();
  const indexes = options.index !== undefined ? [options.index] : Array.from({ length: options.count }, (_, i) => i);
  for (const index of indexes) {
    const documentStarted = Date.now();
    const { generator, steps } = documentAt(options, ctx, index);
    const pickRand = documentRand(options.seed ^ 0x5a5a, index);
    const pickIndex = (n: number) => Math.floor(pickRand() * n);
    const failures: Failure[] = [];
    let failingText = steps[steps.length - 1];
    // Every version of a chain is checked incrementally against a fresh check (below);
    // the full set of checks runs on its last version.
    report.documents += steps.length - 1;
    for (const text of steps.slice(-1)) {
      report.documents++;
      report.totalKb += text.length / 1024;
      const result = checkDocument(linter, text, options.check, pickIndex);
      if (Number.isFinite(result.ms)) {
        report.checkMs += result.ms;
        const kb = text.length / 1024;
        const warm = report.documents > WARM_UP_DOCUMENTS || indexes.length === 1;
        if (warm && kb >= 1 && result.ms / kb > report.worst.msPerKb) report.worst = { msPerKb: result.ms / kb, index, kb, generator };
        if (warm && kb >= 16 && result.ms / kb > report.worstLarge.msPerKb) report.worstLarge = { msPerKb: result.ms / kb, index, kb, generator };
      }
      if (result.failures.length) {
        failures.push(...result.failures);
        failingText = text;
        break;
      }
    }
    let chainFailure: (Failure & { step?: number }) | undefined;
    if (!failures.length && steps.length > 1) {
      [chainFailure] = checkEditChain(linter, steps);
      if (chainFailure) failures.push(chainFailure);
    }
    // One failure per check and document: the rest are usually the same bug.
    const byCheck = new Map<string, Failure>();
    for (const f of failures) if (!byCheck.has(f.check)) byCheck.set(f.check, f);
    for (const f of byCheck.values()) {
      const files: string[] = [];
      if (options.out) {
        fs.mkdirSync(options.out, { recursive: true });
        const base = path.join(options.out, `seed${options.seed}-index${index}-${safeName(f.check)}`);
        const repro = `npm run fuzz -- --seed ${options.seed} --index ${index}${options.mode ? ` --mode ${options.mode}` : ''}`;
        const lines = [`check: ${f.check}`, `generator: ${generator}`, `reproduce: ${repro}`, '', f.detail];
        if (chainFailure && f === chainFailure && chainFailure.step !== undefined) {
          const step = chainFailure.step;
          fs.writeFileSync(`${base}.before.md`, step > 0 ? steps[step - 1] : '');
          fs.writeFileSync(`${base}.md`, steps[step]);
          files.push(`${base}.before.md`, `${base}.md`);
          lines.push('', `The linter checked ${base}.before.md and then, with the same document key, ${base}.md.`);
        } else {
          fs.writeFileSync(`${base}.md`, failingText);
          files.push(`${base}.md`);
          if (options.minimiseMs > 0) {
            const stillFails = (candidate: string) => checkDocument(linter, candidate, options.check, () => 0).failures.some((x) => x.check === f.check);
            const small = minimise(failingText, stillFails, options.minimiseMs);
            fs.writeFileSync(`${base}.min.md`, small);
            files.push(`${base}.min.md`);
            lines.push('', `minimised to ${small.length} characters (from ${failingText.length}): ${JSON.stringify(small.slice(0, 400))}`);
          }
        }
        fs.writeFileSync(`${base}.txt`, lines.join('\n') + '\n');
        files.push(`${base}.txt`);
      }
      report.failures.push({ ...f, index, generator, files });
      options.log?.(`FAIL index ${index} (${generator}) ${f.check}: ${f.detail.split('\n')[0]}${files.length ? ` → ${files[0]}` : ''}`);
    }
    // All checks of one document (fix-alone and fix-all re-check it many times) should take seconds at most:
    // a document that takes longer is worth a look even when no check failed.
    const documentMs = Date.now() - documentStarted;
    if (documentMs > SLOW_DOCUMENT_MS)
      options.log?.(
        `slow: index ${index} (${generator}, ${(steps[steps.length - 1].length / 1024).toFixed(1)} KB) took ${(documentMs / 1000).toFixed(1)} s for all checks`,
      );
    if (options.log && indexes.length > 1 && (index + 1) % 100 === 0)
      options.log(`… ${index + 1}/${indexes.length} indexes, ${report.failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  report.elapsedMs = Date.now() - started;
  return report;
}
