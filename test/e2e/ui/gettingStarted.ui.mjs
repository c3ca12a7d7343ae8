// A new user's first minutes, in the real workbench (code-server + chromium): the Getting Started
// walkthrough opened from the command palette, its buttons clicked (open the sample report, open
// the Problems panel), a quick fix applied with Ctrl+., a citation inserted, and a configuration
// created with Create Configuration File from a report whose IDs are spelt its own way.
//
// Fixture: a fresh copy of test/e2e/workspaces/getting-started (the command writes
// .reportlintrc.json into it). The sample report opens as an unsaved document.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { quickOpen, runCommand, startCommand } from '../codeServer.mjs';
import { goToLine, lineNumberOf, see, settleAnimations, waitForEditorLine } from './editorDom.mjs';

const SERVER_MS = 60_000;
const UI_MS = 20_000;
const MALFORMED = 'RA1- MW-04-A';

/** The walkthrough page (VS Code's Getting Started editor). */
function walkthrough(page) {
  return page.locator('.gettingStartedContainer').first();
}

/** A step of the walkthrough shown with its check mark. */
function tickedStep(page, title) {
  return walkthrough(page)
    .locator('.getting-started-step', { hasText: title, has: page.locator('.codicon-getting-started-step-checked') })
    .first();
}

/** Opens a step of the walkthrough by its title and clicks the button in its description. */
async function clickStepButton(page, stepTitle, buttonText) {
  const w = walkthrough(page);
  const step = w.locator('.getting-started-step', { hasText: stepTitle }).first();
  await step.waitFor({ timeout: UI_MS });
  if (!(await step.getAttribute('class')).includes('expanded')) await step.locator('.step-title').first().click();
  const button = step.locator('.button-link, .monaco-button, a', { hasText: buttonText }).first();
  await button.waitFor({ state: 'visible', timeout: UI_MS });
  await button.click();
}

/** Ctrl+F, the text, Escape: the match stays selected, as a person finds a spot in a long report. */
async function findText(page, text) {
  await page.keyboard.press('Control+F');
  const input = page.locator('.editor-instance .find-widget textarea, .editor-instance .find-widget input').first();
  await input.waitFor({ state: 'visible', timeout: UI_MS });
  await input.fill(text);
  await page
    .locator('.editor-instance .find-widget .matchesCount', { hasText: /^1 of \d+/ })
    .first()
    .waitFor({ timeout: UI_MS });
  await page.keyboard.press('Escape');
}

export default async function gettingStartedUi({ page, workspaceFolder, screenshot, log }) {
  // 1. Open the walkthrough from the command palette, as the README says.
  const input = await startCommand(page, 'Welcome: Open Walkthrough', { timeoutMs: UI_MS });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Report Lint' }).first().waitFor({ timeout: SERVER_MS });
  await input.fill('Report Lint');
  await page.keyboard.press('Enter');
  await see(
    'the Report Lint walkthrough',
    walkthrough(page).locator('h2, .category-title', { hasText: 'Get Started with Report Lint' }).first().waitFor({ timeout: UI_MS }),
  );
  for (const step of ['Open the sample report', 'See a problem', 'Apply a quick fix', 'Insert a citation', 'Create a configuration']) {
    assert.equal(await walkthrough(page).locator('.getting-started-step', { hasText: step }).count(), 1, `the walkthrough has the step "${step}"`);
  }
  await settleAnimations(page);
  await screenshot('1-walkthrough');

  // 2. Its first button opens the sample report (unsaved), which is checked at once.
  await clickStepButton(page, 'Open the sample report', 'Open Sample Report');
  await see('the sample report in an editor', waitForEditorLine(page, /Malawi/, { timeoutMs: SERVER_MS }));
  await see('squiggles in the sample report', page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: SERVER_MS }));
  await screenshot('2-sample-open');

  // 3. Back on the walkthrough, the first step is ticked; its next button opens the Problems panel.
  await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
  await see('the first step ticked', tickedStep(page, 'Open the sample report').waitFor({ timeout: UI_MS }));
  await clickStepButton(page, 'See a problem', 'Open the Problems Panel');
  const problems = page.locator('.markers-panel');
  await see('the Problems panel', problems.waitFor({ state: 'visible', timeout: UI_MS }));
  await see(
    'participant-malformed in the Problems panel',
    problems.locator('.monaco-list-row', { hasText: 'participant-malformed' }).first().waitFor({ timeout: SERVER_MS }),
  );
  await page.keyboard.press('Control+J');

  // 4. In the sample: find the malformed ID, Ctrl+. and Enter on the canonical spelling.
  await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first().click();
  await findText(page, MALFORMED);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await see('the quick fix menu', menu.waitFor({ state: 'visible', timeout: SERVER_MS }));
  const focused = menu.locator('.monaco-list-row.action.focused');
  for (let i = 0; i < 10 && !/RA1-MW-04-A/.test(await focused.innerText().catch(() => '')); i++) await page.keyboard.press('ArrowDown');
  assert.match(await focused.innerText(), /RA1-MW-04-A/);
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: UI_MS });
  await see(
    'the canonical ID in the sample',
    page.waitForFunction(
      (bad) => {
        const text = document.querySelector('.editor-instance .monaco-editor .view-lines').textContent.replace(/\u00a0/g, ' ');
        return text.includes('RA1-MW-04-A') && !text.includes(bad);
      },
      MALFORMED,
      { timeout: SERVER_MS, polling: 200 },
    ),
  );

  // 5. Insert a citation at the end of the sample's first line: tick a participant, Enter.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  // startCommand, not runCommand: the command's own pick follows in the same widget. The mouse
  // goes out of the way first: resting over the pick, it opens a tooltip over the checkboxes.
  await page.mouse.move(1000, 700);
  const pickInput = await startCommand(page, 'Report Lint: Insert Participant Citation', { timeoutMs: UI_MS });
  await see(
    'the participant pick',
    page.locator('.quick-input-widget .quick-input-title', { hasText: 'Insert Participant Citation' }).waitFor({ state: 'visible', timeout: SERVER_MS }),
  );
  await pickInput.fill('RA1-MW-06-A');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'RA1-MW-06-A' }).first();
  await row.waitFor({ timeout: UI_MS });
  await page.waitForFunction(() => document.querySelectorAll('.quick-input-list .monaco-list-row').length === 1, null, { timeout: UI_MS, polling: 100 });
  await row.locator('.monaco-checkbox').click();
  await page.locator('.quick-input-widget .quick-input-count', { hasText: /\b1 Selected/ }).waitFor({ timeout: UI_MS });
  await page.keyboard.press('Enter');
  await pickInput.waitFor({ state: 'hidden', timeout: UI_MS });
  await see('the citation in the sample', waitForEditorLine(page, /RA1-MW-06-A\)?\s*$/, { timeoutMs: UI_MS }));
  await screenshot('3-citation-inserted');

  // 6. Create Configuration File from a report of the folder whose IDs are its own ("UG/INT-07/A").
  await quickOpen(page, 'uganda-notes.md');
  await runCommand(page, 'Report Lint: Create Configuration File');
  const configPath = path.join(workspaceFolder, '.reportlintrc.json');
  await see(
    '.reportlintrc.json open in an editor',
    page.locator('.tabs-container .tab.active', { hasText: '.reportlintrc.json' }).waitFor({ timeout: SERVER_MS }),
  );
  await see(
    'the notification naming the derived pattern',
    page
      .locator('.notifications-toasts .notification-toast', { hasText: /derived from 3 IDs/ })
      .first()
      .waitFor({ timeout: UI_MS }),
  );
  const written = fs.readFileSync(configPath, 'utf8');
  assert.match(written, /"format": "\{country\}\/INT-\{interview\}\/\{participant\}"/, 'the format follows the table');
  assert.match(written, /^\s*\/\/ /m, 'the file explains itself in comments');
  assert.match(written, /uganda-notes\.md/, 'the comment names the report');
  await see('the pattern in the editor', waitForEditorLine(page, /"pattern": ".*INT-/, { timeoutMs: UI_MS }));
  await screenshot('4-configuration-created');
  log(`[getting-started-ui] wrote ${written.length} characters to .reportlintrc.json`);

  // With the configuration, the report's IDs are checked: one that is not in the table is an error.
  await page.locator('.tabs-container .tab', { hasText: 'uganda-notes.md' }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'uganda-notes.md' }).waitFor({ timeout: UI_MS });
  const notes = fs.readFileSync(path.join(workspaceFolder, 'uganda-notes.md'), 'utf8');
  await goToLine(page, lineNumberOf(notes, '(UG/INT-08/A).'));
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft'); // before "A)."
  await page.keyboard.press('Delete');
  await page.keyboard.type('C'); // UG/INT-08/C: nobody in the table
  await see(
    'an unknown-ID squiggle under the participant that does not exist',
    page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: SERVER_MS }),
  );
  await page.keyboard.press('Control+Z');

  // 7. Running it again never replaces the file: it opens it and says so.
  fs.appendFileSync(configPath, '// kept by the user\n');
  await runCommand(page, 'Report Lint: Create Configuration File');
  await see(
    'the "already exists" notification',
    page
      .locator('.notifications-toasts .notification-toast', { hasText: /already exists/ })
      .first()
      .waitFor({ timeout: UI_MS }),
  );
  assert.match(fs.readFileSync(configPath, 'utf8'), /kept by the user/);

  // 8. The walkthrough ticks the steps done through their commands.
  await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
  for (const step of ['Open the sample report', 'See a problem', 'Insert a citation', 'Create a configuration']) {
    await see(`the step "${step}" ticked`, tickedStep(page, step).waitFor({ timeout: UI_MS }));
  }
  await settleAnimations(page);
  await screenshot('5-walkthrough-progress');
}
