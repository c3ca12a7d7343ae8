/**
 * What @citation-js/plugin-bibtex takes from @citation-js/core, and nothing else. The
 * build hands the plugin this module in place of the core package (scripts/build.mjs),
 * because the core's index also loads its network code (node-fetch, sync-fetch: it can
 * fetch references by DOI or URL). Reports hold confidential data; Report Lint never
 * touches the network, and its bundles carry no code that could (test/package/no-network.test.ts).
 */
import { Grammar } from '@citation-js/core/lib/util/grammar.js';
import { Translator } from '@citation-js/core/lib/util/translator.js';

export const util = { Grammar, Translator };

/** The parser's warnings are dropped: the core's logger keeps every message in memory, even when silent, and a language server runs for days. */
export const logger = {
  debug(): void {},
  info(): void {},
  warn(): void {},
  error(): void {},
};
