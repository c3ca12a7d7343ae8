/**
 * Felt latency in the real workbench (issue 11): code-server + Chromium driven by
 * Playwright, the extension from this repository, a ~46 KB and a ~1 MB report
 * (generated at run time, see buildReport in lsp.ts; nothing is written into the
 * repository). For each of a dozen citations spread through the report: type a
 * space inside the ID (`RA1- KE-02-A`, malformed) and time keystroke → warning
 * squiggle under it; press Backspace and time keystroke → squiggle gone.
 *
 * The breakdown comes from wall-clock stamps (one machine, one clock): the page's
 * keydown and the DOM mutation that shows or removes the squiggle; the server's
 * steps from REPORT_LINT_TIMING_LOG (received by the supervisor, check scheduled,
 * check start/end, diagnostics converted and posted by the worker, relayed and
 * written by the supervisor); the extension host's onDidChangeDiagnostics, which the
 * extension records when REPORT_LINT_TIMING_LOG is set.
 *
 * `npm run bench -- workbench` (needs the e2e setup: code-server and chromium, see
 * test/e2e/README.md; installed on first use). A benchmark: it prints figures and
 * never fails on them. REPORT_LINT_BENCH_EDITS sets the edits per report (40): one squiggle-shown and one
 * squiggle-gone sample each. The slowest tenth of each kind is listed with its legs, the leg
 * furthest above its median first, so an outlier says whether its time was ours.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { buildReport } from './lsp';
import { ReportLinter } from '../../server/src/core/engine';
import { LineIndex } from '../../server/src/core/text';

const REPO = path.resolve(__dirname, '..', '..');

interface Target {
  /** 1-based line and column of the insertion point (just after "RA1-"). */
  line: number;
  column: number;
  /** The text around the ID on its line, to find it on screen. */
  context: string;
  raw: string;
}

interface Stamps {
  keydown: number;
  squiggle: number;
}

interface Sample {
  kind: 'shown' | 'gone';
  total: number;
  steps: Record<string, number | undefined>;
  /** The server's request and notification handlers of 5 ms or more that ran during the sample. */
  busy: string;
}

/** Citations with no finding on them, spread evenly through the report. */
function targets(text: string, count: number): Target[] {
  const result = new ReportLinter().lint(text, [], 'bench');
  const lines = new LineIndex(text);
  const clean = result.model.ids.filter(
    (t) => t.canonical && !t.inRegistryTable && t.parts.participants.length === 1 && !result.findings.some((f) => f.start < t.end + 2 && t.start - 2 < f.end),
  );
  const candidates = clean
    .map((t): Target => {
      const insertAt = t.start + t.raw.indexOf('-') + 1;
      const pos = lines.positionAt(insertAt);
      const lineText = lines.lineText(pos.line);
      const startInLine = t.start - lines.lineStarts[pos.line];
      const context = lineText.slice(Math.max(0, startInLine - 12), startInLine + t.raw.length + 2);
      return { line: pos.line + 1, column: pos.character + 1, context, raw: t.raw };
    })
    // The generated report repeats its paragraphs: a context found twice may be measured on another
    // line on screen, where no squiggle comes.
    .filter((t) => text.indexOf(t.context) === text.lastIndexOf(t.context));
  const picked: Target[] = [];
  for (let i = 0; i < count && candidates.length; i++) picked.push(candidates[Math.floor(((i + 0.5) * candidates.length) / count)]);
  return picked;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function median(values: (number | undefined)[]): number | undefined {
  const v = values.filter((x): x is number => x !== undefined && Number.isFinite(x));
  return v.length ? percentile(v, 50) : undefined;
}

const ms = (x: number | undefined) => (x === undefined ? '   n/a' : `${x.toFixed(0).padStart(6)}`);

/**
 * Installs, in the page, a watcher that resolves `window.__latency` when a warning or
 * error squiggle appears on (or leaves) the box, with the wall-clock times of the
 * next keydown and of that DOM change. Plain JavaScript source: functions compiled
 * by tsx carry helpers the page does not have.
 */
const WATCHER = `(({ b, mode }) => {
  const clock = () => performance.timeOrigin + performance.now();
  const editor = document.querySelector('.editor-instance .monaco-editor');
  const present = () => [...document.querySelectorAll('.editor-instance .monaco-editor .squiggly-warning, .editor-instance .monaco-editor .squiggly-error')].some((el) => {
    const r = el.getBoundingClientRect();
    return r.top < b.y + b.height && r.bottom > b.y && r.left < b.x + b.width - 1 && r.right > b.x + 1;
  });
  window.__latency = new Promise((resolve) => {
    let keydown;
    const onKey = () => { if (keydown === undefined) keydown = clock(); };
    window.addEventListener('keydown', onKey, true);
    let timer;
    const observer = new MutationObserver(() => {
      if (keydown === undefined) return;
      if ((mode === 'shown') === present()) finish({ keydown, squiggle: clock() });
    });
    const finish = (value) => {
      observer.disconnect();
      window.removeEventListener('keydown', onKey, true);
      clearTimeout(timer);
      resolve(value);
    };
    observer.observe(editor, { subtree: true, childList: true, attributes: true });
    timer = setTimeout(() => finish({ error: 'no squiggle ' + mode + ' within 30 s' }), 30000);
  });
})`;

async function armWatcher(page: Page, box: { x: number; y: number; width: number; height: number }, mode: 'shown' | 'gone'): Promise<void> {
  await page.evaluate(`${WATCHER}(${JSON.stringify({ b: box, mode })})`);
}

async function measureReport(
  label: string,
  text: string,
  edits: number,
  log: (s: string) => void,
): Promise<{ label: string; samples: Sample[]; findings: number }> {
  const { runUiSuite } = await import(pathToFileURL(path.join(REPO, 'test', 'e2e', 'runUiSuite.mjs')).href);
  const { textBox, settleAnimations } = await import(pathToFileURL(path.join(REPO, 'test', 'e2e', 'ui', 'editorDom.mjs')).href);
  const { quickOpen } = await import(pathToFileURL(path.join(REPO, 'test', 'e2e', 'codeServer.mjs')).href);
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-latency-')));
  const timingLog = path.join(folder, '.timing.jsonl');
  const file = path.join(folder, 'report.md');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const findings = new ReportLinter().lint(text).findings.length;
  const chosen = targets(text, edits);
  const samples: Sample[] = [];

  const suite = async ({ page }: { page: Page }) => {
    await quickOpen(page, 'report.md');
    await page.keyboard.press('Control+B');
    // The first diagnostics reached the extension host: the report is open and checked.
    const deadline = Date.now() + 180_000;
    while (!(fs.existsSync(timingLog) && fs.readFileSync(timingLog, 'utf8').includes('"event":"exthost"'))) {
      if (Date.now() > deadline) throw new Error('no diagnostics reached the extension host within 180 s');
      await page.waitForTimeout(200);
    }
    await page.waitForTimeout(1500);
    // The first target twice: its first round is a warm-up, not a sample (the first edit of a long
    // report met the extension host and server still settling after the opening: 1.5 s outliers).
    for (const [round, target] of [...chosen.slice(0, 1), ...chosen].entries()) {
      const warmUp = round === 0;
      await page.keyboard.press('Control+G');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`:${target.line}:${target.column}`);
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      await page
        .locator('.statusbar', { hasText: `Ln ${target.line}, Col ${target.column}` })
        .first()
        .waitFor({ timeout: 20_000 });
      if (settleAnimations) await settleAnimations(page);
      await page.waitForTimeout(500);
      const box = await textBox(page, target.raw, { context: target.context, timeoutMs: 20_000 });
      let shown = false;
      for (const [mode, key] of [
        ['shown', 'Space'],
        ['gone', 'Backspace'],
      ] as const) {
        if (mode === 'gone' && !shown) {
          // No squiggle came: there is none to time going away (the watcher would take any repaint).
          await page.keyboard.press(key);
          await page.waitForTimeout(550);
          continue;
        }
        const from = fs.existsSync(timingLog) ? fs.statSync(timingLog).size : 0;
        await armWatcher(page, box, mode);
        await page.keyboard.press(key);
        const stamps = (await page.evaluate('window.__latency')) as Stamps | { error: string };
        if ('error' in stamps) {
          log(`[latency] ${label} line ${target.line}: ${stamps.error}`);
          continue;
        }
        if (mode === 'shown') shown = true;
        // Let the stamps of this edit reach the log (the extension host writes after the renderer may have painted).
        await page.waitForTimeout(300);
        if (!warmUp)
          samples.push({
            kind: mode,
            total: stamps.squiggle - stamps.keydown,
            steps: breakdown(timingLog, from, uri, stamps),
            busy: serverBusy(timingLog, from, stamps),
          });
        await page.waitForTimeout(250);
      }
    }
  };
  const code = await runUiSuite({
    suite,
    name: `latency-${label.replace(/\W+/g, '')}`,
    workspaceFolder: folder,
    extensionDevelopmentPath: REPO,
    env: { REPORT_LINT_TIMING_LOG: timingLog },
    // One screen line per line, so an ID is never split across rendered lines.
    settings: { '[markdown]': { 'editor.wordWrap': 'off' }, 'editor.wordWrap': 'off', 'editor.minimap.enabled': false },
    timeoutMs: 20 * 60_000,
    log,
  });
  // Where the server's time went besides the checks: its request and notification handlers.
  const handled = new Map<string, { n: number; ms: number; max: number }>();
  for (const line of fs.existsSync(timingLog) ? fs.readFileSync(timingLog, 'utf8').split('\n') : []) {
    if (!line.includes('"handled"')) continue;
    const h = JSON.parse(line) as { handler: string; ms: number };
    const e = handled.get(h.handler) ?? { n: 0, ms: 0, max: 0 };
    handled.set(h.handler, { n: e.n + 1, ms: e.ms + h.ms, max: Math.max(e.max, h.ms) });
  }
  const busiest = [...handled].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6);
  console.log(
    `${label}: server handlers (count, total ms, max ms): ${busiest.map(([k, v]) => `${k} ${v.n}×, ${v.ms.toFixed(0)}, ${v.max.toFixed(0)}`).join('; ')}`,
  );
  fs.rmSync(folder, { recursive: true, force: true });
  if (code !== 0) log(`[latency] ${label}: the workbench run failed (see above)`);
  return { label, samples, findings };
}

interface TimingLine {
  event: string;
  uri: string;
  version?: number;
  at: number;
  count?: number;
}

/** The server handlers (code actions, hovers...) of 5 ms or more that overlapped the sample: time its worker was not free. */
function serverBusy(logFile: string, from: number, stamps: Stamps): string {
  try {
    return fs
      .readFileSync(logFile)
      .subarray(from)
      .toString('utf8')
      .split('\n')
      .filter((l) => l.includes('"handled"'))
      .map((l) => JSON.parse(l) as TimingLine & { handler: string; ms: number })
      .filter((h) => h.ms >= 5 && h.at > stamps.keydown && h.at - h.ms < stamps.squiggle)
      .map((h) => `${h.handler} ${h.ms.toFixed(0)} ms at +${(h.at - h.ms - stamps.keydown).toFixed(0)}`)
      .join(', ');
  } catch {
    return '';
  }
}

/** The steps of the edit made at `stamps.keydown`, from the server's and the extension host's stamps. */
function breakdown(logFile: string, from: number, uri: string, stamps: Stamps): Record<string, number | undefined> {
  let lines: TimingLine[] = [];
  try {
    const buffer = fs.readFileSync(logFile);
    lines = buffer
      .subarray(from)
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as TimingLine)
      .filter((l) => decodeURIComponent(l.uri) === decodeURIComponent(uri));
  } catch {
    return {};
  }
  const received = lines.find((l) => l.event === 'received' && l.at >= stamps.keydown);
  if (!received) return {};
  const of = (event: string) => lines.find((l) => l.event === event && l.version === received.version)?.at;
  // The extension's stamps of the edit (REPORT_LINT_TIMING_LOG): the extension host's onDidChangeTextDocument,
  // then the language client's didChange taken up and written to the server's IPC channel.
  const exthostChange = of('exthostChange');
  const clientChange = of('clientChange');
  const clientSent = of('clientSent');
  const scheduled = of('scheduled');
  const checkStart = of('checkStart');
  const checkEnd = of('checkEnd');
  const converted = of('converted');
  const posted = of('posted');
  const relayed = of('relayed');
  const written = of('written');
  const exthost = written === undefined ? undefined : lines.find((l) => l.event === 'exthost' && l.at >= written)?.at;
  // The extension's own stamps (REPORT_LINT_TIMING_LOG): converted diagnostics handed over, then set.
  const exthostConverted = written === undefined ? undefined : lines.find((l) => l.event === 'exthostConverted' && l.at >= written)?.at;
  const exthostSet = exthostConverted === undefined ? undefined : lines.find((l) => l.event === 'exthostSet' && l.at >= exthostConverted)?.at;
  const d = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : b - a);
  return {
    'keystroke → server': d(stamps.keydown, received.at),
    // Its parts: the browser and code-server's remote extension host protocol (VS Code's), the
    // language client (ours: middleware, conversion, write), the IPC pipe into our supervisor.
    'key → ext host': d(stamps.keydown, exthostChange),
    'ext host → client sent': d(exthostChange, clientSent),
    'sent → server': d(clientSent, received.at),
    'to worker': d(received.at, scheduled),
    debounce: d(scheduled, checkStart),
    check: d(checkStart, checkEnd),
    'convert + post': d(checkEnd, posted),
    'relay + write': d(posted, written),
    // Inside the extension host: receive + convert (vscode-languageclient), set, then the renderer.
    'ext: receive + convert': d(written, exthostConverted),
    'ext: set': d(exthostConverted, exthostSet),
    'set → squiggle': d(exthostSet, stamps.squiggle),
    // Between converted and posted: the structured clone to the supervisor.
    _convert: d(checkEnd, converted),
    _relayed: d(posted, relayed),
    '_client middleware': d(exthostChange, clientChange),
    // VS Code fires onDidChangeDiagnostics 50 ms after the last change, off the squiggle's path:
    // measured from it, the "renderer" came out negative. Kept out of the printed breakdown.
    '_extension host': d(written, exthost),
    _renderer: d(exthost, stamps.squiggle),
  };
}

/** The legs that add up to the total (the sub-legs of "keystroke → server" and of the extension host are listed beside them). */
const LEGS = [
  'key → ext host',
  'ext host → client sent',
  'sent → server',
  'to worker',
  'debounce',
  'check',
  'convert + post',
  'relay + write',
  'ext: receive + convert',
  'ext: set',
  'set → squiggle',
];

/** The legs VS Code spends on its own: delivering the keystroke to the extension host, and drawing the markers it was given. */
const VS_CODE_LEGS = ['key → ext host', 'set → squiggle'];

/**
 * Whose time the totals are, sample by sample: VS Code's legs, the debounce, and the rest
 * (Report Lint's client, server and the pipes between them). The target allows 50 ms over
 * the debounce; this line says how much of it each side takes at the median and p95.
 */
function printOwnership(samples: Sample[]): void {
  const sum = (x: Sample, legs: string[]) => legs.reduce((total, leg) => total + (x.steps[leg] ?? NaN), 0);
  const ours = LEGS.filter((leg) => leg !== 'debounce' && !VS_CODE_LEGS.includes(leg));
  const line = (label: string, values: number[]) => {
    const known = values.filter(Number.isFinite);
    return `${label} p50 ${ms(percentile(known, 50))?.trim()} p95 ${ms(percentile(known, 95))?.trim()}`;
  };
  console.log(
    `    by owner (ms): ${line(
      `VS Code (${VS_CODE_LEGS.join(' + ')})`,
      samples.map((x) => sum(x, VS_CODE_LEGS)),
    )} | ${line(
      'debounce',
      samples.map((x) => x.steps.debounce ?? NaN),
    )} | ${line(
      'Report Lint (the other legs)',
      samples.map((x) => sum(x, ours)),
    )}`,
  );
}

/**
 * The slowest tenth of the samples (at least three), slowest first: each with the legs that
 * took longer than their median, the largest excess first, so an outlier names where it went.
 */
function printOutliers(samples: Sample[], medians: Record<string, number | undefined>): void {
  const count = Math.max(3, Math.ceil(samples.length / 10));
  const slowest = [...samples].sort((a, b) => b.total - a.total).slice(0, count);
  const median = percentile(
    samples.map((x) => x.total),
    50,
  );
  console.log(`    slowest ${count} (total; legs above their median, by excess):`);
  for (const x of slowest) {
    const excess = LEGS.map((leg) => ({ leg, value: x.steps[leg], over: (x.steps[leg] ?? NaN) - (medians[leg] ?? NaN) }))
      .filter((e) => Number.isFinite(e.over) && e.over >= 5)
      .sort((a, b) => b.over - a.over);
    const missing = LEGS.filter((leg) => x.steps[leg] === undefined);
    console.log(
      `      ${x.total.toFixed(0).padStart(5)} ms (+${(x.total - median).toFixed(0)}): ${excess.map((e) => `${e.leg} ${e.value!.toFixed(0)} (+${e.over.toFixed(0)})`).join(', ') || 'no leg 5 ms above its median'}` +
        (missing.length ? ` [no stamps: ${missing.join(', ')}]` : '') +
        (x.busy ? `; server handlers meanwhile: ${x.busy}` : ''),
    );
  }
}

export async function benchWorkbench(): Promise<void> {
  const { setupE2E } = await import(pathToFileURL(path.join(REPO, 'scripts', 'e2e-setup.mjs')).href);
  await setupE2E({ log: () => undefined });
  // 40 edits give 40 samples of each kind: with a dozen, "p95" was the maximum.
  const edits = Number(process.env.REPORT_LINT_BENCH_EDITS) || 40;
  const log = (s: string) => {
    if (process.env.REPORT_LINT_BENCH_VERBOSE || /FAILED|failed|no squiggle/.test(s)) console.log(s);
  };
  console.log('\n== workbench: keystroke → squiggle in code-server (VS Code 1.100) + Chromium, debounce 150 ms ==');
  // REPORT_LINT_BENCH_SIZES="1 MB" measures one size only.
  const sizes = process.env.REPORT_LINT_BENCH_SIZES?.split(',').map((s) => s.trim());
  for (const [label, chars] of [
    ['46 KB', 46_000],
    ['1 MB', 1_000_000],
  ] as const) {
    if (sizes && !sizes.includes(label)) continue;
    const text = buildReport(chars);
    const { samples, findings } = await measureReport(label, text, edits, log);
    for (const kind of ['shown', 'gone'] as const) {
      const s = samples.filter((x) => x.kind === kind);
      if (!s.length) {
        console.log(`${label}: no ${kind} samples`);
        continue;
      }
      const totals = s.map((x) => x.total);
      console.log(
        `${label} (${(text.length / 1000).toFixed(0)} K chars, ${findings} findings) squiggle ${kind.padEnd(5)}: n=${s.length} p50 ${ms(percentile(totals, 50))} ms  p95 ${ms(percentile(totals, 95))} ms  max ${ms(Math.max(...totals))} ms`,
      );
      const steps = Object.keys(s[0].steps).filter((k) => !k.startsWith('_'));
      const medians = Object.fromEntries(steps.map((k) => [k, median(s.map((x) => x.steps[k]))]));
      console.log(`    median breakdown: ${steps.map((k) => `${k} ${ms(medians[k])?.trim()}`).join(' | ')} (ms)`);
      printOwnership(s);
      printOutliers(s, medians);
    }
  }
}

if (require.main === module) {
  benchWorkbench().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
