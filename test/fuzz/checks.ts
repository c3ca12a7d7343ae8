/**
 * The properties `npm run fuzz` checks on every document. Each check returns the
 * failures it found as data (never throws), so the runner can report, minimise and
 * go on with the next document.
 */
import { performance } from 'node:perf_hooks';
import { ReportLinter, editsAreDisjoint, editsConflict, fixSafe, type FixPass } from '../../server/src/core/engine';
import { applyEdits } from '../../server/src/core/text';
import type { Finding, Fix, TextEdit } from '../../server/src/core/types';

export interface Failure {
  check: 'exception' | 'time' | 'range' | 'overlap' | 'fix-alone' | 'fix-all' | 'incremental';
  detail: string;
}

export interface CheckOptions {
  /** Time bound per document: floorMs + msPerKb × size in KB (0 disables the check). */
  msPerKb: number;
  floorMs: number;
  /** How many fixes of a document are each applied alone and re-checked. */
  fixesPerDocument: number;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = { msPerKb: 50, floorMs: 300, fixesPerDocument: 5 };

let freshKeys = 0;

/**
 * The findings of a fresh check: one linter (building the term matchers is costly),
 * a document key never used before, forgotten afterwards, so no block is reused.
 */
export function freshLint(linter: ReportLinter, text: string): { findings: Finding[]; ms: number } {
  const key = `fresh-${freshKeys++}`;
  const t0 = performance.now();
  try {
    return { findings: linter.lint(text, [], key).findings, ms: performance.now() - t0 };
  } finally {
    linter.forget(key);
  }
}

function describeError(e: unknown): string {
  const err = e as Error;
  return `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}\n${(err?.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
}

function inBounds(s: { start: number; end: number }, length: number): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= length;
}

/** Ranges of findings, edits and same-document related places lie inside the text; no fix has colliding edits. */
export function checkRanges(text: string, findings: Finding[]): Failure[] {
  const failures: Failure[] = [];
  for (const f of findings) {
    if (!inBounds(f, text.length)) failures.push({ check: 'range', detail: `${f.ruleId} finding ${f.start}-${f.end} outside 0-${text.length}` });
    for (const r of f.related ?? [])
      if (!r.file && !inBounds(r, text.length)) failures.push({ check: 'range', detail: `${f.ruleId} related ${r.start}-${r.end} outside 0-${text.length}` });
    for (const fix of f.fixes) {
      for (const e of fix.edits)
        if (!inBounds(e, text.length))
          failures.push({ check: 'range', detail: `${f.ruleId} fix "${fix.title}" edit ${e.start}-${e.end} outside 0-${text.length}` });
      if (!editsAreDisjoint(fix.edits))
        failures.push({ check: 'overlap', detail: `${f.ruleId} fix "${fix.title}" has overlapping edits: ${JSON.stringify(fix.edits)}` });
    }
  }
  return failures;
}

/**
 * Errors per rule. Counted by rule, not by message: a renumbering rightly renames the
 * footnote an existing error is about, which is not a new error.
 */
function errorCounts(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.severity === 'error') counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/** Each fix applied alone gives a document whose re-check has no error the original did not have. */
export function checkFixesAlone(linter: ReportLinter, text: string, findings: Finding[], limit: number, pickIndex: (n: number) => number): Failure[] {
  const fixes = findings.flatMap((f) => f.fixes.map((fix) => ({ finding: f, fix }))).filter(({ fix }) => editsAreDisjoint(fix.edits));
  const failures: Failure[] = [];
  if (!fixes.length) return failures;
  const before = errorCounts(findings);
  const tried = new Set<number>();
  for (let n = 0; n < Math.min(limit, fixes.length); n++) {
    let i = pickIndex(fixes.length);
    while (tried.has(i)) i = (i + 1) % fixes.length;
    tried.add(i);
    const { finding, fix } = fixes[i];
    const after = applyEdits(text, fix.edits).text;
    let again: Finding[];
    try {
      again = freshLint(linter, after).findings;
    } catch (e) {
      failures.push({ check: 'exception', detail: `after ${finding.ruleId} fix "${fix.title}": ${describeError(e)}` });
      continue;
    }
    for (const [rule, count] of errorCounts(again)) {
      if (count <= (before.get(rule) ?? 0)) continue;
      const known = new Set(findings.filter((f) => f.ruleId === rule).map((f) => f.message));
      const added = again.find((f) => f.ruleId === rule && f.severity === 'error' && !known.has(f.message)) ?? again.find((f) => f.ruleId === rule);
      failures.push({
        check: 'fix-alone',
        detail: `${finding.ruleId} fix "${fix.title}" (${JSON.stringify(fix.edits).slice(0, 300)}) brings a new ${rule} error: ${added?.message}`,
      });
    }
  }
  return failures;
}

const sameFix = (a: Fix, b: Fix) => a.title === b.title && a.safe === b.safe && JSON.stringify(a.edits) === JSON.stringify(b.edits);

/**
 * fix-all: every pass applies whole fixes that a fresh check of the pass's text
 * offered as safe, and nothing else; the result is reached (no flip-flop) and
 * fixing it again changes nothing. A leading byte-order mark stays.
 */
export function checkFixAll(linter: ReportLinter, text: string): Failure[] {
  const failures: Failure[] = [];
  const passes: FixPass[] = [];
  const key = `fixall-${freshKeys++}`;
  try {
    const result = fixSafe(linter, text, [], key, (p) => passes.push(p));
    if (!result.converged) failures.push({ check: 'fix-all', detail: `fix-all did not converge after ${passes.length} passes` });
    for (const [i, pass] of passes.entries()) {
      const offered = freshLint(linter, pass.before).findings.flatMap((f) => f.fixes.filter((x) => x.safe));
      for (const fix of pass.fixes) {
        if (!offered.some((o) => sameFix(o, fix)))
          failures.push({ check: 'fix-all', detail: `pass ${i + 1} applied "${fix.title}", which a fresh check did not offer as safe` });
      }
      const edits: TextEdit[] = pass.fixes.flatMap((f) => f.edits);
      for (let a = 0; a < edits.length; a++)
        for (let b = a + 1; b < edits.length; b++)
          if (editsConflict(edits[a], edits[b]))
            failures.push({ check: 'fix-all', detail: `pass ${i + 1} applied colliding edits ${JSON.stringify([edits[a], edits[b]])}` });
      if (applyEdits(pass.before, edits).text !== pass.after)
        failures.push({ check: 'fix-all', detail: `pass ${i + 1} changed the text beyond its fixes' edits` });
    }
    if (text.startsWith('\uFEFF') && !result.text.startsWith('\uFEFF')) failures.push({ check: 'fix-all', detail: 'fix-all removed the byte-order mark' });
    if (result.converged && result.text !== text) {
      const again = fixSafe(linter, result.text, [], key);
      if (again.text !== result.text)
        failures.push({ check: 'fix-all', detail: `fix-all is not idempotent: a second run applied ${again.applied.map((a) => a.title).join(', ')}` });
    }
  } catch (e) {
    failures.push({ check: 'exception', detail: `fix-all: ${describeError(e)}` });
  } finally {
    linter.forget(key);
  }
  return failures;
}

export interface DocumentResult {
  failures: Failure[];
  /** Time of the fresh check, the fastest of the tries. */
  ms: number;
}

/** Every single-document property. `pickIndex` chooses which fixes are tried alone. */
export function checkDocument(linter: ReportLinter, text: string, options: CheckOptions, pickIndex: (n: number) => number): DocumentResult {
  let findings: Finding[];
  let ms: number;
  try {
    ({ findings, ms } = freshLint(linter, text));
  } catch (e) {
    return { failures: [{ check: 'exception', detail: describeError(e) }], ms: NaN };
  }
  const failures: Failure[] = [];
  if (options.msPerKb > 0) {
    const bound = options.floorMs + (options.msPerKb * text.length) / 1024;
    // Other processes share the machine: a slow check is timed twice more before it counts
    // (a blocking CI step must not fail on a busy machine; a superlinear cost fails every time).
    for (let retry = 0; retry < 2 && ms > bound; retry++) ms = Math.min(ms, freshLint(linter, text).ms);
    // The other checks re-check the document many times: not worth it on a slow one.
    if (ms > bound)
      return { failures: [{ check: 'time', detail: `${ms.toFixed(0)} ms for ${(text.length / 1024).toFixed(1)} KB (bound ${bound.toFixed(0)} ms)` }], ms };
  }
  failures.push(...checkRanges(text, findings));
  failures.push(...checkFixesAlone(linter, text, findings, options.fixesPerDocument, pickIndex));
  failures.push(...checkFixAll(linter, text));
  return { failures, ms };
}

/**
 * A chain of edits checked incrementally (one document key, as the server keeps it)
 * against a fresh check after every edit.
 */
export function checkEditChain(linter: ReportLinter, steps: string[]): Failure[] {
  const key = `chain-${freshKeys++}`;
  try {
    for (const [i, text] of steps.entries()) {
      let incremental: Finding[];
      try {
        incremental = linter.lint(text, [], key).findings;
      } catch (e) {
        return [{ check: 'exception', detail: `edit ${i}: ${describeError(e)}` }];
      }
      const fresh = freshLint(linter, text).findings;
      const ranges = checkRanges(text, fresh);
      if (ranges.length) return ranges.map((f) => ({ ...f, detail: `edit ${i}: ${f.detail}`, step: i }) as Failure & { step: number });
      if (JSON.stringify(incremental) !== JSON.stringify(fresh)) {
        const a = incremental.map((f) => `${f.ruleId}@${f.start}-${f.end}`);
        const b = fresh.map((f) => `${f.ruleId}@${f.start}-${f.end}`);
        return [
          {
            check: 'incremental',
            detail: `after edit ${i} incremental ≠ fresh:\n  incremental ${a.filter((x) => !b.includes(x)).join(' ') || '(messages differ)'}\n  fresh       ${b.filter((x) => !a.includes(x)).join(' ')}`,
            step: i,
          } as Failure & { step: number },
        ];
      }
    }
    return [];
  } finally {
    linter.forget(key);
  }
}
