/**
 * The npm package as a user gets it: `npm pack`, installed into an empty folder
 * (offline: the package has no dependencies, so nothing is fetched), then the CLI
 * through npx, the language server over stdio, the Node API (require, import and
 * types) and the unified plugin through remark-cli. A file missing from "files" in
 * package.json fails here.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SAMPLE, tempDir } from '../cli/helpers';
import { readmeApiExample, REPO_ROOT } from './helpers';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** What a user's shell would have: no colours forced, no npm lifecycle variables of the outer `npm test`. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'FORCE_COLOR' && k !== 'NO_COLOR' && k !== 'INIT_CWD') env[k] = v;
  return env;
}

function run(command: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', input, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

/** Sends LSP `initialize` to `report-lint-server --stdio` and resolves with the answer. */
function initializeServer(
  bin: string,
  cwd: string,
): Promise<{ result?: { capabilities?: Record<string, unknown>; serverInfo?: { name: string; version?: string } } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--stdio'], { cwd, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let buffer = Buffer.alloc(0);
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no answer to initialize within 60 s; stderr: ${stderr}`));
    }, 60_000);
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const header = /Content-Length: (\d+)\r\n\r\n/.exec(buffer.toString('latin1'));
      if (!header) return;
      const start = header.index + header[0].length;
      const length = Number(header[1]);
      if (buffer.length < start + length) return;
      const message = JSON.parse(buffer.subarray(start, start + length).toString('utf8'));
      if (message.id !== 1) return;
      clearTimeout(timer);
      child.kill();
      resolve(message);
    });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

describe('npm package (npm pack, installed offline into an empty folder)', function () {
  // npm pack runs the production build and the type bundling: a minute or two on a busy machine.
  this.timeout(600_000);
  let t: ReturnType<typeof tempDir>;
  let app: string;
  let packedFiles: string[];
  let tarball: string;

  before(() => {
    t = tempDir('report-lint-tarball-');
    const packed = run(NPM, ['pack', '--json', '--pack-destination', t.dir], REPO_ROOT);
    assert.equal(packed.status, 0, `npm pack failed:\n${packed.stderr}`);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
    packedFiles = (info.files as { path: string }[]).map((f) => f.path).sort();
    tarball = path.join(t.dir, info.filename);
    app = path.join(t.dir, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'a-research-team', private: true, type: 'commonjs' }));
    const installed = run(NPM, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts=false', tarball], app);
    assert.equal(installed.status, 0, `npm install of the tarball failed:\n${installed.stderr}`);
    fs.copyFileSync(SAMPLE, path.join(app, 'report.md'));
  });
  after(() => t?.cleanup());

  it('holds the bundles, bins, schema, sample and docs, and no sources, tests or source maps', () => {
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/report-lint.js',
      'bin/report-lint-server.js',
      'dist/cli.js',
      // The BibTeX parser and the CLI's worker that runs it, loaded at run time by cli.js and server.js.
      'dist/bibtex.js',
      'dist/bibtexWorker.js',
      // Started by bin/report-lint.js before cli.js: the read-ahead of a report's BibTeX files and its thread.
      'dist/readAhead.js',
      'dist/readAheadWorker.js',
      'dist/server.js',
      'dist/client.js',
      'dist/api.js',
      'dist/api.mjs',
      'dist/api.d.ts',
      'dist/unified.js',
      'dist/unified.mjs',
      'dist/unified.d.ts',
      'schemas/reportlintrc.schema.json',
      'samples/sample-report.md',
      'samples/quarto-report.qmd',
      'samples/quarto-report.bib',
      '.pre-commit-hooks.yaml',
    ]) {
      assert.ok(packedFiles.includes(f), `${f} is not in the tarball: ${packedFiles.join(', ')}`);
    }
    const unwanted = packedFiles.filter((f) => /^(server|client|test|scripts)\/|\.map$|\.ts$/.test(f) && !f.endsWith('.d.ts'));
    assert.deepEqual(unwanted, []);
    const pkg = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'report-lint', 'package.json'), 'utf8'));
    assert.equal(pkg.private, undefined);
    assert.ok(pkg.engines.node);
  });

  it('npx report-lint checks a report (exit 1 with findings) and the built-in sample (exit 0)', () => {
    const r = run(NPX, ['--offline', 'report-lint', 'report.md'], app);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^report\.md\n/);
    assert.match(r.stdout, /participant-malformed/);
    const demo = run(NPX, ['--offline', 'report-lint'], app);
    assert.equal(demo.status, 0, demo.stderr);
    assert.match(demo.stderr, /checking the built-in sample report .*node_modules[/\\]report-lint[/\\]samples[/\\]sample-report\.md/);
  });

  it('npx report-lint --format sarif writes SARIF 2.1.0 with the findings', () => {
    const r = run(NPX, ['--offline', 'report-lint', '--format', 'sarif', 'report.md'], app);
    assert.equal(r.status, 1, r.stderr);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].tool.driver.name, 'report-lint');
    assert.ok(sarif.runs[0].results.length > 5);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'report.md');
  });

  it('report-lint-server --stdio answers initialize', async () => {
    const answer = await initializeServer(path.join(app, 'node_modules', 'report-lint', 'bin', 'report-lint-server.js'), app);
    assert.ok(answer.result?.capabilities?.textDocumentSync !== undefined, JSON.stringify(answer));
    assert.ok(answer.result?.capabilities?.hoverProvider, JSON.stringify(answer));
  });

  it('the Node API loads through require and import, with the same engine, and runs the README example', () => {
    const script = [
      "const api = require('report-lint');",
      "const { findings } = api.lint(require('fs').readFileSync('report.md', 'utf8'), { filePath: 'report.md' });",
      "import('report-lint').then((esm) => console.log(JSON.stringify({ count: findings.length, same: esm.lint === api.lint, rules: esm.rules.length })));",
    ].join('\n');
    const r = run(process.execPath, ['-e', script], app);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(out.count > 5);
    assert.equal(out.same, true);
    assert.ok(out.rules > 5);
    const example = readmeApiExample();
    fs.writeFileSync(path.join(app, 'example.mjs'), example.code);
    const ex = run(process.execPath, ['example.mjs'], app);
    assert.equal(ex.status, 0, ex.stderr);
    assert.equal(ex.stdout, example.output);
  });

  it('its types compile in a TypeScript project (moduleResolution nodenext)', () => {
    fs.writeFileSync(
      path.join(app, 'check.mts'),
      [
        "import { lint, fix, lintFiles, rules, type Finding, type LintOptions } from 'report-lint';",
        "import reportLint from 'report-lint/unified';",
        "const options: LintOptions = { config: { rules: { 'link-placeholder': 'off' } }, registry: [{ id: 'RA1-KE-01-A' }] };",
        "const first: Finding | undefined = lint('text', options).findings[0];",
        "const text: string = fix('text').text;",
        'const ids: string[] = rules.map((r) => r.id);',
        "const later: Promise<unknown> = lintFiles(['reports']);",
        'const plugin: typeof reportLint = reportLint;',
        'export { first, text, ids, later, plugin };',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['check.mts'],
      }),
    );
    const tsc = run(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    // And a wrong use is caught: the types are not `any`.
    fs.writeFileSync(path.join(app, 'check.mts'), "import { lint } from 'report-lint';\nconst n: number = lint('x').findings;\nexport { n };\n");
    const wrong = run(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.stdout, /TS2322/);
  });

  it('remark-cli runs the installed unified plugin: remark --use report-lint/unified', () => {
    const remark = path.join(REPO_ROOT, 'node_modules', 'remark-cli', 'cli.js');
    // From the user's folder, `report-lint/unified` resolves to the installed package.
    const r = run(process.execPath, [remark, '--no-stdout', '--no-color', '--use', 'report-lint/unified', 'report.md'], app);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /participant-malformed +report-lint/);
    assert.match(r.stderr, /participant-unknown +report-lint/);
  });
});
