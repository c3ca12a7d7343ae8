import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BibliographyCache, type BibtexReadAhead } from '../../server/src/core/bibliography';
import { ReportLinter } from '../../server/src/core/engine';
import { REPO_ROOT } from './helpers';

/** The built read-ahead: it starts dist/readAheadWorker.js beside it, as bin/report-lint.js does. */
const READ_AHEAD = path.join(REPO_ROOT, 'dist', 'readAhead.js');
const WORKER = path.join(REPO_ROOT, 'dist', 'bibtexWorker.js');

const BIB = '@book{ecpat2020, author={{ECPAT International}}, title={Disrupting Harm}, year=2020}\n@book{unicef2021, author={UNICEF}, title={Online Abuse}}\n';
const REPORT = '---\ntitle: "A report"\nbibliography: refs.bib\n---\n\nAs found [@ecpat2020] and [@ecpat2002].\n';

function startReadAhead(argv: string[]): BibtexReadAhead | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(READ_AHEAD) as typeof import('../../server/src/cli/readAhead')).startReadAhead(argv);
}

function stampOf(file: string): string {
  const s = fs.statSync(file);
  return `${s.mtimeMs}:${s.size}:${s.ino}`;
}

describe('CLI: BibTeX files read ahead, before the engine is loaded', () => {
  let dir: string;
  before(function () {
    if (!fs.existsSync(READ_AHEAD)) this.skip();
  });
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-ahead-')));
    fs.writeFileSync(path.join(dir, 'refs.bib'), BIB);
    fs.writeFileSync(path.join(dir, 'report.qmd'), REPORT);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const check = (cache: BibliographyCache, text = REPORT) => {
    const documentPath = path.join(dir, 'report.qmd');
    return new ReportLinter().lintWhileParsingBibliography(text, [], documentPath, { documentPath, roots: [dir], cache });
  };

  it('the check takes the file read ahead (no thread of its own), with the findings of a check without it', async () => {
    const cache = new BibliographyCache(WORKER);
    cache.readAhead = startReadAhead(['--format', 'json', path.join(dir, 'report.qmd')]);
    assert.ok(cache.readAhead, 'a report whose front matter names a bibliography is read ahead');
    const ahead = await check(cache);
    assert.deepEqual([cache.parses, cache.workerThreads], [1, 0]);
    const without = await check(new BibliographyCache(WORKER));
    assert.deepEqual(ahead.findings, without.findings);
    assert.deepEqual(
      ahead.findings.map((f) => [f.ruleId, REPORT.slice(f.start, f.end)]),
      [['citation-undefined', '@ecpat2002']],
    );
    assert.deepEqual(ahead.model.bibliography?.entries.get('ecpat2020')?.authors, ['ECPAT International']);
  });

  it('a file changed since it was read ahead is read again: the check sees the version on disk', async () => {
    const bib = path.join(dir, 'refs.bib');
    const readAhead = startReadAhead([path.join(dir, 'report.qmd')])!;
    assert.ok(await readAhead.take(bib, stampOf(bib)), 'read ahead at the version it had');
    fs.writeFileSync(bib, `${BIB}@book{ecpat2002, title={Added since}}\n`);
    const cache = new BibliographyCache(WORKER);
    cache.readAhead = readAhead;
    const result = await check(cache);
    assert.deepEqual([cache.parses, cache.workerThreads], [1, 1]);
    assert.deepEqual(result.findings, []);
    assert.equal(result.model.bibliography?.entries.get('ecpat2002')?.title, 'Added since');
  });

  it('reads nothing outside the folders the check reads from, and nothing the report does not name', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-ahead-outside-')));
    try {
      fs.writeFileSync(path.join(outside, 'refs.bib'), BIB);
      fs.writeFileSync(path.join(dir, 'report.qmd'), `---\nbibliography: ${path.join(outside, 'refs.bib')}\n---\n\nText [@ecpat2020].\n`);
      const readAhead = startReadAhead([path.join(dir, 'report.qmd')])!;
      assert.equal(await readAhead.take(path.join(outside, 'refs.bib'), stampOf(path.join(outside, 'refs.bib'))), undefined);
      assert.equal(await readAhead.take(path.join(dir, 'refs.bib'), stampOf(path.join(dir, 'refs.bib'))), undefined);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('starts no thread for reports without a BibTeX file, folders, or runs that check nothing', () => {
    fs.writeFileSync(path.join(dir, 'plain.md'), '# Plain\n\nA bibliography is mentioned in the text only.\n');
    assert.equal(startReadAhead([path.join(dir, 'plain.md')]), undefined);
    // A bibliography that does not exist, or is not BibTeX: nothing to read ahead.
    fs.writeFileSync(path.join(dir, 'missing.qmd'), '---\nbibliography: [missing.bib, refs.json]\n---\n\nText.\n');
    assert.equal(startReadAhead([path.join(dir, 'missing.qmd')]), undefined);
    fs.writeFileSync(path.join(dir, 'quoted.qmd'), '---\nbibliography:\n  - "refs.bib"\n---\n\nText.\n');
    assert.ok(startReadAhead([path.join(dir, 'quoted.qmd')]));
    assert.equal(startReadAhead([dir]), undefined);
    assert.equal(startReadAhead(['--version', path.join(dir, 'report.qmd')]), undefined);
    assert.equal(startReadAhead(['--frmat', path.join(dir, 'report.qmd')]), undefined);
    // In a Quarto project the bibliography may come from _quarto.yml, or from a folder's _metadata.yml.
    fs.writeFileSync(path.join(dir, '_quarto.yml'), 'project:\n  type: book\n');
    assert.equal(startReadAhead([path.join(dir, 'plain.md')]), undefined);
    fs.writeFileSync(path.join(dir, '_metadata.yml'), 'bibliography: refs.bib\n');
    assert.ok(startReadAhead([path.join(dir, 'plain.md')]));
    fs.rmSync(path.join(dir, '_metadata.yml'));
    fs.writeFileSync(path.join(dir, '_quarto.yml'), 'bibliography: refs.bib\n');
    assert.ok(startReadAhead([path.join(dir, 'plain.md')]));
  });
});
