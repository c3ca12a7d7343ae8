import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
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
});
