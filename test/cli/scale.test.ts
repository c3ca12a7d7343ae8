import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engineFindings, parseJsonReport, requireBuiltCli, runCli, SAMPLE, SAMPLE_GFM, tempDir } from './helpers';

/** A copy of a sample with its own country code, so copies do not share participants. */
function variant(text: string, country: string, index: number): string {
  const code = String.fromCharCode(65 + (index % 26)) + String.fromCharCode(65 + (Math.floor(index / 26) % 26));
  return text.replace(new RegExp(`-${country}-`, 'g'), `-${code}-`);
}

describe('CLI on many and large files', function () {
  // Each test runs the engine twice over megabytes (CLI and in-process reference).
  this.timeout(120_000);
  before(requireBuiltCli);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('checks a folder of 120 reports, in path order, each exactly as the engine does; skips node_modules and other files', () => {
    const sample = fs.readFileSync(SAMPLE, 'utf8');
    const gfm = fs.readFileSync(SAMPLE_GFM, 'utf8');
    const names: string[] = [];
    for (let i = 0; i < 120; i++) {
      const dir = path.join(t.dir, 'reports', `batch-${i % 3}`);
      fs.mkdirSync(dir, { recursive: true });
      const name = `report-${String(119 - i).padStart(3, '0')}.${i % 10 === 0 ? 'markdown' : 'md'}`;
      fs.writeFileSync(path.join(dir, name), i % 2 ? variant(sample, 'MW', i) : variant(gfm, 'ZM', i));
      names.push(path.join('reports', `batch-${i % 3}`, name));
    }
    fs.mkdirSync(path.join(t.dir, 'reports', 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(t.dir, 'reports', 'node_modules', 'pkg', 'README.md'), 'Not a report: [here](#).\n');
    fs.writeFileSync(path.join(t.dir, 'reports', 'notes.txt'), 'Not Markdown.\n');

    const r = runCli(['--format', 'json', 'reports'], { cwd: t.dir });
    assert.equal(r.code, 1, r.stderr);
    const report = parseJsonReport(r.stdout);
    assert.deepEqual(
      report.map((e) => e.file),
      [...names].sort(),
    );
    for (const entry of report) assert.deepEqual(entry.findings, engineFindings(path.join(t.dir, entry.file)), entry.file);
    // Odd copies carry the sample's mistakes, even ones are clean.
    assert.equal(report.filter((e) => e.findings.length === 0).length, 60);

    const stylish = runCli(['reports'], { cwd: t.dir });
    const total = report.reduce((n, e) => n + e.findings.length, 0);
    assert.match(stylish.stdout, new RegExp(`✖ ${total} problems`));
  });

  it('checks a 1 MB report exactly as the engine does', () => {
    const sample = fs.readFileSync(SAMPLE, 'utf8');
    const parts: string[] = [];
    for (let i = 0, size = 0; size < 1_000_000; i++) {
      parts.push(variant(sample, 'MW', i));
      size += sample.length + 2;
    }
    const file = path.join(t.dir, 'large.md');
    fs.writeFileSync(file, parts.join('\n\n'));
    assert.ok(fs.statSync(file).size >= 1_000_000);
    const r = runCli(['--format', 'json', file]);
    assert.equal(r.code, 1, r.stderr);
    const [entry] = parseJsonReport(r.stdout);
    assert.ok(entry.findings.length > 1000);
    assert.deepEqual(entry.findings, engineFindings(file));
  });

  it('checks a 5 MB file that is one single line', () => {
    const sentence = 'Officials described the referral pathway (RA1-KE-01-A) and the backlog of cases in detail, ';
    const line = sentence.repeat(Math.ceil(5_000_000 / sentence.length)) + 'and one used the term child pornography (RA1- KE-01-A).';
    const file = path.join(t.dir, 'one-line.md');
    fs.writeFileSync(file, `${line}\n`);
    const r = runCli(['--format', 'json', file]);
    assert.equal(r.code, 1, r.stderr);
    const [entry] = parseJsonReport(r.stdout);
    assert.deepEqual(entry.findings, engineFindings(file));
    const term = entry.findings.find((f) => f.ruleId === 'terminology-avoid');
    const malformed = entry.findings.find((f) => f.ruleId === 'participant-malformed');
    assert.equal(term?.line, 1);
    assert.equal(term?.column, line.indexOf('child pornography') + 1);
    assert.equal(malformed?.column, line.indexOf('RA1- KE-01-A') + 1);
  });
});
