import { parseArgs } from 'node:util';
import type { SeveritySetting } from '../core/types';
import { parseSeverity, SEVERITIES } from '../core/config';
import { RULES } from '../core/rules';
import { OPTION_SPEC } from './optionSpec';

export type OutputFormat = 'stylish' | 'json' | 'sarif' | 'compact' | 'github';
export const FORMATS: OutputFormat[] = ['stylish', 'json', 'sarif', 'compact', 'github'];

export interface CliOptions {
  inputs: string[];
  format: OutputFormat;
  output?: string;
  fix: boolean;
  config?: string;
  registries: string[];
  /** Severity overrides from `--rule id=severity`, applied on top of every configuration. */
  ruleOverrides: Record<string, SeveritySetting>;
  /** Warnings tolerated before the exit code becomes 1. */
  maxWarnings: number;
  quiet: boolean;
  /** undefined: colour when writing to a terminal and NO_COLOR is unset. */
  color?: boolean;
  help: boolean;
  version: boolean;
  listRules: boolean;
  /** Write a starter .reportlintrc.json (derived from the given reports) instead of checking. */
  init: boolean;
}

export class UsageError extends Error {}

/** Parses the command line; throws UsageError with a message meant for the user. */
export function parseOptions(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: OPTION_SPEC,
    });
  } catch (e) {
    // node:util's messages name the option ("Unknown option '--frmat'") but also
    // suggest `--` tricks meant for programmers; keep the first sentence.
    const message = (e as Error).message.split(/\. (?=To specify)/)[0].replace(/\.$/, '');
    throw new UsageError(message);
  }
  const v = parsed.values;

  const format = (v.format ?? 'stylish') as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${v.format}" (use ${FORMATS.join(', ')})`);

  let maxWarnings = 0;
  if (v['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(v['max-warnings'])) throw new UsageError(`--max-warnings needs a whole number, not "${v['max-warnings']}"`);
    maxWarnings = Number(v['max-warnings']);
  }

  const ruleOverrides: Record<string, SeveritySetting> = {};
  const ruleIds: string[] = RULES.map((r) => r.id);
  for (const spec of v.rule ?? []) {
    const m = /^([\w-]+)=(\w+)$/.exec(spec.trim());
    if (!m) throw new UsageError(`--rule needs rule-id=severity (for example --rule terminology-caution=off), not "${spec}"`);
    const [, id, severity] = m;
    if (!ruleIds.includes(id)) throw new UsageError(`--rule: unknown rule "${id}" (known rules: ${ruleIds.join(', ')})`);
    const setting = parseSeverity(severity);
    if (setting === undefined || setting === 'default') throw new UsageError(`--rule ${id}: severity must be one of ${SEVERITIES.join(', ')}`);
    ruleOverrides[id] = setting;
  }

  if (v.color && v['no-color']) throw new UsageError('--color and --no-color contradict each other');

  return {
    inputs: parsed.positionals,
    format,
    output: v.output,
    fix: v.fix ?? false,
    config: v.config,
    registries: v.registry ?? [],
    ruleOverrides,
    maxWarnings,
    quiet: v.quiet ?? false,
    color: v.color ? true : v['no-color'] ? false : undefined,
    help: v.help ?? false,
    version: v.version ?? false,
    listRules: v['list-rules'] ?? false,
    init: v.init ?? false,
  };
}

export const USAGE = `Usage: report-lint [options] [file | directory | glob ...]

Checks research reports written in Markdown: participant IDs against the
participant table, footnotes (GFM and superscript), terminology and placeholder
links. Directories are searched for *.md and *.markdown files (node_modules and
.git are skipped). With no file, checks the built-in sample report (a
demonstration: its mistakes are deliberate, so it exits 0).

Options:
  -f, --format <name>      stylish (default), json, sarif, compact (one line
                           per finding: file:line:col: severity message
                           [rule-id]) or github (GitHub Actions annotations)
  -o, --output <file>      write the report to a file instead of standard output
      --fix                apply safe fixes (ID spelling, footnote numbering) in
                           place, then report what remains
  -c, --config <file>      use this configuration instead of the nearest
                           .reportlintrc.json
      --registry <file>    add a participant registry (CSV or JSON); repeatable
      --rule <id=severity> override a rule's severity (error, warning,
                           information, hint, off); repeatable
      --max-warnings <n>   tolerate up to n warnings before exiting with 1
  -q, --quiet              report errors only (warnings do not change the exit code)
      --color, --no-color  force colours on or off (default: on for a terminal
                           unless NO_COLOR is set)
      --list-rules         list the rules with their default severities
      --init               write a starter .reportlintrc.json here (or to the
                           --config file), with the participant-ID pattern
                           derived from the participant table of the given
                           reports (default: the reports in this folder); never
                           overwrites an existing file
  -h, --help               show this help
  -v, --version            show the version

Exit codes:
  0  no findings at warning level or above
  1  findings at warning level or above (errors, or more warnings than --max-warnings)
  2  usage error, unreadable or binary file, no Markdown files, or configuration error
`;
