import type { ConfigFile, ConfigProblem } from '../core/config';
import { prefetchBibliography } from '../core/citations';
import { readFrontMatter } from '../core/pandoc';
import { fixSafe, type AppliedFix, type ReportLinter } from '../core/engine';
import * as path from 'node:path';
import { linterWithOverrides, ProjectCache, type ProjectSettings } from '../core/project';
import type { RegistryEntry } from '../core/registry';
import type { LineIndex } from '../core/text';
import type { Finding, Severity, SeveritySetting } from '../core/types';
import { mapLimit, readReport, writeFileAtomic, describeError } from './io';
import { bibliographyRoots, isRepositoryRoot } from './bibliographyRoots';

/** A place in a file, 1-based; `endColumn` is the column just after the range, as in SARIF. */
export interface CliRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CliEdit extends CliRange {
  newText: string;
}

export interface CliFix {
  title: string;
  safe: boolean;
  edits: CliEdit[];
}

export interface CliFinding extends CliRange {
  ruleId: string;
  severity: Severity;
  message: string;
  fixes: CliFix[];
}

export interface FileReport {
  /** Absolute path. */
  file: string;
  findings: CliFinding[];
  /** Problems of the configuration this file was checked with. */
  configProblems: ConfigProblem[];
  /** Files its configuration named outside the repository (or current directory), read at the user's request. */
  outsideFiles?: { configFile?: string; file: string }[];
  /** Problems of the bibliography files this report uses (duplicate keys, syntax errors), on those files. */
  bibliographyProblems?: ConfigProblem[];
  /** Set when the file could not be checked (it was skipped) or fixed. */
  error?: string;
  /** Safe fixes applied by --fix. */
  applied: AppliedFix[];
  /** Whether the engine ran over the file (false: skipped). */
  checked: boolean;
}

/** A participant given in code rather than in a table or registry file (Node API). */
export interface RegistryEntryInput {
  id: string;
  agency?: string;
  position?: string;
  country?: string;
}

/** What reports are checked with, as the CLI's options and the Node API's options say it. */
export interface ProjectOptions {
  /**
   * A configuration file forced for every report (`--config`, relative to `cwd`), or a
   * configuration object in the shape of `.reportlintrc.json`. Undefined: the nearest
   * `.reportlintrc.json` above each report (defaults for text without a file path).
   */
  config?: string | ConfigFile;
  /** Extra participant registries: CSV or JSON files (relative to `cwd`), or entries. */
  registries?: (string | RegistryEntryInput)[];
  /** Severity overrides (`--rule id=severity`), over every configuration. */
  ruleOverrides?: Record<string, SeveritySetting>;
  /** Where the user runs the CLI (default: the process's): relative paths start there, and the search for a configuration stops there (or at the repository root). */
  cwd?: string;
}

export interface CheckOptions extends ProjectOptions {
  fix: boolean;
  /** Files read ahead while earlier ones are linted. */
  concurrency?: number;
}

/**
 * Where the search for `.reportlintrc.json` stops for a report: the first of its
 * folders (upward) that is the current directory or a repository root (has .git);
 * the report's own folder when it is in neither, so a configuration in a shared
 * parent such as /tmp is never picked up by surprise.
 */
export function searchRoot(file: string, cwd: string): string {
  const own = path.dirname(path.resolve(file));
  const stop = path.resolve(cwd);
  for (let dir = own; ;) {
    if (dir === stop || isRepositoryRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return own;
    dir = parent;
  }
}

/**
 * One key for every report: the block cache then holds one document at a time
 * (memory stays flat over a folder of reports), and identical blocks of the
 * next report (boilerplate, shared tables) are still reused.
 */
const CLI_DOCUMENT_KEY = 'report-lint-cli';

function rangeOf(lines: LineIndex, start: number, end: number): CliRange {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function toCliFinding(f: Finding, lines: LineIndex): CliFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...rangeOf(lines, f.start, f.end),
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      safe: fix.safe,
      edits: fix.edits.map((e) => ({ ...rangeOf(lines, e.start, e.end), newText: e.newText })),
    })),
  };
}

/**
 * Turns ProjectOptions into the settings and linter for each report: the one
 * resolution the CLI and the Node API share (the language server reads the same
 * ProjectCache, with the editor's settings as overrides).
 */
export class ProjectResolver {
  private readonly cache: ProjectCache;
  private readonly cwd: string;
  private readonly entries: RegistryEntry[];
  /** The settings of a configuration object, made once. */
  private readonly fromObject?: ProjectSettings;
  /** Settings with the registry entries given in code added. */
  private readonly withEntries = new WeakMap<ProjectSettings, ProjectSettings>();

  constructor(private readonly options: ProjectOptions = {}) {
    this.cwd = path.resolve(options.cwd ?? process.cwd());
    const registries = options.registries ?? [];
    const files = registries.filter((r): r is string => typeof r === 'string').map((r) => path.resolve(this.cwd, r));
    this.entries = registries
      .filter((r): r is RegistryEntryInput => typeof r !== 'string')
      .map((r, i) => ({
        id: String(r.id),
        agency: r.agency,
        position: r.position,
        country: r.country,
        origin: { kind: 'file', file: '<registry option>', line: i + 1 },
      }));
    // The user runs the CLI (or calls the API) deliberately: files a configuration names outside
    // the repository are read, and listed (ProjectSettings.outsideFiles) rather than refused.
    this.cache = new ProjectCache({ extraRegistries: files, outside: 'note', rootName: 'the repository' });
    if (options.config !== undefined && typeof options.config !== 'string') {
      // Laid out as a file, so that problems have a readable place.
      this.fromObject = this.cache.forConfigText(JSON.stringify(options.config, null, 2), '<config option>', this.cwd);
    }
  }

  /** The settings a report at `file` (absolute; undefined for text without a file) is checked with. */
  settingsFor(file?: string): ProjectSettings {
    const settings = this.fromObject ?? this.fromFiles(file);
    if (!this.entries.length) return settings;
    let extended = this.withEntries.get(settings);
    if (!extended) {
      extended = { ...settings, registry: [...settings.registry, ...this.entries] };
      this.withEntries.set(settings, extended);
    }
    return extended;
  }

  private fromFiles(file: string | undefined): ProjectSettings {
    const { config } = this.options;
    if (typeof config === 'string') {
      const configFile = path.resolve(this.cwd, config);
      return this.cache.forConfigFile(configFile, path.dirname(configFile));
    }
    return file ? this.cache.forFile(file, searchRoot(file, this.cwd)) : this.cache.forConfigFile(undefined);
  }

  linterFor(settings: ProjectSettings): ReportLinter {
    return linterWithOverrides(settings, { severities: this.options.ruleOverrides });
  }
}

/**
 * Checks reports with the engine the language server uses: one ProjectCache, so
 * every report under one configuration shares its linter and registry.
 */
export class ReportChecker {
  private readonly project: ProjectResolver;

  constructor(private readonly options: CheckOptions) {
    this.project = new ProjectResolver(options);
  }

  async checkAll(files: string[]): Promise<FileReport[]> {
    return mapLimit(files, this.options.concurrency ?? 8, (file) => this.checkFile(file));
  }

  async checkFile(file: string): Promise<FileReport> {
    const report: FileReport = { file, findings: [], configProblems: [], applied: [], checked: false };
    const read = await readReport(file);
    if (!read.ok) return { ...report, error: read.message };
    try {
      const settings = this.project.settingsFor(file);
      report.configProblems = settings.problems;
      if (settings.outsideFiles.length) report.outsideFiles = settings.outsideFiles.map((f) => ({ configFile: settings.configFile, file: f }));
      const linter = this.project.linterFor(settings);
      let text = read.text;
      const bibliography = { documentPath: file, roots: bibliographyRoots(file, settings.configFile, settings.root) };
      if (this.options.fix) {
        await prefetchBibliography(readFrontMatter(text), bibliography);
        const fixed = fixSafe(linter, text, settings.registry, CLI_DOCUMENT_KEY, undefined, bibliography);
        if (fixed.text !== text) {
          try {
            await writeFileAtomic(file, (read.hadBom ? '\uFEFF' : '') + fixed.text);
            text = fixed.text;
            report.applied = fixed.applied;
          } catch (e) {
            report.error = `the fixed text could not be written: ${describeError(e)}`;
          }
        }
      }
      const { findings, model } = await linter.lintWhileParsingBibliography(text, settings.registry, CLI_DOCUMENT_KEY, bibliography);
      report.findings = findings.map((f) => toCliFinding(f, model.lines));
      // Duplicate keys and parse errors are shown on the bibliography file itself.
      report.bibliographyProblems = (model.bibliography?.fileProblems ?? []).map(({ file: f, line, column, message }) => ({ file: f, line, column, message }));
      report.checked = true;
    } catch (e) {
      // An engine bug on one file must not hide the results of the others.
      report.error = `internal error while checking: ${(e as Error).message}`;
    }
    return report;
  }
}

/** Every distinct file read from outside a configuration's repository, with the configuration that named it. */
export function uniqueOutsideFiles(reports: FileReport[]): { configFile?: string; file: string }[] {
  const byKey = new Map<string, { configFile?: string; file: string }>();
  for (const r of reports) for (const o of r.outsideFiles ?? []) byKey.set(`${o.configFile}\0${o.file}`, o);
  return [...byKey.values()];
}

/** Every distinct configuration (or, with `bibliography`, bibliography) problem, in file and line order. */
export function uniqueConfigProblems(reports: FileReport[], bibliography = false): ConfigProblem[] {
  const byKey = new Map<string, ConfigProblem>();
  for (const r of reports)
    for (const p of bibliography ? (r.bibliographyProblems ?? []) : r.configProblems) byKey.set(`${p.file}\0${p.line}\0${p.column}\0${p.message}`, p);
  return [...byKey.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
