import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import { defaultConfig, resolveConfig, type ConfigProblem, type ResolvedConfig } from './config';
import { parseRegistryFile, type RegistryEntry } from './registry';
import { ReportLinter } from './engine';
import { RULES } from './rules';

export const CONFIG_FILE_NAME = '.reportlintrc.json';

/** What a file is checked with: its configuration, registry files and a linter for them. */
export interface ProjectSettings {
  configFile?: string;
  config: ResolvedConfig;
  /** Configuration and registry problems, each with its file and place. */
  problems: ConfigProblem[];
  registry: RegistryEntry[];
  /** Registry files in use (absolute), to watch. */
  registryFiles: string[];
  linter: ReportLinter;
}

export function findConfigFile(startDir: string, stopAt?: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt && path.resolve(stopAt) === dir)) return undefined;
    dir = parent;
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: (before.match(/\n/g) ?? []).length + 1, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
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
export class ProjectCache {
  private readonly byConfig = new Map<string, { key: string; settings: ProjectSettings }>();

  constructor(private readonly options: { extraRegistries?: string[] } = {}) {}

  forFile(filePath: string): ProjectSettings {
    const configFile = findConfigFile(path.dirname(path.resolve(filePath)));
    return this.forConfigFile(configFile);
  }

  forConfigFile(configFile: string | undefined): ProjectSettings {
    const cacheKey = configFile ?? '<defaults>';
    const cached = this.byConfig.get(cacheKey);
    if (cached && cached.key === this.stampOf(configFile, cached.settings.registryFiles)) return cached.settings;
    const settings = this.load(configFile);
    this.byConfig.set(cacheKey, { key: this.stampOf(configFile, settings.registryFiles), settings });
    return settings;
  }

  invalidate(): void {
    this.byConfig.clear();
  }

  private stampOf(configFile: string | undefined, registryFiles: string[]): string {
    return [configFile ? stamp(configFile) : '', ...registryFiles.map(stamp)].join('|');
  }

  private load(configFile: string | undefined): ProjectSettings {
    let config = defaultConfig();
    const problems: ConfigProblem[] = [];
    let text: string | undefined;
    if (configFile) {
      try {
        text = fs.readFileSync(configFile, 'utf8');
      } catch (e) {
        problems.push({ file: configFile, line: 1, column: 1, message: `cannot read the configuration: ${(e as Error).message}` });
      }
      if (text !== undefined) {
        const r = resolveConfig(text, configFile, RULES.map((x) => x.id));
        config = r.config;
        problems.push(...r.problems);
      }
    }
    const baseDir = configFile ? path.dirname(configFile) : process.cwd();
    const registryFiles = [...config.registries.map((r) => path.resolve(baseDir, r)), ...(this.options.extraRegistries ?? []).map((r) => path.resolve(r))];
    const registry: RegistryEntry[] = [];
    const configTree = text !== undefined ? jsonc.parseTree(text, [], { allowTrailingComma: true }) : undefined;
    registryFiles.forEach((file, i) => {
      let registryText: string;
      try {
        registryText = fs.readFileSync(file, 'utf8');
      } catch (e) {
        // Point at the entry in "registries" that names the file (line 1 for files given on the command line).
        const node = configTree && i < config.registries.length ? jsonc.findNodeAtLocation(configTree, ['registries', i]) : undefined;
        const place = node && text !== undefined ? lineColumn(text, node.offset) : { line: 1, column: 1 };
        problems.push({ file: configFile ?? file, ...place, message: `registry file ${file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        return;
      }
      const r = parseRegistryFile(registryText, file, config.idScheme);
      registry.push(...r.entries);
      problems.push(...r.problems);
    });
    return { configFile, config, problems, registry, registryFiles, linter: new ReportLinter(config) };
  }
}
