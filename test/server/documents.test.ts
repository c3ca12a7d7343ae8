import { strict as assert } from 'node:assert';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { updateDocument } from '../../server/src/lsp/documents';
import { prng } from '../core/helpers';

/**
 * The one-pass application of many changes (lsp/documents.ts) against the library's
 * change-by-change application: the same text for any list of changes, whether it
 * takes the one pass (changes from the last in the text to the first) or not.
 */
describe('applying a didChange of many changes', () => {
  const alphabet = ['a', 'b', ' ', '\n', '\r\n', 'é', '😀', 'xyz'];

  function randomText(random: () => number, length: number): string {
    let t = '';
    while (t.length < length) t += alphabet[Math.floor(random() * alphabet.length)];
    return t;
  }

  /** Changes as an editor sends a multi-cursor edit: from the last in the text to the first, valid each in turn. */
  function descendingChanges(random: () => number, doc: TextDocument, count: number): TextDocumentContentChangeEvent[] {
    const offsets = Array.from({ length: count * 2 }, () => Math.floor(random() * (doc.getText().length + 1))).sort((a, b) => b - a);
    const changes: TextDocumentContentChangeEvent[] = [];
    for (let i = 0; i + 1 < offsets.length; i += 2)
      changes.push({ range: { start: doc.positionAt(offsets[i + 1]), end: doc.positionAt(offsets[i]) }, text: randomText(random, Math.floor(random() * 4)) });
    return changes;
  }

  it('gives the library’s text for changes from last to first (one pass), in any order, and with positions past a line’s end', () => {
    const random = prng(7);
    let onePass = 0;
    for (let round = 0; round < 300; round++) {
      const doc = TextDocument.create('file:///x.md', 'markdown', 1, randomText(random, 50 + Math.floor(random() * 400)));
      let changes = descendingChanges(random, doc, 8 + Math.floor(random() * 30));
      if (round % 3 === 1) changes = changes.reverse();
      if (round % 3 === 2)
        changes = changes.map((c, i) =>
          i % 5 === 0 && 'range' in c ? { ...c, range: { start: c.range.start, end: { line: c.range.end.line, character: c.range.end.character + 3 } } } : c,
        );
      // The library updates the document it is given: each side gets its own copy.
      const copy = () => TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
      const expected = TextDocument.update(copy(), changes, 2).getText();
      const given = copy();
      const updated = updateDocument(given, changes, 2);
      // The one pass makes a new document; the library updates the one given.
      if (round % 3 === 0 && updated !== given) onePass++;
      assert.equal(updated.getText(), expected, `round ${round}`);
      assert.equal(updated.version, 2);
    }
    // Changes from last to first (a third of the rounds) take the one pass unless a position falls inside a CRLF.
    assert.ok(onePass > 30, `only ${onePass} rounds took the one pass`);
  });

  it('gives the library’s text for inserts at one place and for full-text changes among them', () => {
    const doc = () => TextDocument.create('file:///x.md', 'markdown', 1, 'one\ntwo\nthree\n');
    const at = { line: 1, character: 1 };
    const inserts = Array.from({ length: 10 }, (_, i) => ({ range: { start: at, end: at }, text: String(i) }));
    assert.equal(updateDocument(doc(), inserts, 2).getText(), TextDocument.update(doc(), inserts, 2).getText());
    const withFull = [...inserts.slice(0, 5), { text: 'new\n' }, ...inserts.slice(0, 5)];
    assert.equal(updateDocument(doc(), withFull, 2).getText(), TextDocument.update(doc(), withFull, 2).getText());
  });
});
