/**
 * The command line's options as node:util's parseArgs reads them: a module of its own,
 * without the engine, so that the read-ahead (readAhead.ts) finds the files named on
 * the command line the way the CLI does, before the engine is loaded.
 */
export const OPTION_SPEC = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  fix: { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  registry: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  'list-rules': { type: 'boolean' },
  init: { type: 'boolean' },
} as const;
