/**
 * The light bulb's "Fix all" is offered without its edit to clients that resolve
 * code actions (VS Code): computing it re-checks the whole document up to ten
 * times, and the editor asks for code actions at every cursor move.
 */
import { strict as assert } from 'node:assert';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { editsFor, readSample, TestClient, tempWorkspace, uriOf } from './helpers';

describe('language server: fix-all from the light bulb, resolved when picked', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;

  afterEach(async () => {
    await client?.stop();
    ws?.cleanup();
  });

  it('comes without an edit and with one after codeAction/resolve, the same as computed eagerly', async () => {
    const text = readSample('sample-report.md');
    ws = tempWorkspace({ 'r.md': text });
    const uri = uriOf(ws.file('r.md'));
    const lazy = await TestClient.start({ folder: ws.dir, codeActionResolve: true });
    const eager = await TestClient.start({ folder: ws.dir, applyEdit: false });
    client = lazy;
    try {
      assert.equal((lazy.initializeResult?.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
      const actionsOf = async (c: TestClient) => {
        c.open(uri, text);
        const { diagnostics } = await c.current(uri);
        const malformed = diagnostics.find((d) => d.code === 'participant-malformed');
        assert.ok(malformed, 'the sample has a malformed ID');
        return c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: malformed.range, context: { diagnostics: [malformed] } });
      };
      const lazyFixAll = (await actionsOf(lazy)).find((a) => a.title === 'Fix all safe report-lint problems');
      const eagerFixAll = (await actionsOf(eager)).find((a) => a.title === 'Fix all safe report-lint problems');
      assert.ok(lazyFixAll && eagerFixAll);
      assert.equal(lazyFixAll.edit, undefined);
      const resolved = await lazy.request<CodeAction>('codeAction/resolve', lazyFixAll);
      assert.ok(editsFor(resolved.edit!, uri).length > 1);
      assert.deepEqual(editsFor(resolved.edit!, uri), editsFor(eagerFixAll.edit!, uri));
      // After an edit, an action made for the old version resolves to nothing rather than to wrong edits.
      lazy.replace(uri, 'the', 'thee');
      await lazy.current(uri);
      assert.equal((await lazy.request<CodeAction>('codeAction/resolve', lazyFixAll)).edit, undefined);
    } finally {
      await eager.stop();
    }
  });

  it('comes as the Fix All command to a client that applies the server’s edits but does not resolve actions, and does the same', async () => {
    const text = readSample('sample-report.md');
    ws = tempWorkspace({ 'r.md': text });
    const uri = uriOf(ws.file('r.md'));
    client = await TestClient.start({ folder: ws.dir });
    const eager = await TestClient.start({ folder: ws.dir, applyEdit: false });
    try {
      const actionsOf = async (c: TestClient) => {
        c.open(uri, text);
        const { diagnostics } = await c.current(uri);
        const malformed = diagnostics.find((d) => d.code === 'participant-malformed')!;
        return c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: malformed.range, context: { diagnostics: [malformed] } });
      };
      const viaCommand = (await actionsOf(client)).find((a) => a.title === 'Fix all safe report-lint problems');
      const eagerFixAll = (await actionsOf(eager)).find((a) => a.title === 'Fix all safe report-lint problems');
      assert.ok(viaCommand && eagerFixAll);
      assert.equal(viaCommand.edit, undefined);
      assert.equal(viaCommand.command?.command, 'reportLint.fixAll');
      // Picked: the client runs the command, and the server sends the same edits as the eager action carries.
      await client.request('workspace/executeCommand', viaCommand.command);
      assert.equal(client.appliedEdits.length, 1);
      assert.deepEqual(editsFor(client.appliedEdits[0].edit, uri), editsFor(eagerFixAll.edit!, uri));
    } finally {
      await eager.stop();
    }
  });
});
