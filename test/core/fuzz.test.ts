import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runFuzz, documentAt, DEFAULT_FUZZ_OPTIONS } from '../fuzz/fuzz';
import { loadCorpus } from '../fuzz/generators';
import { minimise } from '../fuzz/minimise';

/**
 * A short, fixed-seed run of `npm run fuzz` (the longer run is in .ci/run): every
 * generator and edit chains, all invariants but the time bound, which the fuzzer
 * itself checks (a timing assertion has no place in a test).
 */
describe('fuzz: a short seeded run', function () {
  this.timeout(600_000);

  it('200 documents of every kind break no invariant', () => {
    const report = runFuzz({ seed: 20261130, count: 200, check: { msPerKb: 0, floorMs: 0, fixesPerDocument: 3 }, maxPathologicalChars: 16_000 });
    const summary = report.failures.map((f) => `index ${f.index} (${f.generator}) ${f.check}: ${f.detail.split('\n')[0]}`);
    assert.deepEqual(summary, []);
    assert.ok(report.documents >= 200);
    console.log(
      `      ${report.documents} documents, ${report.totalKb.toFixed(0)} KB, worst ${report.worst.msPerKb.toFixed(1)} ms/KB (${report.worst.generator})`,
    );
  });

  it('a document is reproduced from its seed and index alone', () => {
    const ctx = { corpus: loadCorpus(), maxPathologicalChars: 8_000 };
    const options = { ...DEFAULT_FUZZ_OPTIONS, seed: 7 };
    for (const index of [0, 9, 123]) assert.deepEqual(documentAt(options, ctx, index), documentAt(options, ctx, index));
    assert.notDeepEqual(documentAt(options, ctx, 1).steps, documentAt(options, ctx, 2).steps);
  });

  it('failures are written to files with the command that reproduces them; the minimiser keeps what fails', () => {
    const big = `${'Prose line.\n'.repeat(50)}A line with @@ in it.\n${'More prose.\n'.repeat(50)}`;
    const small = minimise(big, (t) => t.includes('@@'), 5_000);
    assert.equal(small, '@@');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-fuzz-'));
    try {
      const report = runFuzz({ seed: 3, count: 12, out, mode: 'grammar', minimiseMs: 200, check: { msPerKb: 0.000001, floorMs: 0, fixesPerDocument: 0 } });
      // An impossible time bound makes every document fail the time check: each is written with its seed and index.
      assert.equal(report.failures.length, 12);
      const txt = fs.readFileSync(path.join(out, 'seed3-index5-time.txt'), 'utf8');
      assert.match(txt, /reproduce: npm run fuzz -- --seed 3 --index 5 --mode grammar/);
      assert.ok(fs.existsSync(path.join(out, 'seed3-index5-time.md')));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
