import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import { jsonTooDeepAt } from './jsonNesting';
import { defaultConfig, resolveConfig, type ConfigProblem, type ResolvedConfig } from './config';
import type { SeveritySetting } from './types';
import { parseRegistryFile, type RegistryEntry } from './registry';
import { ReportLinter } from './engine';
import { RULES } from './rules';
import { append, lineColumn } from './text';
import { isInside, MAX_CONFIG_BYTES, MAX_REGISTRY_BYTES, readBoundedFile, realPath } from './files';

export const CONFIG_FILE_NAME = '.reportlintrc.json';

/** What a file is checked with: its configuration, registry files and a linter for them. */
export interface ProjectSettings {
  configFile?: string;
  /** The folder the configuration was looked up within (the workspace folder; for the CLI the repository or the current directory). */
  root?: string;
  config: ResolvedConfig;
  /** Configuration and registry problems, each with its file and place. */
  problems: ConfigProblem[];
  registry: RegistryEntry[];
  /** Registry files in use (absolute), to watch. */
  registryFiles: string[];
  /** Files the configuration names outside `root` that were read anyway (CLI: said, not refused). */
  outsideFiles: string[];
  linter: ReportLinter;
}

/**
 * The nearest `.reportlintrc.json` from `startDir` upward, not above `stopAt` (the
 * workspace folder): a repository opened from a colleague must not pick up a
 * configuration from the folders around it.
 */
export function findConfigFile(startDir: string, stopAt?: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt && (path.resolve(stopAt) === dir || !isInside(stopAt, parent)))) return undefined;
    dir = parent;
  }
}

function stamp(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}

/**
 * Loads configurations and registry files once and reuses them while their files
 * are unchanged, so checking 120 reports that share one configuration reads it once
 * and every report of a project shares one linter (and its block cache).
 */
export interface ProjectCacheOptions {
  /** Registry files the user gave (settings, command line): read wherever they are. */
  extraRegistries?: string[];
  /**
   * What to do with files a configuration names outside its root: `refuse` (the
   * language server: a repository's configuration may not make the editor read
   * and display files outside the workspace folder) or `note` (the CLI, which the
   * user runs deliberately: read them and list them in `outsideFiles`).
   */
  outside?: 'refuse' | 'note';
  /** How messages name the root ("the workspace folder"). */
  rootName?: string;
}

export class ProjectCache {
  private readonly byConfig = new Map<string, { key: string; settings: ProjectSettings }>();

  constructor(private readonly options: ProjectCacheOptions = {}) {}

  /**
   * The settings for a report: the nearest configuration at or below `root` (any
   * ancestor when no root is given), whose registries must lie inside `root`.
   */
  forFile(filePath: string, root?: string): ProjectSettings {
    const configFile = findConfigFile(path.dirname(path.resolve(filePath)), root);
    return this.forConfigFile(configFile, root);
  }

  forConfigFile(configFile: string | undefined, root?: string): ProjectSettings {
    const cacheKey = `${configFile ?? '<defaults>'}\0${root ?? ''}`;
    const cached = this.byConfig.get(cacheKey);
    if (cached && cached.key === this.stampOf(configFile, cached.settings.registryFiles)) return cached.settings;
    const settings = this.load(configFile, root);
    this.byConfig.set(cacheKey, { key: this.stampOf(configFile, settings.registryFiles), settings });
    return settings;
  }

  /**
   * The settings for a configuration given as text rather than a file (the Node
   * API's configuration object): `label` names it in problems, and its registries
   * are read relative to `baseDir`. Not cached: the caller keeps the result.
   */
  forConfigText(text: string, label: string, baseDir: string): ProjectSettings {
    return this.load(undefined, undefined, { text, label, baseDir });
  }

  invalidate(): void {
    this.byConfig.clear();
  }

  private stampOf(configFile: string | undefined, registryFiles: string[]): string {
    return [configFile ? stamp(configFile) : '', ...registryFiles.map(stamp)].join('|');
  }

  private load(configFile: string | undefined, root: string | undefined, given?: { text: string; label: string; baseDir: string }): ProjectSettings {
    let config = defaultConfig();
    const problems: ConfigProblem[] = [];
    const outsideFiles: string[] = [];
    const rootName = this.options.rootName ?? 'the folder';
    const refuseOutside = root !== undefined && this.options.outside !== 'note';
    let text = given?.text;
    if (configFile) {
      if (refuseOutside && !isInside(root, configFile)) {
        problems.push({
          file: configFile,
          line: 1,
          column: 1,
          message: `the configuration is a link to ${realPath(configFile)}, outside ${rootName} (${root}); it is not read`,
        });
      } else {
        const read = readBoundedFile(configFile, MAX_CONFIG_BYTES);
        if (read.ok) text = read.text;
        else problems.push({ file: configFile, line: 1, column: 1, message: `the configuration ${read.reason}; using the defaults` });
      }
    }
    const configName = configFile ?? given?.label;
    if (text !== undefined && configName !== undefined) {
      const r = resolveConfig(
        text,
        configName,
        RULES.map((x) => x.id),
      );
      config = r.config;
      append(problems, r.problems);
    }
    const baseDir = given?.baseDir ?? (configFile ? path.dirname(configFile) : process.cwd());
    const fromConfig = config.registries.map((r) => path.resolve(baseDir, r));
    const extra = (this.options.extraRegistries ?? []).map((r) => path.resolve(r));
    const registry: RegistryEntry[] = [];
    const registryFiles: string[] = [];
    // (A configuration nested too deeply was refused by resolveConfig: not parsed again.)
    const configTree = text !== undefined && jsonTooDeepAt(text) === undefined ? jsonc.parseTree(text, [], { allowTrailingComma: true }) : undefined;
    [...fromConfig, ...extra].forEach((file, i) => {
      const named = i < fromConfig.length ? config.registries[i] : file;
      // Point at the entry in "registries" that names the file (line 1 for files given in settings or on the command line).
      const node = configTree && i < fromConfig.length ? jsonc.findNodeAtLocation(configTree, ['registries', i]) : undefined;
      const place = node && text !== undefined ? lineColumn(text, node.offset) : { line: 1, column: 1 };
      const problemFile = i < fromConfig.length && configName ? configName : file;
      if (i < fromConfig.length && root !== undefined && !isInside(root, file)) {
        if (refuseOutside) {
          const how = path.isAbsolute(named) || named.split(/[\\/]/).includes('..') ? '' : ' through a symbolic link';
          problems.push({
            file: problemFile,
            ...place,
            message: `registry file "${named}" is outside ${rootName} (${root})${how}; a configuration may only name files inside it, so it is not read (add it to the reportLint.registries setting to use it)`,
          });
          return;
        }
        outsideFiles.push(realPath(file));
      }
      registryFiles.push(file);
      const read = readBoundedFile(file, MAX_REGISTRY_BYTES);
      if (!read.ok) {
        problems.push({ file: problemFile, ...place, message: `registry file ${file} ${read.reason}` });
        return;
      }
      const r = parseRegistryFile(read.text, file, config.idScheme);
      append(registry, r.entries);
      append(problems, r.problems);
    });
    return { configFile, root, config, problems, registry, registryFiles, outsideFiles, linter: new ReportLinter(config) };
  }
}

/** What the editor settings or the command line (`--rule`) override in a project's configuration. */
export interface ConfigOverrides {
  /** Rule id → severity, over the configuration file's `rules`. */
  severities?: Record<string, SeveritySetting>;
  terminologyInQuotations?: 'off' | 'hint';
}

const overriddenLinters = new WeakMap<ProjectSettings, { key: string; linter: ReportLinter }>();

/**
 * The project's own linter, or one whose configuration carries the overrides.
 * Overriding the configuration rather than post-processing findings lets a setting
 * turn on a rule the configuration file turns off. One linter is kept per project
 * (for its latest overrides), so its block cache survives between checks.
 */
export function linterWithOverrides(project: ProjectSettings, overrides: ConfigOverrides): ReportLinter {
  const severities = overrides.severities ?? {};
  const { terminologyInQuotations } = overrides;
  const overridesQuotes = terminologyInQuotations !== undefined && terminologyInQuotations !== project.config.terminologyInQuotations;
  const overridesRules = Object.entries(severities).some(([id, s]) => project.config.severities[id] !== s);
  if (!overridesQuotes && !overridesRules) return project.linter;
  const key = JSON.stringify([severities, terminologyInQuotations]);
  const cached = overriddenLinters.get(project);
  if (cached?.key === key) return cached.linter;
  const linter = new ReportLinter({
    ...project.config,
    severities: { ...project.config.severities, ...severities },
    terminologyInQuotations: terminologyInQuotations ?? project.config.terminologyInQuotations,
  });
  overriddenLinters.set(project, { key, linter });
  return linter;
}
