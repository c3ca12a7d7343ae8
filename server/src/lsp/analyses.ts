import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult, ReportLinter } from '../core/engine';
import { linterWithOverrides, ProjectCache, type ProjectSettings } from '../core/project';
import { isInside } from '../core/files';
import { registryOf } from '../core/model';
import type { RegistryEntry } from '../core/registry';
import type { BibliographyOptions } from '../core/citations';
import { pathToUri, uriToPath } from './convert';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { checkBudgetMs, tooSlowNotice, watched } from './watchdog';

/**
 * A repository's configuration may not make the editor read files outside the
 * workspace folder (issue: `"registries": ["../../../../etc/passwd"]` showed that file's
 * lines as problems); registries from the user's own settings are read wherever they are.
 */
function newProjectCache(extraRegistries: string[]): ProjectCache {
  return new ProjectCache({ extraRegistries, outside: 'refuse', rootName: 'the workspace folder' });
}

/** Beyond this a document is not checked (remark parses about 1 MB/s cold). */
const MAX_CHECKED_LENGTH = 10_000_000;

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
  /** The time a check of this document may take (fix-all gets one per pass), from its folder's settings. */
  budgetMs: number;
}

/** Why a document is not checked (a check of it overran before, it looks binary, it is too large), or undefined. */
function uncheckedNotice(uri: string, text: string, version: number | null): string | undefined {
  const tooSlow = tooSlowNotice(uri, version);
  if (tooSlow) return tooSlow;
  if (text.includes('\u0000')) return 'This file looks binary (it contains NUL characters); report-lint does not check it.';
  if (text.length > MAX_CHECKED_LENGTH)
    return `This file is too large to check (${(text.length / 1e6).toFixed(1)} million characters; the limit is ${MAX_CHECKED_LENGTH / 1e6} million).`;
  return undefined;
}

/**
 * The state every feature reads: settings, the project configurations (through the
 * engine's ProjectCache, as the CLI uses it) and the last analysis of each open
 * document, so hovers, completions and code actions never re-lint a version twice.
 */
export class ReportWorkspace {
  /** The settings without a scope (window-wide ones, and documents outside every folder). */
  settings: Settings = { ...DEFAULT_SETTINGS, rules: {}, registries: [] };
  folders: string[] = [];
  /** Resource-scoped settings as each workspace folder sees them (its .vscode/settings.json wins). */
  private folderSettings = new Map<string, Settings>();
  /** One project cache per folder: its registries setting is relative to that folder. */
  private readonly projectCaches = new Map<string, { key: string; cache: ProjectCache }>();
  private readonly analyses = new Map<string, Analysis>();
  /** Bumped whenever settings or project files change: every analysis is then stale. */
  private generation = 0;

  setFolders(uris: string[]): void {
    this.folders = [...new Set(uris.map((u) => uriToPath(u)).filter((p): p is string => !!p))];
    for (const folder of this.folderSettings.keys()) if (!this.folders.includes(folder)) this.folderSettings.delete(folder);
    this.generation++;
  }

  /** Folders added and removed (URIs), as the client reports a change of workspace folders. */
  changeFolders(added: string[], removed: string[]): void {
    const gone = new Set(removed.map((u) => uriToPath(u)));
    this.setFolders([...this.folders.filter((f) => !gone.has(f)).map((f) => pathToUri(f)), ...added]);
  }

  /**
   * Applies new settings: the unscoped ones and, optionally, each folder's (folder
   * path → settings); true when checking results may differ.
   */
  applySettings(next: Settings, byFolder?: ReadonlyMap<string, Settings>): boolean {
    const checking = (s: Settings) => JSON.stringify({ ...s, debounceMs: 0, workspaceDiagnostics: false });
    const snapshot = () => JSON.stringify([checking(this.settings), ...[...this.folderSettings].map(([f, s]) => [f, checking(s)])]);
    const before = snapshot();
    this.settings = next;
    if (byFolder) this.folderSettings = new Map([...byFolder].filter(([folder]) => this.folders.includes(folder)));
    const changed = before !== snapshot();
    if (changed) this.generation++;
    return changed;
  }

  /**
   * The settings a document is checked with: those of its workspace folder (VS Code
   * answers resource-scoped settings per folder), else the unscoped ones.
   */
  settingsFor(uri: string): Settings {
    return this.folderSettings.get(this.folderOf(this.fsPathOf(uri))) ?? this.settings;
  }

  /** Every registry file named by the settings, absolute (each resolved against its own folder). */
  settingsRegistries(): string[] {
    const base = this.folders[0] ?? process.cwd();
    const all = this.settings.registries.map((r) => path.resolve(base, r));
    for (const [folder, s] of this.folderSettings) all.push(...s.registries.map((r) => path.resolve(folder, r)));
    return [...new Set(all)];
  }

  /** Registry or configuration files changed on disk. */
  invalidate(): void {
    for (const { cache } of this.projectCaches.values()) cache.invalidate();
    this.generation++;
  }

  /**
   * The project cache for a folder's documents: the settings' registries are
   * relative to the document's own workspace folder (the first folder for
   * documents outside every folder, as before).
   */
  private projectCache(folder: string): ProjectCache {
    const inFolder = this.folderSettings.has(folder) || this.folders.includes(folder);
    const settings = this.folderSettings.get(folder) ?? this.settings;
    const base = inFolder ? folder : (this.folders[0] ?? process.cwd());
    const extra = settings.registries.map((r) => path.resolve(base, r));
    const id = inFolder ? folder : '';
    const key = JSON.stringify(extra);
    let entry = this.projectCaches.get(id);
    if (!entry || entry.key !== key) {
      entry = { key, cache: newProjectCache(extra) };
      this.projectCaches.set(id, entry);
    }
    return entry.cache;
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
    const folder = this.folderOf(file);
    return this.projectCache(folder).forFile(file, folder);
  }

  /** The project's linter with the editor's overrides (rule severities, terminology in quotations) of the document's folder. */
  linterFor(project: ProjectSettings, settings: Settings = this.settings): ReportLinter {
    return linterWithOverrides(project, { severities: settings.rules, terminologyInQuotations: settings.terminologyInQuotations });
  }

  /** Checks one version of a document and remembers it (when it is open: `version` not null). */
  analyze(uri: string, text: string, version: number | null): Analysis {
    const project = this.projectFor(uri);
    const settings = this.settingsFor(uri);
    const linter = this.linterFor(project, settings);
    const previous = this.analyses.get(uri);
    // The previous linter's block cache for this document is of no further use.
    if (previous && previous.linter !== linter) previous.linter.forget(uri);
    const analysis: Analysis = {
      uri,
      version,
      text,
      project,
      linter,
      registry: new Map(),
      generation: this.generation,
      budgetMs: checkBudgetMs(text.length, settings.checkBudgetMs),
    };
    const notice = uncheckedNotice(uri, text, version);
    if (notice) {
      analysis.notice = notice;
    } else {
      // Watched by the supervisor: a check that overruns its budget is stopped (see supervisor.ts).
      const bibliography = this.bibliographyOptions(uri);
      analysis.result = watched(uri, version, text.length, () => linter.lint(text, project.registry, uri, bibliography), analysis.budgetMs);
      analysis.registry = registryOf(analysis.result.model);
    }
    if (version !== null) this.analyses.set(uri, analysis);
    else linter.forget(uri); // a closed file: keep nothing
    return analysis;
  }

  /**
   * Relative bibliography paths resolve from the document's folder (not the server's
   * working directory), and files are read only inside the document's workspace folder.
   */
  private bibliographyOptions(uri: string): BibliographyOptions {
    const file = this.fsPathOf(uri);
    return { documentPath: file, roots: [this.folderOf(file)] };
  }

  /**
   * Before the first check of an open document: its BibTeX files are parsed in a worker
   * thread while this thread analyses its blocks (ReportLinter.prepare), so opening a report
   * with a large bibliography costs about the longer of the two. Resolves when both are
   * done; undefined when there is nothing to read (the check can go ahead at once).
   */
  prepare(doc: TextDocument): Promise<void> | undefined {
    const text = doc.getText();
    if (this.analyses.has(doc.uri) || uncheckedNotice(doc.uri, text, doc.version)) return undefined;
    const project = this.projectFor(doc.uri);
    const settings = this.settingsFor(doc.uri);
    const budgetMs = checkBudgetMs(text.length, settings.checkBudgetMs);
    return this.linterFor(project, settings).prepare(text, project.registry, doc.uri, this.bibliographyOptions(doc.uri), (analysis) =>
      watched(doc.uri, doc.version, text.length, analysis, budgetMs),
    );
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
