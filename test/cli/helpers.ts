import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProjectCache } from '../../server/src/core/project';
import { LineIndex } from '../../server/src/core/text';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(REPO_ROOT, 'bin', 'report-lint.js');
export const BUNDLE = path.join(REPO_ROOT, 'dist', 'cli.js');
export const SAMPLE = path.join(REPO_ROOT, 'samples', 'sample-report.md');
export const SAMPLE_GFM = path.join(REPO_ROOT, 'samples', 'sample-report-gfm.md');
export const SAMPLE_REGISTRY = path.join(REPO_ROOT, 'samples', 'registry.csv');

/** The CLI tests run the built bundle as a user would; without it they cannot say anything. */
export function requireBuiltCli(): void {
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (\`npm test\` builds before testing).`);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/report-lint.js …` as a separate process, without a terminal and without NO_COLOR unless given. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: { title: string; safe: boolean }[];
}

export interface JsonEntry {
  file: string;
  findings: JsonFinding[];
  configProblems: { file: string; line: number; column: number; message: string }[];
  error?: string;
}

export function parseJsonReport(stdout: string): JsonEntry[] {
  try {
    return JSON.parse(stdout) as JsonEntry[];
  } catch (e) {
    throw new Error(`the CLI's --format json output is not JSON (${(e as Error).message}):\n${stdout.slice(0, 2000)}`, { cause: e });
  }
}

/** What the engine reports for a file, the way the language server gets it (ProjectCache + lint), as the CLI's JSON shape. */
export function engineFindings(file: string, options: { extraRegistries?: string[] } = {}): JsonFinding[] {
  const settings = new ProjectCache(options).forFile(file);
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = new LineIndex(text);
  return settings.linter.lint(text, settings.registry).findings.map((f) => {
    const s = lines.positionAt(f.start);
    const e = lines.positionAt(f.end);
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe })),
    };
  });
}

/** A fresh directory under the system temp dir; `cleanup` removes it. */
export function tempDir(prefix = 'report-lint-cli-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i + 1;
}
