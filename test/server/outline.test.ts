import * as assert from 'node:assert/strict';
import type { OutlineCountry, OutlineFootnote, ReportOutline } from '../../server/src/protocol';
import { TestClient, tempWorkspace, uriOf } from './helpers';

/** A small report of our own: two countries, a combined citation, an uncited participant, footnote slips. */
const REPORT = [
  '# Two-country study',
  '',
  'Interviews were held in Kenya and Malawi.',
  '',
  '| ID | Agency | Position |',
  '| --- | --- | --- |',
  '| RA1-KE-01-A | Police | Inspector |',
  '| RA1-KE-01-B | Police | Analyst |',
  '| RA1-KE-02-A | Children’s Services | Officer |',
  '| RA1-MW-01-A | Ministry of Gender | Director |',
  '',
  'Officers spoke together (RA1-KE-01-A&B).[^2] Later one came back (RA1-KE-01-A).[^1]',
  '',
  'In Malawi a director agreed (RA1-MW-01-A).[^3]',
  '',
  '[^1]: Example Institute. (2022). A report on backlogs in the courts of the region.',
  '[^2]: Second source.',
  '[^4]: Never cited.',
  '',
].join('\n');

describe('language server: reportLint/outline (the editor views)', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    ws = tempWorkspace({ 'study.md': REPORT });
    client = await TestClient.start({ folder: ws.dir });
    uri = uriOf(ws.file('study.md'));
    client.open(uri, REPORT);
    await client.current(uri);
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  const outline = () => client.request<ReportOutline | null>('reportLint/outline', { textDocument: { uri } });

  it('groups participants by country and interview, with their citations', async () => {
    const o = (await outline())!;
    assert.equal(o.uri, uri);
    const shape = o.participants.map((c: OutlineCountry) => [c.code, c.name, c.interviews.map((i) => [i.key, i.participants.map((p) => p.id)])]);
    assert.deepEqual(shape, [
      [
        'KE',
        'Kenya',
        [
          ['RA1-KE-01', ['RA1-KE-01-A', 'RA1-KE-01-B']],
          ['RA1-KE-02', ['RA1-KE-02-A']],
        ],
      ],
      ['MW', 'Malawi', [['RA1-MW-01', ['RA1-MW-01-A']]]],
    ]);
    const kenya = o.participants[0].interviews;
    const a = kenya[0].participants[0];
    assert.deepEqual([a.agency, a.position], ['Police', 'Inspector']);
    // The combined citation counts for A and for B; A is also cited alone.
    assert.deepEqual(
      a.citations.map((r) => r.start.line),
      [11, 11],
    );
    assert.equal(kenya[0].participants[1].citations.length, 1);
    assert.deepEqual(kenya[1].participants[0].citations, [], 'RA1-KE-02-A is not cited');
    assert.deepEqual(a.tableRow, { start: { line: 6, character: 2 }, end: { line: 6, character: 13 } });
  });

  it('lists footnotes in number order with first words, references and problems', async () => {
    const o = (await outline())!;
    const brief = o.footnotes.map((f: OutlineFootnote) => [f.label, f.references.length, !!f.definition, f.problems.map((p) => p.ruleId)]);
    assert.deepEqual(brief, [
      ['1', 1, true, []],
      ['2', 1, true, ['footnote-order']],
      ['3', 1, false, ['footnote-undefined']],
      ['4', 0, true, ['footnote-unused']],
    ]);
    assert.match(o.footnotes[0].text, /^Example Institute\. \(2022\)\. A report on backlogs/);
    assert.equal(o.footnotes[2].text, '');
  });

  it('follows edits to the document', async () => {
    client.replace(uri, '(RA1-MW-01-A)', '(RA1-KE-02-A)');
    await client.next(uri);
    const o = (await outline())!;
    assert.equal(o.version, client.version(uri));
    const ids = o.participants.flatMap((c) => c.interviews.flatMap((i) => i.participants)).map((p) => [p.id, p.citations.length]);
    assert.deepEqual(ids, [
      ['RA1-KE-01-A', 2],
      ['RA1-KE-01-B', 1],
      ['RA1-KE-02-A', 1],
      ['RA1-MW-01-A', 0],
    ]);
  });

  it('answers null for a document that is not open', async () => {
    assert.equal(await client.request('reportLint/outline', { textDocument: { uri: uriOf(ws.file('missing.md')) } }), null);
  });
});
