/**
 * API section of `npm run bench`: the Node API's `lint` on the sample report (the
 * first call reads the configuration and builds the linter; later calls with the
 * same options reuse them), the unified plugin over a folder of reports, and the
 * size of the bundles the package ships.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import { lint } from '../../server/src/api';
import reportLint from '../../server/src/unified';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(REPO_ROOT, 'samples', 'sample-report.md');

function ms(since: number): string {
  return `${(performance.now() - since).toFixed(1)} ms`;
}

export async function benchApi(): Promise<void> {
  console.log('\n== api: Node API and unified plugin (in-process) ==');
  const text = fs.readFileSync(SAMPLE, 'utf8');
  let t = performance.now();
  const first = lint(text, { filePath: SAMPLE });
  console.log(`lint(sample-report.md), first call: ${ms(t)} (${first.findings.length} findings)`);
  const calls = 100;
  t = performance.now();
  for (let i = 0; i < calls; i++) lint(text, { filePath: SAMPLE });
  console.log(`lint(sample-report.md), same options, mean of ${calls}: ${((performance.now() - t) / calls).toFixed(2)} ms`);
  // An edit in one paragraph: only that block is parsed again.
  t = performance.now();
  for (let i = 0; i < calls; i++) lint(text.replace('backlog', `backlog ${i}`), { filePath: SAMPLE });
  console.log(`lint after a one-word edit, mean of ${calls}: ${((performance.now() - t) / calls).toFixed(2)} ms`);

  const files = 100;
  const processor = unified().use(remarkParse).use(reportLint);
  t = performance.now();
  let messages = 0;
  for (let i = 0; i < files; i++) {
    const file = new VFile({ value: text.replace('Malawi', `Malawi (${i})`), path: SAMPLE });
    await processor.run(processor.parse(file), file);
    messages += file.messages.length;
  }
  console.log(`unified().use(remarkParse).use(reportLint) over ${files} reports: ${ms(t)} (${messages} messages; remark's own parse included)`);

  const dist = path.join(REPO_ROOT, 'dist');
  const sizes = ['cli.js', 'api.js', 'unified.js', 'server.js', 'client.js']
    .filter((f) => fs.existsSync(path.join(dist, f)))
    .map((f) => `${f} ${(fs.statSync(path.join(dist, f)).size / 1024).toFixed(0)} KiB`);
  console.log(`bundles (this build; npm pack and npm run package minify): ${sizes.join(', ')}`);
}
