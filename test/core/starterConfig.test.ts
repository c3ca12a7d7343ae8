import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveConfig } from '../../server/src/core/config';
import { ReportLinter } from '../../server/src/core/engine';
import { DEFAULT_ID_SCHEME, IdScheme } from '../../server/src/core/participantIds';
import { deriveIdScheme, participantTableIds, starterConfig } from '../../server/src/core/starterConfig';
import { REPO_ROOT, RULE_IDS } from './helpers';
import { RULES } from '../../server/src/core/rules';

/** A report whose study spells IDs country-first, with a lower-case participant letter. */
const COUNTRY_FIRST = [
  '# Findings',
  '',
  '| Participant ID | Agency |',
  '| --- | --- |',
  '| KE-INT-012-a | Police |',
  '| KE-INT-012-b | Police |',
  '| KE-INT-013-a | Ministry of Health |',
  '| KE-INT-101-a | Prosecutions |',
  '',
  'The unit was understaffed (KE-INT-012-a), said one officer; another disagreed (KE-INT-099-a).',
  '',
].join('\n');

function parsed(text: string) {
  const r = resolveConfig(text, '.reportlintrc.json', RULE_IDS);
  assert.deepEqual(r.problems, [], `the starter configuration has problems:\n${text}`);
  return r.config;
}

describe('starter configuration (report-lint --init, Create Configuration File)', () => {
  it('derives a pattern from a participant table whose IDs are not in the default shape, and the result checks the report', () => {
    const starter = starterConfig([{ text: COUNTRY_FIRST, name: 'findings.md' }]);
    assert.equal(starter.idPattern, 'derived');
    assert.deepEqual(starter.tableIds, ['KE-INT-012-a', 'KE-INT-012-b', 'KE-INT-013-a', 'KE-INT-101-a']);
    const config = parsed(starter.text);
    // KE is a country code, INT is not: the country is KE and INT a literal part.
    assert.equal(config.idScheme.config.pattern, '(?<country>[A-Z]{2})-INT-(?<interview>\\d{3})-(?<participant>[a-z])');
    assert.equal(config.idScheme.config.format, '{country}-INT-{interview}-{participant}');
    assert.match(starter.summary, /derived from 4 IDs in the participant table in findings\.md/);
    const findings = new ReportLinter(config).lint(COUNTRY_FIRST).findings.filter((f) => f.ruleId.startsWith('participant-'));
    // The cited unknown ID is found; no table ID is called malformed.
    assert.deepEqual(
      findings.filter((f) => f.ruleId !== 'participant-uncited').map((f) => [f.ruleId, COUNTRY_FIRST.slice(f.start, f.end)]),
      [['participant-unknown', 'KE-INT-099-a']],
    );
  });

  it('a misspelt citation under the derived pattern gets the canonical fix', () => {
    const text = COUNTRY_FIRST.replace('(KE-INT-012-a)', '(ke int 012 a)');
    const config = parsed(starterConfig([{ text }]).text);
    const malformed = new ReportLinter(config).lint(text).findings.filter((f) => f.ruleId === 'participant-malformed');
    assert.equal(malformed.length, 1);
    assert.equal(malformed[0].fixes[0].edits[0].newText, 'KE-INT-012-a');
  });

  it('picks the part that varies as the country, and a number before it as the activity', () => {
    const scheme = deriveIdScheme(['S2_UG_14_A', 'S2_KE_03_B', 'S2_UG_07_A']);
    assert.deepEqual(scheme, {
      pattern: 'S(?<activity>\\d+)_(?<country>[A-Z]{2})_(?<interview>\\d{2})_(?<participant>[A-Z])',
      format: 'S{activity}_{country}_{interview}_{participant}',
    });
    const compiled = new IdScheme(scheme);
    assert.ok(compiled.isCanonical('S3_MW_22_C'));
    assert.ok(!compiled.isCanonical('S3-MW-22-C'));
  });

  it('escapes a dot separator and allows the observed widths', () => {
    const scheme = deriveIdScheme(['NP.7.A', 'NP.12.B']);
    assert.ok(scheme);
    assert.equal(scheme.pattern, '(?<country>[A-Z]{2})\\.(?<interview>\\d{1,2})\\.(?<participant>[A-Z])');
    assert.ok(!new IdScheme(scheme).isCanonical('NPx7xA'), 'a dot in an ID is not "any character"');
  });

  it('gives up instead of guessing when the IDs have no interview number, or do not share one shape', () => {
    assert.equal(deriveIdScheme(['P-A', 'P-B']), undefined);
    assert.equal(deriveIdScheme(['KE-01-A', 'UG/02/B/x', 'interview 3', 'MW_04']), undefined);
    assert.equal(deriveIdScheme([]), undefined);
  });

  it('keeps the default pattern when the table follows it, and says so', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'samples', 'sample-report.md'), 'utf8');
    const starter = starterConfig([{ text, name: 'sample-report.md' }]);
    assert.equal(starter.idPattern, 'default');
    assert.ok(starter.tableIds.length > 5);
    const config = parsed(starter.text);
    assert.equal(config.idScheme.config.pattern, DEFAULT_ID_SCHEME.pattern);
    assert.equal(config.idScheme.config.format, DEFAULT_ID_SCHEME.format);
    assert.match(starter.summary, /follow the default participant-ID pattern/);
  });

  it('without a participant table writes the default pattern and says there was no table', () => {
    const starter = starterConfig([{ text: 'Just prose, with a [link](https://example.org).\n' }]);
    assert.equal(starter.idPattern, 'default');
    assert.deepEqual(starter.tableIds, []);
    assert.match(starter.text, /No participant table/);
    assert.equal(parsed(starter.text).idScheme.config.pattern, DEFAULT_ID_SCHEME.pattern);
  });

  it('falls back to the default (and says why) when the table IDs do not fit one scheme', () => {
    const text = ['| ID | Role |', '| --- | --- |', '| Alice | Officer |', '| Bob | Nurse |', '| Carol | Judge |', ''].join('\n');
    const starter = starterConfig([{ text, name: 'names.md' }]);
    assert.equal(starter.idPattern, 'fallback');
    assert.match(starter.summary, /did not fit one pattern/);
    assert.match(starter.text.replace(/\n {2}\/\/ /g, ' '), /such as Alice\) do not share one shape/);
    assert.equal(parsed(starter.text).idScheme.config.pattern, DEFAULT_ID_SCHEME.pattern);
  });

  it('lists every rule at its default severity, so the file changes nothing until edited', () => {
    const config = parsed(starterConfig([]).text);
    assert.deepEqual(config.severities, Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])));
    assert.deepEqual(config.registries, []);
    assert.equal(config.terminologyInQuotations, 'off');
  });

  it('reads IDs in emphasis and ignores prose cells; a huge table is bounded', () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `| **UG-${String(i).padStart(4, '0')}-A** | x |`);
    const text = ['| Code | Note |', '| --- | --- |', ...rows, `| ${'long prose '.repeat(20)} | y |`, ''].join('\n');
    const ids = participantTableIds(text);
    assert.equal(ids.length, 5000);
    assert.equal(ids[0], 'UG-0000-A');
    const starter = starterConfig([{ text }]);
    assert.equal(starter.idPattern, 'derived');
    assert.equal(parsed(starter.text).idScheme.config.pattern, '(?<country>[A-Z]{2})-(?<interview>\\d{4})-(?<participant>[A-Z])');
  });
});
