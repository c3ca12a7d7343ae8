import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { starterConfig } from '../../server/src/core/starterConfig';
import { parseJsonReport, requireBuiltCli, runCli, SAMPLE, tempDir } from './helpers';

const REPORT = [
  '| Participant ID | Agency |',
  '| --- | --- |',
  '| UG-INT-012-a | Police |',
  '| UG-INT-013-a | Ministry |',
  '',
  'One officer agreed (UG-INT-012-a); another did not (ug int 013 a).',
  '',
].join('\n');

describe('CLI --init', () => {
  before(requireBuiltCli);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('writes the starter configuration the core builds from the reports of the folder, and says what it wrote', () => {
    fs.mkdirSync(path.join(t.dir, 'reports'));
    fs.writeFileSync(path.join(t.dir, 'reports', 'uganda.md'), REPORT);
    const r = runCli(['--init'], { cwd: t.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Wrote .reportlintrc.json: participant-ID pattern derived from 2 IDs in the participant table in reports/uganda.md.\n');
    const written = fs.readFileSync(path.join(t.dir, '.reportlintrc.json'), 'utf8');
    // One implementation: the file is exactly what the editor command gets from the core.
    assert.equal(written, starterConfig([{ text: REPORT, name: 'reports/uganda.md' }]).text);
    // The new configuration is used at once: the misspelt citation is fixable under the derived pattern.
    const check = runCli(['--format', 'json', 'reports'], { cwd: t.dir });
    assert.equal(check.stderr, '');
    const findings = parseJsonReport(check.stdout)[0].findings.filter((f) => f.ruleId === 'participant-malformed');
    assert.deepEqual(
      findings.map((f) => f.message),
      ['Participant ID "ug int 013 a" is not in canonical form (it contains spaces; its letter case differs from the configured form): write UG-INT-013-a.'],
    );
  });

  it('refuses to overwrite an existing configuration and leaves it untouched', () => {
    const file = path.join(t.dir, '.reportlintrc.json');
    fs.writeFileSync(file, '{ "rules": {} }\n');
    const r = runCli(['--init'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^report-lint: \.reportlintrc\.json already exists; --init does not overwrite it/);
    assert.equal(fs.readFileSync(file, 'utf8'), '{ "rules": {} }\n');
  });

  it('derives from the named report and writes where --config says', () => {
    fs.copyFileSync(SAMPLE, path.join(t.dir, 'sample.md'));
    fs.mkdirSync(path.join(t.dir, 'conf'));
    const r = runCli(['--init', '--config', 'conf/lint.json', 'sample.md'], { cwd: t.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Wrote conf[/\\]lint\.json: the \d+ IDs in the participant table in sample\.md follow the default participant-ID pattern\.\n$/);
    assert.ok(fs.existsSync(path.join(t.dir, 'conf', 'lint.json')));
    assert.ok(!fs.existsSync(path.join(t.dir, '.reportlintrc.json')));
  });

  it('in an empty folder still writes a starter file with the default pattern', () => {
    const r = runCli(['--init'], { cwd: t.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /no participant table found/);
    assert.match(fs.readFileSync(path.join(t.dir, '.reportlintrc.json'), 'utf8'), /"participantIds"/);
  });

  it('a named report that does not exist is an error and nothing is written', () => {
    const r = runCli(['--init', 'missing.md'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing\.md: no such file or directory/);
    assert.ok(!fs.existsSync(path.join(t.dir, '.reportlintrc.json')));
  });
});
