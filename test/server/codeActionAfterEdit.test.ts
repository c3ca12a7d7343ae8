/**
 * A code action request that arrives right after an edit, before the debounced check
 * of the new version has run (Ctrl+. pressed just after applying a quick fix, as the
 * report-ui e2e step does): the server must answer from the new version, never "no
 * actions" because the check has not landed yet, and its edits must be made for that
 * version (VS Code rejects versioned edits made for an older one).
 */
import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { editsFor, TestClient, tempWorkspace, uriOf } from './helpers';

const REPORT = [
  '# Field notes',
  '',
  '| ID Number | Agency | Position |',
  '| --- | --- | --- |',
  '| RA9-ZZ-01-A | Harbour Police | Sergeant |',
  '| RA9-ZZ-02-A | Social Welfare Office | Case Worker |',
  '',
  'An officer described the backlog (RA9- ZZ-01-A).',
  '',
  'A case worker said the same (RA9-ZZ-02-A).',
  '',
  'Seized phones often hold child pornography next to holiday pictures.',
  '',
].join('\n');

describe('language server: code actions right after an edit (debounced check not yet run)', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;

  afterEach(async () => {
    await client?.stop();
    ws?.cleanup();
  });

  it('answers the new version at once: the next finding has its fix, made for that version', async () => {
    ws = tempWorkspace({ 'notes.md': REPORT });
    const uri = uriOf(ws.file('notes.md'));
    // A minute of debounce: no check of an edited version runs by itself during this test.
    client = await TestClient.start({ folder: ws.dir, codeActionResolve: true, settings: { debounceMs: 60_000 } });
    client.open(uri, REPORT);
    const opened = await client.current(uri); // opening checks at once
    const malformed = opened.diagnostics.find((d) => d.code === 'participant-malformed');
    assert.ok(malformed, `the malformed ID is reported (got ${opened.diagnostics.map((d) => d.code).join(', ')})`);

    const actionsAt = (range: Range, diagnostics: Diagnostic[]) =>
      client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
    const idFix = (await actionsAt(malformed.range, [malformed])).find((a) => /RA9-ZZ-01-A/.test(a.title) && a.edit);
    assert.ok(idFix, 'the canonical-ID fix is offered');
    const fixedVersion = client.applyWorkspaceEdit(uri, idFix.edit!);
    assert.match(client.text(uri), /\(RA9-ZZ-01-A\)\./);

    // Immediately (no wait for diagnostics): the cursor in the term, as VS Code asks with Ctrl+.
    const termLine = client
      .text(uri)
      .split('\n')
      .findIndex((l) => l.includes('child pornography'));
    const character = client.text(uri).split('\n')[termLine].indexOf('child pornography') + 5;
    const cursor = { start: { line: termLine, character }, end: { line: termLine, character } };
    const actions = await actionsAt(cursor, []);
    assert.ok(
      !(client.published.get(uri) ?? []).some((p) => p.version === fixedVersion),
      'the debounced check of the edited version had not published when the code actions were asked for',
    );
    const termFix = actions.find((a) => /child sexual abuse material/i.test(a.title));
    assert.ok(termFix, `the terminology fix is offered right after the edit (offered: ${actions.map((a) => a.title).join(' | ') || 'nothing'})`);
    const versioned = termFix.edit?.documentChanges?.[0];
    assert.ok(versioned && 'textDocument' in versioned, 'the fix is a versioned document change');
    assert.equal(versioned.textDocument.version, fixedVersion, 'the fix is made for the edited version');
    client.applyWorkspaceEdit(uri, termFix.edit!);
    assert.match(client.text(uri), /hold child sexual abuse material/i);
    assert.equal(editsFor(termFix.edit!, uri).length, 1);
  });
});
