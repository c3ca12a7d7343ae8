import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CompletionList, Hover, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/core/text';
import { applyTextEdits, editsFor, TestClient, tempWorkspace, uriOf } from './helpers';

const BIB = `@report{achieng2021,
  author = {Achieng, Mary and Otieno, Paul},
  title = {Online Risks for Children in Coastal Kenya},
  institution = {Example Child Rights Institute},
  year = {2021},
  url = {https://example.org/coastal}
}

@article{baraka2019,
  author = {Baraka, Joseph},
  title = {Reporting Pathways for Online Abuse},
  journaltitle = {Journal of Invented Studies},
  year = {2019},
  doi = {10.5555/jis.2019.4}
}

@article{baraka2019,
  author = {Baraka, Joseph},
  title = {A second entry with the same key},
  year = {2019}
}
`;

const REPORT = `---
title: "Coastal study"
bibliography: refs.bib
---

## Method {#sec-method}

Earlier work mapped the risks [@achieng2021, pp. 4-6] and pathways [@baraka2019].
See @sec-method; write to team@example.org. As @achieng2021 found, and [@bakara2019].

More: @
`;

const OTHER = `---
bibliography: refs.bib
nocite: |
  @baraka2019
---

Also cited here [@achieng2021].
`;

describe('language server: Quarto reports with a bibliography', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;
  let uri: string;
  let otherUri: string;
  let bibUri: string;

  beforeEach(async () => {
    ws = tempWorkspace({ 'refs.bib': BIB, 'report.qmd': REPORT, 'chapter.qmd': OTHER });
    client = await TestClient.start({ folder: ws.dir });
    uri = uriOf(ws.file('report.qmd'));
    otherUri = uriOf(ws.file('chapter.qmd'));
    bibUri = uriOf(ws.file('refs.bib'));
    client.open(uri, REPORT, 'quarto');
    client.open(otherUri, OTHER, 'quarto');
    await client.current(uri);
    await client.current(otherUri);
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  function at(text: string, needle: string, delta = 1, occurrence = 0): Position {
    let i = -1;
    for (let n = 0; n <= occurrence; n++) i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} not found`);
    return new LineIndex(text).positionAt(i + delta);
  }

  function textAt(text: string, range: Range): string {
    const lines = new LineIndex(text);
    return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  }

  it('diagnoses a .qmd opened as language "quarto": the unknown key only, and the duplicate key on the .bib file', async () => {
    const d = await client.current(uri);
    assert.deepEqual(
      d.diagnostics.map((x) => [x.code, textAt(REPORT, x.range)]),
      [['citation-undefined', '@bakara2019']],
    );
    assert.match(d.diagnostics[0].message, /Did you mean @baraka2019 \(Baraka 2019, Reporting Pathways for Online Abuse\)/);
    const bib = await client.diagnostics(bibUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      bib.diagnostics.map((x) => [x.range.start.line + 1, x.message.slice(0, 40)]),
      [[17, 'Duplicate bibliography key "baraka2019":']],
    );
  });

  it('hover on a citation shows the formatted reference and where else it is cited', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(REPORT, '@achieng2021', 3) });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /Achieng, Otieno \(2021\)\. \*Online Risks for Children in Coastal Kenya\*/);
    assert.match(value, /https:\/\/example\.org\/coastal/);
    assert.match(value, /Defined in `refs\.bib`, line 1/);
    assert.match(value, /Cited on lines 8, 9 of this document/);
    assert.match(value, /Also cited in `chapter\.qmd`/);
    // A cross-reference is not a citation.
    const xref = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(REPORT, '@sec-method', 3) });
    assert.ok(!xref || !/bibliography/.test(JSON.stringify(xref.contents)));
  });

  it('completion after @ lists the keys with author, year and title, filterable by any of them', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: at(REPORT, 'More: @', 7),
      context: { triggerKind: 2, triggerCharacter: '@' },
    });
    assert.deepEqual(list.items.map((i) => i.label).sort(), ['achieng2021', 'baraka2019']);
    const baraka = list.items.find((i) => i.label === 'baraka2019')!;
    assert.equal(baraka.detail, 'Baraka 2019, Reporting Pathways for Online Abuse');
    assert.match(baraka.filterText ?? '', /Baraka.*2019.*Reporting Pathways/);
    // Inside brackets after "[@ba".
    const edited = REPORT.replace('More: @', 'More: [@ba');
    client.replace(uri, 'More: @', 'More: [@ba');
    const inside = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(edited, '[@ba', 4) });
    const item = inside.items.find((i) => i.label === 'baraka2019')!;
    const edit = item.textEdit as { range: Range; newText: string };
    assert.equal(textAt(edited, edit.range), 'ba');
    assert.equal(edit.newText, 'baraka2019');
  });

  it('inside TeX math an @ is neither a citation nor a place for completion or hover', async () => {
    const edited = REPORT.replace('More: @', 'Math $x = @achieng2021 + @ba$ and $$\\sum @bakara2019$$.');
    client.replace(uri, 'More: @', 'Math $x = @achieng2021 + @ba$ and $$\\sum @bakara2019$$.');
    const d = await client.current(uri);
    assert.deepEqual(
      d.diagnostics.map((x) => textAt(edited, x.range)),
      ['@bakara2019'],
      'only the key outside math is flagged',
    );
    assert.equal(d.diagnostics[0].range.start.line, 8);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(edited, '= @achieng2021', 4) });
    assert.ok(!hover || !/Achieng|bibliography/.test(JSON.stringify(hover.contents)), JSON.stringify(hover));
    const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: at(edited, '+ @ba', 5) });
    assert.deepEqual(list?.items ?? [], []);
  });

  it('go to definition jumps from a key into the .bib file; references from the entry find every citation in open documents', async () => {
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at(REPORT, '@baraka2019', 2) });
    assert.equal(defs.length, 1);
    assert.equal(defs[0].uri, bibUri);
    assert.equal(textAt(BIB, defs[0].range), 'baraka2019');
    assert.equal(defs[0].range.start.line, 8);

    client.open(bibUri, BIB, 'bibtex');
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: bibUri },
      position: at(BIB, 'achieng2021', 2),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(refs.map((r) => [r.uri === uri ? 'report' : r.uri === otherUri ? 'chapter' : r.uri, r.range.start.line]).sort(), [
      ['chapter', 6],
      ['report', 7],
      ['report', 8],
    ]);
  });

  it('rename of a key changes the .bib entry, every citation and nocite, across documents', async () => {
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri },
      position: at(REPORT, '@achieng2021', 2),
    });
    assert.equal(prepared.placeholder, 'achieng2021');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri },
      position: at(REPORT, '@baraka2019', 2),
      newName: 'baraka2019a',
    });
    const bibAfter = applyTextEdits(BIB, editsFor(edit, bibUri));
    // Both definitions of the duplicated key are renamed: they are one key to Pandoc.
    assert.equal((bibAfter.match(/@article\{baraka2019a,/g) ?? []).length, 2);
    assert.match(applyTextEdits(REPORT, editsFor(edit, uri)), /pathways \[@baraka2019a\]/);
    assert.match(applyTextEdits(OTHER, editsFor(edit, otherUri)), /nocite: \|\n {2}@baraka2019a\n/);
    // A key Pandoc cannot read, or one that exists, is refused with the reason.
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position: at(REPORT, '@baraka2019', 2), newName: 'bad key' }),
      /not a citation key/,
    );
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position: at(REPORT, '@baraka2019', 2), newName: 'achieng2021' }),
      /already a key/,
    );
  });

  it('watches bibliographies and Quarto metadata: a .bib or _metadata.yml changed on disk re-checks the open reports', async () => {
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = (watch?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/*.{bib,bibtex,yaml,yml}'), globs.join(' '));
    // The mistyped key becomes an entry of the .bib: its finding goes.
    fs.writeFileSync(ws.file('refs.bib'), `${BIB}\n@book{bakara2019, title = {Now defined}, year = 2020}\n`);
    let pending = client.next(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: bibUri, type: 2 }] });
    assert.deepEqual((await pending).diagnostics, []);
    // A Quarto project whose chapter folder names another bibliography by _metadata.yml (Quarto merges the lists).
    fs.writeFileSync(ws.file('_quarto.yml'), 'project:\n  type: book\n');
    fs.mkdirSync(ws.file('chapters'));
    fs.writeFileSync(ws.file('chapters/extra.bib'), '@book{extra2020, title = {Extra}, year = 2020}\n');
    const chapterUri = uriOf(ws.file('chapters/one.qmd'));
    const chapter = '# One\n\nAs shown [@extra2020].\n';
    client.open(chapterUri, chapter, 'quarto');
    assert.deepEqual((await client.current(chapterUri)).diagnostics, [], 'no bibliography yet: citations are not checked');
    fs.writeFileSync(ws.file('chapters/_metadata.yml'), 'bibliography: [extra.bib, ../refs.bib]\n');
    pending = client.next(chapterUri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(ws.file('chapters/_metadata.yml')), type: 1 }] });
    assert.deepEqual((await pending).diagnostics, [], 'extra2020 is in the bibliography _metadata.yml names');
    client.edit(chapterUri, [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 20 } }, newText: 'extra2021' }]);
    const edited = await client.current(chapterUri);
    assert.deepEqual(
      edited.diagnostics.map((d) => d.code),
      ['citation-undefined'],
    );
    assert.match(edited.diagnostics[0].message, /Did you mean @extra2020/);
  });

  it('answers the picker: entries with author–year and how often each is cited', async () => {
    const info = await client.request<{
      hasBibliography: boolean;
      entries: { key: string; authorYear: string; title?: string; citations: number }[];
      narrativeCitations: number;
      bracketedCitations: number;
    }>('workspace/executeCommand', { command: 'reportLint.bibliography', arguments: [uri] });
    assert.equal(info.hasBibliography, true);
    // "As @achieng2021 found" is narrative; [@achieng2021, pp. 4-6], [@baraka2019] and [@bakara2019] are in brackets.
    assert.deepEqual([info.narrativeCitations, info.bracketedCitations], [1, 3]);
    assert.deepEqual(
      info.entries.map((e) => [e.key, e.authorYear, e.citations]),
      [
        ['achieng2021', 'Achieng & Otieno 2021', 2],
        ['baraka2019', 'Baraka 2019', 1],
      ],
    );
  });
});

describe('language server: citation completion from a large bibliography', function () {
  const ENTRIES = 1_200;
  const big = Array.from(
    { length: ENTRIES },
    (_, i) => `@article{key${i},\n  author = {${i === 777 ? 'Wanjiru' : 'Author'}, Ann},\n  title = {Study number ${i}},\n  year = {2020}\n}\n`,
  ).join('\n');
  const report = '---\nbibliography: big.bib\n---\n\nSee [@\n';
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    ws = tempWorkspace({ 'big.bib': big, 'report.qmd': report });
    client = await TestClient.start({ folder: ws.dir });
    uri = uriOf(ws.file('report.qmd'));
    client.open(uri, report, 'quarto');
    await client.current(uri);
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  const complete = (text: string) => {
    const lines = new LineIndex(text);
    return client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: lines.positionAt(text.indexOf('[@') + 2 + text.split('[@')[1].split('\n')[0].length),
    });
  };

  it('offers part of the library, says the list is incomplete, and narrows to what is typed (key, author or title)', async () => {
    const all = await complete(report);
    assert.equal(all.isIncomplete, true);
    assert.ok(all.items.length > 0 && all.items.length < ENTRIES, `${all.items.length} items`);

    const byKey = report.replace('[@', '[@key119');
    client.replace(uri, '[@', '[@key119');
    const narrowed = await complete(byKey);
    assert.equal(narrowed.isIncomplete, false);
    assert.ok(narrowed.items.length < all.items.length, `${narrowed.items.length} items`);
    // Every key starting with what was typed is offered ...
    const labels = new Set(narrowed.items.map((i) => i.label));
    for (const k of ['key119', 'key1190', 'key1199']) assert.ok(labels.has(k), k);
    // ... and nothing whose key, authors, year and title do not hold the typed letters in that order.
    for (const item of narrowed.items) assert.match(item.filterText!.toLowerCase(), /k.*e.*y.*1.*1.*9/, item.label);
    assert.ok(!labels.has('key12') && !labels.has('key200'));

    const byAuthor = report.replace('[@', '[@wanjiru');
    client.replace(uri, '[@key119', '[@wanjiru');
    const author = await complete(byAuthor);
    assert.deepEqual(
      author.items.map((i) => i.label),
      ['key777'],
    );
  });
});
