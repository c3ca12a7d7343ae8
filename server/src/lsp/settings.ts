import type { SeveritySetting } from '../core/types';
import { parseSeverity, SEVERITIES } from '../core/config';
import { RULES } from '../core/rules';

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
  /** Extra registry files, absolute or relative to the document's workspace folder. */
  registries: string[];
  /** Information-level findings published per document; the rest are summed up in one diagnostic. */
  maxInformationPerDocument: number;
  /** Time one check may take, in milliseconds; undefined: 3 s plus 3 s per million characters (see watchdog.ts). */
  checkBudgetMs?: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  rules: {},
  debounceMs: 150,
  workspaceDiagnostics: false,
  terminologyInQuotations: undefined,
  registries: [],
  maxInformationPerDocument: 200,
  checkBudgetMs: undefined,
});

const RULE_IDS = new Set<string>(RULES.map((r) => r.id));

/**
 * Clients deliver settings in several shapes: VS Code answers workspace/configuration
 * with the section itself; Neovim and others put `{ reportLint: {...} }` or
 * `{ settings: { reportLint: {...} } }` in initializationOptions or didChangeConfiguration.
 */
function unwrapSettings(raw: unknown): Record<string, unknown> | undefined {
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
        else {
          const severity = parseSeverity(value);
          if (severity === undefined) problems.push(`reportLint.rules.${id} must be one of ${SEVERITIES.join(', ')}`);
          else if (severity !== 'default') settings.rules[id] = severity;
        }
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
    if (Array.isArray(o.registries) && o.registries.every((r) => typeof r === 'string'))
      settings.registries = (o.registries as string[]).filter((r) => r.trim());
    else problems.push('reportLint.registries must be a list of file paths');
  }
  if (o.maxInformationPerDocument !== undefined && o.maxInformationPerDocument !== null) {
    const max = o.maxInformationPerDocument;
    if (typeof max === 'number' && Number.isInteger(max) && max >= 0) settings.maxInformationPerDocument = max;
    else problems.push('reportLint.maxInformationPerDocument must be a whole number (0 or more)');
  }
  if (o.checkBudgetMs !== undefined) {
    const v = o.checkBudgetMs;
    if (v === null || v === 0) settings.checkBudgetMs = undefined;
    else if (typeof v === 'number' && Number.isFinite(v) && v >= MIN_CHECK_BUDGET_MS) settings.checkBudgetMs = Math.min(v, MAX_CHECK_BUDGET_MS);
    else problems.push(`reportLint.checkBudgetMs must be 0 (automatic) or a number of milliseconds from ${MIN_CHECK_BUDGET_MS}`);
  }
  return { settings, problems };
}

/** Below this a check of a short report could be stopped by a pause of the machine; above, an editor would seem hung. */
const MIN_CHECK_BUDGET_MS = 500;
const MAX_CHECK_BUDGET_MS = 600_000;
