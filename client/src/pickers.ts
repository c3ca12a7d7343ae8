/**
 * Quick picks that do what an author expects of Enter: type (part of) an entry and
 * press Enter, and that entry is taken.
 *
 * Why not `showQuickPick`: in a multi-select pick VS Code (1.100) does not make the
 * first filtered row active, so Enter with nothing ticked accepts nothing, and the
 * command silently does nothing. These helpers build the pick with
 * `createQuickPick` and, when Enter comes with nothing ticked and no row
 * highlighted, take the first entry that matches what was typed. Every picker of
 * the extension (and of other features such as bibliography citations) should use them.
 */
import * as vscode from 'vscode';
import { matchingItems } from './pickMatch';

export interface PickOptions {
  title: string;
  placeHolder?: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

/**
 * A multi-select pick. Enter takes the ticked entries; with none ticked, the
 * highlighted entry, or else the first entry matching the typed text. Resolves to
 * undefined when the pick is dismissed (Escape) or nothing matches.
 */
export function pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<readonly T[] | undefined> {
  return showPick(items, options, true);
}

/** A single-select pick with the same Enter behaviour as {@link pickMany}. */
export async function pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined> {
  return (await showPick(items, options, false))?.[0];
}

function showPick<T extends vscode.QuickPickItem>(items: readonly T[], pickOptions: PickOptions, canSelectMany: boolean): Promise<readonly T[] | undefined> {
  // The same options for VS Code's filter and for ours.
  const options = { ...pickOptions, matchOnDescription: pickOptions.matchOnDescription ?? true, matchOnDetail: pickOptions.matchOnDetail ?? true };
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<T>();
    pick.items = items;
    pick.canSelectMany = canSelectMany;
    pick.matchOnDescription = options.matchOnDescription;
    pick.matchOnDetail = options.matchOnDetail;
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    let done = false;
    const finish = (chosen: readonly T[] | undefined) => {
      done = true;
      resolve(chosen);
      pick.hide();
    };
    pick.onDidAccept(() => {
      if (canSelectMany && pick.selectedItems.length) return finish(pick.selectedItems);
      const candidates = matchingItems(items, pick.value, options);
      // The highlighted row, when it is one of the rows shown for the typed text.
      const active = pick.activeItems.find((item) => candidates.includes(item));
      const chosen = active ?? candidates[0];
      if (chosen) return finish([chosen]);
      // Nothing matches: say so (in the title: the pick's validation message is not public
      // API in every supported VS Code) and leave the pick open, so the author can correct the text.
      pick.title = `${options.title}: nothing matches "${pick.value.trim()}"`;
    });
    pick.onDidChangeValue(() => {
      pick.title = options.title;
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
