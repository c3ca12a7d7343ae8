import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { FootnotePickItem, ParticipantPickItem, ReportLintApi, ReportLintUi } from '../../../client/src/extension';
import { closeAllEditors, extensionApi, openScratch, placeCursor, waitFor } from './helpers';

const TABLE = `| ID Number | Agency | Position |
| --- | --- | --- |
| RA3-BW-01-A | Ministry of Basic Education | School Counsellor |
| RA3-BW-01-B | Ministry of Basic Education | Head Teacher |
| RA3-BW-02-A | Botswana Police Service | Child Protection Officer |
`;

const CITATIONS = `# Riverbank notes

We held 2 interviews with a total of 3 participants.

${TABLE}
Counsellors said pupils confide in friends first (RA3-BW-01-A).

The head teacher agreed.

The officer saw it differently (RA3-BW-02-A
`;

const GFM_NOTES = `# Riverbank notes

Teachers asked for a reporting guide.[^1] Parents asked for the same thing.

[^1]: Riverbank Parents' Forum. (2022). Minutes of the annual meeting.
`;

const SUPERSCRIPT_NOTES = `# Riverbank notes

Teachers asked for a reporting guide.¹ Parents asked for the same thing.

¹ Riverbank Parents' Forum. (2022). Minutes of the annual meeting.

A later paragraph about school transport.
`;

const NO_NOTES = `# Riverbank notes

Teachers asked for a reporting guide.
`;

suite('commands', () => {
  let api: ReportLintApi;
  let realUi: ReportLintUi;
  let participantItems: ParticipantPickItem[] | undefined;
  let footnoteItems: FootnotePickItem[] | undefined;

  /** Answers the participant picker with the items whose IDs are given, in that order. */
  function pickParticipants(...ids: string[]): void {
    api.ui.pickParticipants = async (items) => {
      participantItems = items;
      return ids.map((id) => {
        const item = items.find((i) => i.label === id);
        assert.ok(item, `${id} is offered`);
        return item;
      });
    };
  }

  function pickFootnote(choose: (items: FootnotePickItem[]) => FootnotePickItem | undefined): void {
    api.ui.pickFootnote = async (items) => {
      footnoteItems = items;
      return choose(items);
    };
  }

  suiteSetup(async () => {
    api = await extensionApi();
    realUi = { ...api.ui };
  });
  setup(() => {
    participantItems = undefined;
    footnoteItems = undefined;
  });
  teardown(async () => {
    Object.assign(api.ui, realUi);
    await closeAllEditors();
  });

  suite('Insert Participant Citation', () => {
    test('offers every participant with agency, position and citation count, and inserts "(ID)" at the cursor', async () => {
      const editor = await openScratch(CITATIONS);
      placeCursor(editor, 'The head teacher agreed');
      pickParticipants('RA3-BW-01-B');
      await vscode.commands.executeCommand('reportLint.insertParticipantCitation');
      assert.match(editor.document.getText(), /The head teacher agreed \(RA3-BW-01-B\)\.\n/);

      assert.deepEqual(
        participantItems?.map((i) => i.label),
        ['RA3-BW-01-A', 'RA3-BW-01-B', 'RA3-BW-02-A'],
      );
      const counsellor = participantItems!.find((i) => i.label === 'RA3-BW-01-A')!;
      assert.equal(counsellor.description, 'Ministry of Basic Education');
      assert.match(counsellor.detail ?? '', /School Counsellor/);
      assert.match(counsellor.detail ?? '', /cited 1 time\b/);
      assert.match(participantItems!.find((i) => i.label === 'RA3-BW-01-B')!.detail ?? '', /not cited yet/);
    });

    test('two participants of one interview are cited in the combined form', async () => {
      const editor = await openScratch(CITATIONS);
      placeCursor(editor, 'The head teacher agreed');
      pickParticipants('RA3-BW-01-B', 'RA3-BW-01-A');
      await vscode.commands.executeCommand('reportLint.insertParticipantCitation');
      assert.match(editor.document.getText(), /The head teacher agreed \(RA3-BW-01-A&B\)\./);
    });

    test('inside an open parenthesis only the ID is added, after a separator', async () => {
      const editor = await openScratch(CITATIONS);
      placeCursor(editor, '(RA3-BW-02-A');
      pickParticipants('RA3-BW-01-A');
      await vscode.commands.executeCommand('reportLint.insertParticipantCitation');
      assert.match(editor.document.getText(), /saw it differently \(RA3-BW-02-A; RA3-BW-01-A\n/);
    });

    test('dismissing the picker changes nothing', async () => {
      const editor = await openScratch(CITATIONS);
      placeCursor(editor, 'The head teacher agreed');
      api.ui.pickParticipants = async () => undefined;
      await vscode.commands.executeCommand('reportLint.insertParticipantCitation');
      assert.equal(editor.document.getText(), CITATIONS);
      assert.equal(editor.document.isDirty, false);
    });
  });

  suite('Insert Footnote', () => {
    test('GFM report: a new footnote inserts [^2] at the cursor and a definition at the end, with the cursor in it', async () => {
      const editor = await openScratch(GFM_NOTES);
      placeCursor(editor, 'the same thing');
      pickFootnote((items) => items.find((i) => i.citeAgain === undefined));
      await vscode.commands.executeCommand('reportLint.insertFootnote');
      const text = editor.document.getText();
      assert.match(text, /Parents asked for the same thing\[\^2\]\./);
      assert.ok(text.endsWith('annual meeting.\n\n[^2]: '), JSON.stringify(text.slice(-60)));
      assert.deepEqual(editor.selection.active, editor.document.positionAt(text.length), 'the cursor waits in the new definition');
      assert.deepEqual(
        footnoteItems?.map((i) => i.label),
        ['New footnote', "Cite again: Riverbank Parents' Forum. (2022). Minutes of the annual meeting."],
      );
    });

    test('GFM report: "cite again" adds a new footnote that repeats the earlier text', async () => {
      const editor = await openScratch(GFM_NOTES);
      placeCursor(editor, 'the same thing');
      pickFootnote((items) => items.find((i) => i.citeAgain !== undefined));
      await vscode.commands.executeCommand('reportLint.insertFootnote');
      const text = editor.document.getText();
      assert.match(text, /the same thing\[\^2\]\./);
      assert.ok(text.endsWith("[^2]: Riverbank Parents' Forum. (2022). Minutes of the annual meeting."), JSON.stringify(text.slice(-80)));
      assert.deepEqual(editor.selection.active, placeCursorlessPosition(editor, 'the same thing[^2]'), 'the cursor stays after the reference');
    });

    test('superscript report: ² at the cursor and a "² " paragraph after the paragraph and its definitions', async () => {
      const editor = await openScratch(SUPERSCRIPT_NOTES);
      placeCursor(editor, 'the same thing');
      pickFootnote((items) => items.find((i) => i.citeAgain === undefined));
      await vscode.commands.executeCommand('reportLint.insertFootnote');
      const text = editor.document.getText();
      assert.match(text, /Parents asked for the same thing²\./);
      assert.match(text, /annual meeting\.\n\n² \n\nA later paragraph about school transport\./);
      assert.deepEqual(editor.selection.active, placeCursorlessPosition(editor, 'annual meeting.\n\n² '));
    });

    test('a report without footnotes uses reportLint.defaultFootnoteStyle, GFM unless set', async () => {
      let picker = 0;
      pickFootnote((items) => {
        picker++;
        return items[0];
      });
      const gfm = await openScratch(NO_NOTES);
      placeCursor(gfm, 'a reporting guide');
      await vscode.commands.executeCommand('reportLint.insertFootnote');
      assert.equal(gfm.document.getText(), '# Riverbank notes\n\nTeachers asked for a reporting guide[^1].\n\n[^1]: ');

      const config = vscode.workspace.getConfiguration('reportLint');
      try {
        await config.update('defaultFootnoteStyle', 'superscript', vscode.ConfigurationTarget.Global);
        const sup = await openScratch(NO_NOTES);
        placeCursor(sup, 'a reporting guide');
        await vscode.commands.executeCommand('reportLint.insertFootnote');
        assert.equal(sup.document.getText(), '# Riverbank notes\n\nTeachers asked for a reporting guide¹.\n\n¹ \n');
      } finally {
        await config.update('defaultFootnoteStyle', undefined, vscode.ConfigurationTarget.Global);
      }
      assert.equal(picker, 0, 'with nothing to cite again there is nothing to pick');
    });
  });

  suite('Renumber Footnotes and Fix All', () => {
    test('renumbers GFM footnotes in order of first reference', async () => {
      const editor = await openScratch('Early claim.[^2] Later claim.[^1]\n\n[^1]: Source one.\n\n[^2]: Source two.\n');
      await vscode.commands.executeCommand('reportLint.renumberFootnotes');
      await waitFor(() => editor.document.getText().startsWith('Early claim.[^1] Later claim.[^2]'), 'the references to be renumbered');
      assert.equal(editor.document.getText(), 'Early claim.[^1] Later claim.[^2]\n\n[^2]: Source one.\n\n[^1]: Source two.\n');
    });

    test('renumbers superscript footnotes in order of first reference, and puts the notes in number order', async () => {
      const editor = await openScratch('Early claim.² Later claim.¹\n\n¹ Source one.\n\n² Source two.\n');
      await vscode.commands.executeCommand('reportLint.renumberFootnotes');
      await waitFor(() => editor.document.getText().startsWith('Early claim.¹ Later claim.²'), 'the references to be renumbered');
      assert.equal(editor.document.getText(), 'Early claim.¹ Later claim.²\n\n¹ Source two.\n\n² Source one.\n');
    });

    test('Fix All applies the safe fixes and leaves wording changes to the author', async () => {
      const text = `${TABLE}\nThe counsellor spoke first (RA3-BW-01 A), then the officer (ra3-bw-02-a), then the head teacher (RA3-BW-01-B).[^2] Some called them paedophiles.[^1]\n\n[^1]: Source one.\n\n[^2]: Source two.\n`;
      const editor = await openScratch(text);
      await vscode.commands.executeCommand('reportLint.fixAll');
      await waitFor(() => !editor.document.getText().includes('ra3-bw-02-a'), 'the fixes to be applied');
      const fixed = editor.document.getText();
      assert.match(fixed, /spoke first \(RA3-BW-01-A\), then the officer \(RA3-BW-02-A\)/);
      assert.match(fixed, /\(RA3-BW-01-B\)\.\[\^1\] Some called them paedophiles\.\[\^2\]/);
      assert.match(fixed, /paedophiles/, 'terminology is not changed by Fix All');
    });
  });
});

/** The position right after `marker` (without moving the cursor). */
function placeCursorlessPosition(editor: vscode.TextEditor, marker: string): vscode.Position {
  const offset = editor.document.getText().indexOf(marker);
  assert.ok(offset >= 0, `${JSON.stringify(marker)} not in the document`);
  return editor.document.positionAt(offset + marker.length);
}
