import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { requireBuiltCli, runCli, tempDir } from './helpers';

const MALFORMED = '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n\nAs said (RA1- KE-01-A).\n';
const FIXED = '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n\nAs said (RA1-KE-01-A).\n';

describe('CLI --fix: what is written where', () => {
  before(requireBuiltCli);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('a symbolic link: the target is fixed and the link stays a link', function () {
    const target = path.join(t.dir, 'real', 'report.md');
    fs.mkdirSync(path.dirname(target));
    fs.writeFileSync(target, MALFORMED);
    const link = path.join(t.dir, 'link.md');
    try {
      fs.symlinkSync(path.join('real', 'report.md'), link);
    } catch {
      this.skip(); // no symbolic links on this file system
    }
    const r = runCli(['--fix', 'link.md'], { cwd: t.dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'still a link');
    assert.equal(fs.readlinkSync(link), path.join('real', 'report.md'));
    assert.equal(fs.readFileSync(target, 'utf8'), FIXED);
    // No temporary file left next to the link or the target.
    assert.deepEqual(fs.readdirSync(t.dir).sort(), ['link.md', 'real']);
    assert.deepEqual(fs.readdirSync(path.dirname(target)), ['report.md']);
  });

  it('a link to a link: the final target is fixed', function () {
    const target = path.join(t.dir, 'report.md');
    fs.writeFileSync(target, MALFORMED);
    try {
      fs.symlinkSync('report.md', path.join(t.dir, 'one.md'));
      fs.symlinkSync('one.md', path.join(t.dir, 'two.md'));
    } catch {
      this.skip();
    }
    assert.equal(runCli(['--fix', 'two.md'], { cwd: t.dir }).code, 0);
    assert.equal(fs.readFileSync(target, 'utf8'), FIXED);
    assert.ok(fs.lstatSync(path.join(t.dir, 'two.md')).isSymbolicLink() && fs.lstatSync(path.join(t.dir, 'one.md')).isSymbolicLink());
  });

  it('a hard link: the named file is fixed, the other name keeps the old text (as the README says)', function () {
    const file = path.join(t.dir, 'report.md');
    fs.writeFileSync(file, MALFORMED);
    const other = path.join(t.dir, 'other.md');
    try {
      fs.linkSync(file, other);
    } catch {
      this.skip();
    }
    assert.equal(runCli(['--fix', 'report.md'], { cwd: t.dir }).code, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
    assert.equal(fs.readFileSync(other, 'utf8'), MALFORMED);
    const cliDocs = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'cli.md'), 'utf8');
    assert.match(cliDocs, /hard links?[^.]*other names keep the old text/);
  });

  it('permissions are kept', () => {
    const file = path.join(t.dir, 'report.md');
    fs.writeFileSync(file, MALFORMED);
    fs.chmodSync(file, 0o640);
    assert.equal(runCli(['--fix', 'report.md'], { cwd: t.dir }).code, 0);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
  });

  it('a byte-order mark and a footnote definition at the start: the mark stays, the numbering settles', () => {
    const file = path.join(t.dir, 'report.md');
    fs.writeFileSync(file, '\uFEFF[^2]: Two.\n\nText.[^2] more.[^1]\n\n[^1]: One.\n');
    runCli(['--fix', 'report.md'], { cwd: t.dir });
    const once = fs.readFileSync(file, 'utf8');
    assert.equal(once, '\uFEFF[^1]: Two.\n\nText.[^1] more.[^2]\n\n[^2]: One.\n');
    // A second run has nothing left to do: no flip-flop.
    const again = runCli(['--fix', 'report.md'], { cwd: t.dir });
    assert.match(again.stdout, /Nothing to fix automatically/);
    assert.equal(fs.readFileSync(file, 'utf8'), once);
  });
});
