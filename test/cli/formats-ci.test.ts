import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMPACT_LINE } from '../../server/src/cli/format/compact';
import { parseJsonReport, REPO_ROOT, requireBuiltCli, runCli, SAMPLE, tempDir } from './helpers';

const REPORT = ['| ID | Agency |', '| --- | --- |', '| RA1-KE-01-A | Police |', '', 'Said (ra1-ke-1-a). See [here](#). Unknown: RA1-KE-09-A.', ''].join('\n');

describe('CLI formats for editors and CI: compact, github, the $report-lint problem matcher', () => {
  before(requireBuiltCli);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
    fs.mkdirSync(path.join(t.dir, 'reports'));
    fs.writeFileSync(path.join(t.dir, 'reports', 'kenya.md'), REPORT);
  });
  afterEach(() => t.cleanup());

  it('compact: exactly one line per finding, file:line:col: severity message [rule-id]', () => {
    const r = runCli(['--format', 'compact', 'reports'], { cwd: t.dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'reports/kenya.md:5:7: warning Participant ID "ra1-ke-1-a" is not in canonical form (it is not in capitals; the interview number is not zero-padded): write RA1-KE-01-A. [participant-malformed]',
        'reports/kenya.md:5:24: info Link "here" has no target ("#"). [link-placeholder]',
        'reports/kenya.md:5:44: error Participant RA1-KE-09-A is not in the participant table. Did you mean RA1-KE-01-A? [participant-unknown]',
        '',
      ].join('\n'),
    );
  });

  it('compact: nothing at all for a clean report (exit 0); --fix logs to stderr, keeping stdout to findings', () => {
    fs.writeFileSync(path.join(t.dir, 'clean.md'), 'Nothing to say.\n');
    const clean = runCli(['--format', 'compact', 'clean.md'], { cwd: t.dir });
    assert.deepEqual([clean.code, clean.stdout], [0, '']);
    const fixed = runCli(['--format', 'compact', '--fix', 'reports'], { cwd: t.dir });
    assert.match(fixed.stderr, /^Fixed:\n {2}reports\/kenya\.md:5 {2}participant-malformed {2}Change to RA1-KE-01-A\n/);
    assert.ok(
      fixed.stdout
        .split('\n')
        .filter(Boolean)
        .every((l) => COMPACT_LINE.test(l)),
      fixed.stdout,
    );
  });

  it('the problem matcher contributed as $report-lint reads every compact line back into the findings of --format json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const matcher = (pkg.contributes.problemMatchers as { name: string; pattern: Record<string, string | number>; fileLocation: string[] }[]).find(
      (m) => m.name === 'report-lint',
    );
    assert.ok(matcher, 'package.json contributes a problem matcher named report-lint');
    assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
    assert.equal(matcher.pattern.regexp, COMPACT_LINE.source);
    const regexp = new RegExp(matcher.pattern.regexp as string);
    const sample = path.relative(REPO_ROOT, SAMPLE);
    const compact = runCli(['--format', 'compact', sample]).stdout.trimEnd().split('\n');
    const json = parseJsonReport(runCli(['--format', 'json', sample]).stdout)[0].findings;
    assert.equal(compact.length, json.length);
    const vscodeSeverity = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' } as Record<string, string>;
    compact.forEach((line, i) => {
      const m = regexp.exec(line);
      assert.ok(m, `the matcher does not read: ${line}`);
      const at = (k: string) => m[matcher.pattern[k] as number];
      assert.deepEqual(
        { file: at('file'), line: Number(at('line')), column: Number(at('column')), severity: at('severity'), message: at('message'), code: at('code') },
        {
          file: sample,
          line: json[i].line,
          column: json[i].column,
          severity: vscodeSeverity[json[i].severity],
          message: json[i].message,
          code: json[i].ruleId,
        },
      );
    });
  });

  it('github: one workflow command per finding with file, line, col, end and title; information becomes a notice', () => {
    const r = runCli(['--format', 'github', 'reports'], { cwd: t.dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      [
        '::warning file=reports/kenya.md,line=5,col=7,endLine=5,endColumn=17,title=report-lint participant-malformed::Participant ID "ra1-ke-1-a" is not in canonical form (it is not in capitals; the interview number is not zero-padded): write RA1-KE-01-A. [participant-malformed]',
        '::notice file=reports/kenya.md,line=5,col=24,endLine=5,endColumn=33,title=report-lint link-placeholder::Link "here" has no target ("#"). [link-placeholder]',
        '::error file=reports/kenya.md,line=5,col=44,endLine=5,endColumn=55,title=report-lint participant-unknown::Participant RA1-KE-09-A is not in the participant table. Did you mean RA1-KE-01-A? [participant-unknown]',
        '',
      ].join('\n'),
    );
  });

  it('github: escapes properties and messages as the workflow commands require, and annotates configuration problems', () => {
    fs.mkdirSync(path.join(t.dir, 'a,b:c%'));
    fs.writeFileSync(path.join(t.dir, 'a,b:c%', 'r.md'), 'See [here](#).\n');
    fs.writeFileSync(path.join(t.dir, 'a,b:c%', '.reportlintrc.json'), '{ "rules": { "no-such-rule": "error" } }\n');
    const r = runCli(['--format', 'github', 'a,b:c%/r.md'], { cwd: t.dir });
    assert.equal(r.code, 2);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /^::error file=a%2Cb%3Ac%25\/\.reportlintrc\.json,line=1,col=\d+,title=report-lint configuration::unknown rule "no-such-rule"/);
    assert.equal(
      lines[1],
      '::notice file=a%2Cb%3Ac%25/r.md,line=1,col=5,endLine=1,endColumn=14,title=report-lint link-placeholder::Link "here" has no target ("#"). [link-placeholder]',
    );
  });

  it('both are listed in --help and rejected formats name them', () => {
    assert.match(runCli(['--help']).stdout, /compact \(one line\s+per finding/);
    assert.match(runCli(['--format', 'nope', 'x.md']).stderr, /unknown format "nope" \(use stylish, json, sarif, compact, github\)/);
  });
});
