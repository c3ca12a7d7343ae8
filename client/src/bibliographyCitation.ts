import * as vscode from 'vscode';
import { bibliographyCitationText, documentCitationStyle, entryMatches } from './citationText';
import type { BibliographyInfo } from '../../server/src/protocol';

interface EntryPickItem extends vscode.QuickPickItem {
  key: string;
  entry: BibliographyInfo['entries'][number];
}

/**
 * A multi-select pick of the bibliography. Enter with nothing ticked takes the
 * entry the author filtered to: VS Code does not make the first filtered row of a
 * multi-select pick active, so the row is found again from the typed text.
 */
function pickEntries(items: EntryPickItem[]): Promise<readonly EntryPickItem[] | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<EntryPickItem>();
    pick.items = items;
    pick.canSelectMany = true;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.title = 'Insert Bibliography Citation';
    pick.placeholder = 'Type an author, year or title and press Enter, or tick several to cite them together';
    let done = false;
    pick.onDidAccept(() => {
      done = true;
      let chosen: readonly EntryPickItem[] = pick.selectedItems;
      if (!chosen.length) chosen = pick.activeItems.slice(0, 1);
      if (!chosen.length) {
        const typed = pick.value.trim();
        const first = items.find((i) => entryMatches({ key: i.key, authorYear: i.entry.authorYear, title: i.entry.title }, typed));
        chosen = first ? [first] : [];
      }
      resolve(chosen.length ? chosen : undefined);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/**
 * Insert Bibliography Citation: pick entries (search by author, year or title),
 * give a locator if wanted, and the citation is typed at the cursor in the
 * document's style: added to the group the cursor is in, a new `[@key]` group, or
 * `@key` where a sentence starts or in a document that mostly cites narratively.
 */
export async function insertBibliographyCitation(editor: vscode.TextEditor, info: BibliographyInfo): Promise<void> {
  if (!info.hasBibliography) {
    void vscode.window.showInformationMessage(
      'Report Lint: this report names no bibliography. Add `bibliography: references.bib` (or `references:`) to its front matter.',
    );
    return;
  }
  if (!info.entries.length) {
    void vscode.window.showInformationMessage(`Report Lint: the bibliography has no entries${info.problems.length ? ` (${info.problems.join('; ')})` : ''}.`);
    return;
  }
  const items: EntryPickItem[] = info.entries.map((e) => ({
    label: e.title ?? e.key,
    description: [e.authorYear, `@${e.key}`].filter(Boolean).join(' · '),
    detail: [e.container, e.citations ? `cited ${e.citations} time${e.citations === 1 ? '' : 's'}` : 'not cited yet'].filter(Boolean).join(' · '),
    key: e.key,
    entry: e,
  }));
  const picked = await pickEntries(items);
  if (!picked?.length) return;
  const locator = await vscode.window.showInputBox({
    title: 'Insert Bibliography Citation: locator (optional)',
    prompt: `Page, chapter or section for @${picked[picked.length - 1].key} (for example "p. 12"); Enter to leave it out`,
    placeHolder: 'p. 12',
  });
  // Escape cancels the insertion; an empty locator is left out.
  if (locator === undefined) return;
  const document = editor.document;
  const style = documentCitationStyle(info.narrativeCitations, info.bracketedCitations);
  await editor.edit((edit) => {
    for (const selection of editor.selections) {
      const line = document.lineAt(selection.start.line).text;
      const text = bibliographyCitationText(
        line.slice(0, selection.start.character),
        line.slice(selection.end.character),
        picked.map((p) => p.key),
        locator,
        style,
        selection.start.line > 0 ? document.lineAt(selection.start.line - 1).text : '',
      );
      edit.replace(selection, text);
    }
  });
}
