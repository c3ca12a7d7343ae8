import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engineFindings, lineOf, parseJsonReport, requireBuiltCli, runCli, SAMPLE, tempDir } from './helpers';

describe('CLI --fix', () => {
  before(requireBuiltCli);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('applies the safe fixes to a copy of the sample, lists them, and leaves everything else as it was', () => {
    const file = path.join(t.dir, 'report.md');
    fs.copyFileSync(SAMPLE, file);
    const original = fs.readFileSync(file, 'utf8');
    const before = engineFindings(file);
    const safeBefore = before.filter((f) => f.fixes.some((x) => x.safe));
    assert.deepEqual([...new Set(safeBefore.map((f) => f.ruleId))].sort(), ['footnote-order', 'participant-malformed']);

    const r = runCli(['--fix', 'report.md'], { cwd: t.dir });
    assert.equal(r.code, 1, 'unfixable warnings remain');
    // What changed, as file:line rule title.
    assert.match(r.stdout, /^Fixed:$/m);
    assert.match(r.stdout, /^ {2}report\.md:55 {2}participant-malformed {2}Change to RA1-MW-04-A$/m);
    // RA-MW-05-A lacks its activity number: the table suggests RA1-MW-05-A, but --fix does not guess it.
    assert.doesNotMatch(r.stdout, /Change to RA1-MW-05-A/);
    assert.match(r.stdout, /^ {2}report\.md:71 {2}participant-malformed {2}Change to RA1-MW-01-A&B$/m);
    assert.match(r.stdout, /^ {2}report\.md:41 {2}footnote-order {2}Renumber all footnotes in order of first reference$/m);

    const fixed = fs.readFileSync(file, 'utf8');
    const after = engineFindings(file);
    assert.deepEqual(
      after.filter((f) => f.fixes.some((x) => x.safe)),
      [],
      'no safe-fixable finding remains',
    );
    assert.ok(!after.some((f) => f.ruleId === 'footnote-order'));
    assert.deepEqual(
      after.filter((f) => f.ruleId === 'participant-malformed').map((f) => f.fixes.map((x) => [x.title, x.safe])),
      [[['Change to RA1-MW-05-A (Communications Regulatory Authority, Manager, Consumer Protection)', false]]],
    );
    // Every other finding is still there, on the same line (a respelt ID earlier on a line shifts columns).
    const key = (f: { ruleId: string; line: number; message: string }) => `${f.ruleId}@${f.line} ${f.message}`;
    assert.deepEqual(
      after.map(key),
      before.filter((f) => (f.ruleId !== 'participant-malformed' || f.fixes.every((x) => !x.safe)) && f.ruleId !== 'footnote-order').map(key),
    );
    // The report after --fix lists exactly what remains.
    const remaining = parseJsonReport(runCli(['--format', 'json', file]).stdout)[0].findings;
    assert.deepEqual(remaining, after);

    // The text: only the fixed lines differ.
    const a = original.split('\n');
    const b = fixed.split('\n');
    assert.equal(b.length, a.length);
    const changed = a.map((l, i) => (l === b[i] ? 0 : i + 1)).filter(Boolean);
    assert.deepEqual(changed, [41, 43, 45, 55, 71]);
    assert.ok(b[54].includes('(RA1-MW-04-A)') && !b[54].includes('RA1- MW'));
    assert.ok(b[66].includes('(RA-MW-05-A)') && b[66].includes('(RA1-MW-12-A)'), 'neither the missing activity nor the unknown ID is guessed at');
    assert.ok(b[70].includes('(RA1-MW-01-A&B)'));
    assert.ok(b[40].includes('village;²') && b[40].includes('first place.³'));
    // The superscript notes are put in number order, each keeping its own text.
    assert.ok(b[42].startsWith('² Kumwenda') && b[44].startsWith('³ Mwale'), `notes in number order: ${b[42]} / ${b[44]}`);
    assert.ok(a[42].startsWith('² Mwale') && a[44].startsWith('³ Kumwenda'), 'the sample had them the other way round');
    assert.equal(b[lineOf(original, 'distribution of child pornography') - 1], a[lineOf(original, 'distribution of child pornography') - 1]);
  });

  it('leaves a file untouched (same mtime) when nothing is safely fixable', () => {
    const file = path.join(t.dir, 'clean.md');
    fs.writeFileSync(file, 'Participants mentioned child pornography once.\n');
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(file, old, old);
    const r = runCli(['--fix', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Nothing to fix automatically/);
    assert.equal(fs.statSync(file).mtimeMs, old.getTime());
    assert.deepEqual(fs.readdirSync(t.dir), ['clean.md'], 'no temporary file is left behind');
  });

  it('keeps a byte-order mark and CRLF line ends, changing only the fixed ID', () => {
    const file = path.join(t.dir, 'crlf.md');
    const body = ['| ID | Agency |', '| --- | --- |', '| RA1-KE-01-A | Police |', '', 'As one officer said (RA1- KE-01-A).', ''].join('\r\n');
    fs.writeFileSync(file, '\uFEFF' + body);
    const r = runCli(['--fix', '--format', 'json', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /crlf\.md:5 {2}participant-malformed {2}Change to RA1-KE-01-A/, 'with json on stdout, the fix log goes to stderr');
    assert.deepEqual(parseJsonReport(r.stdout)[0].findings, []);
    assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFF' + body.replace('RA1- KE-01-A', 'RA1-KE-01-A'));
  });
});
