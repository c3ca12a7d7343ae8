// Bundles the CLI, the language server and the VS Code client with esbuild.
// The packaged extension then needs no node_modules; `--production` minifies.
import * as esbuild from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

// `npm pack` and `npm publish` run `prepack` (the production build) and then `prepare`:
// the development build of `prepare` must not replace what goes into the tarball.
if (process.env.npm_lifecycle_event === 'prepare' && ['pack', 'publish'].includes(process.env.npm_command ?? '')) process.exit(0);

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// The npm package also carries type declarations (slow to generate: `npm pack` asks for them).
const types = process.argv.includes('--types');

/** Resolves the unified plugin's `import … from './api'` to the API bundle beside it. */
const apiAsExternal = {
  name: 'api-as-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/api$/ }, () => ({ path: './api.js', external: true }));
  },
};

/**
 * The BibTeX parser (Citation.js's BibTeX plugin) is one bundle, dist/bibtex.js, that the
 * CLI (and so the API) and the server load at run time, when a report names a BibTeX file,
 * rather than a copy in each.
 */
const bibtexAsExternal = {
  name: 'bibtex-as-external',
  setup(build) {
    build.onResolve({ filter: /\/bibtexParser$/ }, () => ({ path: './bibtex.js', external: true }));
  },
};

/**
 * Citation.js's BibTeX plugin imports its core package for a grammar, a translator and a
 * logger; the core's index also loads its network code (node-fetch, sync-fetch). The
 * plugin gets server/src/core/citationJsCore.ts instead, which hands out only those
 * (the grammar and translator from the core's own files), so no bundle carries code that
 * could reach the network (test/package/no-network.test.ts checks).
 * Only the bare name is redirected: the shim itself imports the core's files by path.
 */
const citationJsCoreWithoutNetwork = {
  name: 'citation-js-core-without-network',
  setup(build) {
    build.onResolve({ filter: /^@citation-js\/core$/ }, () => ({ path: path.resolve('server/src/core/citationJsCore.ts') }));
  },
};

const entries = [
  { in: 'server/src/core/bibtexParser.ts', out: 'dist/bibtex.js', plugins: [citationJsCoreWithoutNetwork] },
  // The CLI reads a report's BibTeX files in this worker thread while it analyses the report.
  { in: 'server/src/core/bibtexWorker.ts', out: 'dist/bibtexWorker.js', plugins: [bibtexAsExternal] },
  // Started by bin/report-lint.js before the CLI's bundle: reads the BibTeX files of the reports named on the command line ahead, in a thread.
  { in: 'server/src/cli/readAhead.ts', out: 'dist/readAhead.js' },
  { in: 'server/src/cli/readAheadWorker.ts', out: 'dist/readAheadWorker.js', plugins: [bibtexAsExternal] },
  { in: 'server/src/cli.ts', out: 'dist/cli.js', plugins: [bibtexAsExternal] },
  // The supervisor and, in its worker thread, the server itself (server/src/main.ts).
  { in: 'server/src/main.ts', out: 'dist/server.js', plugins: [bibtexAsExternal] },
  { in: 'client/src/extension.ts', out: 'dist/client.js' },
  // The unified plugin (`report-lint/unified`) loads the API (dist/api.js, written below
  // from the CLI's bundle) at run time rather than carrying another copy of the engine.
  { in: 'server/src/unified.ts', out: 'dist/unified.js', plugins: [apiAsExternal] },
  // The extension-host test suite (test/vscode): mocha is loaded from node_modules at run time.
  { in: 'test/vscode/suite/index.ts', out: 'dist/test/suite/index.js', external: ['mocha'] },
].filter((e) => existsSync(e.in));

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode', ...(e.external ?? [])],
      plugins: e.plugins ?? [],
      // jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot follow.
      alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
      // ES modules bundled into CommonJS (tinyglobby's fdir) still ask for import.meta.url.
      define: { 'import.meta.url': '__bundleFileUrl' },
      banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
      minify: production,
      sourcemap: production ? false : 'linked',
      legalComments: production ? 'none' : 'inline',
      logLevel: 'warning',
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching', entries.map((e) => e.in).join(', '));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  writeApiEntry();
  writeEsmEntries();
  if (types) writeTypes();
}

/**
 * The Node API (`report-lint`): the engine is large (parsers for Markdown, BibTeX,
 * YAML, CSV), so the API is not bundled a second time beside the CLI; the CLI's
 * bundle exports it as `api` and this entry hands that out. The exports map of
 * package.json keeps dist/cli.js itself out of reach.
 */
function writeApiEntry() {
  if (!existsSync('dist/cli.js')) return;
  writeFileSync(
    'dist/api.js',
    [
      "'use strict';",
      '// Generated by scripts/build.mjs: the Node API, from the CLI bundle (one copy of the engine).',
      "module.exports = require('./cli.js').api;",
      '',
    ].join('\n'),
  );
}

/**
 * ES module entries beside the CommonJS bundles, so `import` and `require` share one
 * copy of the engine (no dual-package state). Their export lists are read from the
 * built bundles, not written by hand.
 */
function writeEsmEntries() {
  const require = createRequire(import.meta.url);
  for (const name of ['api', 'unified']) {
    const file = path.resolve('dist', `${name}.js`);
    if (!existsSync(file)) continue;
    const names = Object.keys(require(file)).filter((n) => n !== 'default' && n !== '__esModule');
    const lines = [`// Generated by scripts/build.mjs: the ES module face of ${name}.js.`, `import cjs from './${name}.js';`];
    if (names.length) lines.push(`export const { ${names.join(', ')} } = cjs;`);
    lines.push(name === 'unified' ? 'export default cjs.default;' : 'export default cjs;');
    writeFileSync(`dist/${name}.mjs`, lines.join('\n') + '\n');
  }
}

/** One declaration file per public entry (the API and the unified plugin), internals inlined. */
function writeTypes() {
  const require = createRequire(import.meta.url);
  const generator = require.resolve('dts-bundle-generator/dist/bin/dts-bundle-generator.js');
  for (const [entry, out] of [
    ['server/src/api.ts', 'dist/api.d.ts'],
    ['server/src/unified.ts', 'dist/unified.d.ts'],
  ]) {
    execFileSync(process.execPath, [generator, '--silent', '--no-check', '--project', 'tsconfig.json', '--no-banner', '-o', out, entry], { stdio: 'inherit' });
  }
}
