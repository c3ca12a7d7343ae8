import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReportLinter } from '../../server/src/core/engine';
import { BibliographyCache, parseBibliographyText, type BibEntry } from '../../server/src/core/bibliography';
import { cslItem, readBibtex } from '../../server/src/core/bibtexParser';
import { closestKeys, showEntriesWhenIdle } from '../../server/src/core/citations';
import { levenshtein } from '../../server/src/core/participants';
import { readFrontMatter } from '../../server/src/core/pandoc';
import type { Finding } from '../../server/src/core/types';
import { only, texts } from './helpers';
import { bibtex } from '../bench/quarto';

const BIBTEX = `@article{smith2020,
  author = {Smith, John and Doe, Jane},
  title = {Grooming on Social Media Platforms},
  journaltitle = {Journal of Child Protection},
  year = {2020},
  doi = {10.1000/jcp.2020.1}
}

@report{ecpat2022,
  author = {{ECPAT International}},
  title = {Disrupting Harm in Kenya},
  institution = {ECPAT},
  year = 2022,
  url = {https://example.org/dh-kenya}
}
`;

const CSL_JSON = JSON.stringify(
  [
    {
      id: 'smith2020',
      type: 'article-journal',
      author: [
        { family: 'Smith', given: 'John' },
        { family: 'Doe', given: 'Jane' },
      ],
      title: 'Grooming on social media platforms',
      'container-title': 'Journal of Child Protection',
      issued: { 'date-parts': [[2020]] },
      DOI: '10.1000/jcp.2020.1',
    },
    {
      id: 'ecpat2022',
      type: 'report',
      author: [{ literal: 'ECPAT International' }],
      title: 'Disrupting Harm in Kenya',
      issued: { 'date-parts': [[2022]] },
      URL: 'https://example.org/dh-kenya',
    },
  ],
  null,
  2,
);

const CSL_YAML = `references:
- id: smith2020
  type: article-journal
  author:
  - family: Smith
    given: John
  - family: Doe
    given: Jane
  title: Grooming on social media platforms
  container-title: Journal of Child Protection
  issued:
    date-parts: [[2020]]
- id: ecpat2022
  type: report
  author:
  - literal: ECPAT International
  title: Disrupting Harm in Kenya
  issued:
    date-parts: [[2022]]
`;

const BODY = 'Grooming was reported [@smith2020, p. 4] and @ecpat2022 agrees; see @fig-trend, write to team@example.org, and compare [@smyth2020].\n';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-bib-'));
  fs.writeFileSync(path.join(dir, 'refs.bib'), BIBTEX);
  fs.writeFileSync(path.join(dir, 'refs.json'), CSL_JSON);
  fs.writeFileSync(path.join(dir, 'refs.yaml'), CSL_YAML);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function check(
  text: string,
  name = 'report.qmd',
  config?: ConstructorParameters<typeof ReportLinter>[0],
): { findings: Finding[]; text: string; linter: ReportLinter } {
  const linter = new ReportLinter(config);
  const documentPath = path.join(dir, name);
  return { findings: linter.lint(text, [], documentPath, { documentPath, roots: [dir] }).findings, text, linter };
}

describe('bibliography formats: the same entries from BibTeX, CSL-JSON, CSL-YAML and inline references', () => {
  const inline = `---\ntitle: Report\n${CSL_YAML}---\n\n`;
  const cases: [string, string][] = [
    ['BibTeX', '---\nbibliography: refs.bib\n---\n\n'],
    ['CSL-JSON', '---\nbibliography: refs.json\n---\n\n'],
    ['CSL-YAML', '---\nbibliography: [refs.yaml]\n---\n\n'],
    ['inline references', inline],
  ];
  for (const [format, head] of cases) {
    it(`${format}: citation-undefined flags only the unknown key, with a did-you-mean fix showing author, year and title`, () => {
      const { findings, text } = check(head + BODY);
      const undefinedKeys = only(findings, 'citation-undefined');
      assert.deepEqual(texts(text, undefinedKeys), ['@smyth2020']);
      assert.match(undefinedKeys[0].message, /Did you mean @smith2020 \(Smith & Doe 2020, Grooming on social media platforms\)/i);
      assert.equal(undefinedKeys[0].fixes[0].edits[0].newText, 'smith2020');
      assert.equal(only(findings, 'bibliography-missing').length, 0);
    });
  }

  it('BibTeX entries keep where their key is written (for definition and rename)', () => {
    const parsed = parseBibliographyText(BIBTEX, '/x/refs.bib');
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.line, BIBTEX.slice(e.keySpan.start, e.keySpan.end)]),
      [
        ['smith2020', 1, 'smith2020'],
        ['ecpat2022', 9, 'ecpat2022'],
      ],
    );
    assert.deepEqual(parsed.entries[1].authors, ['ECPAT International']);
    assert.equal(parsed.entries[1].url, 'https://example.org/dh-kenya');
  });

  it('a long BibTeX file (parsed in groups of entries) keeps @string abbreviations, key places and error lines', () => {
    const lines = ['@string{jcp = "Journal of Child Protection"}'];
    for (let i = 0; i < 120; i++) lines.push(`@article{k${i}, title={Title ${i}}, journal=jcp, year=2020}`);
    lines.push('@book{broken, title={No end');
    const text = lines.join('\n') + '\n';
    const parsed = parseBibliographyText(text, '/x/long.bib');
    // The broken entry is reported, not read.
    assert.equal(parsed.entries.length, 120);
    const k110 = parsed.entries.find((e) => e.key === 'k110')!;
    assert.equal(k110.container, 'Journal of Child Protection');
    assert.equal(k110.line, 112);
    assert.equal(text.slice(k110.keySpan.start, k110.keySpan.end), 'k110');
    // The unclosed entry is reported where it ends (its last line, 122), not on the empty line after it.
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [122],
    );
    // A hostile file with an error on every line gives the first hundred problems, not all of them.
    assert.equal(parseBibliographyText('@book{a,\n'.repeat(5_000), '/x/hostile.bib').problems.length, 100);
  });

  it('CSL-JSON and CSL-YAML keys point at the id values', () => {
    for (const [text, file] of [
      [CSL_JSON, '/x/refs.json'],
      [CSL_YAML, '/x/refs.yaml'],
    ]) {
      const parsed = parseBibliographyText(text, file);
      assert.deepEqual(
        parsed.entries.map((e) => text.slice(e.keySpan.start, e.keySpan.end)),
        ['smith2020', 'ecpat2022'],
        file,
      );
      assert.equal(parsed.problems.length, 0);
    }
  });
});

describe('citation-unused', () => {
  it('is off for a shared bibliography, on for one named after the document, and honours nocite', () => {
    const body = 'Only one source [@smith2020].\n';
    assert.equal(only(check('---\nbibliography: refs.bib\n---\n\n' + body).findings, 'citation-unused').length, 0);
    fs.copyFileSync(path.join(dir, 'refs.bib'), path.join(dir, 'kenya.bib'));
    const own = only(check('---\nbibliography: kenya.bib\n---\n\n' + body, 'kenya.qmd').findings, 'citation-unused');
    assert.equal(own.length, 1);
    assert.match(own[0].message, /ecpat2022 .*kenya\.bib is never cited/);
    assert.equal(own[0].related?.[0].line, 9);
    assert.equal(only(check('---\nbibliography: kenya.bib\nnocite: "@ecpat2022"\n---\n\n' + body, 'kenya.qmd').findings, 'citation-unused').length, 0);
  });

  it('runs on a shared bibliography when the configuration asks for it', () => {
    const config = { ...new ReportLinter().config, severities: { 'citation-unused': 'warning' as const } };
    const found = only(check('---\nbibliography: refs.json\n---\n\nOnly [@smith2020].\n', 'report.qmd', config).findings, 'citation-unused');
    assert.deepEqual(
      found.map((f) => [f.severity, f.data?.key]),
      [['warning', 'ecpat2022']],
    );
  });
});

describe('bibliography-missing', () => {
  it('names a missing file on its front-matter line', () => {
    const { findings, text } = check('---\nbibliography:\n  - refs.bib\n  - gone.bib\n---\n\nText [@smith2020] and [@nobody].\n');
    const missing = only(findings, 'bibliography-missing');
    assert.deepEqual(texts(text, missing), ['gone.bib']);
    assert.match(missing[0].message, /gone\.bib cannot be used: the file does not exist/);
    // With part of the bibliography unreadable, unknown keys are not guessed at.
    assert.equal(only(findings, 'citation-undefined').length, 0);
  });

  it('gives the file, line and the parser reason for a broken BibTeX file', () => {
    fs.writeFileSync(path.join(dir, 'broken.bib'), '@book{a, title={One}}\n\n@book{b, title={Two}\n\n@book{c, title={Three}}\n');
    const missing = only(check('---\nbibliography: broken.bib\n---\n\nText [@a].\n').findings, 'bibliography-missing');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /broken\.bib cannot be parsed: line \d+: expected "\}"/);
    assert.equal(missing[0].related?.[0].file, path.join(dir, 'broken.bib'));
  });

  it('reports invalid CSL-JSON and CSL-YAML with their line', () => {
    fs.writeFileSync(path.join(dir, 'bad.json'), '[\n  {"id": "a",}\n  {"id": "b"}\n]\n');
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'references:\n- id: a\n  title: [unclosed\n');
    for (const name of ['bad.json', 'bad.yaml']) {
      const missing = only(check(`---\nbibliography: ${name}\n---\n\nText [@a].\n`).findings, 'bibliography-missing');
      assert.equal(missing.length, 1, name);
      assert.match(missing[0].message, new RegExp(`${name.replace('.', '\\.')} cannot be parsed: line \\d+: invalid (JSON|YAML)`));
    }
  });

  it('does not read a file outside the workspace, a directory, or a URL', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.bib'), BIBTEX);
    fs.mkdirSync(path.join(dir, 'folder.bib'), { recursive: true });
    try {
      const text = `---\nbibliography:\n- ${path.join(outside, 'secret.bib')}\n- folder.bib\n- https://example.org/refs.bib\n---\n\nText [@smith2020].\n`;
      fs.symlinkSync(path.join(outside, 'secret.bib'), path.join(dir, 'link.bib'));
      const messages = only(check(text.replace('- folder.bib', '- folder.bib\n- link.bib')).findings, 'bibliography-missing').map((f) => f.message);
      assert.equal(messages.length, 4);
      assert.match(messages[0], /secret\.bib cannot be used: the file is outside the workspace/);
      assert.match(messages[1], /not a regular file/);
      // A link inside the workspace to a file outside it is outside too.
      assert.match(messages[2], /link\.bib cannot be used: the file is outside the workspace/);
      assert.match(messages[3], /not fetched/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('duplicate bibliography keys', () => {
  it('are reported on the bibliography file, at the later definition', () => {
    const text = '@book{dup, title={First}}\n@book{other, title={Other}}\n@book{dup, title={Second}}\n';
    const parsed = parseBibliographyText(text, '/x/dups.bib');
    assert.deepEqual(
      parsed.problems.map((p) => [p.kind, p.line]),
      [['duplicate-key', 3]],
    );
    assert.match(parsed.problems[0].message, /Duplicate bibliography key "dup": already defined at line 1/);
  });

  it('across two files of one document, on the second file', () => {
    const { linter } = check('');
    const documentPath = path.join(dir, 'two.qmd');
    const model = linter.lint('---\nbibliography: [refs.bib, refs.json]\n---\n\nText.\n', [], documentPath, { documentPath, roots: [dir] }).model;
    const dup = model.bibliography!.fileProblems.filter((p) => p.kind === 'duplicate-key');
    assert.deepEqual(
      dup.map((p) => path.basename(p.file)),
      ['refs.json', 'refs.json'],
    );
  });
});

describe('bibliography cache', () => {
  it('parses a file once per version on disk, not once per check', () => {
    const cache = new BibliographyCache();
    const file = path.join(dir, 'cached.bib');
    fs.writeFileSync(file, BIBTEX);
    for (let i = 0; i < 5; i++) assert.equal(cache.load(file, [dir]).entries.length, 2);
    assert.equal(cache.parses, 1);
    fs.writeFileSync(file, BIBTEX + '@book{third, title={Third}}\n');
    const bumped = new Date(Date.now() + 5000);
    fs.utimesSync(file, bumped, bumped);
    assert.equal(cache.load(file, [dir]).entries.length, 3);
    assert.equal(cache.parses, 2);
  });
});

describe('BibTeX: read per entry, shown on demand, bounded', () => {
  it('a large file keeps @string abbreviations in every part, and one broken entry costs only itself, at its line', () => {
    const body = bibtex(800).replaceAll('author = {Achieng, Mary', 'author = ORG # { and Achieng, Mary');
    const text = `@string{ORG = {Example Institute}}\n${body}\n@book{broken, title={Unclosed}\n\n@book{achieng2000-0, title={Again}}\n`;
    const parsed = parseBibliographyText(text, '/x/large.bib');
    assert.equal(parsed.entries.length, 801);
    const lines = text.split('\n');
    const brokenLine = lines.findIndex((l) => l.startsWith('@book{broken')) + 1;
    assert.deepEqual(
      parsed.problems.map((p) => [p.kind, p.line]),
      [
        ['invalid', brokenLine],
        ['duplicate-key', lines.length - 1],
      ],
    );
    assert.match(parsed.problems[0].message, /^large\.bib: expected "\}" before the next entry: a brace or quote of entry "broken" is not closed$/);
    // The abbreviation defined at the top resolves in the last part too.
    assert.deepEqual(
      [parsed.entries[0].authors, parsed.entries[792].authors],
      [
        ['Institute', 'Achieng', 'Dlamini'],
        ['Institute', 'Achieng', 'Dlamini'],
      ],
    );
  });

  it('a broken entry amid good ones: the others are read, the problem names the line and the reason', () => {
    const text = [
      '@book{one, title={One}, year=2001}',
      '@book{two title={Two}}',
      '@book{three, title={Three} year=2003}',
      '@article{four, author={Doe, Jane}, title={Four}, year=2004}',
      '',
    ].join('\n');
    const parsed = parseBibliographyText(text, '/x/mixed.bib');
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.line, e.year]),
      [
        ['one', 1, '2001'],
        ['four', 4, '2004'],
      ],
    );
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column, p.message]),
      [
        [2, 11, 'mixed.bib: expected "," but found "title"'],
        [3, 28, 'mixed.bib: expected "}" but found "year" (entry "three")'],
      ],
    );
  });

  it('braces nested without end are one problem at their place, not a stack overflow; the other entries are read', () => {
    const deep = `@book{ok, title={Fine}}\n@book{deep, title=${'{'.repeat(100_000)}x${'}'.repeat(100_000)}}\n@book{after, title={After}}\n`;
    const parsed = parseBibliographyText(deep, '/x/deep.bib');
    assert.deepEqual(
      parsed.entries.map((e) => e.key),
      ['ok', 'after'],
    );
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0].message, /deep\.bib: braces nest more than 64 levels deep; the entry is not read/);
    // The entry's own brace is the first level.
    assert.deepEqual([parsed.problems[0].line, parsed.problems[0].column], [2, 18 + 64]);
    // Unclosed braces adding up over many entries are bounded too.
    const unclosed = parseBibliographyText('@book{a, title={{{{{{{{{{\n'.repeat(2_000), '/x/unclosed.bib');
    assert.equal(unclosed.entries.length, 0);
    assert.equal(unclosed.problems.length, 100);
    // Nesting within the bound is read.
    const fine = parseBibliographyText(`@book{k, title={${'{'.repeat(60)}Nested${'}'.repeat(60)}}}\n`, '/x/fine.bib');
    assert.equal(fine.entries[0].title, 'Nested');
  });

  it('a 20 MB file of one unclosed entry, or of junk, is read without error or hang', () => {
    const huge = parseBibliographyText(`@book{a, title={${'x'.repeat(20_000_000)}\n`, '/x/huge.bib');
    assert.equal(huge.problems.length, 1);
    assert.match(huge.problems[0].message, /huge\.bib: entry "a" cannot be read: it is too long or nests too deeply/);
    const junk = parseBibliographyText('no entries here, only words. '.repeat(500_000), '/x/junk.bib');
    assert.deepEqual([junk.entries.length, junk.problems.length], [0, 0]);
  });

  it('a file broken throughout: the first hundred problems, then the rest in one parse (bounded time)', () => {
    const broken = parseBibliographyText('@book{a,\n'.repeat(1_000_000), '/x/broken.bib');
    assert.equal(broken.problems.length, 100);
    assert.deepEqual(
      broken.problems.slice(0, 2).map((p) => p.line),
      [1, 2],
    );
    // Past the hundredth problem, an intact rest is still read.
    const rest = parseBibliographyText(`${'@x\n'.repeat(100)}@book{late, title={Late}}\n`, '/x/rest.bib');
    assert.deepEqual(
      rest.entries.map((e) => e.key),
      ['late'],
    );
  });

  it('@string abbreviations are read in runs; a broken one costs only itself', () => {
    const text = '@string{a = "x"}\n@string{b = }\n@string{c = "z"}\n@book{k, title = a # c}\n';
    const parsed = parseBibliographyText(text, '/x/strings.bib');
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.title]),
      [['k', 'xz']],
    );
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [2],
    );
  });

  it('crossref: an entry shows what it inherits; a cycle of crossrefs ends', () => {
    const text = [
      '@proceedings{conf, title={Proceedings of the Safety Conference}, year=2019, publisher={Example Press}}',
      '@inproceedings{paper, author={Doe, Jane}, title={A Paper}, crossref={conf}}',
      '@book{loopa, title={A}, crossref={loopb}}',
      '@book{loopb, title={B}, crossref={loopa}}',
      '',
    ].join('\n');
    const parsed = parseBibliographyText(text, '/x/crossref.bib');
    const byKey = new Map(parsed.entries.map((e) => [e.key, e]));
    const paper = byKey.get('paper')!;
    assert.deepEqual([paper.title, paper.year, paper.container], ['A Paper', '2019', 'Proceedings of the Safety Conference']);
    assert.deepEqual([byKey.get('loopa')!.title, byKey.get('loopb')!.title], ['A', 'B']);
  });

  it('shows names, dates and titles as written, LaTeX turned into text', () => {
    const text =
      '@article{k, author={M{\\"u}ller, J{\\\'o}zsef and {World Health Organization}}, title={The {UNICEF} Study of \\emph{Online} Harm}, date={2021-03}, journaltitle={Child Abuse \\& Neglect}, doi={10.1/x}}\n';
    const [e] = parseBibliographyText(text, '/x/latex.bib').entries;
    assert.deepEqual(
      { authors: e.authors, year: e.year, title: e.title, container: e.container, doi: e.doi },
      {
        authors: ['Müller', 'World Health Organization'],
        year: '2021',
        title: 'The UNICEF Study of Online Harm',
        container: 'Child Abuse & Neglect',
        doi: '10.1/x',
      },
    );
  });

  it('the shipped bundle (dist/bibtex.js) reads and shows entries as the sources do', function () {
    const bundle = path.resolve(__dirname, '..', '..', 'dist', 'bibtex.js');
    if (!fs.existsSync(bundle)) this.skip();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shipped = require(bundle) as typeof import('../../server/src/core/bibtexParser');
    const text = `@string{ORG = {Example Institute}}\n${BIBTEX}\n@book{broken, title={Unclosed}\n\n@book{x, author = ORG, title={X}}\n`;
    const read = readBibtex(text, '/x/refs.bib');
    assert.equal(read.entries.length, 3);
    assert.deepEqual(shipped.readBibtex(text, '/x/refs.bib'), read);
    for (const e of read.entries) assert.deepEqual(shipped.cslItem([e.raw]), cslItem([e.raw]));
  });
});

describe('BibTeX read in a worker thread (the CLI, while it analyses the report)', () => {
  const worker = path.resolve(__dirname, '..', '..', 'dist', 'bibtexWorker.js');
  before(function () {
    if (!fs.existsSync(worker)) this.skip();
  });
  const shown = (entries: BibEntry[]) => entries.map((e) => [e.key, e.line, e.keySpan, e.file, e.authors, e.year, e.title, e.container, e.url, e.doi]);

  it('fills the cache with exactly what parsing on the calling thread gives, once per version', async () => {
    const text = `${BIBTEX}\n@book{smith2020, title={Again}}\n@book{broken, title={Unclosed}\n`;
    const file = path.join(dir, 'worker.bib');
    fs.writeFileSync(file, text);
    const cache = new BibliographyCache(worker);
    await Promise.all([cache.prefetch(file, [dir]), cache.prefetch(file, [dir])]);
    assert.deepEqual([cache.parses, cache.workerThreads], [1, 1], 'two prefetches of one version share one parse, in one thread');
    const loaded = cache.load(file, [dir]);
    assert.equal(cache.parses, 1, 'load finds the worker parse');
    const here = parseBibliographyText(text, file);
    assert.deepEqual(shown(loaded.entries), shown(here.entries));
    assert.deepEqual(loaded.problems, here.problems);
    assert.deepEqual(
      here.problems.map((p) => p.kind),
      ['invalid', 'duplicate-key'],
    );
    assert.deepEqual(loaded.entries[0].authors, ['Smith', 'Doe']);
  });

  it('reads nothing it would not load: outside the roots, other formats, or a missing worker', async () => {
    const cache = new BibliographyCache(worker);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'refs.bib'), BIBTEX);
      await cache.prefetch(path.join(outside, 'refs.bib'), [dir]);
      await cache.prefetch(path.join(dir, 'refs.json'), [dir]);
      await new BibliographyCache(path.join(dir, 'no-worker.js')).prefetch(path.join(dir, 'refs.bib'), [dir]);
      assert.deepEqual([cache.parses, cache.workerThreads], [0, 0]);
      assert.match(cache.load(path.join(outside, 'refs.bib'), [dir]).error ?? '', /outside the workspace/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it("prepare (the server's first check) analyses the blocks while the file is read in a thread; the check then finds both", async () => {
    const documentPath = path.join(dir, 'prepare.qmd');
    const text = `---\nbibliography: refs.bib\n---\n\n${BODY}`;
    const cache = new BibliographyCache(worker);
    const linter = new ReportLinter();
    let analysed = 0;
    const preparing = linter.prepare(text, [], documentPath, { documentPath, roots: [dir], cache }, (analysis) => {
      analysed++;
      analysis();
    });
    assert.ok(preparing);
    await preparing;
    assert.deepEqual([analysed, cache.parses, cache.workerThreads], [1, 1, 1]);
    const checked = linter.lint(text, [], documentPath, { documentPath, roots: [dir], cache });
    assert.equal(linter.blocksParsedLastTime, 0, 'the blocks analysed meanwhile are reused');
    assert.equal(cache.parses, 1);
    const plain = new ReportLinter().lint(text, [], documentPath, { documentPath, roots: [dir], cache: new BibliographyCache() });
    assert.deepEqual(checked.findings, plain.findings);
    // Read already (or no BibTeX file at all): nothing to prepare, nothing analysed twice.
    assert.equal(
      linter.prepare(text, [], documentPath, { documentPath, roots: [dir], cache }, () => analysed++),
      undefined,
    );
    assert.equal(
      linter.prepare(BODY, [], documentPath, { documentPath, roots: [dir], cache }, () => analysed++),
      undefined,
    );
    assert.equal(analysed, 1);
  });

  it('lintWhileParsingBibliography gives the findings lint gives', async () => {
    const documentPath = path.join(dir, 'overlap.qmd');
    const text = `---\nbibliography: refs.bib\n---\n\n${BODY}`;
    const cache = new BibliographyCache(worker);
    const overlapped = await new ReportLinter().lintWhileParsingBibliography(text, [], documentPath, { documentPath, roots: [dir], cache });
    assert.deepEqual([cache.parses, cache.workerThreads], [1, 1]);
    const plain = new ReportLinter().lint(text, [], documentPath, { documentPath, roots: [dir], cache: new BibliographyCache() });
    assert.deepEqual(overlapped.findings, plain.findings);
    assert.deepEqual(texts(text, only(overlapped.findings, 'citation-undefined')), ['@smyth2020']);
  });
});

describe('entries converted for showing while the author is idle', () => {
  it('none while checks keep coming, all once they stop, once per file', async () => {
    let reads = 0;
    const entries = Array.from({ length: 50 }, (_, i) => ({
      key: `k${i}`,
      get authors() {
        reads++;
        return ['A'];
      },
      year: '2020',
      keySpan: { start: 0, end: 0 },
      line: 1,
    }));
    const loaded = { file: '/x/refs.bib', entries, problems: [] };
    const bib = { sources: [{ kind: 'file' as const, loaded }], entries: new Map(), all: entries, fileProblems: [], own: false, complete: true };
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    showEntriesWhenIdle(bib);
    for (let i = 0; i < 5; i++) {
      await pause(100);
      // Timers can only fire late, never early: 100 ms after a check is always too soon.
      assert.equal(reads, 0, 'nothing converted while the author types');
      showEntriesWhenIdle(bib);
    }
    for (let waited = 0; reads < entries.length && waited < 10_000; waited += 50) await pause(50);
    assert.equal(reads, entries.length);
    showEntriesWhenIdle(bib);
    await pause(600);
    assert.equal(reads, entries.length, 'a file is converted once');
  });
});

describe('did-you-mean keys', () => {
  it('are the closest keys, closest first and alphabetical among equals, as a full sort gives them', () => {
    const keys = [...bibtex(400).matchAll(/@article\{([^,]+),/g)].map((m) => m[1]).concat(['Achieng2000-0', 'achieng2000-00', 'zz']);
    const entries = new Map(keys.map((key) => [key, { key, authors: [], keySpan: { start: 0, end: 0 }, line: 1 }]));
    for (const unknown of ['achieng2000-0x', 'achieng200-0', 'dlamini2003-7', 'Gupta2011', 'zz1', 'nothing-like-it-at-all']) {
      const expected = keys
        .map((k) => ({ k, d: levenshtein(unknown.toLowerCase(), k.toLowerCase()) }))
        .filter((x) => x.d <= Math.max(2, Math.floor(unknown.length / 3)))
        .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
        .slice(0, 3)
        .map((x) => x.k);
      assert.deepEqual(
        closestKeys(unknown, entries).map((e) => e.key),
        expected,
        unknown,
      );
    }
    assert.ok(closestKeys('achieng2000-0x', entries).length === 3);
  });
});

describe('bibliography cache in the linter', () => {
  it('checking a report on every keystroke parses its bibliography once', () => {
    const cache = new BibliographyCache();
    const linter = new ReportLinter();
    const documentPath = path.join(dir, 'typing.qmd');
    let text = '---\nbibliography: refs.bib\n---\n\nAs found [@smith2020].';
    for (let i = 0; i < 20; i++) {
      text += i % 2 ? ' x' : ' [@smyth2020]';
      const r = linter.lint(text, [], documentPath, { documentPath, roots: [dir], cache });
      assert.equal(only(r.findings, 'citation-undefined').length, Math.ceil((i + 1) / 2));
    }
    assert.equal(cache.parses, 1);
  });
});

describe('Quarto project bibliography', () => {
  it('comes from _quarto.yml when the front matter names none', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-quarto-'));
    try {
      fs.writeFileSync(path.join(project, '_quarto.yml'), 'project:\n  type: book\nbibliography: references.bib\n');
      fs.writeFileSync(path.join(project, 'references.bib'), BIBTEX);
      fs.mkdirSync(path.join(project, 'chapters'));
      const documentPath = path.join(project, 'chapters', 'intro.qmd');
      const linter = new ReportLinter();
      const r = linter.lint('# Intro\n\nAs found [@smith2020; @smiht2020].\n', [], documentPath, { documentPath, roots: [project] });
      assert.deepEqual(texts(r.model.text, only(r.findings, 'citation-undefined')), ['@smiht2020']);
      // A missing project bibliography is reported on the document's first line, naming _quarto.yml.
      fs.rmSync(path.join(project, 'references.bib'));
      const missing = only(linter.lint('# Intro\n\nText.\n', [], documentPath, { documentPath, roots: [project] }).findings, 'bibliography-missing');
      assert.match(missing[0].message, /references\.bib \(named in _quarto\.yml line 3\) cannot be used/);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('Quarto metadata layers: _quarto.yml, _metadata.yml, format-level bibliographies (merged as Quarto merges them)', () => {
  const OTHER = '@book{unicef2021, author = {UNICEF}, title = {Ending Online Abuse}, year = 2021}\n';
  let project: string;
  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-quarto-meta-'));
    fs.mkdirSync(path.join(project, 'chapters', 'data'), { recursive: true });
    fs.writeFileSync(path.join(project, 'references.bib'), BIBTEX);
    fs.writeFileSync(path.join(project, 'chapters', 'data', 'chapter.bib'), OTHER);
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  function undefinedKeys(text: string, name = path.join('chapters', 'intro.qmd')): string[] {
    const documentPath = path.join(project, name);
    const r = new ReportLinter().lint(text, [], documentPath, { documentPath, roots: [project] });
    return [...texts(r.model.text, only(r.findings, 'citation-undefined')), ...only(r.findings, 'bibliography-missing').map((f) => f.message)];
  }
  const CITES = '# Intro\n\nAs found [@smith2020; @unicef2021; @nobody1999].\n';

  it('a list in _metadata.yml adds to the project list; its paths are relative to its own folder', () => {
    fs.writeFileSync(path.join(project, '_quarto.yml'), 'project:\n  type: book\nbibliography:\n  - references.bib\n');
    fs.writeFileSync(path.join(project, 'chapters', '_metadata.yml'), 'bibliography:\n  - data/chapter.bib\n');
    assert.deepEqual(undefinedKeys(CITES), ['@nobody1999']);
  });

  it('a single name in _metadata.yml replaces the project one (the nearest folder last), and a file it names that is missing says where', () => {
    fs.writeFileSync(path.join(project, '_quarto.yml'), 'bibliography: references.bib\n');
    fs.writeFileSync(path.join(project, 'chapters', '_metadata.yml'), 'toc: true\nbibliography: data/chapter.bib\n');
    assert.deepEqual(undefinedKeys(CITES), ['@smith2020', '@nobody1999']);
    // The document's own single name replaces both.
    assert.deepEqual(undefinedKeys(`---\nbibliography: ../references.bib\n---\n\n${CITES}`), ['@unicef2021', '@nobody1999']);
    fs.rmSync(path.join(project, 'chapters', 'data', 'chapter.bib'));
    assert.deepEqual(undefinedKeys(CITES), ['Bibliography data/chapter.bib (named in _metadata.yml line 2) cannot be used: the file does not exist.']);
  });

  it('_metadata.yml outside a Quarto project is not read (Quarto reads it only in a project)', () => {
    fs.writeFileSync(path.join(project, 'chapters', '_metadata.yml'), 'bibliography: data/chapter.bib\n');
    assert.deepEqual(undefinedKeys(CITES), [], 'no bibliography at all: citations are not checked');
  });

  it('format: <name>: bibliography: counts, in _quarto.yml and in the front matter (every format together)', () => {
    fs.writeFileSync(path.join(project, '_quarto.yml'), 'format:\n  html:\n    toc: true\n    bibliography: references.bib\n  pdf: default\n');
    assert.deepEqual(undefinedKeys(CITES), ['@unicef2021', '@nobody1999']);
    const front = '---\nformat:\n  docx:\n    bibliography: data/chapter.bib\n---\n\n';
    assert.deepEqual(undefinedKeys(front + CITES), ['@nobody1999'], 'a format-level name adds up with the project list');
    const fm = readFrontMatter(front + CITES)!;
    assert.deepEqual(
      fm.bibliography.map((f) => f.path),
      ['data/chapter.bib'],
    );
    assert.equal((front + CITES).slice(fm.bibliography[0].span.start, fm.bibliography[0].span.end), 'data/chapter.bib');
  });
});

describe('Pandoc syntax is never misread', () => {
  const linter = new ReportLinter();
  it('front matter is not prose: its words, IDs and dashes are not checked', () => {
    const text = '---\ntitle: "Child pornography online: a study"\nsubtitle: RA1-KE-9-Z\n---\n\n# Findings\n\nText.\n';
    const r = linter.lint(text);
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      [],
    );
    assert.equal(r.model.frontMatter?.end, text.indexOf('\n\n# Findings'));
  });

  it('code chunks are code, fenced divs and callouts are prose', () => {
    const text = '::: {.callout-note}\nThey spoke of child pornography.\n:::\n\n```{r}\nx <- "child pornography"\n```\n';
    assert.deepEqual(texts(text, only(linter.lint(text).findings, 'terminology-avoid')), ['child pornography']);
  });

  it('cross-references, e-mail addresses, escaped @ and code are not citations', () => {
    const text =
      'See @fig-map, @tbl-participants, @sec-method and @eq-rate; mail a.b@example.org; \\@ref(fig:x); `@notacite`; but [-@unicef2021, p. 3; @ecpat2020] and @ecpat2020.\n';
    const { model } = linter.lint(text);
    assert.deepEqual(
      model.citations.map((c) => [c.key, c.suppressAuthor, !!c.group]),
      [
        ['unicef2021', true, true],
        ['ecpat2020', false, true],
        ['ecpat2020', false, false],
      ],
    );
  });

  it('a document without a bibliography has no citation findings (an @handle is not a typo)', () => {
    assert.deepEqual(linter.lint('Follow @unicef for updates.\n').findings, []);
  });

  it('inline notes are footnotes defined in place: no footnote findings, titles inside them exempt, the rest checked', () => {
    const text = 'The law changed.^[See *Child Pornography Act 2001*, and note that child pornography is the wrong term.] More text.\n';
    const r = linter.lint(text);
    assert.deepEqual(
      r.model.inlineNotes.map((n) => text.slice(n.content.start, n.content.end).slice(0, 4)),
      ['See '],
    );
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId.startsWith('footnote')),
      [],
    );
    const avoid = only(r.findings, 'terminology-avoid');
    assert.equal(avoid.length, 1);
    assert.ok(avoid[0].start > text.indexOf('note that'));
  });

  it('reads bibliography, references and nocite from the front matter', () => {
    const fm = readFrontMatter('---\nbibliography:\n  - "a.bib"\n  - b.json\nnocite: |\n  @x, @y\nreferences:\n- id: z\n  title: Zed\n---\n\nText\n')!;
    assert.deepEqual(
      fm.bibliography.map((b) => b.path),
      ['a.bib', 'b.json'],
    );
    assert.deepEqual(fm.nocite, { keys: ['x', 'y'], all: false });
    assert.deepEqual(
      fm.references?.map((r) => r.key),
      ['z'],
    );
  });

  it('a thematic break and a heading at the start are not front matter', () => {
    assert.equal(readFrontMatter('---\nJust a heading\n---\n\nText.\n'), undefined);
  });
});
