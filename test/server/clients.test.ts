/**
 * The server as editors other than VS Code drive it: minimal capabilities, malformed
 * or out-of-order messages, cancellation, shutdown. Whatever a client sends, the server
 * answers with a clear error or ignores the message with a clear log line (never a
 * stack trace), and keeps serving.
 */
import * as assert from 'node:assert/strict';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError, type CodeAction, type Hover } from 'vscode-languageserver-protocol';
import { spawn } from 'node:child_process';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type InitializeResult } from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/core/text';
import { codes, SERVER, TestClient, tempWorkspace, uriOf, waitFor } from './helpers';

const REPORT = '| ID | Role |\n|---|---|\n| RA1-IN-05-A | Teacher |\n\nAs RA1-IN-05-A said, child pornography spreads. RA1-IN-09-Z agreed.\n';

/** A client log line that carries a stack trace ("    at f (file:1:2)"). */
const STACK_LINE = /\n\s+at \S/;

function rejection(promise: Promise<unknown>): Promise<ResponseError<unknown>> {
  return promise.then(
    (value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`),
    (e: ResponseError<unknown>) => e,
  );
}

describe('language server: clients unlike VS Code', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;

  beforeEach(() => {
    ws = tempWorkspace({ 'report.md': REPORT });
  });

  afterEach(async () => {
    await client?.stop();
    ws.cleanup();
  });

  for (const minimal of ['rootUri', 'none'] as const) {
    it(`a client with no configuration, registration or workspace folders (${minimal === 'rootUri' ? 'rootUri only' : 'no root'}) gets diagnostics, and is asked nothing`, async () => {
      client = await TestClient.start({ folder: ws.dir, minimal });
      const uri = uriOf(ws.file('report.md'));
      client.open(uri, REPORT);
      const { diagnostics } = await client.current(uri);
      assert.deepEqual(codes(diagnostics), ['terminology-avoid', 'participant-unknown']);
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 25 } });
      assert.match(JSON.stringify(hover?.contents), /avoid/);
      assert.deepEqual(client.serverRequests, []);
    });
  }

  describe('a change of workspace folders is read from the event itself', () => {
    let other: ReturnType<typeof tempWorkspace>;
    beforeEach(() => {
      other = tempWorkspace({ 'notes.md': 'Another folder on child pornography.\n' });
    });
    afterEach(() => other.cleanup());

    const added = () => ({ event: { added: [{ uri: uriOf(other.dir), name: 'other' }], removed: [] } });
    const removed = () => ({ event: { added: [], removed: [{ uri: uriOf(other.dir), name: 'other' }] } });

    it('from a client that declares folders but fails workspace/workspaceFolders', async () => {
      client = await TestClient.start({ folder: ws.dir, settings: { workspaceDiagnostics: true } });
      client.connection.onRequest('workspace/workspaceFolders', () => {
        throw new ResponseError(ErrorCodes.InternalError, 'this client keeps no folder list');
      });
      const notes = uriOf(other.file('notes.md'));
      await client.diagnostics(uriOf(ws.file('report.md')), (p) => p.diagnostics.length > 0);
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', added());
      const { diagnostics } = await client.diagnostics(notes, (p) => p.diagnostics.length > 0);
      assert.deepEqual(codes(diagnostics), ['terminology-avoid']);
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', removed());
      await client.next(notes, (p) => p.diagnostics.length === 0);
      assert.ok(!client.logs.some((l) => /worker (failed|stopped)/.test(l)), client.logs.join('\n'));
    });

    it('from a client that never declared folder support', async () => {
      client = await TestClient.start({ folder: ws.dir, minimal: 'rootUri', initializationOptions: { reportLint: { workspaceDiagnostics: true } } });
      await client.diagnostics(uriOf(ws.file('report.md')), (p) => p.diagnostics.length > 0);
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', added());
      const { diagnostics } = await client.diagnostics(uriOf(other.file('notes.md')), (p) => p.diagnostics.length > 0);
      assert.deepEqual(codes(diagnostics), ['terminology-avoid']);
      assert.deepEqual(client.serverRequests, []);
    });
  });

  it('Fix All in an editor that cannot apply edits the server sends: not applied, with the reason shown, and nothing asked', async () => {
    client = await TestClient.start({ folder: ws.dir, minimal: 'rootUri' });
    const uri = uriOf(ws.file('report.md'));
    const text = REPORT.replace('As RA1-IN-05-A', 'As ra1-in-5-a');
    client.open(uri, text);
    await client.current(uri);
    const result = await client.request<{ applied: boolean; message: string }>('workspace/executeCommand', { command: 'reportLint.fixAll', arguments: [uri] });
    assert.equal(result.applied, false);
    assert.match(result.message, /workspace\/applyEdit/);
    await waitFor(() => client.shownMessages.some((m) => /Fix all.*not applied.*workspace\/applyEdit/.test(m)), 'the reason shown');
    assert.deepEqual(client.serverRequests, []);
  });

  it('Fix All when the editor fails workspace/applyEdit: not applied, with its answer as the reason', async () => {
    client = await TestClient.start({ folder: ws.dir });
    client.connection.onRequest('workspace/applyEdit', () => {
      throw new ResponseError(ErrorCodes.InternalError, 'the buffer is read-only');
    });
    const uri = uriOf(ws.file('report.md'));
    client.open(uri, REPORT.replace('As RA1-IN-05-A', 'As ra1-in-5-a'));
    await client.current(uri);
    const result = await client.request<{ applied: boolean; message: string }>('workspace/executeCommand', { command: 'reportLint.fixAll', arguments: [uri] });
    assert.equal(result.applied, false);
    assert.match(result.message, /read-only/);
  });

  it('a storm of changed files (a branch switched) is checked in turns: requests are answered in between', async () => {
    const count = 150;
    const files: string[] = [];
    for (let i = 0; i < count; i++) files.push(ws.write(`chapters/c${i}.md`, `Chapter ${i} says nothing wrong.\n`.repeat(20)));
    client = await TestClient.start({ folder: ws.dir, settings: { workspaceDiagnostics: true } });
    const last = uriOf(files[count - 1]);
    await client.diagnostics(last);
    const uri = uriOf(ws.file('report.md'));
    client.open(uri, REPORT);
    await client.current(uri);
    for (const f of files) ws.write(f.slice(ws.dir.length + 1), `Chapter on child pornography.\n`.repeat(20));
    const before = new Map(files.map((f) => [uriOf(f), client.published.get(uriOf(f))?.length ?? 0]));
    const republished = () => files.filter((f) => (client.published.get(uriOf(f))?.length ?? 0) > before.get(uriOf(f))!).length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: uriOf(f), type: 2 })) });
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 25 } });
    const atHover = republished();
    assert.match(JSON.stringify(hover?.contents), /avoid/);
    assert.ok(atHover < count, `the hover waited for all ${count} files to be checked`);
    // And every file is checked in the end, with what is on disk now.
    await waitFor(() => republished() === count, 'every changed file checked', 30_000);
    assert.deepEqual(codes(client.published.get(last)!.at(-1)!.diagnostics), Array(20).fill('terminology-avoid'));
  });

  it('answers a request before initialize with ServerNotInitialized, then initializes normally', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ws.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const early = await rejection(
        connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(ws.file('report.md')) }, position: { line: 0, character: 0 } }),
      );
      assert.equal(early.code, ErrorCodes.ServerNotInitialized);
      assert.match(early.message, /initialize first/);
      const result = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.ok(result.capabilities.hoverProvider);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendNotification('exit');
      await exited;
      connection.dispose();
    }
  });

  it('says once that a document changed without being opened is not seen, and checks it once opened', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('report.md'));
    const change = { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'Child prostitution.\n' }] };
    await client.connection.sendNotification('textDocument/didChange', change);
    await client.connection.sendNotification('textDocument/didChange', { ...change, textDocument: { uri, version: 3 } });
    client.open(uri, REPORT);
    const { diagnostics } = await client.current(uri);
    assert.deepEqual(codes(diagnostics), ['terminology-avoid', 'participant-unknown']);
    const told = client.logMessages.filter((l) => l.includes(uri) && /never opened/.test(l));
    assert.equal(told.length, 1, client.logMessages.join('\n'));
  });

  it('checks untitled Quarto and R Markdown documents (known by their language, as they have no file name)', async () => {
    client = await TestClient.start({ folder: ws.dir });
    for (const [uri, languageId] of [
      ['untitled:Untitled-1', 'quarto'],
      ['untitled:Untitled-2', 'rmd'],
    ]) {
      client.open(uri, 'Child pornography.\n', languageId);
      assert.deepEqual(codes((await client.current(uri)).diagnostics), ['terminology-avoid'], languageId);
    }
  });

  it('applies a multi-cursor edit (one didChange of many changes) as the editor did', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('report.md'));
    const text = REPORT + 'RA1-IN-09-Z and child pornography again.\n'.repeat(40);
    client.open(uri, text);
    await client.current(uri);
    const lines = new LineIndex(text);
    const edits = [...text.matchAll(/RA1-IN-09-Z/g)].map((m) => ({
      range: { start: lines.positionAt(m.index), end: lines.positionAt(m.index + 11) },
      newText: 'RA1-IN-05-A',
    }));
    assert.ok(edits.length > 8);
    client.edit(uri, edits);
    const { diagnostics } = await client.current(uri);
    const now = new LineIndex(client.text(uri));
    assert.deepEqual(
      [...new Set(diagnostics.map((d) => client.text(uri).slice(now.offsetAt(d.range.start), now.offsetAt(d.range.end))))],
      ['child pornography'],
    );
    assert.equal(diagnostics.length, 41);
  });

  it('checks for a client that never sends initialized, saying so in the log', async () => {
    client = await TestClient.start({ folder: ws.dir, minimal: 'rootUri', withoutInitialized: true });
    const uri = uriOf(ws.file('report.md'));
    client.open(uri, REPORT);
    const { diagnostics } = await client.current(uri);
    assert.deepEqual(codes(diagnostics), ['terminology-avoid', 'participant-unknown']);
    assert.ok(
      client.logMessages.some((l) => /has not sent "initialized"/.test(l)),
      client.logMessages.join('\n'),
    );
  });

  it('ends when the editor closes its input, or when the editor process it was given is gone (no orphan)', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('report.md'));
    client.open(uri, REPORT);
    await client.current(uri);
    const closed = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
    client.child.stdin!.end();
    assert.equal(await closed, 1, 'exit without shutdown is code 1');

    // An editor process that has already ended: its pid is given as processId.
    const editor = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => editor.once('exit', resolve));
    const orphan = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ws.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(orphan.stdout), new StreamMessageWriter(orphan.stdin));
    connection.listen();
    const gone = new Promise((resolve) => orphan.once('exit', resolve));
    await connection.sendRequest('initialize', { processId: editor.pid, rootUri: null, capabilities: {} }).catch(() => undefined);
    await gone;
    connection.dispose();
  });

  it('code actions for a range over thousands of findings: the fixes of the first 500, not a menu of thousands', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('long.md'));
    const text = 'Child pornography again.\n\n'.repeat(1200);
    client.open(uri, text);
    assert.equal((await client.current(uri)).diagnostics.length, 1200);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 2400, character: 0 } },
      context: { diagnostics: [] },
    });
    const lines = new Set(actions.flatMap((a) => a.diagnostics ?? []).map((d) => d.range.start.line));
    assert.equal(lines.size, 500);
    assert.ok(lines.has(0), 'the first finding of the range is among them');
  });

  it('answers a request with missing or malformed parameters with InvalidParams naming the field, and keeps serving', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('report.md'));
    client.open(uri, REPORT);
    await client.current(uri);
    const cases: [string, unknown, RegExp][] = [
      ['textDocument/hover', {}, /textDocument/],
      ['textDocument/hover', { textDocument: { uri } }, /position/],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }, /position/],
      ['textDocument/completion', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }, /textDocument\.uri/],
      ['textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } }, /range/],
      ['textDocument/rename', { textDocument: { uri }, position: { line: 4, character: 5 } }, /newName/],
      ['workspace/executeCommand', {}, /command/],
    ];
    for (const [method, params, field] of cases) {
      const e = await rejection(client.request(method, params));
      assert.equal(e.code, ErrorCodes.InvalidParams, `${method} ${JSON.stringify(params)}: ${e.message}`);
      assert.match(e.message, field);
      assert.match(e.message, new RegExp(method.replace('/', '\\/')));
    }
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 25 } });
    assert.match(JSON.stringify(hover?.contents), /avoid/);
    assert.ok(!client.logs.some((l) => STACK_LINE.test(l)), client.logs.join('\n'));
  });

  it('ignores malformed notifications with a clear log line, and the document stays as the valid edits made it', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('report.md'));
    const send = (method: string, params: unknown) => void client.connection.sendNotification(method, params);
    send('textDocument/didOpen', {});
    send('textDocument/didOpen', { textDocument: { uri: uriOf(ws.file('other.md')), languageId: 'markdown', version: 1, text: 42 } });
    client.open(uri, REPORT);
    await client.current(uri);
    send('textDocument/didChange', { textDocument: { uri, version: 2 } });
    send('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }] });
    send('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: null }] });
    send('textDocument/didClose', {});
    send('workspace/didChangeWatchedFiles', { changes: [{ uri: 42, type: 1 }] });
    send('$/cancelRequest', {});
    // A valid edit after all that: the server's copy must match the client's.
    client.replace(uri, 'RA1-IN-09-Z', 'RA1-IN-05-A');
    const { diagnostics } = await client.current(uri);
    assert.deepEqual(codes(diagnostics), ['terminology-avoid']);
    assert.equal(diagnostics[0].range.start.line, 4);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: diagnostics[0].range.start });
    assert.match(JSON.stringify(hover?.contents), /avoid/);
    await waitFor(() => client.logs.filter((l) => /report-lint: ignored/.test(l)).length >= 7, 'a log line per ignored notification');
    const ignored = client.logs.filter((l) => /report-lint: ignored/.test(l)).join('\n');
    for (const what of [
      /didOpen.*textDocument/,
      /didOpen.*text must be a string/,
      /didChange.*contentChanges/,
      /didChange.*range/,
      /didClose/,
      /didChangeWatchedFiles/,
      /cancelRequest/,
    ])
      assert.match(ignored, what);
    assert.ok(!client.logs.some((l) => STACK_LINE.test(l) || /TypeError/.test(l)), client.logs.join('\n'));
  });

  /** Opens a report of 4,000 paragraphs, each with a finding (long enough to keep the server busy), and waits for its check. */
  async function openLongReport(c: TestClient, file: string): Promise<string> {
    const uri = uriOf(file);
    let text = '';
    for (let i = 0; i < 4000; i++) text += `Paragraph ${i} on child pornography case ${(i * 7919) % 10007}.\n\n`;
    c.open(uri, text);
    await c.current(uri);
    return uri;
  }

  it('answers shutdown at once, even while busy; refuses requests after it; exits with code 0 on exit', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = await openLongReport(client, ws.file('long.md'));
    const order: string[] = [];
    // A request that keeps the server busy (fixes for every finding of a long report), then shutdown.
    const busy = client
      .request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 8000, character: 0 } },
        context: { diagnostics: [] },
      })
      .then(() => order.push('codeAction'));
    const shutdown = client.request('shutdown', null).then(() => order.push('shutdown'));
    await Promise.all([busy, shutdown]);
    assert.deepEqual(order, ['shutdown', 'codeAction'], 'shutdown is answered without waiting for the busy request');
    const after = await rejection(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 20 } }));
    assert.equal(after.code, ErrorCodes.InvalidRequest);
    assert.match(after.message, /shut/);
    const exited = new Promise<number | null>((resolve) => client.child.once('exit', (code) => resolve(code)));
    await client.connection.sendNotification('exit');
    assert.equal(await exited, 0);
  });

  it('answers requests cancelled while they waited with RequestCancelled, without computing them', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = await openLongReport(client, ws.file('long.md'));
    const whole = { start: { line: 0, character: 0 }, end: { line: 8000, character: 0 } };
    // The first request keeps the server busy; the others queue behind it and are cancelled there.
    const first = client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } });
    const outcomes: Promise<string>[] = [];
    for (let i = 0; i < 5; i++) {
      const source = new CancellationTokenSource();
      outcomes.push(
        client.connection
          .sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } }, source.token)
          .then(
            (r) => `answered ${r.length}`,
            (e: ResponseError<unknown>) => `error ${e.code}`,
          ),
      );
      source.cancel();
    }
    assert.ok((await first).length > 1000);
    assert.deepEqual(await Promise.all(outcomes), Array(5).fill(`error ${LSPErrorCodes.RequestCancelled}`));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 30 } });
    assert.match(JSON.stringify(hover?.contents), /avoid/);
  });
});
