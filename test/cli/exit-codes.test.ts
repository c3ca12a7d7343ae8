import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsonReport, requireBuiltCli, runCli, SAMPLE, SAMPLE_GFM, tempDir } from './helpers';
import { RULES } from '../../server/src/core/rules';

describe('CLI exit codes and bad input', () => {
  before(requireBuiltCli);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('0 for the clean GFM sample', () => {
    assert.equal(runCli([SAMPLE_GFM]).code, 0);
  });

  it('1 for the sample with deliberate mistakes', () => {
    assert.equal(runCli([SAMPLE]).code, 1);
  });

  it('0 for information-only findings; 1 once a rule is raised to warning', () => {
    const file = path.join(t.dir, 'info.md');
    fs.writeFileSync(file, 'See the annex [here](#).\n');
    const r = runCli(['--format', 'json', file]);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(
      parseJsonReport(r.stdout)[0].findings.map((f) => [f.ruleId, f.severity]),
      [['link-placeholder', 'information']],
    );
    assert.equal(runCli(['--rule', 'link-placeholder=warning', file]).code, 1);
  });

  it('with no arguments checks the built-in sample, says so, and exits 0 (a demonstration)', () => {
    const r = runCli([], { cwd: t.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /no files given, so checking the built-in sample report .*sample-report\.md and the Quarto sample .*quarto-report\.qmd/);
    // The Quarto sample's deliberate mistakes: a mistyped key, an uncited entry, and a duplicate key shown on the .bib file.
    assert.match(r.stdout, /quarto-report\.qmd[\s\S]*citation-unused[\s\S]*@baraka2091[\s\S]*citation-undefined/);
    assert.match(r.stderr, /quarto-report\.bib:34:1: bibliography: Duplicate bibliography key "ngugi2018"/);
    assert.match(r.stdout, /✖ \d+ problems/);
    assert.ok(r.stdout.includes('participant-malformed'));
  });

  it('refuses --fix without files (the built-in sample is never rewritten)', () => {
    const before = fs.readFileSync(SAMPLE, 'utf8');
    const r = runCli(['--fix'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fix needs the files/);
    assert.equal(fs.readFileSync(SAMPLE, 'utf8'), before);
  });

  it('2 for a missing file, named in the message, while the other files are still checked', () => {
    const r = runCli(['no-such-report.md', SAMPLE_GFM], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /report-lint: no-such-report\.md: no such file or directory/);
    assert.match(r.stdout, /1 file checked/);
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  });

  it('2 for a directory without Markdown files', () => {
    fs.mkdirSync(path.join(t.dir, 'empty'));
    fs.writeFileSync(path.join(t.dir, 'empty', 'notes.txt'), 'not markdown\n');
    const r = runCli(['empty'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /empty: no Markdown files \(\*\.md, \*\.markdown, \*\.qmd, \*\.Rmd\) in this directory/);
  });

  it('2 for a glob that matches nothing', () => {
    const r = runCli(['reports/**/*.md'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /reports\/\*\*\/\*\.md: no files match this pattern/);
  });

  it('2 for a binary file (NUL bytes) and for text that is not UTF-8, skipping them but checking the rest', () => {
    fs.writeFileSync(path.join(t.dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    fs.writeFileSync(path.join(t.dir, 'latin1.md'), Buffer.from('Caf\xe9 r\xe9sum\xe9 of the study.\n', 'latin1'));
    fs.copyFileSync(SAMPLE, path.join(t.dir, 'report.md'));
    const r = runCli(['--format', 'json', '.'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^image\.md: binary or not UTF-8 text; skipped$/m);
    assert.match(r.stderr, /^latin1\.md: binary or not UTF-8 text; skipped$/m);
    const report = parseJsonReport(r.stdout);
    assert.deepEqual(
      report.map((e) => e.file),
      ['image.md', 'latin1.md', 'report.md'],
    );
    assert.equal(report[0].error, 'binary or not UTF-8 text; skipped');
    assert.ok(report[2].findings.length > 5, 'the good file is still checked');
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  });

  it('a lone binary file is not summed up as a clean check', () => {
    fs.writeFileSync(path.join(t.dir, 'only.md'), Buffer.from([0x00, 0x01, 0x02]));
    const r = runCli(['only.md'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stdout, /No problems found \(0 files/);
    assert.match(r.stdout, /1 file could not be checked/);
  });

  it('2 for an unknown option or a bad option value, with a pointer to --help', () => {
    for (const args of [
      ['--frmat', 'json'],
      ['--format', 'xml'],
      ['--max-warnings', 'many'],
      ['--rule', 'no-such-rule=off'],
      ['--rule', 'link-placeholder=loud'],
    ]) {
      const r = runCli([...args, SAMPLE_GFM]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^report-lint: .+\nRun "report-lint --help" for usage\.\n$/, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });

  it('2 for an invalid configuration, with file:line:col, while the check still runs with defaults', () => {
    fs.writeFileSync(path.join(t.dir, '.reportlintrc.json'), '{\n  "rules": {\n    "link-placeholder": "off",\n  }\n  "registries": []\n}\n');
    fs.copyFileSync(SAMPLE, path.join(t.dir, 'report.md'));
    const r = runCli(['report.md'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\.reportlintrc\.json:5:3: configuration error: invalid JSON: expected a comma \(,\) between entries$/m);
    assert.match(r.stdout, /link-placeholder/, 'defaults apply: the rule the broken file turned off still runs');
  });

  it('--help and --version print and exit 0', () => {
    const help = runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: report-lint \[options\]/);
    for (const option of ['--format', '--output', '--fix', '--config', '--registry', '--rule', '--max-warnings', '--quiet'])
      assert.ok(help.stdout.includes(option), option);
    const version = runCli(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  });

  it('expands a quoted glob pattern itself, and checks an explicitly named file whatever its extension', () => {
    fs.mkdirSync(path.join(t.dir, 'reports', 'kenya'), { recursive: true });
    fs.copyFileSync(SAMPLE_GFM, path.join(t.dir, 'reports', 'kenya', 'final.md'));
    fs.copyFileSync(SAMPLE_GFM, path.join(t.dir, 'reports', 'draft.md'));
    fs.copyFileSync(SAMPLE_GFM, path.join(t.dir, 'notes.txt'));
    const r = runCli(['--format', 'json', 'reports/**/*.md', 'notes.txt'], { cwd: t.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      parseJsonReport(r.stdout).map((e) => e.file),
      ['notes.txt', path.join('reports', 'draft.md'), path.join('reports', 'kenya', 'final.md')],
    );
  });

  it('checks a file reached through a symbolic link loop once', () => {
    fs.mkdirSync(path.join(t.dir, 'reports'));
    fs.copyFileSync(SAMPLE_GFM, path.join(t.dir, 'reports', 'final.md'));
    fs.symlinkSync(t.dir, path.join(t.dir, 'reports', 'back'));
    const r = runCli(['--format', 'json', 'reports'], { cwd: t.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(parseJsonReport(r.stdout).length, 1);
  });

  it('2 when the report cannot be written to --output', () => {
    const r = runCli(['--output', path.join(t.dir, 'no-such-dir', 'report.txt'), SAMPLE_GFM]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /report\.txt: the report could not be written \(ENOENT\)/);
  });

  it('--list-rules lists every rule with its default severity', () => {
    const r = runCli(['--list-rules']);
    assert.equal(r.code, 0);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, RULES.length);
    assert.match(lines[0], /^participant-unknown +error +Report|^participant-unknown +error /);
    assert.match(r.stdout, /^participant-malformed +warning +fix +A participant ID/m);
  });

  it('--max-warnings tolerates that many warnings; --quiet shows and counts errors only', () => {
    const file = path.join(t.dir, 'warn.md');
    fs.writeFileSync(file, 'The survey found child pornography offences rising.\n');
    assert.equal(runCli([file]).code, 1);
    assert.equal(runCli(['--max-warnings', '1', file]).code, 0);
    assert.equal(runCli(['--max-warnings', '0', file]).code, 1);
    const quiet = runCli(['--quiet', file]);
    assert.equal(quiet.code, 0);
    assert.ok(!quiet.stdout.includes('terminology-avoid'));
    const quietSample = runCli(['--quiet', '--format', 'json', SAMPLE]);
    assert.equal(quietSample.code, 1);
    const severities = new Set(parseJsonReport(quietSample.stdout)[0].findings.map((f) => f.severity));
    assert.deepEqual([...severities], ['error']);
  });
});
