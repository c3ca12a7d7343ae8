import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MIN_FILES_FOR_THREADS, threadCount } from '../../server/src/cli/threads';
import { requireBuiltCli, runCli, SAMPLE, SAMPLE_GFM, tempDir } from './helpers';

/**
 * A folder of reports with everything a folder holds: reports with findings and fixes,
 * a quarto report with its bibliography, a file that is not text, one that is not UTF-8,
 * and a sub-folder whose configuration has an error.
 */
function writeFolder(root: string): void {
  const sample = fs.readFileSync(SAMPLE, 'utf8');
  const gfm = fs.readFileSync(SAMPLE_GFM, 'utf8');
  for (let i = 0; i < 14; i++) {
    const dir = path.join(root, 'reports', `part-${i % 3}`);
    fs.mkdirSync(dir, { recursive: true });
    // Malformed IDs (safe fixes) in some.
    const text = (i % 2 ? sample : gfm).replace(/RA1-MW-01-A/g, i % 4 === 1 ? 'RA1-MW-1-A' : 'RA1-MW-01-A');
    fs.writeFileSync(path.join(dir, `report-${String(i).padStart(2, '0')}.md`), text);
  }
  for (const f of ['quarto-report.qmd', 'quarto-report.bib']) fs.copyFileSync(path.join(path.dirname(SAMPLE), f), path.join(root, 'reports', f));
  fs.writeFileSync(path.join(root, 'reports', 'part-0', 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
  fs.writeFileSync(path.join(root, 'reports', 'part-1', 'latin1.md'), Buffer.from('# Caf\xe9 report\n', 'latin1'));
  fs.writeFileSync(path.join(root, 'reports', 'part-2', '.reportlintrc.json'), '{ "rules": { "no-such-rule": "error" } }\n');
}

describe('CLI: a folder checked on several threads', function () {
  this.timeout(180_000);
  before(requireBuiltCli);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => {
    t = tempDir();
    writeFolder(t.dir);
  });
  afterEach(() => t.cleanup());

  for (const format of ['json', 'stylish', 'sarif']) {
    it(`prints exactly what one thread prints, with the same exit code (--format ${format})`, () => {
      const one = runCli(['--format', format, 'reports'], { cwd: t.dir, env: { REPORT_LINT_THREADS: '1', NO_COLOR: '1' } });
      const three = runCli(['--format', format, 'reports'], { cwd: t.dir, env: { REPORT_LINT_THREADS: '3', NO_COLOR: '1' } });
      assert.equal(one.code, 2, one.stderr); // the configuration error and the unreadable files
      assert.match(one.stderr, /binary\.md: binary or not UTF-8 text; skipped/);
      assert.match(one.stderr, /configuration error: unknown rule "no-such-rule"/);
      assert.ok(one.stdout.length > 1000, 'findings are printed');
      assert.equal(three.code, one.code);
      assert.equal(three.stdout, one.stdout);
      assert.equal(three.stderr, one.stderr);
    });
  }

  it('--fix on threads writes the same files and says the same as on one', () => {
    const copy = path.join(t.dir, 'copy');
    fs.cpSync(path.join(t.dir, 'reports'), path.join(copy, 'reports'), { recursive: true });
    const one = runCli(['--fix', '--format', 'json', 'reports'], { cwd: t.dir, env: { REPORT_LINT_THREADS: '1' } });
    const three = runCli(['--fix', '--format', 'json', 'reports'], { cwd: copy, env: { REPORT_LINT_THREADS: '3' } });
    assert.equal(three.code, one.code);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr);
    assert.match(one.stderr, /Fixed:/);
    for (let i = 1; i < 14; i += 4) {
      const file = path.join('reports', `part-${i % 3}`, `report-${String(i).padStart(2, '0')}.md`);
      const fixed = fs.readFileSync(path.join(t.dir, file), 'utf8');
      assert.ok(!fixed.includes('RA1-MW-1-A'), `${file} was fixed`);
      assert.equal(fs.readFileSync(path.join(copy, file), 'utf8'), fixed);
    }
  });

  it('REPORT_LINT_THREADS that is not a whole number of 1 or more is a usage error, with nothing checked', () => {
    for (const value of ['0', 'two', '1.5']) {
      const r = runCli(['reports'], { cwd: t.dir, env: { REPORT_LINT_THREADS: value } });
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`REPORT_LINT_THREADS must be a whole number of 1 or more \\(it is "${value.replace('.', '\\.')}"\\)`));
    }
  });
});

describe('threadCount', () => {
  it('one thread for a few files, more for a folder (as many as cores, at most one per four files); the setting wins', () => {
    assert.equal(threadCount(MIN_FILES_FOR_THREADS - 1, undefined), 1);
    assert.ok((threadCount(400, undefined) as number) >= 1);
    assert.ok((threadCount(MIN_FILES_FOR_THREADS, undefined) as number) <= Math.floor(MIN_FILES_FOR_THREADS / 4));
    assert.equal(threadCount(3, '4'), 3);
    assert.equal(threadCount(100, '4'), 4);
    assert.equal(threadCount(100, '1'), 1);
    assert.equal(threadCount(100, ' '), threadCount(100, undefined));
    assert.deepEqual(threadCount(100, '-2'), { problem: 'REPORT_LINT_THREADS must be a whole number of 1 or more (it is "-2")' });
  });
});
