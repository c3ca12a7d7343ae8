import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/core/text';

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
});
