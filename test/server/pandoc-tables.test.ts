/**
 * Editor actions on participant tables read by column position (Pandoc grid,
 * simple and multiline tables): what they write must leave the table a table.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/core/text';
import { ReportLinter } from '../../server/src/core/engine';
import { codes, TestClient, tempWorkspace, uriOf } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'pandoc-tables');
const REPORT = `# Findings\n\n${fs.readFileSync(path.join(FIXTURES, 'grid.md'), 'utf8')}\nOfficials agreed (RA1-KE-01-A&B). Investigators disagreed (RA1-KE-02-A, RA1-KE-03-A).\n`;
const HTML_REPORT = `${fs.readFileSync(path.join(FIXTURES, 'html.md'), 'utf8')}\nCited: RA1-KE-01-A&B, RA1-KE-02-A, RA1-KE-03-A and RA1-KE-04-A.\n`;
/** A grid table whose ID column has no room to spare. */
const TIGHT = [
  '+-------------+-----------+',
  '| ID Number   | Agency    |',
  '+=============+===========+',
  '| RA1-KE-01-A | Police    |',
  '+-------------+-----------+',
  '| RA1-KE-04-A | Judiciary |',
  '+-------------+-----------+',
  '',
  'As both said (RA1-KE-01-A, RA1-KE-04-A).',
  '',
].join('\n');

describe('language server: Pandoc grid tables', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    ws = tempWorkspace({ 'report.md': REPORT, 'tight.md': TIGHT, 'html.md': HTML_REPORT });
    client = await TestClient.start({ folder: ws.dir });
    uri = uriOf(ws.file('report.md'));
    client.open(uri, REPORT);
    await client.current(uri);
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  function at(needle: string, delta = 0): Position {
    const text = client.text(uri);
    const i = text.indexOf(needle);
    assert.ok(i >= 0, `"${needle}" not found`);
    return new LineIndex(text).positionAt(i + delta);
  }

  it('"disable for this table" leaves a blank line between the comments and the table, which is still read', async () => {
    const position = at('RA1-KE-04-A', 2);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: position, end: position },
      context: { diagnostics: [] },
    });
    const action = actions.find((a) => a.title === 'Disable report-lint participant-uncited for this table');
    assert.ok(action?.edit, JSON.stringify(actions.map((a) => a.title)));
    client.applyWorkspaceEdit(uri, action.edit);
    const after = await client.current(uri);
    assert.ok(!codes(after.diagnostics).includes('participant-uncited'));
    assert.match(client.text(uri), /<!-- report-lint-disable participant-uncited -->\n\n\+-{5}/);
    assert.equal(new ReportLinter().lint(client.text(uri)).model.tableRegistry.length, 5, 'the table is still read');
  });

  it('renames a key to an ID that fits its column, and refuses one that does not', async () => {
    uri = uriOf(ws.file('tight.md'));
    client.open(uri, TIGHT);
    await client.current(uri);
    const rename = (newName: string) =>
      client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at('RA1-KE-04-A', 2), newName });
    await assert.rejects(rename('RA1-KE-104-A'), /RA1-KE-104-A does not fit the column of RA1-KE-04-A/);
    client.applyWorkspaceEdit(uri, await rename('RA1-KE-05-A'));
    await client.current(uri);
    assert.ok(client.text(uri).includes('| RA1-KE-05-A | Judiciary |\n'));
    assert.ok(client.text(uri).includes('(RA1-KE-01-A, RA1-KE-05-A)'));
    assert.deepEqual(
      new ReportLinter().lint(client.text(uri)).model.tableRegistry.map((e) => e.id),
      ['RA1-KE-01-A', 'RA1-KE-05-A'],
    );
  });

  it('renaming a participant of an HTML table renames its cell too (IDs in HTML are not citations)', async () => {
    uri = uriOf(ws.file('html.md'));
    client.open(uri, HTML_REPORT);
    await client.current(uri);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at('RA1-KE-04-A.', 2), newName: 'RA1-KE-05-A' });
    client.applyWorkspaceEdit(uri, edit);
    const after = await client.current(uri);
    assert.ok(client.text(uri).includes('<td>RA1-KE-05-A</td>'));
    assert.ok(!client.text(uri).includes('RA1-KE-04-A'));
    assert.deepEqual(codes(after.diagnostics), []);
  });
});
