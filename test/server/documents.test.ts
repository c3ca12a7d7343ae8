import { strict as assert } from 'node:assert';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { updateDocument } from '../../server/src/lsp/documents';
import { prng } from '../core/helpers';

/**
 * The one-pass application of many changes (lsp/documents.ts) against the library's
 * change-by-change application: the same text for any list of changes, whether it
 * takes the one pass (changes in text order, from the last or from the first) or not.
 */
describe('applying a didChange of many changes', () => {
  const alphabet = ['a', 'b', ' ', '\n', '\r\n', '\r', 'é', '😀', 'xyz'];

  function randomText(random: () => number, length: number): string {
    let t = '';
    while (t.length < length) t += alphabet[Math.floor(random() * alphabet.length)];
    return t;
  }

  /** The library updates the document it is given: each side gets its own copy. */
  const copy = (doc: TextDocument) => TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());

  /** Non-overlapping replacements at random places, in text order: [start, end, text] in the original text. */
  function replacements(random: () => number, doc: TextDocument, count: number): [number, number, string][] {
    const offsets = Array.from({ length: count * 2 }, () => Math.floor(random() * (doc.getText().length + 1))).sort((a, b) => a - b);
    const out: [number, number, string][] = [];
    for (let i = 0; i + 1 < offsets.length; i += 2)
      out.push([offsets[i], offsets[i + 1], randomText(random, Math.floor(random() * 4)).slice(0, Math.floor(random() * 4))]);
    return out;
  }

  /** As VS Code sends a multi-cursor edit: from the last to the first, each range in the text as it was. */
  function lastToFirst(doc: TextDocument, list: [number, number, string][]): TextDocumentContentChangeEvent[] {
    return [...list].reverse().map(([a, b, text]) => ({ range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text }));
  }

  /** As Helix sends one: from the first to the last, each range in the text as the earlier changes left it. */
  function firstToLast(doc: TextDocument, list: [number, number, string][]): TextDocumentContentChangeEvent[] {
    const changes: TextDocumentContentChangeEvent[] = [];
    let current = copy(doc);
    let shift = 0;
    for (const [a, b, text] of list) {
      const change = { range: { start: current.positionAt(a + shift), end: current.positionAt(b + shift) }, text };
      changes.push(change);
      current = TextDocument.update(current, [change], 2);
      shift += text.length - (b - a);
    }
    return changes;
  }

  it('gives the library’s text for changes in text order either way, out of order, and past a line’s end', () => {
    const random = prng(11);
    const onePass = { lastToFirst: 0, firstToLast: 0 };
    for (let round = 0; round < 1200; round++) {
      const doc = TextDocument.create('file:///x.md', 'markdown', 1, randomText(random, 20 + Math.floor(random() * 300)));
      const list = replacements(random, doc, 8 + Math.floor(random() * 20));
      const kind = (['lastToFirst', 'firstToLast', 'shuffled', 'pastLineEnd'] as const)[round % 4];
      let changes = kind === 'firstToLast' ? firstToLast(doc, list) : lastToFirst(doc, list);
      if (kind === 'shuffled') changes = [...changes].sort(() => random() - 0.5);
      if (kind === 'pastLineEnd')
        changes = changes.map((c, i) =>
          i % 5 === 0 && 'range' in c ? { ...c, range: { start: c.range.start, end: { line: c.range.end.line, character: c.range.end.character + 3 } } } : c,
        );
      const expected = TextDocument.update(copy(doc), changes, 2).getText();
      const given = copy(doc);
      const updated = updateDocument(given, changes, 2);
      assert.equal(JSON.stringify(updated.getText()), JSON.stringify(expected), `round ${round} (${kind})`);
      assert.equal(updated.version, 2);
      // The one pass makes a new document; the library updates the one given.
      if (updated !== given && (kind === 'lastToFirst' || kind === 'firstToLast')) onePass[kind]++;
    }
    // Unless a position falls inside a CRLF or a change joins a CR and a LF, lists in text order take the one pass.
    assert.ok(onePass.lastToFirst > 100 && onePass.firstToLast > 100, JSON.stringify(onePass));
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
