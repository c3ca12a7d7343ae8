/**
 * Privacy: reports hold confidential interview data and nothing may touch the network.
 * The shipped bundles (every dist/*.js that package.json "files" ships) must not carry
 * code that could: no HTTP(S) modules, no fetch libraries (Citation.js's core has two; the
 * build keeps them out, see scripts/build.mjs), no global fetch, XMLHttpRequest or WebSocket.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

const NETWORK_MODULES = /require\(\s*["'](?:node:)?(?:https?|http2|tls|dgram|undici|node-fetch|sync-fetch|cross-fetch|axios|got)["']\s*\)/g;
const NETWORK_GLOBALS = /(?<![\w$.])(?:fetch|XMLHttpRequest|WebSocket)\s*\(|new\s+(?:XMLHttpRequest|WebSocket)\b/g;

describe('shipped bundles reach no network', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const bundles = pkg.files.filter((f) => /^dist\/[^/*]+\.js$/.test(f));

  it('ships the BibTeX parser bundles, and the bundles are built', () => {
    for (const b of ['dist/bibtex.js', 'dist/bibtexWorker.js', 'dist/readAheadWorker.js']) assert.ok(bundles.includes(b), bundles.join(', '));
    for (const b of bundles) assert.ok(fs.existsSync(path.join(REPO_ROOT, b)), `${b} is missing: run \`npm run build\``);
  });

  for (const bundle of [
    'dist/bibtex.js',
    'dist/bibtexWorker.js',
    'dist/readAhead.js',
    'dist/readAheadWorker.js',
    'dist/cli.js',
    'dist/server.js',
    'dist/client.js',
    'dist/api.js',
    'dist/unified.js',
  ]) {
    it(`${bundle}: no HTTP modules, fetch libraries or network globals`, () => {
      const code = fs.readFileSync(path.join(REPO_ROOT, bundle), 'utf8');
      assert.deepEqual(code.match(NETWORK_MODULES) ?? [], []);
      assert.deepEqual(code.match(NETWORK_GLOBALS) ?? [], []);
      // Citation.js's network code, under its own names.
      assert.doesNotMatch(code, /fetchFile|fetchId|node-fetch|sync-fetch/);
    });
  }

  it('the checks would see network code (they are not vacuous)', () => {
    const unsafe = 'const f = require("node-fetch"); const h = require("node:https"); fetch("https://example.org");';
    assert.equal(unsafe.match(NETWORK_MODULES)?.length, 2);
    assert.equal(unsafe.match(NETWORK_GLOBALS)?.length, 1);
  });
});
