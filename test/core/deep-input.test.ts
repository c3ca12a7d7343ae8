import { strict as assert } from 'node:assert';
import { resolveConfig } from '../../server/src/core/config';
import { parseRegistryFile } from '../../server/src/core/registry';
import { parseBibliographyText } from '../../server/src/core/bibliography';
import { IdScheme } from '../../server/src/core/participantIds';
import { ReportLinter } from '../../server/src/core/engine';
import { RULE_IDS } from './helpers';

/** Input that nests without end must not reach a recursive parser (a stack overflow is a crash). */
describe('deeply nested input is refused or read without recursion', () => {
  const deep = (open: string, n = 100_000) => open.repeat(n);

  it('a configuration file: one problem at the place it gets too deep', () => {
    for (const text of [deep('['), deep('{"a":', 20_000), `{"rules": ${deep('[')}`]) {
      const { problems } = resolveConfig(text, '.reportlintrc.json', RULE_IDS);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /nests more than 256 levels deep/);
      assert.equal(problems[0].line, 1);
    }
    // Brackets inside strings and comments do not count.
    const fine = `{ // [[[[\n "participantIds": { "pattern": "${'['.repeat(300)}" } }`;
    assert.ok(!resolveConfig(fine, 'c.json', RULE_IDS).problems.some((p) => /nests/.test(p.message)));
  });

  it('a JSON registry and a CSL-JSON bibliography', () => {
    const registry = parseRegistryFile(`{"participants": ${deep('[')}`, 'registry.json', new IdScheme());
    assert.deepEqual(registry.entries, []);
    assert.match(registry.problems[0].message, /nests more than 256 levels deep/);
    const bib = parseBibliographyText(`[${deep('{"a":', 20_000)}`, 'refs.json');
    assert.deepEqual(bib.entries, []);
    assert.match(bib.problems[0].message, /refs\.json: the JSON nests more than 256 levels deep/);
  });

  it('inline notes and footnote references nested without end', () => {
    const text = `Text ${'^['.repeat(50_000)} end, and a note.^[A real one.] And child pornography.\n`;
    const { findings, model } = new ReportLinter().lint(text);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['terminology-avoid'],
    );
    assert.equal(model.inlineNotes.length, 1);
  });
});
