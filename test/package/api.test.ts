import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fix, lint, lintFiles, rules, starterConfig } from '../../server/src/api';
import { RULES } from '../../server/src/core/rules';
import { engineFindings, parseJsonReport, REPO_ROOT, requireBuiltCli, runCli, SAMPLE, SAMPLE_REGISTRY, tempDir } from '../cli/helpers';
import { readmeApiExample } from './helpers';

const REPORT = [
  '| ID | Agency |',
  '| --- | --- |',
  '| RA1-KE-01-A | Police |',
  '| RA1-KE-02-A | Ministry |',
  '',
  'As one officer said (ra1-ke-1-a), and another (RA1-KE-02-A), the backlog grew.',
  '',
].join('\n');

describe('Node API (report-lint)', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir('report-lint-api-')));
  afterEach(() => t.cleanup());

  describe('lint', () => {
    it('returns the findings the engine reports for the file, in the CLI json shape', () => {
      const text = fs.readFileSync(SAMPLE, 'utf8');
      const { findings, configProblems } = lint(text, { filePath: SAMPLE });
      assert.deepEqual(configProblems, []);
      assert.deepEqual(
        findings.map((f) => ({ ...f, fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe })) })),
        engineFindings(SAMPLE),
      );
    });

    it('gives places and fixes a caller can apply', () => {
      const { findings } = lint(REPORT);
      const malformed = findings.filter((f) => f.ruleId === 'participant-malformed');
      assert.equal(malformed.length, 1);
      assert.deepEqual(
        { line: malformed[0].line, column: malformed[0].column, endColumn: malformed[0].endColumn, severity: malformed[0].severity },
        { line: 6, column: 22, endColumn: 32, severity: 'warning' },
      );
      assert.deepEqual(malformed[0].fixes[0], {
        title: 'Change to RA1-KE-01-A',
        safe: true,
        edits: [{ line: 6, column: 22, endLine: 6, endColumn: 32, newText: 'RA1-KE-01-A' }],
      });
    });

    it('takes a configuration object, rule overrides and registry entries without touching the disk', () => {
      const text = 'A nurse said so (RA1-KE-07-A). [here](#)\n';
      assert.deepEqual(
        lint(text).findings.map((f) => f.ruleId),
        ['link-placeholder'],
      );
      const withRegistry = lint(text, { registry: [{ id: 'RA1-KE-01-A' }] }).findings.filter((f) => f.ruleId === 'participant-unknown');
      assert.deepEqual(
        withRegistry.map((f) => f.message),
        ['Participant RA1-KE-07-A is not in the participant table. Did you mean RA1-KE-01-A?'],
      );
      assert.deepEqual(lint(text, { config: { rules: { 'link-placeholder': 'off' } } }).findings, []);
      // Overrides win over the configuration, as --rule does.
      assert.deepEqual(
        lint(text, { config: { rules: { 'link-placeholder': 'off' } }, rules: { 'link-placeholder': 'error' } }).findings.map((f) => [f.ruleId, f.severity]),
        [['link-placeholder', 'error']],
      );
    });

    it('finds .reportlintrc.json from filePath, or uses a config path; reports its problems with their place', () => {
      fs.writeFileSync(path.join(t.dir, '.reportlintrc.json'), '{\n  "rules": { "link-placeholder": "off", "no-such-rule": "error" }\n}\n');
      const text = 'See [here](#).\n';
      const fromFile = lint(text, { filePath: path.join(t.dir, 'report.md') });
      assert.deepEqual(fromFile.findings, []);
      assert.equal(fromFile.configProblems.length, 1);
      assert.equal(fromFile.configProblems[0].file, path.join(t.dir, '.reportlintrc.json'));
      assert.equal(fromFile.configProblems[0].line, 2);
      assert.match(fromFile.configProblems[0].message, /unknown rule "no-such-rule"/);
      // Without a file path no configuration is read.
      assert.deepEqual(
        lint(text).findings.map((f) => f.ruleId),
        ['link-placeholder'],
      );
      assert.deepEqual(lint(text, { config: '.reportlintrc.json', cwd: t.dir }).findings, []);
    });

    it('repeated calls with the same options see a configuration changed on disk, and a changed options object', () => {
      const config = path.join(t.dir, '.reportlintrc.json');
      const filePath = path.join(t.dir, 'report.md');
      const text = 'See [here](#).\n';
      fs.writeFileSync(config, '{ "rules": { "link-placeholder": "off" } }\n');
      assert.deepEqual(lint(text, { filePath }).findings, []);
      fs.writeFileSync(config, '{ "rules": { "link-placeholder": "warning" } }\n');
      assert.deepEqual(
        lint(text, { filePath }).findings.map((f) => f.severity),
        ['warning'],
      );
      const options = { filePath, rules: { 'link-placeholder': 'error' as const } };
      assert.deepEqual(
        lint(text, options).findings.map((f) => f.severity),
        ['error'],
      );
      options.rules['link-placeholder'] = 'hint' as never;
      assert.deepEqual(
        lint(text, options).findings.map((f) => f.severity),
        ['hint'],
      );
    });

    it('a bad configuration object is reported, not thrown; bad arguments throw a TypeError naming the problem', () => {
      const r = lint('Text.\n', { config: { rules: { 'link-placeholder': 'loud' } } as never });
      assert.equal(r.configProblems.length, 1);
      assert.equal(r.configProblems[0].file, '<config option>');
      assert.match(r.configProblems[0].message, /severity must be one of/);
      assert.throws(() => lint(undefined as never), /the text to check must be a string, not undefined/);
      assert.throws(() => lint('x', { rules: { 'no-such-rule': 'off' } }), /unknown rule "no-such-rule" in options.rules/);
      // A single path where a list is expected, or a list with something else in it.
      assert.throws(() => lint('x', { registry: 'people.csv' as never }), /options.registry must be a list .*not the string "people.csv"/);
      assert.throws(() => lint('x', { registry: [5] as never }), /options.registry must be a list .*not a list holding number 5/);
      assert.throws(() => lint('x', { registry: [{ agency: 'Police' }] as never }), /not a list holding an object without a string "id"/);
    });

    it('a call with a broken configuration does not change what later calls without one get', () => {
      assert.equal(lint('Text.\n', { config: null as never }).configProblems.length, 1);
      assert.deepEqual(lint('Text.\n').configProblems, []);
      assert.deepEqual(lint('Text.\n', {}).configProblems, []);
      assert.deepEqual(lint('Text.\n', { config: undefined }).configProblems, []);
      assert.equal(lint('Text.\n', { config: null as never }).configProblems.length, 1);
    });

    it('matches the CLI with a registry file', () => {
      const text = fs.readFileSync(SAMPLE, 'utf8');
      requireBuiltCli();
      const cli = parseJsonReport(runCli(['--format', 'json', '--registry', SAMPLE_REGISTRY, SAMPLE]).stdout)[0].findings;
      const api = lint(text, { filePath: SAMPLE, registry: [SAMPLE_REGISTRY] }).findings;
      assert.deepEqual(
        api.map((f) => [f.ruleId, f.line, f.column, f.message]),
        cli.map((f) => [f.ruleId, f.line, f.column, f.message]),
      );
    });
  });

  describe('fix', () => {
    it('applies the safe fixes and lists them; the rest is left for the author', () => {
      const { text, applied } = fix(REPORT);
      assert.equal(text, REPORT.replace('(ra1-ke-1-a)', '(RA1-KE-01-A)'));
      assert.deepEqual(applied, [{ ruleId: 'participant-malformed', title: 'Change to RA1-KE-01-A', line: 6 }]);
      assert.deepEqual(fix(text), { text, applied: [] });
    });
  });

  describe('lintFiles', () => {
    it('checks folders and globs like the CLI, and returns unmatched inputs as errors instead of dropping them', async () => {
      fs.mkdirSync(path.join(t.dir, 'reports'));
      fs.writeFileSync(path.join(t.dir, 'reports', 'a.md'), REPORT);
      fs.writeFileSync(path.join(t.dir, 'reports', 'b.markdown'), 'Clean.\n');
      const results = await lintFiles(['reports', 'missing/*.md'], { cwd: t.dir });
      assert.deepEqual(
        results.map((r) => [r.error ? r.filePath : path.relative(t.dir, r.filePath), r.findings.map((f) => f.ruleId), r.error]),
        [
          ['missing/*.md', [], 'no files match this pattern'],
          [path.join('reports', 'a.md'), ['participant-malformed'], undefined],
          [path.join('reports', 'b.markdown'), [], undefined],
        ],
      );
    });

    it('with fix: true writes the safe fixes and reports what it applied', async () => {
      const file = path.join(t.dir, 'a.md');
      fs.writeFileSync(file, REPORT);
      const [result] = await lintFiles(file, { fix: true });
      assert.deepEqual(
        result.applied.map((a) => a.title),
        ['Change to RA1-KE-01-A'],
      );
      assert.deepEqual(result.findings, []);
      assert.equal(fs.readFileSync(file, 'utf8'), fix(REPORT).text);
    });
  });

  describe('rules and starterConfig', () => {
    it('lists every rule with its metadata and documentation anchor', () => {
      assert.deepEqual(
        rules.map((r) => r.id),
        RULES.map((r) => r.id),
      );
      for (const r of rules) {
        const rule = RULES.find((x) => x.id === r.id)!;
        assert.equal(r.defaultSeverity, rule.defaultSeverity);
        assert.equal(r.fixable, rule.fixable);
        assert.equal(r.description, rule.description);
        assert.ok(r.url.endsWith(`#${r.id}`));
      }
      assert.ok(Object.isFrozen(rules) && Object.isFrozen(rules[0]));
    });

    it('starterConfig is the text --init writes', () => {
      assert.match(starterConfig(REPORT), /"participantIds": \{/);
    });
  });

  describe('as a package', () => {
    before(requireBuiltCli);

    it('resolves require and import through the exports map, and keeps internals out', () => {
      const script = [
        "const api = require('report-lint');",
        "const plugin = require('report-lint/unified');",
        "let internal = 'reachable';",
        "try { require('report-lint/dist/cli.js'); } catch (e) { internal = e.code; }",
        "import('report-lint').then((esm) => {",
        '  console.log(JSON.stringify({ cjs: Object.keys(api).sort(), esm: Object.keys(esm).sort(), same: esm.lint === api.lint, plugin: typeof plugin.default, internal }));',
        '});',
      ].join('\n');
      const r = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(out.cjs, ['fix', 'lint', 'lintFiles', 'rules', 'starterConfig', 'version']);
      assert.deepEqual(out.esm, ['default', 'fix', 'lint', 'lintFiles', 'rules', 'starterConfig', 'version']);
      assert.equal(out.same, true, 'ESM and CommonJS share one engine');
      assert.equal(out.plugin, 'function');
      assert.equal(out.internal, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
    });

    it('runs the README example and prints what the README says it prints', () => {
      const example = readmeApiExample();
      const file = path.join(REPO_ROOT, 'dist', 'readme-example.mjs');
      fs.writeFileSync(file, example.code);
      try {
        const r = spawnSync(process.execPath, [file], { cwd: REPO_ROOT, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout, example.output);
      } finally {
        fs.rmSync(file, { force: true });
      }
    });
  });
});
