// The defects of issue 11 an author met in the real workbench, used as a person would: typing,
// Enter, clicking, the keyboard shortcuts of the menus (packaged .vsix in code-server + Chromium).
//
//  - Renumber Footnotes in a superscript report puts the notes in number order too.
//  - Insert Footnote in the middle of a report: attached to the word before the cursor (after a
//    typed space), numbered for its place, later footnotes renumbered, one Undo takes it back;
//    its picker takes typed text + Enter ("new", "survey").
//  - Insert Participant Citation: type part of an ID and press Enter; tick A and B → A&B.
//  - Completion offers the combined ID of an interview (RA2-UG-01-A&B).
//  - reportLint.fixOnSave fixes a typed malformed ID under files.autoSave, no Ctrl+S.
//  - A broken .reportlintrc.json: one diagnostic at a time, one pop-up per distinct problem.
//  - Offline rule documentation: Explain Rule and the hover link open the shipped page.
//
// Fixture: test/e2e/workspaces/editor-fixes, copied to a temporary folder by scripts/e2e.mjs
// (the steps save files). Screenshots of each step: test/e2e/.artifacts/editor-fixes-ui-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { quickOpen, startCommand } from '../codeServer.mjs';
import { goToLine, hoverText, see, waitForEditorLine, waitForHover, waitForSquiggleUnder } from './editorDom.mjs';

const REPORT = 'uganda-notes.md';
const SERVER_MS = 60_000;
const UI_MS = 20_000;

/** The active editor's rendered lines in document order (the fixture fits the editor). */
async function editorLines(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')]
      .map((el) => ({ top: el.getBoundingClientRect().top, text: el.textContent.replace(/\u00a0/g, ' ').replace(/\s+$/, '') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
}

/** Waits until the rendered lines, blank lines dropped, contain `expected` as consecutive lines. */
async function waitForLines(page, what, expected) {
  const deadline = Date.now() + SERVER_MS;
  let lines = [];
  while (Date.now() < deadline) {
    lines = (await editorLines(page)).filter((l) => l.trim());
    for (let i = 0; i + expected.length <= lines.length; i++) {
      if (expected.every((e, j) => lines[i + j] === e)) return lines;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`did not see ${what}:\n  expected consecutive lines ${JSON.stringify(expected, null, 2)}\n  editor: ${JSON.stringify(lines, null, 2)}`);
}

/** The 1-based number of the rendered line holding `needle`, read from the editor's gutter. */
async function lineOf(page, needle) {
  const handle = await page.waitForFunction(
    (text) => {
      const line = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')].find((el) =>
        el.textContent.replace(/\u00a0/g, ' ').includes(text),
      );
      if (!line) return null;
      const top = line.getBoundingClientRect().top;
      const number = [...document.querySelectorAll('.editor-instance .monaco-editor .margin-view-overlays .line-numbers')].find(
        (el) => Math.abs(el.getBoundingClientRect().top - top) < 2,
      );
      return number ? Number(number.textContent.trim()) : null;
    },
    needle,
    { timeout: UI_MS, polling: 200 },
  );
  return handle.jsonValue();
}

/** Waits until `file` matches `pattern`; resolves to its text. */
async function waitForFile(file, pattern) {
  const deadline = Date.now() + SERVER_MS;
  let text = '';
  while (Date.now() < deadline) {
    text = fs.readFileSync(file, 'utf8');
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${path.basename(file)} on disk does not match ${pattern}:\n${text}`);
}

/** Puts the cursor at the end of the line holding `needle` (Ctrl+G, End). */
async function cursorAtEndOf(page, needle) {
  await goToLine(page, await see(`a line holding "${needle}"`, lineOf(page, needle)));
  await page.keyboard.press('End');
}

/** F1, the command's title, Enter. */
const command = (page, title) => startCommand(page, title, { timeoutMs: UI_MS });

/** Closes the tab whose label holds `name` with its × button (a preview has the keyboard focus inside its frame). */
async function closeTab(page, name) {
  const tab = page.locator('.tabs-container .tab', { hasText: name }).first();
  await tab.hover();
  await tab.locator('.tab-actions .action-label').first().click();
  await tab.waitFor({ state: 'detached', timeout: UI_MS });
}

/** Waits for the extension's quick pick titled `title`; resolves to its input box. */
async function pickTitled(page, title) {
  await see(
    `the "${title}" pick`,
    page.locator('.quick-input-widget .quick-input-title', { hasText: title }).first().waitFor({ state: 'visible', timeout: SERVER_MS }),
  );
  return page.locator('.quick-input-widget input');
}

export default async function editorFixesUi({ page, workspaceFolder, screenshot, log }) {
  const reportFile = path.join(workspaceFolder, REPORT);

  await quickOpen(page, REPORT);
  await page.keyboard.press('Control+B'); // side bar closed: lines do not wrap
  await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: UI_MS });
  await see('the footnote-order finding on ³', waitForSquiggleUnder(page, '³', 'info', { context: 'began online.³', timeoutMs: SERVER_MS }));
  await screenshot('1-opened');

  // 0. Offline rule documentation: the hover of a finding links to its rule's page, which opens
  //    from the extension's own files (Markdown preview); so does Report Lint: Explain Rule.
  await hoverText(page, '³', { context: 'began online.³' });
  const hover = await see('the Explain link in the hover', waitForHover(page, /Explain footnote-order/, { timeoutMs: SERVER_MS }));
  assert.match(hover, /footnote-order/);
  await screenshot('1a-hover-explain');
  await page.locator('.monaco-hover:visible a', { hasText: 'Explain footnote-order' }).first().click();
  await see('the rule page opened in a preview', page.locator('.tabs-container .tab.active', { hasText: 'footnote-order.md' }).waitFor({ timeout: SERVER_MS }));
  await screenshot('1b-rule-page');
  await closeTab(page, 'footnote-order.md');
  await page.locator('.tabs-container .tab.active', { hasText: REPORT }).waitFor({ timeout: UI_MS });
  // The rule id of a problem in the Problems panel links to the same local page.
  await page.keyboard.press('Control+Shift+M');
  const problemsPanel = page.locator('.markers-panel');
  await problemsPanel.waitFor({ state: 'visible', timeout: UI_MS });
  const codeLink = problemsPanel.locator('.monaco-list-row', { hasText: 'footnote-order' }).first().locator('a', { hasText: 'footnote-order' }).first();
  await see('the rule link in the Problems panel', codeLink.waitFor({ timeout: SERVER_MS }));
  await codeLink.click();
  await see(
    'the rule page opened from the Problems panel',
    page.locator('.tabs-container .tab', { hasText: 'footnote-order.md' }).first().waitFor({ timeout: SERVER_MS }),
  );
  await screenshot('1c-rule-page-from-problems');
  await closeTab(page, 'footnote-order.md');
  await page.keyboard.press('Control+J'); // the panel closed again: the report fits the editor
  await page.locator('.tabs-container .tab', { hasText: REPORT }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: REPORT }).waitFor({ timeout: UI_MS });
  await command(page, 'Report Lint: Explain Rule');
  let input = await pickTitled(page, 'Explain Rule');
  await input.fill('canonical'); // words of what the rule checks, then Enter
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'participant-malformed' }).first().waitFor({ timeout: UI_MS });
  await page.keyboard.press('Enter');
  await see(
    'the participant-malformed page',
    page.locator('.tabs-container .tab.active', { hasText: 'participant-malformed.md' }).waitFor({ timeout: SERVER_MS }),
  );
  await closeTab(page, 'participant-malformed.md');
  await page.locator('.tabs-container .tab.active', { hasText: REPORT }).waitFor({ timeout: UI_MS });
  await page.mouse.move(5, 5);

  // 1. Renumber Footnotes: references ¹ ² ³ in order, and the notes below them in that order too,
  //    each note keeping its own text.
  await command(page, 'Report Lint: Renumber Footnotes');
  await waitForLines(page, 'the references and the notes in number order', [
    'Officers said the caseload grows every year (RA2-UG-02-A).¹ Most cases began online.² Referrals rose in 2022.³',
    '¹ Uganda Police Force annual crime report (2021).',
    '² Harbour Town online safety survey (2022).',
    '³ Probation service referral log (2022).',
  ]);
  await screenshot('2-renumbered');

  // 2. Insert Footnote after "form. " (a space typed, as an author does before asking for it):
  //    the reference goes right after "form.", takes number 4, and the later footnote becomes 5.
  await cursorAtEndOf(page, 'a shared referral form.');
  await page.keyboard.type(' ');
  await command(page, 'Report Lint: Insert Footnote');
  input = await pickTitled(page, 'Insert Footnote');
  await input.fill('new'); // typed, then Enter: the "New footnote" row
  await page.keyboard.press('Enter');
  await waitForLines(page, 'the new footnote 4 in place and the later one renumbered', [
    'The clinic wanted a shared referral form.⁴',
    '⁴',
    'A paralegal described the form in detail.',
    'Teachers asked for clear reporting routes.⁵',
    '⁵ Harbour Town School Board minutes (2023).',
  ]);
  await screenshot('3-footnote-inserted');
  // One Undo takes back the reference, the renumbering and the definition together.
  await page.keyboard.press('Control+Z');
  await waitForLines(page, 'the report as before after one Undo', [
    'The clinic wanted a shared referral form.',
    'A paralegal described the form in detail.',
    'Teachers asked for clear reporting routes.⁴',
    '⁴ Harbour Town School Board minutes (2023).',
  ]);
  // Again, and this time type the note: the cursor waits in the new definition.
  await command(page, 'Report Lint: Insert Footnote');
  input = await pickTitled(page, 'Insert Footnote');
  await input.fill('new');
  await page.keyboard.press('Enter');
  await waitForEditorLine(page, 'referral form.⁴', { timeoutMs: SERVER_MS });
  // The cursor is put into the definition right after the edit: wait for it there (column 3,
  // after "⁴ ") before typing, as the eye does.
  await page
    .locator('.statusbar', { hasText: /Ln \d+, Col 3\b/ })
    .first()
    .waitFor({ timeout: UI_MS });
  await page.keyboard.type('Clinic intake notes (2023).');
  await waitForLines(page, 'the typed note text in the new definition', [
    'The clinic wanted a shared referral form.⁴',
    '⁴ Clinic intake notes (2023).',
    'A paralegal described the form in detail.',
    'Teachers asked for clear reporting routes.⁵',
  ]);

  // 3. Cite an earlier source again, picked by typing part of its text and Enter.
  await cursorAtEndOf(page, 'spoke about training.');
  await command(page, 'Report Lint: Insert Footnote');
  input = await pickTitled(page, 'Insert Footnote');
  await input.fill('survey');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Harbour Town online safety survey' }).first().waitFor({ timeout: UI_MS });
  await screenshot('4-cite-again-typed');
  await page.keyboard.press('Enter');
  await waitForLines(page, 'the repeated source as footnote 4, the later ones renumbered', [
    'Both officers of the first interview spoke about training.⁴',
    '⁴ Harbour Town online safety survey (2022).',
    'The clinic wanted a shared referral form.⁵',
    '⁵ Clinic intake notes (2023).',
    'A paralegal described the form in detail.',
    'Teachers asked for clear reporting routes.⁶',
    '⁶ Harbour Town School Board minutes (2023).',
  ]);
  await screenshot('5-cited-again');

  // 4. Insert Participant Citation: type part of an ID, press Enter (no ticking).
  await cursorAtEndOf(page, 'the form in detail.');
  await page.keyboard.press('ArrowLeft');
  await command(page, 'Report Lint: Insert Participant Citation');
  input = await pickTitled(page, 'Insert Participant Citation');
  await input.fill('UG-03');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'RA2-UG-03-A' }).first().waitFor({ timeout: UI_MS });
  await screenshot('6-citation-typed');
  await page.keyboard.press('Enter');
  await see('the typed citation inserted', waitForEditorLine(page, 'described the form in detail (RA2-UG-03-A).', { timeoutMs: UI_MS }));

  //    Tick A and B of one interview (mouse), Enter: one combined citation.
  await cursorAtEndOf(page, 'spoke about training.');
  await page.keyboard.press('ArrowLeft'); // before ⁴
  await page.keyboard.press('ArrowLeft'); // before the full stop
  await command(page, 'Report Lint: Insert Participant Citation');
  input = await pickTitled(page, 'Insert Participant Citation');
  for (const id of ['RA2-UG-01-A', 'RA2-UG-01-B']) {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: id }).first().locator('.monaco-checkbox').click();
  }
  await page.locator('.quick-input-widget .quick-input-count', { hasText: /\b2 Selected/ }).waitFor({ timeout: UI_MS });
  await screenshot('7-citation-ticked');
  await page.keyboard.press('Enter');
  await see('the combined citation', waitForEditorLine(page, 'spoke about training (RA2-UG-01-A&B).⁴', { timeoutMs: UI_MS }));

  // 5. Completion: after an interview's prefix, the combined ID is offered; arrow keys + Enter take it.
  await cursorAtEndOf(page, 'clear reporting routes.⁶');
  await page.keyboard.type(' Both officers agreed (RA2-UG-01');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.editor-widget.suggest-widget.visible');
  await see('the completion list', suggest.locator('.monaco-list-row', { hasText: 'RA2-UG-01-A&B' }).first().waitFor({ timeout: SERVER_MS }));
  const focused = suggest.locator('.monaco-list-row.focused');
  for (let i = 0; i < 10 && !(await focused.innerText().catch(() => '')).includes('RA2-UG-01-A&B'); i++) await page.keyboard.press('ArrowDown');
  await screenshot('8-completion-combined');
  await page.keyboard.press('Enter');
  await page.keyboard.type(').');
  await see('the completed combined ID', waitForEditorLine(page, 'Both officers agreed (RA2-UG-01-A&B).', { timeoutMs: UI_MS }));

  // 6. Fix on save under auto-save: the author turns on reportLint.fixOnSave and auto-save in the
  //    workspace settings, types a malformed ID and never presses Ctrl+S.
  fs.mkdirSync(path.join(workspaceFolder, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(workspaceFolder, '.vscode', 'settings.json'),
    JSON.stringify({ 'files.autoSave': 'afterDelay', 'files.autoSaveDelay': 500, 'reportLint.fixOnSave': true }, null, 2),
  );
  await see('the report saved by auto-save', page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: REPORT }).waitFor({ timeout: SERVER_MS }));
  await cursorAtEndOf(page, 'the form in detail (RA2-UG-03-A).');
  await page.keyboard.type(' She was interviewed twice (RA2-UG-3-A).');
  await see('the malformed ID fixed by the auto-save', waitForEditorLine(page, 'She was interviewed twice (RA2-UG-03-A).', { timeoutMs: SERVER_MS }));
  // Auto-save may run while the sentence is still being typed (then again after it): wait for
  // the disk to hold the whole fixed sentence.
  const saved = await see('the fixed sentence on disk', waitForFile(reportFile, /She was interviewed twice \(RA2-UG-03-A\)\./));
  await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: REPORT }).waitFor({ timeout: SERVER_MS });
  assert.match(saved, /spoke about training \(RA2-UG-01-A&B\)\.⁴/, 'the earlier edits were saved too');
  await screenshot('9-fixed-on-auto-save');

  // 7. A broken .reportlintrc.json, edited under auto-save: VS Code's JSON diagnostic while it is
  //    open (not a second one from us), our worded one once it is closed, one pop-up for the problem.
  await quickOpen(page, '.reportlintrc.json');
  await goToLine(page, 3);
  await page.keyboard.press('End');
  await page.keyboard.type(' 5');
  await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: '.reportlintrc.json' }).waitFor({ timeout: SERVER_MS });
  const toast = page.locator('.notification-toast', { hasText: 'report-lint: .reportlintrc.json' });
  await see('the pop-up about the broken configuration', toast.first().waitFor({ timeout: SERVER_MS }));
  assert.match(await toast.first().innerText(), /invalid JSON: expected a comma/);
  // The same mistake again after another keystroke and save: no second pop-up.
  await page.keyboard.press('Backspace');
  await page.keyboard.type('6');
  await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: '.reportlintrc.json' }).waitFor({ timeout: SERVER_MS });
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel');
  await problems.waitFor({ state: 'visible', timeout: UI_MS });
  await see(
    "VS Code's JSON diagnostic",
    problems
      .locator('.monaco-list-row', { hasText: /expected/i })
      .first()
      .waitFor({ timeout: SERVER_MS }),
  );
  await page.waitForTimeout(1500); // a late duplicate would show within this
  await screenshot('10-config-open');
  assert.equal(
    await problems.locator('.monaco-list-row', { hasText: 'invalid JSON' }).count(),
    0,
    'no second diagnostic from report-lint while VS Code validates the open file',
  );
  await page.keyboard.press('Control+W'); // close the configuration
  await see(
    'our worded diagnostic once the file is closed',
    problems.locator('.monaco-list-row', { hasText: 'invalid JSON: expected a comma (,) between entries' }).first().waitFor({ timeout: SERVER_MS }),
  );
  await screenshot('11-config-closed');
  await command(page, 'Notifications: Show Notifications');
  const center = page.locator('.notifications-center');
  await center.waitFor({ state: 'visible', timeout: UI_MS });
  const popups = await center.locator('.monaco-list-row', { hasText: 'report-lint: .reportlintrc.json' }).count();
  log(`[editor-fixes-ui] configuration pop-ups: ${popups}`);
  assert.equal(popups, 1, 'one pop-up for one problem, however often it is saved');
}
