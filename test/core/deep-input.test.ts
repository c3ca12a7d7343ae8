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

  it('YAML front matter nested without end: one problem where it gets too deep, the rest of the report still checked', () => {
    const linter = new ReportLinter();
    for (const value of [deep('[', 20_000), deep('[', 5_000) + deep(']', 5_000), deep('{a: ', 20_000), `\n${deep('- ', 20_000)}x`]) {
      // (The problem is reported where the front matter names a bibliography it would hide.)
      const text = `---\nbibliography: refs.bib\ntitle: ${value}\n---\n\nThe child pornography case.\n`;
      const { findings } = linter.lint(text);
      const yaml = findings.filter((f) => f.ruleId === 'bibliography-missing');
      assert.equal(yaml.length, 1, JSON.stringify(findings.map((f) => f.message)));
      assert.match(yaml[0].message, /^The front matter was not read: collections nested more than 64 levels deep/);
      // The place is inside the front matter, at the first collection too deep.
      assert.ok(
        yaml[0].start > '---\nbibliography: refs.bib\ntitle: '.length && yaml[0].end < text.indexOf('\n---\n', 4) + 1,
        `${yaml[0].start}-${yaml[0].end}`,
      );
      assert.ok(findings.some((f) => f.ruleId === 'terminology-avoid'));
    }
    // Block mappings indented deeper on every line.
    const block = `---\nbibliography: refs.bib\n${Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} x\n---\n\nText.\n`;
    assert.match(
      linter
        .lint(block)
        .findings.map((f) => f.message)
        .join('\n'),
      /collections nested more than 64 levels deep/,
    );
    // Ordinary nesting and brackets inside strings and block scalars are read.
    const fine = '---\ntitle: "A [[[[[[ title"\nabstract: |\n  [[[[[[[[[[\nbibliography: [refs.bib]\nnocite: [[[[[[["@a"]]]]]]]\n---\n\nText.\n';
    assert.ok(!linter.lint(fine).findings.some((f) => /not read|not valid YAML/.test(f.message)));
  });

  it('YAML aliases are never expanded ("billion laughs" front matter and CSL-YAML)', () => {
    const laughs = (key: string) =>
      [
        'a: &a ["@x", "@x", "@x", "@x", "@x", "@x", "@x", "@x", "@x", "@x"]',
        ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${`*${'abcdefgh'[i]}, `.repeat(9)}*${'abcdefgh'[i]}]`),
        `${key}: [${'*h, '.repeat(9)}*h]`,
      ].join('\n');
    const { findings, model } = new ReportLinter().lint(`---\n${laughs('nocite')}\n---\n\nText [@x].\n`);
    // Ten to the ninth keys would take minutes and gigabytes: none of them is read as a key.
    assert.deepEqual(model.frontMatter?.nocite.keys, []);
    assert.ok(!findings.some((f) => /not read|not valid/.test(f.message)), JSON.stringify(findings.map((f) => f.message)));
    const bib = parseBibliographyText(laughs('references'), 'refs.yaml');
    assert.ok(bib.entries.length <= 10, `${bib.entries.length} entries`);
  });

  it('a CSL-YAML bibliography nested without end', () => {
    const bib = parseBibliographyText(`references:\n- id: a\n  title: ${deep('[', 20_000)}\n`, 'refs.yaml');
    assert.deepEqual(bib.entries, []);
    assert.match(bib.problems[0].message, /refs\.yaml: invalid YAML: collections nested more than 64 levels deep/);
    assert.equal(bib.problems[0].line, 3);
  });
});
