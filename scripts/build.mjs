// Bundles the CLI, the language server and the VS Code client with esbuild.
// The packaged extension then needs no node_modules; `--production` minifies.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'server/src/cli.ts', out: 'dist/cli.js' },
  // The supervisor and, in its worker thread, the server itself (server/src/main.ts).
  { in: 'server/src/main.ts', out: 'dist/server.js' },
  { in: 'client/src/extension.ts', out: 'dist/client.js' },
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
}
