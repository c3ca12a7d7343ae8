/**
 * Language server benchmark: keystroke latency (didChange → publishDiagnostics of
 * that version, debounce 0) on a ~50 KB and a ~1 MB report, and the server's
 * memory with 120 reports of ~50 KB open. Run alone with
 * `node scripts/build.mjs && node --import tsx test/bench/lsp.ts`, or through
 * `npm run bench` (test/bench/run.ts calls `benchLsp()`).
 * Targets: p95 < 50 ms at 50 KB and at 1 MB (issue 11). Wall time follows the machine's
 * load; the server's CPU time per keystroke is printed beside it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../../server/src/core/text';
import { numberToSuperscript, superscriptToNumber } from '../../server/src/core/superscript';
import { SAMPLES, SHARED_SAMPLES, TestClient, tempWorkspace, uriOf } from '../server/helpers';
import { STATS_REQUEST } from '../../server/src/protocol';

/** Country codes of a multi-country study (the 13 of Disrupting Harm): copies cycle through them. */
const COUNTRY_CODES = ['KE', 'ET', 'MZ', 'NA', 'ZA', 'TZ', 'UG', 'KH', 'ID', 'MY', 'PH', 'TH', 'VN'];

/** The report the benchmark is built from: the published one when ../shared is there, else the sample. */
function baseReport(): { name: string; text: string; country: string } {
  const shared = path.join(SHARED_SAMPLES, 'dh-indonesia-ra1.gfm.md');
  // REPORT_LINT_BENCH_BASE=builtin measures with the repository's own sample instead.
  if (fs.existsSync(shared) && process.env.REPORT_LINT_BENCH_BASE !== 'builtin')
    return { name: 'shared/samples/dh-indonesia-ra1.gfm.md', text: fs.readFileSync(shared, 'utf8'), country: 'IN' };
  return { name: 'samples/sample-report.md', text: fs.readFileSync(path.join(SAMPLES, 'sample-report.md'), 'utf8'), country: 'MW' };
}

/**
 * Copy `index` of the base report with its own participants: a country code from
 * the list and interview numbers shifted past the earlier copies of that country
 * (three digits, as the ID scheme allows), and footnote numbers shifted past the
 * earlier copies, so the document reads as one long multi-country report.
 */
function copyOf(base: { text: string; country: string }, index: number, labelsPerCopy: number): string {
  const code = COUNTRY_CODES[index % COUNTRY_CODES.length];
  const interviewShift = Math.floor(index / COUNTRY_CODES.length) * 20;
  const labelShift = index * labelsPerCopy;
  return base.text
    .replace(new RegExp(`\\b${base.country}-(\\d{1,3})\\b`, 'g'), (_, n: string) => `${code}-${String(Number(n) + interviewShift).padStart(3, '0')}`)
    .replace(/\[\^(\d+)\]/g, (_, n: string) => `[^${Number(n) + labelShift}]`)
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (sup) => numberToSuperscript(Number(superscriptToNumber(sup)) + labelShift));
}

export function buildReport(targetChars: number, seed = 0): string {
  const base = baseReport();
  const labels = Math.max(0, ...[...base.text.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1]))) + 10;
  // Whole copies, as many as come closest to the target (at least one).
  const copies = Math.max(1, Math.round(targetChars / (base.text.length + 2)));
  const parts: string[] = [];
  for (let i = 0; i < copies; i++) parts.push(copyOf(base, seed + i, labels));
  return parts.join('\n\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function rssOf(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

export interface LatencyResult {
  label: string;
  chars: number;
  openMs: number;
  p50: number;
  p95: number;
  max: number;
  /** Server CPU time (user + system, supervisor and worker) per keystroke: steadier than wall time on a busy machine. */
  cpuMsPerEdit?: number;
  /** The worker's heap after the keystrokes: what the kept analysis holds on to (no collection forced). */
  heapAfterEdits?: number;
  /**
   * p95 of the first 20 keystrokes and of the other 80: the first come right after the
   * open (V8 still optimising the check) and land in the first fifth of the report, so
   * every block after them is re-placed; they decide the p95 of the 100.
   */
  p95First20?: number;
  p95Rest?: number;
}

/** 100 single-character insertions spread through the document, each awaited. */
async function keystrokeLatency(label: string, text: string, edits = 100): Promise<LatencyResult> {
  const ws = tempWorkspace({});
  // REPORT_LINT_BENCH_PROFILE=dir writes a CPU profile of the server to dir.
  const profile = process.env.REPORT_LINT_BENCH_PROFILE;
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const client = await TestClient.start({ folder: ws.dir, settings: { debounceMs: 0 }, nodeArgs });
  try {
    const uri = uriOf(ws.file(`${label}.md`));
    let t = performance.now();
    client.open(uri, text);
    await client.diagnostics(uri, (p) => p.version === 1, 120_000);
    const openMs = performance.now() - t;
    const times: number[] = [];
    let heapAfterEdits: number | undefined;
    const cpuNow = async () => {
      const stats = await client.request<{ cpu?: NodeJS.CpuUsage; memory?: NodeJS.MemoryUsage } | null>(STATS_REQUEST, {});
      heapAfterEdits = stats?.memory?.heapUsed;
      return stats?.cpu ? (stats.cpu.user + stats.cpu.system) / 1000 : undefined;
    };
    const cpuBefore = await cpuNow();
    for (let i = 0; i < edits; i++) {
      const current = client.text(uri);
      const offset = Math.floor(((i + 0.5) / edits) * current.length);
      const position = new LineIndex(current).positionAt(offset);
      t = performance.now();
      const version = client.edit(uri, [{ range: { start: position, end: position }, newText: 'x' }]);
      await client.diagnostics(uri, (p) => p.version === version, 60_000);
      times.push(performance.now() - t);
    }
    const cpuAfter = await cpuNow();
    const cpuMsPerEdit = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / edits : undefined;
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    const p95First20 = percentile(sorted(times.slice(0, 20)), 95);
    const p95Rest = percentile(sorted(times.slice(20)), 95);
    times.sort((a, b) => a - b);
    return {
      label,
      chars: text.length,
      openMs,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times[times.length - 1],
      cpuMsPerEdit,
      heapAfterEdits,
      p95First20,
      p95Rest,
    };
  } finally {
    await client.stop();
    ws.cleanup();
  }
}

/**
 * A replace-all in a long report: one didChange with a change per match (an editor sends
 * them from the last to the first), awaited until that version's diagnostics arrive.
 */
async function replaceAllLatency(chars: number, changes: number): Promise<{ ms: number; chars: number }> {
  const ws = tempWorkspace({});
  const client = await TestClient.start({ folder: ws.dir, settings: { debounceMs: 0 } });
  try {
    const uri = uriOf(ws.file('replace-all.md'));
    const text = buildReport(chars);
    client.open(uri, text);
    await client.diagnostics(uri, (p) => p.version === 1, 120_000);
    const lines = new LineIndex(text);
    const edits = [];
    for (let i = 0; i < changes; i++) {
      const offset = Math.floor(((i + 0.5) / changes) * text.length);
      edits.push({ range: { start: lines.positionAt(offset), end: lines.positionAt(offset) }, newText: 'x' });
    }
    const t = performance.now();
    const version = client.edit(uri, edits);
    await client.diagnostics(uri, (p) => p.version === version, 600_000);
    return { ms: performance.now() - t, chars: text.length };
  } finally {
    await client.stop();
    ws.cleanup();
  }
}

/** Server memory with `count` reports of about `chars` characters open (and checked). */
async function memoryWithOpenReports(count: number, chars: number): Promise<{ rss?: number; heapUsed?: number; totalChars: number }> {
  const ws = tempWorkspace({});
  const client = await TestClient.start({ folder: ws.dir, settings: { debounceMs: 0 } });
  try {
    let totalChars = 0;
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) {
      const uri = uriOf(ws.file(`report-${i}.md`));
      const text = buildReport(chars, i * 3);
      totalChars += text.length;
      client.open(uri, text);
      pending.push(client.diagnostics(uri, (p) => p.version === 1, 600_000));
    }
    await Promise.all(pending);
    const stats = await client.request<{ memory: NodeJS.MemoryUsage } | null>(STATS_REQUEST, {});
    return { rss: rssOf(client.child.pid!) ?? stats?.memory.rss, heapUsed: stats?.memory.heapUsed, totalChars };
  } finally {
    await client.stop();
    ws.cleanup();
  }
}

export async function benchLsp(): Promise<void> {
  const only = process.env.REPORT_LINT_BENCH_ONLY; // e.g. "1MB" while profiling
  const base = baseReport();
  console.log(`\nLanguage server (built from ${base.name}; debounce 0; didChange → publishDiagnostics of that version)`);
  const results: LatencyResult[] = [];
  if (!only || only === '50KB') results.push(await keystrokeLatency('50KB', buildReport(50_000)));
  if (!only || only === '1MB') results.push(await keystrokeLatency('1MB', buildReport(1_000_000)));
  // Issue 11: p95 under 50 ms at 1 MB too (was 300).
  const targets: Record<string, number> = { '50KB': 50, '1MB': 50 };
  for (const r of results) {
    const ok = r.p95 < targets[r.label] ? 'ok' : 'MISSED';
    console.log(
      `  keystroke ${r.label.padEnd(5)} (${(r.chars / 1000).toFixed(0)}k chars): p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms` +
        ` (target p95 < ${targets[r.label]} ms: ${ok}); server CPU ${r.cpuMsPerEdit?.toFixed(1) ?? 'n/a'} ms per keystroke; first check on open ${r.openMs.toFixed(0)} ms; heap after the keystrokes ${mb(r.heapAfterEdits)}`,
    );
    console.log(
      `    p95 of keystrokes 1-20 (just after the open, early in the report) ${r.p95First20?.toFixed(1)} ms, of keystrokes 21-100 ${r.p95Rest?.toFixed(1)} ms`,
    );
  }
  if (!only || only === 'replace-all') {
    const r = await replaceAllLatency(1_000_000, 10_000);
    console.log(`  replace-all (one didChange of 10,000 changes, ${(r.chars / 1e6).toFixed(1)}M chars) → its diagnostics: ${r.ms.toFixed(0)} ms`);
  }
  if (only && only !== 'memory') return;
  const mem = await memoryWithOpenReports(120, 50_000);
  console.log(`  memory with 120 reports open (${(mem.totalChars / 1e6).toFixed(1)}M chars): RSS ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
}

if (require.main === module) {
  benchLsp().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
