import * as assert from 'node:assert/strict';
import { ReportLinter } from '../../server/src/core/engine';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentRand, int, pick, TOKENS } from '../fuzz/generators';
import { readSample, TestClient, tempWorkspace, uriOf } from './helpers';

/**
 * A protocol storm: the real server over stdio gets 1 000 random edits to a report,
 * with random requests in between at random positions — inside the text, past the
 * end of a line, past the last line — none awaited before the next edit. Every
 * request must be answered (a result or an error response, never silence), the
 * server must stay up, and the last diagnostics must be exactly the engine's
 * findings for the final text.
 */
describe('language server: protocol storm', function () {
  this.timeout(300_000);
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.cleanup();
  });

  it('1 000 random edits with random requests at random (also out-of-range) positions', async () => {
    const original = readSample('sample-report.md');
    ws = tempWorkspace({ 'report.md': original });
    client = await TestClient.start({ folder: ws.dir });
    const c = client;
    const uri = uriOf(ws.file('report.md'));
    c.open(uri, original);
    await c.current(uri);

    const rand = documentRand(0x570a, 0);
    const pending: Promise<unknown>[] = [];
    let answered = 0;
    let errors = 0;
    // Positions as the editor counts them (LF, CRLF and a lone CR end lines).
    const documentOf = (text: string) => TextDocument.create(uri, 'markdown', 0, text);
    const position = (doc: TextDocument) => {
      switch (int(rand, 0, 4)) {
        case 0:
          return { line: int(rand, 0, doc.lineCount + 5), character: int(rand, 0, 10_000) }; // anywhere, often out of range
        case 1:
          return { line: doc.lineCount + int(rand, 0, 1000), character: 0 }; // past the last line
        case 2:
          return { line: int(rand, 0, doc.lineCount - 1), character: 2 ** 31 - 1 }; // past the end of a line
        default:
          return doc.positionAt(int(rand, 0, doc.getText().length)); // inside the text
      }
    };
    for (let i = 0; i < 1000; i++) {
      const before = c.text(uri);
      const at = int(rand, 0, before.length);
      // Typing, deleting, pasting a fragment that matters to the parser, splitting a paragraph.
      const after = pick(rand, [
        () => before.slice(0, at) + pick(rand, [...'abc XYZ,.;-\n*_[]()#>|`~¹^&']) + before.slice(at),
        () => before.slice(0, at) + before.slice(at + int(rand, 1, 12)),
        () => before.slice(0, at) + pick(rand, TOKENS) + before.slice(at),
        () => before.slice(0, at) + '\n\n' + before.slice(at),
      ])();
      // One incremental change that turns `before` into `after` (common prefix and suffix kept).
      let p = 0;
      while (p < before.length && p < after.length && before[p] === after[p]) p++;
      let s = 0;
      while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
      // Not inside a CRLF pair: the editor cannot address a position between CR and LF.
      if (p > 0 && before[p - 1] === '\r' && before[p] === '\n') p--;
      if (s > 0 && before[before.length - s - 1] === '\r' && before[before.length - s] === '\n') s--;
      const doc = documentOf(before);
      c.edit(uri, [{ range: { start: doc.positionAt(p), end: doc.positionAt(before.length - s) }, newText: after.slice(p, after.length - s) }]);
      assert.equal(c.text(uri), after);

      for (let r = int(rand, 0, 2); r > 0; r--) {
        const now = documentOf(c.text(uri));
        const at = position(now);
        const textDocument = { uri };
        const request = pick(rand, [
          () => c.request('textDocument/hover', { textDocument, position: at }),
          () => c.request('textDocument/completion', { textDocument, position: at }),
          () => c.request('textDocument/definition', { textDocument, position: at }),
          () => c.request('textDocument/references', { textDocument, position: at, context: { includeDeclaration: true } }),
          () => c.request('textDocument/prepareRename', { textDocument, position: at }),
          () => c.request('textDocument/codeAction', { textDocument, range: { start: at, end: position(now) }, context: { diagnostics: [] } }),
          () => c.request('textDocument/codeAction', { textDocument, range: { start: at, end: at }, context: { diagnostics: [], only: ['source.fixAll'] } }),
        ]);
        pending.push(
          request().then(
            () => answered++,
            () => errors++,
          ),
        );
      }
    }
    await Promise.all(pending);
    assert.equal(answered + errors, pending.length, 'every request was answered');
    assert.ok(pending.length > 500, `${pending.length} requests`);
    assert.equal(c.child.exitCode, null, 'the server is still running');

    const final = await c.current(uri);
    assert.equal(final.version, 1001);
    const text = c.text(uri);
    assert.ok(text.length > original.length / 2, 'the edits changed the report, not erased it');
    const doc = documentOf(text);
    const expected = new ReportLinter().lint(text).findings;
    assert.deepEqual(
      final.diagnostics.map((d) => ({ code: d.code, start: doc.offsetAt(d.range.start), end: doc.offsetAt(d.range.end), message: d.message })),
      expected.map((f) => ({ code: f.ruleId, start: f.start, end: f.end, message: f.message })),
    );
    // Still serving: a hover on the first participant ID of the final text is answered.
    assert.ok((await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } })) !== undefined);
    // Failures were answered as errors, never by crashing: nothing in the log says the server died.
    assert.ok(!c.logs.some((l) => /uncaught|FATAL|out of memory/i.test(l)), c.logs.join('\n').slice(0, 2000));
  });
});
