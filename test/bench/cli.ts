/**
 * CLI benchmark: `node bin/report-lint.js --format json FILE > /dev/null`, end to
 * end (process start, bundle load, reading, checking, printing), on a ~50 KB
 * report, a ~1 MB report and a folder of 120 reports of ~50 KB. Three runs each;
 * the median wall time and the peak RSS are reported against the targets: half
 * of what markdownlint-cli2 takes on the same sizes (0.8 s, 1.9 s, 5.9 s).
 *
 * Run alone with `node scripts/build.mjs && node --import tsx test/bench/cli.ts`,
 * or through `npm run bench` (test/bench/run.ts calls `benchCli()`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { numberToSuperscript, superscriptToNumber } from '../../server/src/core/superscript';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(REPO_ROOT, 'bin', 'report-lint.js');
const BENCH_DIR = path.join(REPO_ROOT, '.bench', 'cli');
const SAMPLE = path.join(REPO_ROOT, 'samples', 'sample-report.md');
const SHARED_SUPERSCRIPT = path.resolve(REPO_ROOT, '..', 'shared', 'samples', 'dh-indonesia-ra1.superscript.md');
const RUNS = 3;

/** Two-letter codes for the copies' participant IDs (AA…ZZ). */
const COUNTRY_CODES = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

interface BaseReport {
  text: string;
  /** The country code its IDs use. */
  country: string;
  /** Footnote labels to leave between copies. */
  labelSpan: number;
}

function loadBase(file: string, country: string): BaseReport {
  const text = fs.readFileSync(file, 'utf8');
  const labels = [...text.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^(\d+)\]/g)].map((m) => Number(m[1] ?? superscriptToNumber(m[0])));
  return { text, country, labelSpan: Math.max(0, ...labels) + 1 };
}

/**
 * Copy `index` of a report, different in every block so the linter's block cache
 * cannot reuse one copy's analysis for the next: its own country code in the IDs,
 * footnote numbers shifted past earlier copies, and a copy number at the end of
 * each prose block and heading. Tables and fenced code keep their shape.
 */
function copyOf(base: BaseReport, index: number): string {
  if (index === 0) return base.text;
  const code = COUNTRY_CODES[(index * 7 + 3) % COUNTRY_CODES.length];
  const shift = index * base.labelSpan;
  const text = base.text
    .replace(new RegExp(`-${base.country}-`, 'g'), `-${code}-`)
    .replace(/\[\^(\d+)\]/g, (_, n: string) => `[^${Number(n) + shift}]`)
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (s) => numberToSuperscript(Number(superscriptToNumber(s)) + shift));
  return text
    .split(/\n{2,}/)
    .map((block) => (/^(\||```|~~~|<!--)/.test(block) ? block : `${block.replace(/\s+$/, '')} (copy ${index})`))
    .join('\n\n');
}

/** Copies of `bases` (in turn) from copy number `firstCopy` on, until `targetChars`. */
function buildReport(bases: BaseReport[], targetChars: number, firstCopy = 0): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetChars; i++) {
    const part = copyOf(bases[i % bases.length], firstCopy + i);
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join('\n\n') + '\n';
}

interface Fixtures {
  report50k: string;
  report1m: string;
  folder: string;
  folderFiles: number;
  folderChars: number;
  source: string;
}

function writeFixtures(): Fixtures {
  fs.rmSync(BENCH_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(BENCH_DIR, 'reports'), { recursive: true });
  const sample = loadBase(SAMPLE, 'MW');
  const haveShared = fs.existsSync(SHARED_SUPERSCRIPT);
  // The published report (~46 KB) topped up with the sample; without ../shared, the sample alone.
  const bases50k = haveShared ? [loadBase(SHARED_SUPERSCRIPT, 'IN'), sample] : [sample];
  const report50k = path.join(BENCH_DIR, 'report-50k.md');
  fs.writeFileSync(report50k, buildReport(bases50k, 50_000));
  const report1m = path.join(BENCH_DIR, 'report-1mb.md');
  fs.writeFileSync(report1m, buildReport([sample], 1_000_000));
  const folder = path.join(BENCH_DIR, 'reports');
  let folderChars = 0;
  for (let i = 0; i < 120; i++) {
    // Each report starts at a different copy number, so no two share their blocks.
    const text = buildReport(bases50k, 50_000, i * 13 + 1);
    folderChars += text.length;
    fs.writeFileSync(path.join(folder, `report-${String(i).padStart(3, '0')}.md`), text);
  }
  return {
    report50k,
    report1m,
    folder,
    folderFiles: 120,
    folderChars,
    source: haveShared ? 'shared/samples/dh-indonesia-ra1.superscript.md + samples/sample-report.md' : 'samples/sample-report.md (../shared is absent)',
  };
}

interface Measurement {
  wallSeconds: number;
  /** User + system CPU time: what the wall time would be on an idle machine, near enough. */
  cpuSeconds?: number;
  maxRssBytes?: number;
  exitCode: number | null;
}

const TIME = '/usr/bin/time';
/** Without GNU time, a preload prints the process's own peak RSS when it exits. */
const RSS_PRELOAD = path.join(BENCH_DIR, 'print-max-rss.cjs');

function measureOnce(args: string[]): Measurement {
  const useTime = fs.existsSync(TIME);
  if (!useTime && !fs.existsSync(RSS_PRELOAD))
    fs.writeFileSync(
      RSS_PRELOAD,
      "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nMAX_RSS_KB ${u.maxRSS}\\nCPU_US ${u.userCPUTime + u.systemCPUTime}\\n`); });\n",
    );
  const node = [process.execPath, ...(useTime ? [] : ['-r', RSS_PRELOAD]), BIN, ...args];
  const [command, ...commandArgs] = useTime ? [TIME, '-v', ...node] : node;
  const start = process.hrtime.bigint();
  const r = spawnSync(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw r.error;
  const kb = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] : /MAX_RSS_KB (\d+)/.exec(r.stderr)?.[1];
  let cpuSeconds: number | undefined;
  if (useTime) {
    const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1];
    const system = /System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1];
    if (user && system) cpuSeconds = Number(user) + Number(system);
  } else {
    const us = /CPU_US (\d+)/.exec(r.stderr)?.[1];
    if (us) cpuSeconds = Number(us) / 1e6;
  }
  return { wallSeconds, cpuSeconds, maxRssBytes: kb ? Number(kb) * 1024 : undefined, exitCode: r.status };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export interface CliBenchRow {
  label: string;
  chars: number;
  medianSeconds: number;
  runs: number[];
  medianCpuSeconds?: number;
  maxRssBytes?: number;
  targetSeconds: number;
  markdownlintSeconds: number;
  exitCode: number | null;
}

function measure(label: string, args: string[], chars: number, markdownlintSeconds: number): CliBenchRow {
  const runs: Measurement[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(measureOnce(['--format', 'json', ...args]));
  const rss = runs.map((r) => r.maxRssBytes).filter((x): x is number => x !== undefined);
  return {
    label,
    chars,
    medianSeconds: median(runs.map((r) => r.wallSeconds)),
    runs: runs.map((r) => r.wallSeconds),
    medianCpuSeconds: runs.every((r) => r.cpuSeconds !== undefined) ? median(runs.map((r) => r.cpuSeconds!)) : undefined,
    maxRssBytes: rss.length ? Math.max(...rss) : undefined,
    targetSeconds: markdownlintSeconds / 2,
    markdownlintSeconds,
    exitCode: runs[0].exitCode,
  };
}

export function formatCliTable(rows: CliBenchRow[]): string {
  const header = ['case', 'size', 'median wall', 'runs', 'median CPU', 'peak RSS', 'target', 'markdownlint-cli2', 'result'];
  const body = rows.map((r) => [
    r.label,
    r.chars >= 1e6 ? `${(r.chars / 1e6).toFixed(1)} MB` : `${(r.chars / 1e3).toFixed(0)} KB`,
    `${r.medianSeconds.toFixed(2)} s`,
    r.runs.map((x) => x.toFixed(2)).join(' / '),
    r.medianCpuSeconds === undefined ? 'n/a' : `${r.medianCpuSeconds.toFixed(2)} s`,
    r.maxRssBytes === undefined ? 'n/a' : `${(r.maxRssBytes / 1024 / 1024).toFixed(0)} MB`,
    `≤ ${r.targetSeconds.toFixed(2)} s`,
    `${r.markdownlintSeconds.toFixed(1)} s`,
    r.exitCode === 2 ? 'ERROR (exit 2)' : r.medianSeconds <= r.targetSeconds ? 'ok' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}
let LOAD_BEFORE = '';

export async function benchCli(): Promise<CliBenchRow[]> {
  LOAD_BEFORE = loadAverage();
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first (`npm run bench` does).');
  const f = writeFixtures();
  console.log(`\nCLI end to end (node bin/report-lint.js --format json … > /dev/null; ${RUNS} runs, median; built from ${f.source})`);
  const size = (file: string) => fs.readFileSync(file, 'utf8').length;
  const rows = [
    measure('one report', [f.report50k], size(f.report50k), 0.8),
    measure('one large report', [f.report1m], size(f.report1m), 1.9),
    measure(`folder of ${f.folderFiles}`, [f.folder], f.folderChars, 5.9),
  ];
  console.log(formatCliTable(rows));
  console.log(`  fixtures: ${path.relative(REPO_ROOT, BENCH_DIR)}/ (git-ignored); machine load average before: ${LOAD_BEFORE}, after: ${loadAverage()}`);
  console.log('  (wall time includes waiting for the CPU when other work runs; CPU time is user + system of the CLI process)');
  return rows;
}

if (require.main === module) {
  benchCli().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
