import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReportLinter } from '../../server/src/core/engine';
import { ProjectCache } from '../../server/src/core/project';
import { only } from './helpers';

/**
 * Inputs within every size limit but with more items than a function call takes
 * arguments: `list.push(...items)` threw "Maximum call stack size exceeded" and the
 * report was not checked at all.
 */
describe('huge but allowed inputs: more items than a call takes arguments', () => {
  const N = 200_000;
  let dir: string;
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-huge-')));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function lintWithBibliography(file: string, content: string, text: string) {
    fs.writeFileSync(path.join(dir, file), content);
    const documentPath = path.join(dir, 'report.qmd');
    return new ReportLinter().lint(text, [], documentPath, { documentPath, roots: [dir] });
  }

  it(`a registry CSV of ${N} participants (under the 20 MB limit)`, () => {
    // Countries AA…ZZ, interviews 001…300: canonical IDs of the default scheme.
    const country = (i: number) => String.fromCharCode(65 + (i % 26), 65 + (Math.floor(i / 26) % 26));
    const rows = Array.from({ length: N }, (_, i) => `RA1-${country(i)}-${String(1 + Math.floor(i / 676)).padStart(3, '0')}-A,Police`);
    fs.writeFileSync(path.join(dir, 'people.csv'), `id,agency\n${rows.join('\n')}\n`);
    fs.writeFileSync(path.join(dir, '.reportlintrc.json'), '{ "registries": ["people.csv"] }');
    const settings = new ProjectCache().forFile(path.join(dir, 'report.md'));
    assert.equal(settings.registry.length, N);
    const { findings } = settings.linter.lint('Said so (RA1-AA-001-A) and (RA1-AA-001-Z).\n', settings.registry);
    assert.deepEqual(
      only(findings, 'participant-unknown').map((f) => f.data?.id),
      ['RA1-AA-001-Z'],
    );
  });

  it(`a JSON registry of ${N} participants, each placed on its own line`, () => {
    const rows = Array.from({ length: N }, (_, i) => (i === N - 1 ? '  {"id": "not an id"}' : '  {"id": "RA1-KE-01-A"}'));
    fs.writeFileSync(path.join(dir, 'people.json'), `[\n${rows.join(',\n')}\n]\n`);
    fs.writeFileSync(path.join(dir, '.reportlintrc.json'), '{ "registries": ["people.json"] }');
    const settings = new ProjectCache().forFile(path.join(dir, 'report.md'));
    assert.equal(settings.registry.length, N - 1);
    const last = settings.registry[N - 2].origin;
    assert.deepEqual(last?.kind === 'file' ? last.line : undefined, N);
    assert.deepEqual(
      settings.problems.map((p) => [p.line, p.column]),
      [[N + 1, 1]],
    );
  });

  it(`a BibTeX file of ${N} entries, and one of ${N} duplicate keys`, () => {
    const entries = Array.from({ length: N }, (_, i) => `@misc{k${i},}`).join('\n');
    const text = '---\nbibliography: refs.bib\n---\n\n[@k1] and [@nokey].\n';
    const r = lintWithBibliography('refs.bib', entries, text);
    assert.equal(r.model.bibliography?.entries.size, N);
    assert.deepEqual(
      only(r.findings, 'citation-undefined').map((f) => text.slice(f.start, f.end)),
      ['@nokey'],
    );
    const dups = lintWithBibliography('refs.bib', '@misc{d,}\n'.repeat(N), '---\nbibliography: refs.bib\n---\n\n[@d].\n');
    assert.ok(dups.model.bibliography?.fileProblems.length);
  });

  it(`a CSL-JSON file of ${N} references`, () => {
    const items = JSON.stringify(Array.from({ length: N }, (_, i) => ({ id: `j${i}` })));
    const r = lintWithBibliography('refs.json', items, '---\nbibliography: refs.json\n---\n\n[@j1] and [@nokey].\n');
    assert.equal(only(r.findings, 'citation-undefined').length, 1);
  });

  it(`a 1 MB paragraph of ${N} quotations`, () => {
    const text = `${'"a" '.repeat(N)}and child pornography.\n`;
    const { findings } = new ReportLinter().lint(text);
    assert.equal(only(findings, 'terminology-avoid').length, 1);
  });
});
