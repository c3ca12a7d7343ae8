import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult } from '../core/engine';
import { ReportLinter } from '../core/engine';
import { CONFIG_FILE_NAME, isInside, ProjectCache, type ProjectSettings } from '../core/project';
import { registryOf } from '../core/model';
import type { RegistryEntry } from '../core/registry';
import type { SeveritySetting } from '../core/types';
import { SEVERITIES } from '../core/config';
import { RULES } from '../core/rules';
import { uriToPath } from './convert';
import { tooSlowNotice, watched } from './watchdog';

/** The `reportLint.*` settings (also accepted as initializationOptions). */
export interface Settings {
  enable: boolean;
  /** Rule id → severity; overrides the configuration file. */
  rules: Record<string, SeveritySetting>;
  debounceMs: number;
  /** Check every Markdown file in the workspace folders, not only open ones. */
  workspaceDiagnostics: boolean;
  /** Undefined: as the configuration file says. */
  terminologyInQuotations?: 'off' | 'hint';
  /** Extra registry files, absolute or relative to the first workspace folder. */
  registries: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  rules: {},
  debounceMs: 150,
  workspaceDiagnostics: false,
  terminologyInQuotations: undefined,
  registries: [],
});

const RULE_IDS = new Set(RULES.map((r) => r.id));

/**
 * A repository's configuration may not make the editor read files outside the
 * workspace folder (issue: `"registries": ["../../../../etc/passwd"]` showed that file's
 * lines as problems); registries from the user's own settings are read wherever they are.
 */
function newProjectCache(extraRegistries: string[]): ProjectCache {
  return new ProjectCache({ extraRegistries, outside: 'refuse', rootName: 'the workspace folder' });
}

/**
 * Clients deliver settings in several shapes: VS Code answers workspace/configuration
 * with the section itself; Neovim and others put `{ reportLint: {...} }` or
 * `{ settings: { reportLint: {...} } }` in initializationOptions or didChangeConfiguration.
 */
export function unwrapSettings(raw: unknown): Record<string, unknown> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  if (o.settings && typeof o.settings === 'object') return unwrapSettings(o.settings);
  if (o.reportLint && typeof o.reportLint === 'object') return o.reportLint as Record<string, unknown>;
  return o;
}

/**
 * Reads settings over `base`; wrong values are skipped and described (never thrown),
 * so one typo in a user's settings does not switch the server off.
 */
export function readSettings(raw: unknown, base: Readonly<Settings> = DEFAULT_SETTINGS): { settings: Settings; problems: string[] } {
  const settings: Settings = { ...base, rules: { ...base.rules }, registries: [...base.registries] };
  const problems: string[] = [];
  const o = unwrapSettings(raw);
  if (!o) return { settings, problems };
  if (o.enable !== undefined && o.enable !== null) {
    if (typeof o.enable === 'boolean') settings.enable = o.enable;
    else problems.push('reportLint.enable must be true or false');
  }
  if (o.rules !== undefined && o.rules !== null) {
    if (typeof o.rules !== 'object' || Array.isArray(o.rules)) problems.push('reportLint.rules must be an object of rule id → severity');
    else {
      settings.rules = {};
      for (const [id, value] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!RULE_IDS.has(id)) problems.push(`reportLint.rules: unknown rule "${id}"`);
        else if (typeof value === 'string' && (SEVERITIES as string[]).includes(value)) settings.rules[id] = value as SeveritySetting;
        else if (value === false) settings.rules[id] = 'off';
        else if (value !== true) problems.push(`reportLint.rules.${id} must be one of ${SEVERITIES.join(', ')}`);
      }
    }
  }
  if (o.debounceMs !== undefined && o.debounceMs !== null) {
    if (typeof o.debounceMs === 'number' && Number.isFinite(o.debounceMs) && o.debounceMs >= 0) settings.debounceMs = Math.min(o.debounceMs, 10_000);
    else problems.push('reportLint.debounceMs must be a number of milliseconds (0 or more)');
  }
  if (o.workspaceDiagnostics !== undefined && o.workspaceDiagnostics !== null) {
    if (typeof o.workspaceDiagnostics === 'boolean') settings.workspaceDiagnostics = o.workspaceDiagnostics;
    else problems.push('reportLint.workspaceDiagnostics must be true or false');
  }
  if (o.terminologyInQuotations !== undefined) {
    if (o.terminologyInQuotations === null || o.terminologyInQuotations === '') settings.terminologyInQuotations = undefined;
    else if (o.terminologyInQuotations === 'off' || o.terminologyInQuotations === 'hint') settings.terminologyInQuotations = o.terminologyInQuotations;
    else problems.push('reportLint.terminologyInQuotations must be "off" or "hint"');
  }
  if (o.registries !== undefined && o.registries !== null) {
    if (Array.isArray(o.registries) && o.registries.every((r) => typeof r === 'string')) settings.registries = (o.registries as string[]).filter((r) => r.trim());
    else problems.push('reportLint.registries must be a list of file paths');
  }
  return { settings, problems };
}

/** Language ids of the reports we check: Markdown, Quarto and R Markdown. */
export const REPORT_LANGUAGES = ['markdown', 'quarto', 'rmd'];
/** File names of reports on disk (workspace scan, commands on unopened files). */
export const REPORT_FILE = /\.(md|markdown|qmd|rmd)$/i;

export function isMarkdown(doc: { uri: string; languageId: string }): boolean {
  return REPORT_LANGUAGES.includes(doc.languageId) || REPORT_FILE.test(doc.uri);
}

/** A file the server must re-read the project for when it changes (configuration, registries, bibliographies). */
export function isProjectFile(filePath: string): boolean {
  return path.basename(filePath) === CONFIG_FILE_NAME || /\.(csv|json|bib|bibtex|ya?ml)$/i.test(filePath);
}

/** Beyond this a document is not checked (remark parses about 1 MB/s cold). */
export const MAX_CHECKED_LENGTH = 10_000_000;

/** The check of one version of one document. */
export interface Analysis {
  uri: string;
  /** The document version; null for files read from disk. */
  version: number | null;
  text: string;
  /** Undefined when the document was not checked (see `notice`). */
  result?: LintResult;
  /** Why the document was not checked (binary, too large), for a single diagnostic. */
  notice?: string;
  project: ProjectSettings;
  linter: ReportLinter;
  registry: Map<string, RegistryEntry>;
  /** Settings/project generation the analysis was made under. */
  generation: number;
}

/**
 * The state every feature reads: settings, the project configurations (through the
 * engine's ProjectCache, as the CLI uses it) and the last analysis of each open
 * document, so hovers, completions and code actions never re-lint a version twice.
 */
export class ReportWorkspace {
  settings: Settings = { ...DEFAULT_SETTINGS, rules: {}, registries: [] };
  folders: string[] = [];
  private projects = newProjectCache([]);
  private projectsKey = '';
  private readonly analyses = new Map<string, Analysis>();
  /** Bumped whenever settings or project files change: every analysis is then stale. */
  private generation = 0;
  private readonly derived = new WeakMap<ProjectSettings, { key: string; linter: ReportLinter }>();

  setFolders(uris: string[]): void {
    this.folders = uris.map((u) => uriToPath(u)).filter((p): p is string => !!p);
    this.refreshProjectCache();
    this.generation++;
  }

  /** Applies new settings; true when checking results may differ. */
  applySettings(next: Settings): boolean {
    const before = JSON.stringify({ ...this.settings, debounceMs: 0, workspaceDiagnostics: false });
    this.settings = next;
    this.refreshProjectCache();
    const changed = before !== JSON.stringify({ ...next, debounceMs: 0, workspaceDiagnostics: false });
    if (changed) this.generation++;
    return changed;
  }

  /** Registry or configuration files changed on disk. */
  invalidate(): void {
    this.projects.invalidate();
    this.generation++;
  }

  private refreshProjectCache(): void {
    const base = this.folders[0] ?? process.cwd();
    const extra = this.settings.registries.map((r) => path.resolve(base, r));
    const key = JSON.stringify(extra);
    if (key === this.projectsKey) return;
    this.projectsKey = key;
    this.projects = newProjectCache(extra);
  }

  /** The file a document's configuration is looked up from (untitled documents: the first folder). */
  fsPathOf(uri: string): string {
    return uriToPath(uri) ?? path.join(this.folders[0] ?? process.cwd(), 'untitled.md');
  }

  /**
   * The workspace folder a file belongs to (the innermost, for nested folders); for a
   * file outside every folder, its own directory. The search for a configuration
   * stops there, and the configuration's registries must lie inside it.
   */
  folderOf(file: string): string {
    const containing = this.folders.filter((f) => isInside(f, file)).sort((a, b) => b.length - a.length);
    return containing[0] ?? path.dirname(file);
  }

  projectFor(uri: string): ProjectSettings {
    const file = this.fsPathOf(uri);
    return this.projects.forFile(file, this.folderOf(file));
  }

  /**
   * The project's own linter, or one whose configuration carries the editor's
   * overrides (rule severities, terminology in quotations). Overriding the
   * configuration rather than post-processing findings lets a setting turn on a
   * rule the configuration file turns off.
   */
  linterFor(project: ProjectSettings): ReportLinter {
    const { rules, terminologyInQuotations } = this.settings;
    const overridesQuotes = terminologyInQuotations !== undefined && terminologyInQuotations !== project.config.terminologyInQuotations;
    const overridesRules = Object.entries(rules).some(([id, s]) => project.config.severities[id] !== s);
    if (!overridesQuotes && !overridesRules) return project.linter;
    const key = JSON.stringify([rules, terminologyInQuotations]);
    const cached = this.derived.get(project);
    if (cached?.key === key) return cached.linter;
    const config = {
      ...project.config,
      severities: { ...project.config.severities, ...rules },
      terminologyInQuotations: terminologyInQuotations ?? project.config.terminologyInQuotations,
    };
    const linter = new ReportLinter(config);
    this.derived.set(project, { key, linter });
    return linter;
  }

  /** Checks one version of a document and remembers it (when it is open: `version` not null). */
  analyze(uri: string, text: string, version: number | null): Analysis {
    const project = this.projectFor(uri);
    const linter = this.linterFor(project);
    const previous = this.analyses.get(uri);
    // The previous linter's block cache for this document is of no further use.
    if (previous && previous.linter !== linter) previous.linter.forget(uri);
    const analysis: Analysis = { uri, version, text, project, linter, registry: new Map(), generation: this.generation };
    const tooSlow = tooSlowNotice(uri, version);
    if (tooSlow) {
      analysis.notice = tooSlow;
    } else if (text.includes('\u0000')) {
      analysis.notice = 'This file looks binary (it contains NUL characters); report-lint does not check it.';
    } else if (text.length > MAX_CHECKED_LENGTH) {
      analysis.notice = `This file is too large to check (${(text.length / 1e6).toFixed(1)} million characters; the limit is ${MAX_CHECKED_LENGTH / 1e6} million).`;
    } else {
      const file = uriToPath(uri);
      // Bibliographies are read only inside the document's workspace folder.
      const bibliography = { documentPath: file, roots: [this.folderOf(this.fsPathOf(uri))] };
      // Watched by the supervisor: a check that overruns its budget is stopped (see supervisor.ts).
      analysis.result = watched(uri, version, text.length, () => linter.lint(text, project.registry, uri, bibliography));
      analysis.registry = registryOf(analysis.result.model);
    }
    if (version !== null) this.analyses.set(uri, analysis);
    else linter.forget(uri); // a closed file: keep nothing
    return analysis;
  }

  /** The analysis of the document's current version, checking it now if there is none yet. */
  current(doc: TextDocument): Analysis {
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === this.generation) return cached;
    return this.analyze(doc.uri, doc.getText(), doc.version);
  }

  /** The last analysis, whatever its version. */
  last(uri: string): Analysis | undefined {
    return this.analyses.get(uri);
  }

  isCurrent(analysis: Analysis, doc: TextDocument | undefined): boolean {
    return !!doc && analysis.version === doc.version && analysis.generation === this.generation;
  }

  forget(uri: string): void {
    const a = this.analyses.get(uri);
    if (!a) return;
    a.linter.forget(uri);
    a.project.linter.forget(uri);
    this.analyses.delete(uri);
  }

  openAnalyses(): Analysis[] {
    return [...this.analyses.values()];
  }
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.vscode-test']);

/** Markdown files under a folder (hidden and dependency folders skipped), in a stable order. */
export function listMarkdownFiles(root: string, limit = 10_000): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (out.length >= limit) return;
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(e.name)) walk(path.join(dir, e.name));
      } else if (e.isFile() && REPORT_FILE.test(e.name)) out.push(path.join(dir, e.name));
    }
  };
  walk(root);
  return out;
}

/** Globs the server asks the client to watch (when the client can be asked). */
export const WATCHED_GLOBS = [`**/${CONFIG_FILE_NAME}`, '**/*.csv', '**/*.json', '**/*.{md,markdown,qmd,Rmd,rmd}', '**/*.{bib,bibtex,yaml,yml}'];
