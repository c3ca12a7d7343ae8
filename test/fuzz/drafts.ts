/**
 * `npm run fuzz:drafts [-- --seed N --count N]`: many more seeds of the report-draft
 * generator than `npm test` runs (test/core/draftGenerator.ts). Each draft must give
 * exactly the findings the generator computed. Failing drafts are written to
 * .fuzz-failures/draft-<seed>.md with the expected findings next to them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportLinter } from '../../server/src/core/engine';
import { checkDraft, generateDraft } from '../core/draftGenerator';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v)) throw new Error(`${name} needs a number`);
  return v;
};
const first = option('--seed', 1);
const count = option('--count', 5000);
const out = path.resolve('.fuzz-failures');
const linter = new ReportLinter();
const started = performance.now();
let kb = 0;
let findings = 0;
const failures: number[] = [];
for (let seed = first; seed < first + count; seed++) {
  const draft = generateDraft(seed);
  kb += draft.text.length / 1024;
  findings += draft.expected.length;
  try {
    checkDraft(draft, linter);
  } catch (e) {
    failures.push(seed);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `draft-${seed}.md`), draft.text);
    fs.writeFileSync(path.join(out, `draft-${seed}.expected.json`), JSON.stringify({ error: (e as Error).message, expected: draft.expected }, null, 2));
    if (failures.length <= 5) console.log(`seed ${seed}: ${(e as Error).message.split('\n')[0]}`);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `fuzz:drafts seeds ${first}..${first + count - 1}: ${count} drafts (${kb.toFixed(0)} KB, ${findings} expected findings) in ${seconds.toFixed(1)} s; ${failures.length} failure(s)${failures.length ? ` (files in ${out})` : ''}`,
);
process.exitCode = failures.length ? 1 : 0;
