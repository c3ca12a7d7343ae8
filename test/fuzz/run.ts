/**
 * `npm run fuzz [-- options]`: checks generated, mutated and random documents and
 * edit chains against the engine's invariants (see checks.ts). Exit code 1 when a
 * check failed; failures are written to --out with a minimised copy.
 *
 *   --seed N        run seed (default 1)          --count N     documents (default 3000)
 *   --index I       only document I (reproduce)   --mode NAME   one generator, or "chain"
 *   --out DIR       failure files (default .fuzz-failures)
 *   --ms-per-kb N   time bound per KB (default 50; 0 turns the time check off)
 *   --floor-ms N    time allowed to any document on top (default 300)
 *   --max-kb N      size of pathological structures (default 32)
 *   --corpus DIR    more seed documents to mutate (repeatable)
 *   --no-minimise   write failures without minimising them
 */
import * as path from 'node:path';
import { runFuzz, DEFAULT_FUZZ_OPTIONS, type FuzzOptions } from './fuzz';
import { GENERATORS } from './generators';

function parseArgs(argv: string[]): Partial<FuzzOptions> {
  const o: Partial<FuzzOptions> = { check: { ...DEFAULT_FUZZ_OPTIONS.check }, corpusDirs: [], out: '.fuzz-failures' };
  const num = (i: number) => {
    const v = Number(argv[i]);
    if (!Number.isFinite(v)) throw new Error(`${argv[i - 1]} needs a number, got "${argv[i] ?? ''}"`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--seed':
        o.seed = num(++i);
        break;
      case '--count':
        o.count = num(++i);
        break;
      case '--index':
        o.index = num(++i);
        break;
      case '--mode':
        o.mode = argv[++i];
        break;
      case '--out':
        o.out = argv[++i];
        break;
      case '--ms-per-kb':
        o.check!.msPerKb = num(++i);
        break;
      case '--floor-ms':
        o.check!.floorMs = num(++i);
        break;
      case '--max-kb':
        o.maxPathologicalChars = num(++i) * 1024;
        break;
      case '--corpus':
        o.corpusDirs!.push(path.resolve(argv[++i]));
        break;
      case '--no-minimise':
        o.minimiseMs = 0;
        break;
      case '--help':
        console.log(`modes: ${[...GENERATORS.map((g) => g.name), 'chain'].join(', ')}; see test/fuzz/run.ts for options`);
        process.exit(0);
      // falls through
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return o;
}

try {
  const options = parseArgs(process.argv.slice(2));
  const report = runFuzz({ ...options, log: (line) => console.log(line) });
  const w = report.worst;
  const l = report.worstLarge;
  console.log(
    `fuzz seed ${report.seed}: ${report.documents} documents (${report.totalKb.toFixed(0)} KB) in ${(report.elapsedMs / 1000).toFixed(1)} s; ` +
      `${report.failures.length} failure(s); worst fresh check ${w.msPerKb.toFixed(2)} ms/KB (index ${w.index}, ${w.generator}, ${w.kb.toFixed(1)} KB), ` +
      `on documents of 16 KB or more ${l.msPerKb.toFixed(2)} ms/KB (index ${l.index}, ${l.generator}, ${l.kb.toFixed(1)} KB); ` +
      `mean ${(report.checkMs / Math.max(1, report.totalKb)).toFixed(2)} ms/KB`,
  );
  if (report.failures.length) {
    const byCheck = new Map<string, number>();
    for (const f of report.failures) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1);
    console.log(`failures by check: ${[...byCheck].map(([c, n]) => `${c} ${n}`).join(', ')}${options.out ? `; files in ${options.out}` : ''}`);
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`fuzz: ${(e as Error).message}`);
  process.exitCode = 2;
}
