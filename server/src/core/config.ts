import * as jsonc from 'jsonc-parser';
import { jsonSyntaxMessage } from './jsonErrors';
import { jsonTooDeepAt, MAX_JSON_NESTING } from './jsonNesting';
import type { Severity, SeveritySetting } from './types';
import { DEFAULT_ID_SCHEME, IdScheme, IdSchemeError, type IdSchemeConfig } from './participantIds';
import type { TermEntry } from './terminology';
import { lineColumnsOf } from './text';

/** The shape of `.reportlintrc.json` (see schemas/reportlintrc.schema.json). */
export interface ConfigFile {
  rules?: Record<string, SeveritySetting | boolean>;
  participantIds?: Partial<IdSchemeConfig>;
  /** CSV or JSON participant lists, relative to the configuration file. */
  registries?: string[];
  /** Extra terminology entries, same shape as the built-in data. */
  terms?: TermEntry[];
  /** Phrases in which discouraged words are legitimate (official names the built-in list lacks). */
  allowedPhrases?: string[];
  /** Terminology inside quotations: silent ("off", default) or shown as hints. */
  terminologyInQuotations?: 'off' | 'hint';
}

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** The file is not valid JSON (editors with a JSON validator show this themselves). */
  syntax?: boolean;
}

export interface ResolvedConfig {
  /** Severity per rule id; absent rules use their default. */
  severities: Record<string, SeveritySetting>;
  idScheme: IdScheme;
  registries: string[];
  extraTerms: TermEntry[];
  allowedPhrases: string[];
  terminologyInQuotations: 'off' | 'hint';
  /** Where the configuration came from (undefined: defaults). */
  file?: string;
}

export const SEVERITIES: SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * A rule severity as users write it in the configuration file, editor settings or
 * on the command line: a severity name or `off`, `false` (off) or `true` (the
 * rule's default, returned as 'default'). Undefined when it is none of these.
 */
export function parseSeverity(value: unknown): SeveritySetting | 'default' | undefined {
  if (value === false) return 'off';
  if (value === true) return 'default';
  return typeof value === 'string' && (SEVERITIES as string[]).includes(value) ? (value as SeveritySetting) : undefined;
}

const TOP_LEVEL_KEYS = new Set(['$schema', 'rules', 'participantIds', 'registries', 'terms', 'allowedPhrases', 'terminologyInQuotations']);

export function defaultConfig(): ResolvedConfig {
  return {
    severities: {},
    idScheme: new IdScheme(DEFAULT_ID_SCHEME),
    registries: [],
    extraTerms: [],
    allowedPhrases: [],
    terminologyInQuotations: 'off',
  };
}

/**
 * Parses and validates a configuration text. Never throws: every problem is
 * returned with its place, and the parts that are wrong fall back to defaults.
 */
export function resolveConfig(text: string, file: string, knownRuleIds: readonly string[]): { config: ResolvedConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config = defaultConfig();
  config.file = file;
  // A byte order mark (Windows editors write one) is not part of the JSON; editors do not count it as a column.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  // Line breaks found once: a configuration with hundreds of thousands of wrong items is placed in one pass, not one per problem.
  const placeOf = lineColumnsOf(text);
  const at = (offset: number, message: string) => problems.push({ file, ...placeOf(offset), message });
  const tooDeep = jsonTooDeepAt(text);
  if (tooDeep !== undefined) {
    at(tooDeep, `the JSON nests more than ${MAX_JSON_NESTING} levels deep; the configuration is not read`);
    return { config, problems };
  }
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !tree) {
    // Only the first error: the ones after it are mostly its echoes (one missing comma
    // makes jsonc-parser report several), and the author fixes the first first.
    problems.push({ file, ...placeOf(errors[0]?.offset ?? 0), message: jsonSyntaxMessage(errors[0]), syntax: errors.length > 0 });
    return { config, problems };
  }
  if (tree.type !== 'object') {
    at(tree.offset, 'the configuration must be a JSON object');
    return { config, problems };
  }
  const value = jsonc.getNodeValue(tree) as ConfigFile & Record<string, unknown>;
  const nodeAt = (path: jsonc.JSONPath) => jsonc.findNodeAtLocation(tree, path);
  const offsetOf = (path: jsonc.JSONPath) => nodeAt(path)?.offset ?? 0;
  const keyOffset = (path: jsonc.JSONPath) => nodeAt(path)?.parent?.offset ?? offsetOf(path);

  for (const key of Object.keys(value)) if (!TOP_LEVEL_KEYS.has(key)) at(keyOffset([key]), `unknown setting "${key}"`);

  if (value.rules !== undefined) {
    if (typeof value.rules !== 'object' || value.rules === null || Array.isArray(value.rules))
      at(offsetOf(['rules']), '"rules" must be an object of rule id → severity');
    else
      for (const [id, setting] of Object.entries(value.rules)) {
        if (!knownRuleIds.includes(id)) {
          at(keyOffset(['rules', id]), `unknown rule "${id}" (known rules: ${knownRuleIds.join(', ')})`);
          continue;
        }
        const severity = parseSeverity(setting);
        if (severity === undefined) at(offsetOf(['rules', id]), `rule "${id}": severity must be one of ${SEVERITIES.join(', ')} or true/false`);
        else if (severity !== 'default') config.severities[id] = severity;
      }
  }

  if (value.participantIds !== undefined) {
    const p = value.participantIds;
    if (typeof p !== 'object' || p === null || typeof p.pattern !== 'string' || (p.format !== undefined && typeof p.format !== 'string')) {
      at(offsetOf(['participantIds']), '"participantIds" needs a "pattern" string (and optionally "format" and "loosePattern" strings)');
    } else {
      try {
        config.idScheme = new IdScheme({ pattern: p.pattern, format: p.format ?? DEFAULT_ID_SCHEME.format, loosePattern: p.loosePattern });
      } catch (e) {
        const message = e instanceof IdSchemeError ? e.message : '';
        const path =
          /loosePattern/.test(message) && p.loosePattern
            ? ['participantIds', 'loosePattern']
            : /participantIds\.format/.test(message) && p.format !== undefined
              ? ['participantIds', 'format']
              : ['participantIds', 'pattern'];
        at(offsetOf(path), `${(e as Error).message}; using the default ID pattern`);
      }
    }
  }

  const stringList = (key: 'registries' | 'allowedPhrases'): string[] => {
    const v = value[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      at(offsetOf([key]), `"${key}" must be a list of strings`);
      return [];
    }
    return v;
  };
  config.registries = stringList('registries');
  config.allowedPhrases = stringList('allowedPhrases');

  if (value.terms !== undefined) {
    if (!Array.isArray(value.terms)) at(offsetOf(['terms']), '"terms" must be a list of entries');
    else
      value.terms.forEach((t, i) => {
        const ok =
          t &&
          typeof t === 'object' &&
          typeof t.id === 'string' &&
          (t.category === 'avoid' || t.category === 'caution') &&
          Array.isArray(t.terms) &&
          t.terms.every((x: unknown) => typeof x === 'string') &&
          Array.isArray(t.preferred ?? []) &&
          typeof (t.reason ?? '') === 'string' &&
          // Context conditions (see the data README): lists of phrases, `{n}` an age under 18.
          [t.precededBy, t.followedBy].every(
            (list: unknown) =>
              list === undefined ||
              (Array.isArray(list) && list.length <= 100 && list.every((x: unknown) => typeof x === 'string' && x.trim() !== '' && x.length <= 200)),
          );
        if (!ok)
          at(
            offsetOf(['terms', i]),
            `terms[${i}] needs "id", "category" ("avoid" or "caution"), "terms" (strings), and optionally "preferred", "reason", and "precededBy"/"followedBy" (lists of phrases)`,
          );
        else config.extraTerms.push({ ...t, preferred: t.preferred ?? [], reason: t.reason ?? "Listed in this project's configuration." });
      });
  }

  if (value.terminologyInQuotations !== undefined) {
    if (value.terminologyInQuotations === 'off' || value.terminologyInQuotations === 'hint') config.terminologyInQuotations = value.terminologyInQuotations;
    else at(offsetOf(['terminologyInQuotations']), '"terminologyInQuotations" must be "off" or "hint"');
  }
  return { config, problems };
}

export function effectiveSeverity(config: ResolvedConfig, ruleId: string, fallback: Severity): SeveritySetting {
  return config.severities[ruleId] ?? fallback;
}
