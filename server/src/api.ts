/**
 * The Node API: `import { lint, lintFiles, fix, rules } from 'report-lint'`.
 *
 * The public surface of the engine. It resolves configurations and registries
 * exactly as the CLI does (the CLI checks files through the same ReportChecker and
 * ProjectResolver), so the API, the CLI, the language server and the unified plugin
 * report the same findings. Everything else in the package is internal (the
 * `exports` map of package.json keeps it out of reach).
 */
import * as path from 'node:path';
import packageJson from '../../package.json';
import { fixSafe } from './core/engine';
import { RULES } from './core/rules';
import { starterConfig as buildStarterConfig } from './core/starterConfig';
import { expandInputs } from './cli/files';
import { ProjectResolver, ReportChecker, toCliFinding, type CliFinding, type ProjectOptions, type RegistryEntryInput } from './cli/check';
import type { ConfigFile } from './core/config';
import type { Severity, SeveritySetting } from './core/types';

export type { ConfigFile, RegistryEntryInput, Severity, SeveritySetting };

/** The package's version. */
export const version: string = (packageJson as { version: string }).version;

/** A finding, with 1-based places (`endColumn` is the column after the range) as in `--format json`. */
export type Finding = CliFinding;

export interface ConfigProblem {
  /** The configuration or registry file (or `<config option>`, `<registry option>`). */
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface LintOptions {
  /**
   * A path to a configuration file (relative to `cwd`), or a configuration object in
   * the shape of `.reportlintrc.json`. Default: the nearest `.reportlintrc.json` above
   * `filePath`; without `filePath`, the built-in defaults (no file is read).
   */
  config?: string | ConfigFile;
  /** Extra participant registries: CSV or JSON file paths (relative to `cwd`), or entries such as `{ id: 'RA1-KE-01-A' }`. */
  registry?: (string | RegistryEntryInput)[];
  /** Rule severities over every configuration, as `--rule id=severity`. */
  rules?: Record<string, SeveritySetting>;
  /** Where the text comes from: its `.reportlintrc.json` is found from there. */
  filePath?: string;
  /** Base of relative paths. Default: `process.cwd()`. */
  cwd?: string;
}

export interface LintResult {
  findings: Finding[];
  /** Problems of the configuration and registry files used (the check still ran, with defaults for the broken parts). */
  configProblems: ConfigProblem[];
}

export interface AppliedFix {
  ruleId: string;
  title: string;
  /** 1-based line of the finding the fix belonged to. */
  line: number;
}

export interface FixResult {
  /** The text with every safe fix applied. */
  text: string;
  applied: AppliedFix[];
}

export type LintFilesOptions = Omit<LintOptions, 'filePath'> & {
  /** Apply the safe fixes to the files in place first (as `--fix`). */
  fix?: boolean;
};

export interface FileResult extends LintResult {
  /** Absolute path, or the input as given when it matched nothing. */
  filePath: string;
  /** Set when the file (or input) could not be checked: it is then skipped, and nothing else is lost. */
  error?: string;
  /** Safe fixes written to the file (with `fix: true`). */
  applied: AppliedFix[];
}

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** `safe`: fixes may be applied unattended (`fix`, `--fix`); `suggestion`: offered only. */
  fixable: 'safe' | 'suggestion' | 'none';
  rationale: string;
  /** The rule's documentation. */
  url: string;
}

const DOCS_URL = ((packageJson as { homepage?: string }).homepage ?? 'https://github.com/report-lint/report-lint').replace(/#.*$/, '');

/** Every rule with its metadata, in the order of the rule table. */
export const rules: readonly RuleInfo[] = Object.freeze(
  RULES.map((r) =>
    Object.freeze({
      id: r.id,
      description: r.description,
      defaultSeverity: r.defaultSeverity,
      fixable: r.fixable,
      rationale: r.docs.rationale,
      url: `${DOCS_URL}#${r.id}`,
    }),
  ),
);

/** A registry option item: a file path, or an entry with a string `id`. */
function isRegistryItem(item: unknown): boolean {
  return typeof item === 'string' || (typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string');
}

/** What a wrong `registry` option holds, for the error message. */
function describeRegistryMistake(value: unknown): string {
  const wrong = Array.isArray(value) ? value.find((item) => !isRegistryItem(item)) : value;
  const what =
    wrong === null
      ? 'null'
      : typeof wrong === 'string'
        ? `the string "${wrong}"`
        : typeof wrong === 'object'
          ? 'an object without a string "id"'
          : `${typeof wrong} ${String(wrong)}`;
  return Array.isArray(value) ? `a list holding ${what}` : what;
}

function projectOptions(options: LintOptions | LintFilesOptions): ProjectOptions {
  if (options.rules !== undefined) {
    for (const [id, severity] of Object.entries(options.rules)) {
      if (!RULES.some((r) => r.id === id))
        throw new TypeError(`report-lint: unknown rule "${id}" in options.rules (known rules: ${RULES.map((r) => r.id).join(', ')})`);
      if (!['error', 'warning', 'information', 'hint', 'off'].includes(severity))
        throw new TypeError(`report-lint: options.rules["${id}"] must be error, warning, information, hint or off`);
    }
  }
  const registry: unknown = options.registry;
  if (registry !== undefined && (!Array.isArray(registry) || !registry.every(isRegistryItem)))
    throw new TypeError(
      `report-lint: options.registry must be a list of registry file paths or entries such as { id: 'RA1-KE-01-A' }, not ${describeRegistryMistake(registry)}`,
    );
  return { config: options.config, registries: options.registry, ruleOverrides: options.rules, cwd: options.cwd };
}

/**
 * Resolvers of recent option sets, so that linting many texts with the same options
 * (a unified pipeline over a folder, an editor integration) reads the configuration
 * once and reuses the linter and its block cache. The ProjectCache inside still
 * notices when a configuration or registry file changes on disk.
 */
const recentResolvers = new Map<string, ProjectResolver>();
const MAX_RECENT_RESOLVERS = 16;

function resolverFor(options: LintOptions | LintFilesOptions): ProjectResolver {
  const projectOpts = projectOptions(options);
  // An object, not a list: JSON writes an absent option in a list as null, so `config: null`
  // (a configuration problem) and no config at all shared one resolver and its problems.
  const key = JSON.stringify({
    config: projectOpts.config,
    registries: projectOpts.registries,
    rules: projectOpts.ruleOverrides,
    cwd: path.resolve(projectOpts.cwd ?? process.cwd()),
  });
  let resolver = recentResolvers.get(key);
  if (resolver) recentResolvers.delete(key);
  else resolver = new ProjectResolver(projectOpts);
  recentResolvers.set(key, resolver);
  if (recentResolvers.size > MAX_RECENT_RESOLVERS) recentResolvers.delete(recentResolvers.keys().next().value!);
  return resolver;
}

function checkText(text: unknown): string {
  if (typeof text !== 'string') throw new TypeError(`report-lint: the text to check must be a string, not ${text === null ? 'null' : typeof text}`);
  return text.replace(/^\uFEFF/, '');
}

/**
 * Checks one report's text. Never reads the network; reads a configuration and
 * registry files only where the options (or `filePath`) point.
 */
export function lint(text: string, options: LintOptions = {}): LintResult {
  const source = checkText(text);
  const project = resolverFor(options);
  const filePath = options.filePath === undefined ? undefined : path.resolve(options.cwd ?? process.cwd(), options.filePath);
  const settings = project.settingsFor(filePath);
  // One document key for every text (as the CLI does): the block cache holds the last
  // text only, so memory stays flat, and the unchanged blocks of the next call are reused.
  const { findings, model } = project.linterFor(settings).lint(source, settings.registry);
  return { findings: findings.map((f) => toCliFinding(f, model.lines)), configProblems: settings.problems.map((p) => ({ ...p })) };
}

/** Applies every safe fix (ID spelling, footnote numbering) and returns the new text; the input is not changed. */
export function fix(text: string, options: LintOptions = {}): FixResult {
  const source = checkText(text);
  const project = resolverFor(options);
  const settings = project.settingsFor(options.filePath === undefined ? undefined : path.resolve(options.cwd ?? process.cwd(), options.filePath));
  const { text: fixed, applied } = fixSafe(project.linterFor(settings), source, settings.registry);
  return { text: fixed, applied };
}

/**
 * Checks files, folders (their `*.md` and `*.markdown`) and glob patterns, as the
 * CLI does. An input that matches nothing, or a file that cannot be read, comes
 * back as a result with `error`, so nothing passes silently.
 */
export async function lintFiles(globs: string | string[], options: LintFilesOptions = {}): Promise<FileResult[]> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const inputs = typeof globs === 'string' ? [globs] : globs;
  if (!Array.isArray(inputs) || inputs.some((g) => typeof g !== 'string'))
    throw new TypeError('report-lint: lintFiles needs a path or glob, or a list of them');
  const { files, problems } = await expandInputs(inputs, cwd);
  const checker = new ReportChecker({ ...projectOptions({ ...options, cwd }), fix: options.fix ?? false });
  const reports = await checker.checkAll(files);
  return [
    ...problems.map((p) => ({ filePath: p.input, findings: [], configProblems: [], applied: [], error: p.message })),
    ...reports.map((r) => ({
      filePath: r.file,
      findings: r.findings,
      configProblems: r.configProblems.map((p) => ({ ...p })),
      applied: r.applied,
      ...(r.error ? { error: r.error } : {}),
    })),
  ];
}

/**
 * The commented starter `.reportlintrc.json` for a report (what `report-lint --init`
 * writes), with its participant-ID pattern derived from the report's participant table.
 */
export function starterConfig(text: string): string {
  return buildStarterConfig([{ text: checkText(text) }]).text;
}
