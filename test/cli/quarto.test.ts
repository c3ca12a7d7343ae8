import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonReport, requireBuiltCli, runCli, tempDir } from './helpers';

describe('CLI: Quarto and R Markdown reports', () => {
  before(requireBuiltCli);
  const t = tempDir();
  after(() => t.cleanup());

  it('a folder search includes .qmd and .Rmd next to .md, and checks their citations against the bibliography', () => {
    const dir = path.join(t.dir, 'project');
    fs.mkdirSync(path.join(dir, 'chapters'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@book{ecpat2020, author={{ECPAT International}}, title={Disrupting Harm}, year=2020}\n');
    fs.writeFileSync(path.join(dir, 'chapters', 'a.qmd'), '---\nbibliography: ../refs.bib\n---\n\nAs found [@ecpat2002].\n');
    fs.writeFileSync(path.join(dir, 'chapters', 'b.Rmd'), '---\nbibliography: ../refs.bib\n---\n\nAs found [@ecpat2020] (see @fig-one).\n');
    fs.writeFileSync(path.join(dir, 'c.md'), 'Plain report.\n');
    const r = runCli(['--format', 'json', 'project'], { cwd: t.dir });
    const reports = parseJsonReport(r.stdout);
    assert.deepEqual(reports.map((x) => path.basename(x.file)).sort(), ['a.qmd', 'b.Rmd', 'c.md']);
    const a = reports.find((x) => x.file.endsWith('a.qmd'))!;
    assert.deepEqual(
      a.findings.map((f) => f.ruleId),
      ['citation-undefined'],
    );
    assert.match(a.findings[0].message, /Did you mean @ecpat2020 \(ECPAT International 2020, Disrupting Harm\)/);
    assert.equal(r.code, 1);
  });

  it("a chapter of a Quarto project gets the bibliography of _quarto.yml and of its folder's _metadata.yml (run from the project folder, the repository root, or the chapter's folder)", () => {
    const dir = path.join(t.dir, 'book');
    fs.mkdirSync(path.join(dir, 'chapters'), { recursive: true });
    fs.writeFileSync(path.join(dir, '_quarto.yml'), 'project:\n  type: book\nbibliography:\n  - refs.bib\n');
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@book{ecpat2020, author={{ECPAT International}}, title={Disrupting Harm}, year=2020}\n');
    fs.writeFileSync(path.join(dir, 'chapters', '_metadata.yml'), 'bibliography: [local.bib]\n');
    fs.writeFileSync(
      path.join(dir, 'chapters', 'local.bib'),
      '@book{unicef2021, author={UNICEF}, title={Ending Online Abuse}, year=2021}\n@book{unicef2021, title={Twice}}\n',
    );
    fs.writeFileSync(path.join(dir, 'chapters', 'one.qmd'), '# One\n\nAs found [@ecpat2020; @unicef2021; @ecpat2002].\n');
    fs.mkdirSync(path.join(t.dir, '.git'), { recursive: true });
    for (const [cwd, file] of [
      [dir, 'chapters/one.qmd'],
      [t.dir, 'book/chapters/one.qmd'],
      // From the chapter's own folder, as Quarto finds its project: up to the repository root.
      [path.join(dir, 'chapters'), 'one.qmd'],
    ]) {
      const r = runCli(['--format', 'json', file], { cwd });
      const [report] = parseJsonReport(r.stdout);
      assert.deepEqual(
        report.findings.map((f) => [f.ruleId, f.message.slice(0, 38)]),
        [['citation-undefined', 'Citation @ecpat2002 is not in the bibl']],
        cwd,
      );
      // The duplicate key is reported on the .bib file the _metadata.yml names.
      assert.match(r.stderr, /local\.bib:2:1: bibliography: Duplicate bibliography key "unicef2021"/);
    }
  });

  it('outside a repository, a chapter checked from its own folder reads nothing above that folder', () => {
    // Not under the folder of the test above, which is a repository.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-norepo-'));
    try {
      checkOutsideRepository(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function checkOutsideRepository(dir: string): void {
  fs.mkdirSync(path.join(dir, 'chapters'), { recursive: true });
  fs.writeFileSync(path.join(dir, '_quarto.yml'), 'bibliography: refs.bib\n');
  fs.writeFileSync(path.join(dir, 'refs.bib'), '@book{ecpat2020, title={Disrupting Harm}, year=2020}\n');
  fs.writeFileSync(path.join(dir, 'chapters', 'one.qmd'), '# One\n\nAs found [@ecpat2002].\n');
  const outside = runCli(['--format', 'json', 'one.qmd'], { cwd: path.join(dir, 'chapters') });
  assert.deepEqual(parseJsonReport(outside.stdout)[0].findings, []);
  const inside = runCli(['--format', 'json', 'chapters/one.qmd'], { cwd: dir });
  assert.deepEqual(
    parseJsonReport(inside.stdout)[0].findings.map((f) => f.ruleId),
    ['citation-undefined'],
  );
}
