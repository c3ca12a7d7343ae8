/**
 * Where the time between a keystroke and its squiggle goes, for the workbench
 * latency benchmark (test/bench/workbench.ts): with REPORT_LINT_TIMING_LOG set to a
 * file, the server appends one JSON line per step of each check (wall-clock
 * milliseconds, comparable with the browser's and the extension host's clocks on
 * the same machine). Off (one comparison) when the variable is not set.
 */
import * as fs from 'node:fs';

const file = process.env.REPORT_LINT_TIMING_LOG;

export const timingEnabled = !!file;

export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function timing(event: string, uri: string, version: number | null | undefined, extra: Record<string, unknown> = {}): void {
  if (!file) return;
  try {
    fs.appendFileSync(file, `${JSON.stringify({ event, uri, version, at: now(), ...extra })}\n`);
  } catch {
    // A benchmark aid: never a reason to fail a check.
  }
}
