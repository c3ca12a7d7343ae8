import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportLinter } from '../../server/src/core/engine';
import { resolveConfig, type ConfigFile } from '../../server/src/core/config';
import { applyEdits } from '../../server/src/core/text';
import { RULES } from '../../server/src/core/rules';
import { isFindingOf, type Finding, type FindingOf, type RuleId, type TextEdit } from '../../server/src/core/types';
import type { RegistryEntry } from '../../server/src/core/registry';

export const RULE_IDS = RULES.map((r) => r.id);
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The published sample reports next to the repository (overridable, e.g. to check the tests skip without them). */
export const SHARED_SAMPLES = process.env.REPORT_LINT_SHARED_SAMPLES ?? path.resolve(REPO_ROOT, '..', 'shared', 'samples');

/** A linter for a configuration object (as written in .reportlintrc.json); throws on config problems so tests notice typos. */
export function linterFor(config?: ConfigFile): ReportLinter {
  if (!config) return new ReportLinter();
  const { config: resolved, problems } = resolveConfig(JSON.stringify(config), 'test-config', RULE_IDS);
  if (problems.length) throw new Error(`test configuration has problems: ${JSON.stringify(problems)}`);
  return new ReportLinter(resolved);
}

export function lint(text: string, config?: ConfigFile, registry: RegistryEntry[] = []): Finding[] {
  return linterFor(config).lint(text, registry).findings;
}

export function only<K extends RuleId>(findings: Finding[], ruleId: K): FindingOf<K>[] {
  return findings.filter((f): f is FindingOf<K> => isFindingOf(f, ruleId));
}

/** The text each finding covers, in order. */
export function texts(text: string, findings: Finding[]): string[] {
  return findings.map((f) => text.slice(f.start, f.end));
}

/** Applies the first fix of each finding (overlapping fixes after the first are skipped). */
export function applyFirstFixes(text: string, findings: Finding[]): string {
  const edits: TextEdit[] = [];
  const taken: { start: number; end: number }[] = [];
  for (const f of findings) {
    const fix = f.fixes[0];
    if (!fix) continue;
    const overlaps = fix.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end));
    if (overlaps) continue;
    edits.push(...fix.edits);
    taken.push(...fix.edits);
  }
  return applyEdits(text, edits).text;
}

export function readSample(name: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, 'samples', name), 'utf8');
}

/** Deterministic PRNG (mulberry32) so property tests are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A participant table in the usual form. */
export function table(ids: string[], agency = 'Police'): string {
  return ['| ID Number | Agency |', '| --- | --- |', ...ids.map((id) => `| ${id} | ${agency} |`)].join('\n') + '\n';
}
