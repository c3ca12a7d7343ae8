import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReportLinter } from '../../server/src/core/engine';
import { BibliographyCache, parseBibliographyText } from '../../server/src/core/bibliography';
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
    assert.equal(parsed.entries.length, 121);
    const k110 = parsed.entries.find((e) => e.key === 'k110')!;
    assert.equal(k110.container, 'Journal of Child Protection');
    assert.equal(k110.line, 112);
    assert.equal(text.slice(k110.keySpan.start, k110.keySpan.end), 'k110');
    // The parser finds the unclosed brace at the end of the file: line 123.
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [123],
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

describe('BibTeX parsed in a worker thread (the CLI, while it analyses the report)', () => {
  const worker = path.resolve(__dirname, '..', '..', 'dist', 'bibtexWorker.js');
  before(function () {
    if (!fs.existsSync(worker)) this.skip();
  });

  it('fills the cache with exactly what parsing on the calling thread gives, once per version', async () => {
    const text = `${BIBTEX}\n@book{smith2020, title={Again}}\n@book{broken, title={Unclosed}\n`;
    const file = path.join(dir, 'worker.bib');
    fs.writeFileSync(file, text);
    const cache = new BibliographyCache(worker);
    await Promise.all([cache.prefetch(file, [dir]), cache.prefetch(file, [dir])]);
    assert.deepEqual([cache.parses, cache.workerThreads], [1, 1], 'two prefetches of one version share one parse, in one thread (a small file)');
    const loaded = cache.load(file, [dir]);
    assert.equal(cache.parses, 1, 'load finds the worker parse');
    const here = parseBibliographyText(text, file);
    assert.deepEqual(loaded.entries, here.entries);
    assert.deepEqual(loaded.problems, here.problems);
    assert.deepEqual(
      here.problems.map((p) => p.kind),
      ['invalid', 'duplicate-key'],
    );
  });

  it('a large file is parsed in parts at once, with the same entries, @string abbreviations and problems at the same lines', async () => {
    // Two parts, whatever the machine has.
    const body = bibtex(800).replaceAll('author = {Achieng, Mary', 'author = ORG # { and Achieng, Mary');
    const text = `@string{ORG = {Example Institute}}\n${body}\n@book{broken, title={Unclosed}\n\n@book{achieng2000-0, title={Again}}\n`;
    const file = path.join(dir, 'large.bib');
    fs.writeFileSync(file, text);
    const cache = new BibliographyCache(worker, () => 2);
    await cache.prefetch(file, [dir]);
    const loaded = cache.load(file, [dir]);
    assert.deepEqual([cache.parses, cache.workerThreads], [1, 2]);
    const here = parseBibliographyText(text, file);
    assert.equal(here.entries.length, 802);
    assert.deepEqual(loaded.entries, here.entries);
    assert.deepEqual(loaded.problems, here.problems);
    assert.deepEqual(
      here.problems.map((p) => [p.kind, p.line]),
      [
        // The unclosed entry is found where the next one starts ("expected } but found @"), the line of the duplicate.
        ['invalid', text.split('\n').length - 1],
        ['duplicate-key', text.split('\n').length - 1],
      ],
    );
    // The abbreviation defined at the top resolves in the last part too.
    assert.deepEqual(
      [here.entries[0].authors, here.entries[792].authors],
      [
        ['Institute', 'Achieng', 'Dlamini'],
        ['Institute', 'Achieng', 'Dlamini'],
      ],
    );
  });

  it('reads nothing it would not load: outside the roots, other formats, or a missing worker', async () => {
    const cache = new BibliographyCache(worker);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'refs.bib'), BIBTEX);
      await cache.prefetch(path.join(outside, 'refs.bib'), [dir]);
      await cache.prefetch(path.join(dir, 'refs.json'), [dir]);
      await new BibliographyCache(path.join(dir, 'no-worker.js')).prefetch(path.join(dir, 'refs.bib'), [dir]);
      assert.equal(cache.parses, 0);
      assert.match(cache.load(path.join(outside, 'refs.bib'), [dir]).error ?? '', /outside the workspace/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('lintWhileParsingBibliography gives the findings lint gives', async () => {
    const documentPath = path.join(dir, 'overlap.qmd');
    const text = `---\nbibliography: refs.bib\n---\n\n${BODY}`;
    const cache = new BibliographyCache(worker);
    const overlapped = await new ReportLinter().lintWhileParsingBibliography(text, [], documentPath, { documentPath, roots: [dir], cache });
    assert.equal(cache.parses, 1);
    const plain = new ReportLinter().lint(text, [], documentPath, { documentPath, roots: [dir], cache: new BibliographyCache() });
    assert.deepEqual(overlapped.findings, plain.findings);
    assert.deepEqual(texts(text, only(overlapped.findings, 'citation-undefined')), ['@smyth2020']);
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
