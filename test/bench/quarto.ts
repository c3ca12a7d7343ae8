/**
 * Quarto section of `npm run bench`: a report with 300 citations checked against a
 * 2,000-entry BibTeX file, next to the same report without a bibliography — CLI wall
 * time (cold: the .bib is parsed once per run) and keystroke latency in the server
 * (warm: the parse is cached, a keystroke only stats the file).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex } from '../../server/src/core/text';
import { TestClient, tempWorkspace, uriOf } from '../server/helpers';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(REPO_ROOT, 'bin', 'report-lint.js');
const ENTRIES = 2_000;
const CITATIONS = 300;
const RUNS = 3;

const SURNAMES = ['Achieng', 'Baraka', 'Chikwanha', 'Dlamini', 'Esposito', 'Fernandes', 'Gupta', 'Haddad', 'Ibrahim', 'Jansen', 'Kariuki', 'Lungu'];

export function bibtex(entries = ENTRIES): string {
  const out: string[] = [];
  for (let i = 0; i < entries; i++) {
    const a = SURNAMES[i % SURNAMES.length];
    const b = SURNAMES[(i * 7 + 3) % SURNAMES.length];
    out.push(
      `@article{${a.toLowerCase()}${2000 + (i % 25)}-${i},\n  author = {${a}, Mary and ${b}, Paul},\n  title = {Study ${i} of Online Safety and {Child} Protection Services},\n  journaltitle = {Journal of Invented Studies ${i % 40}},\n  volume = {${i % 30}},\n  pages = {${i}--${i + 12}},\n  year = {${2000 + (i % 25)}},\n  doi = {10.5555/jis.${i}}\n}\n`,
    );
  }
  return out.join('\n');
}

/** A report of prose paragraphs with `citations` citations spread through it. */
export function report(citations = CITATIONS, withBibliography = true): string {
  const head = withBibliography ? '---\ntitle: "Benchmark report"\nbibliography: refs.bib\n---\n\n' : '# Benchmark report\n\n';
  const paras: string[] = [];
  for (let i = 0; i < citations; i++) {
    const n = (i * 37) % ENTRIES;
    const key = `${SURNAMES[n % SURNAMES.length].toLowerCase()}${2000 + (n % 25)}-${n}`;
    const cite = withBibliography ? (i % 3 === 0 ? `@${key} found` : `[@${key}, p. ${i % 40}]`) : `(source ${i})`;
    paras.push(
      `Interviewed officials described how referrals reach the police and the children's office ${cite}. Survivors were supported by case workers, and the county kept records of each referral for follow-up visits over the following months.`,
    );
  }
  return head + paras.join('\n\n') + '\n';
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function cliSeconds(file: string, cwd: string): number[] {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, '--format', 'json', file], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    runs.push(Number(process.hrtime.bigint() - t) / 1e9);
    if (r.status === 2) throw new Error(`CLI failed on ${file}: ${r.stderr}`);
  }
  return runs;
}

/**
 * The parse of `file` by the shipped bundle (dist/bibtex.js loaded, then readBibtex), timed
 * inside a fresh process (cold, as in a CLI run); then showing every entry (authors, year,
 * title: what the first completion or the picker asks for).
 */
function parseSeconds(file: string): { parse: number[]; showAll: number[] } {
  const script = `const t0 = performance.now(); const b = require(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'bibtex.js'))}); const r = b.readBibtex(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'), 'refs.bib'); const t1 = performance.now(); for (const e of r.entries) if (!b.cslItem([e.raw]).title) throw new Error(e.raw.label); process.stdout.write(JSON.stringify([(t1 - t0) / 1000, (performance.now() - t1) / 1000]));`;
  const parse: number[] = [];
  const showAll: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`parse failed: ${r.stderr}`);
    const [p, s] = JSON.parse(r.stdout) as number[];
    parse.push(p);
    showAll.push(s);
  }
  return { parse, showAll };
}

async function keystrokes(
  dir: string,
  name: string,
  text: string,
  languageId: string,
  edits = 60,
): Promise<{ openMs: number; p50: number; p95: number; completionMs?: number }> {
  const client = await TestClient.start({ folder: dir, settings: { debounceMs: 0 } });
  try {
    const uri = uriOf(path.join(dir, name));
    let t = performance.now();
    client.open(uri, text, languageId);
    await client.diagnostics(uri, (p) => p.version === 1, 120_000);
    const openMs = performance.now() - t;
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      const current = client.text(uri);
      const offset = Math.floor(((i + 0.5) / edits) * (current.length - 200)) + 150;
      const position = new LineIndex(current).positionAt(offset);
      t = performance.now();
      const version = client.edit(uri, [{ range: { start: position, end: position }, newText: 'x' }]);
      await client.diagnostics(uri, (p) => p.version === version, 60_000);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    // The first completion after "[@", once the author has paused for a second (entries are converted for showing meanwhile).
    let completionMs: number | undefined;
    const current = client.text(uri);
    const at = current.indexOf('[@');
    if (at >= 0) {
      await new Promise((r) => setTimeout(r, 1000));
      t = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position: new LineIndex(current).positionAt(at + 2) });
      completionMs = performance.now() - t;
    }
    return { openMs, p50: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))], completionMs };
  } finally {
    await client.stop();
  }
}

export async function benchQuarto(): Promise<void> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm run bench` does).');
  const ws = tempWorkspace({});
  try {
    const bib = bibtex();
    fs.writeFileSync(path.join(ws.dir, 'refs.bib'), bib);
    const quarto = report();
    const plain = report(CITATIONS, false);
    fs.writeFileSync(path.join(ws.dir, 'report.qmd'), quarto);
    fs.writeFileSync(path.join(ws.dir, 'plain.md'), plain);
    console.log(
      `\nQuarto report with ${CITATIONS} citations against a ${ENTRIES}-entry BibTeX file (${(bib.length / 1e6).toFixed(2)} MB), next to the same report without a bibliography`,
    );
    const withBib = cliSeconds(path.join(ws.dir, 'report.qmd'), ws.dir);
    const without = cliSeconds(path.join(ws.dir, 'plain.md'), ws.dir);
    const fmt = (runs: number[]) => `median ${median(runs).toFixed(2)} s (${runs.map((x) => x.toFixed(2)).join(' / ')})`;
    console.log(
      `  CLI wall time: .qmd + .bib ${fmt(withBib)}; plain .md ${fmt(without)}; the .bib is parsed once per run, in a thread started before the engine is loaded (read ahead), beside the check of the report`,
    );
    const { parse, showAll } = parseSeconds(path.join(ws.dir, 'refs.bib'));
    console.log(`  the BibTeX parse alone, in a fresh process (dist/bibtex.js loaded, then readBibtex): ${fmt(parse)}`);
    console.log(`  then showing all ${ENTRIES} entries once (authors, year, title: the first completion or picker): ${fmt(showAll)}`);
    const q = await keystrokes(ws.dir, 'report.qmd', quarto, 'quarto');
    const p = await keystrokes(ws.dir, 'plain.md', plain, 'markdown');
    console.log(
      `  keystroke (didChange → diagnostics, debounce 0): .qmd + .bib p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms; plain .md p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms`,
    );
    console.log(
      `  first completion after "[@" (a second after typing stopped): ${q.completionMs?.toFixed(0)} ms for ${ENTRIES} keys with author, year and title\n` +
        `  first check on open: .qmd + .bib ${q.openMs.toFixed(0)} ms (parses the .bib in a thread while the blocks are analysed), plain .md ${p.openMs.toFixed(0)} ms; load average ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    );
  } finally {
    ws.cleanup();
  }
}

if (require.main === module) {
  benchQuarto().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
