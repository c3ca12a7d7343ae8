import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportLinter, fixSafe } from '../../server/src/core/engine';
import { parseRegistryFile } from '../../server/src/core/registry';
import { IdScheme } from '../../server/src/core/participantIds';
import { REPO_ROOT, readSample } from './helpers';

/** The "| Line | Rule id | … |" rows of one section of samples/EXPECTED.md. */
function expectedRows(section: string): [number, string][] {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'EXPECTED.md'), 'utf8');
  const body = doc.split(section)[1].split(/\n#{2,3} /)[0];
  return [...body.matchAll(/^\| (\d+) \| ([a-z-]+) \|/gm)].map((m) => [Number(m[1]), m[2]]);
}

describe('project samples (samples/EXPECTED.md)', () => {
  const text = readSample('sample-report.md');
  const { findings, model } = new ReportLinter().lint(text);
  const found = findings.map((f) => ({ line: model.lines.positionAt(f.start).line + 1, ruleId: f.ruleId, text: text.slice(f.start, f.end), f }));

  it('sample-report.md gives exactly the findings EXPECTED.md lists', () => {
    const expected = expectedRows('## `sample-report.md`');
    assert.equal(expected.length, 12, 'the EXPECTED.md table was read');
    assert.deepEqual(
      found.map((x) => [x.line, x.ruleId]),
      expected,
    );
  });

  it('each finding covers the text EXPECTED.md describes', () => {
    assert.deepEqual(
      found.map((x) => x.text.split('\n')[0].slice(0, 40)),
      [
        '8 interviews',
        'RA1-MW-06-A',
        '[here](#)',
        '³',
        'child pornography',
        'RA1- MW-04-A',
        'sextortion',
        '⁶',
        'RA-MW-05-A',
        'RA1-MW-12-A',
        'RA1-MW-01 A&B',
        '⁷ Government of Malawi. (2017). [Cyber S',
      ],
    );
  });

  it('fixes: the count, the malformed IDs and the footnote order', () => {
    const byRule = (id: string) => found.filter((x) => x.ruleId === id).map((x) => x.f);
    assert.equal(byRule('participant-count')[0].fixes[0].edits[0].newText, '9');
    assert.deepEqual(
      byRule('participant-malformed').map((f) => f.fixes[0].edits[0].newText),
      ['RA1-MW-04-A', 'RA1-MW-05-A', 'RA1-MW-01-A&B'],
    );
    const { text: fixed } = fixSafe(new ReportLinter(), text);
    const after = new ReportLinter().lint(fixed);
    assert.deepEqual(after.findings.map((f) => f.ruleId).sort(), [
      'footnote-undefined',
      'footnote-unused',
      'link-placeholder',
      'participant-count',
      'participant-malformed',
      'participant-uncited',
      'participant-unknown',
      'terminology-avoid',
      'terminology-caution',
    ]);
    // The one malformed ID left lacks its activity number: suggested, not applied.
    assert.ok(after.findings.some((f) => f.ruleId === 'participant-malformed' && after.model.text.slice(f.start, f.end) === 'RA-MW-05-A'));
    // After renumbering, references run 1..6 in order.
    assert.deepEqual(
      after.model.footnoteRefs.map((r) => r.label),
      ['1', '2', '3', '4', '5', '6'],
    );
  });

  it('sample-report-gfm.md gives no findings', () => {
    const gfm = readSample('sample-report-gfm.md');
    const result = new ReportLinter().lint(gfm);
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId}@${result.model.lines.positionAt(f.start).line + 1}`),
      [],
    );
    assert.equal(result.model.footnoteStyle, 'gfm');
    assert.equal(result.model.footnoteRefs.length, 6);
    assert.equal(result.model.tableRegistry.length, 5);
  });

  it('registry.csv matches both tables and its quoted commas survive', () => {
    const { entries, problems } = parseRegistryFile(readSample('registry.csv'), 'registry.csv', new IdScheme());
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 15);
    const tables = [...model.tableRegistry, ...new ReportLinter().lint(readSample('sample-report-gfm.md')).model.tableRegistry];
    assert.deepEqual(
      entries.map((e) => [e.id, e.agency, e.position]),
      tables.map((e) => [e.id, e.agency, e.position]),
    );
  });

  it('with registry.csv as the only registry (tables aside), the report still gives its findings', () => {
    const { entries } = parseRegistryFile(readSample('registry.csv'), 'registry.csv', new IdScheme());
    const withRegistry = new ReportLinter().lint(text, entries).findings;
    assert.deepEqual(
      withRegistry.map((f) => f.ruleId),
      findings.map((f) => f.ruleId),
    );
  });
});
