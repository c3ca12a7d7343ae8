import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/core/text';
import { ReportLinter } from '../../server/src/core/engine';

describe('LineIndex: positions as the editor counts them', () => {
  it('LF, CRLF and a lone CR end lines (as in LSP), and offsets round-trip', () => {
    const text = 'one\ntwo\r\nthree\rfour\r\rsix\n\r\nend';
    const lines = new LineIndex(text);
    const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
    assert.equal(lines.lineCount, doc.lineCount);
    for (let o = 0; o <= text.length; o++) {
      // Between CR and LF is no position an editor can name.
      if (text[o - 1] === '\r' && text[o] === '\n') continue;
      assert.deepEqual(lines.positionAt(o), doc.positionAt(o), `offset ${o}`);
      assert.equal(lines.offsetAt(lines.positionAt(o)), o);
    }
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((l) => lines.lineText(l)),
      ['one', 'two', 'three', 'four', '', 'six', '', 'end'],
    );
    // Past the end of a line: its end, before the line break.
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), text.indexOf('\r\n'));
    assert.equal(lines.offsetAt({ line: 99, character: 0 }), text.length);
  });

  it("the model's lines (read while splitting the blocks) are the text's lines: line ends, front matter, byte-order mark", () => {
    const texts = [
      '',
      '\n',
      'one',
      'one\n\ntwo\n',
      'one\r\n\r\ntwo\r\n```\r\n\r\ncode\r\n```\r\n',
      'one\rtwo\r\rthree\n\r\nfour',
      '\ufeff# Title\n\nText.\n\n\n',
      '---\ntitle: A\n---\n# Title\n\nText.',
      '---\r\ntitle: A\r\n---\r\n\r\nText.\r\n',
      '---\rtitle: A\r---\r\rText.\r',
      '\ufeff---\ntitle: A\n---\nText.',
      '---\ntitle: A\n---',
      '    indented\n\n    code\n<!--\n\n-->\n',
    ];
    const linter = new ReportLinter();
    for (const text of texts) assert.deepEqual(linter.lint(text).model.lines.lineStarts, new LineIndex(text).lineStarts, JSON.stringify(text));
  });
});
