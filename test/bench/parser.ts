/**
 * Why remark runs with only the GFM footnote and table extensions: the parse of
 * one whole report with full remark-gfm against the two extensions the rules need.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { parseMarkdown } from '../../server/src/core/parse/remark';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs = 7): number {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

export async function benchParser(): Promise<void> {
  const root = path.join(__dirname, '..', '..');
  const shared = path.join(root, '..', 'shared', 'samples', 'dh-indonesia-ra1.gfm.md');
  const file = fs.existsSync(shared) ? shared : path.join(root, 'samples', 'sample-report-gfm.md');
  const text = fs.readFileSync(file, 'utf8');
  const full = unified().use(remarkParse).use(remarkGfm);
  const fullMs = time(() => full.runSync(full.parse(text)));
  const oursMs = time(() => parseMarkdown(text));
  const kb = (text.length / 1024).toFixed(0);
  console.log(`\nParser (whole document, ${path.basename(file)}, ${kb} KB, median of 7)`);
  console.log(`  remark-parse + remark-gfm:              ${fullMs.toFixed(1)} ms (${(text.length / 1024 / fullMs).toFixed(2)} MB/s)`);
  console.log(`  remark-parse + footnote/table only:     ${oursMs.toFixed(1)} ms (${(text.length / 1024 / oursMs).toFixed(2)} MB/s)`);
}
