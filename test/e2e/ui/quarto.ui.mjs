// Insert Bibliography Citation as an author uses it in VS Code (code-server + chromium): open a
// Quarto report, run the command from the palette, type part of a title, press Enter (nothing
// ticked), press Enter again at the optional locator prompt, and see the citation in the text.
// The real quick pick, no stub: a multi-select pick whose Enter does nothing was a past bug.
//
// Fixture: test/e2e/workspaces/quarto/ (coastal-report.qmd naming references.bib). Code-server
// has no Quarto extension, so the suite sets the language mode to Quarto through the palette, as
// the Quarto extension would. Edits stay unsaved; the fixture on disk never changes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { editorText, quickOpen, startCommand } from '../codeServer.mjs';
import { goToLine, lineNumberOf, see, waitForEditorLine, waitForSquiggleUnder } from './editorDom.mjs';

const REPORT = 'coastal-report.qmd';
const SENTENCE = 'Reporting pathways were described before';
const SERVER_MS = 60_000;
const UI_MS = 20_000;

export default async function quartoUi({ page, workspaceFolder, screenshot, log }) {
  const fixture = fs.readFileSync(path.join(workspaceFolder, REPORT), 'utf8');
  assert.ok(fixture.includes(`${SENTENCE}.`) && !fixture.includes('[@'), `${REPORT} must be the committed fixture (restore it with git)`);

  // 1. Open the report and give it the language id the Quarto extension gives .qmd files.
  await quickOpen(page, REPORT);
  const input = await startCommand(page, 'Change Language Mode', { timeoutMs: UI_MS });
  await input.fill('Quarto');
  await see(
    'Quarto among the language modes',
    page
      .locator('.quick-input-list .monaco-list-row', { hasText: /Quarto/ })
      .first()
      .waitFor({ timeout: UI_MS }),
  );
  await page.keyboard.press('Enter');
  await see('the Quarto language mode in the status bar', page.locator('.statusbar', { hasText: 'Quarto' }).first().waitFor({ timeout: UI_MS }));
  await screenshot('1-quarto-mode');

  // 2. The cursor before the full stop of the sentence that needs a source.
  await goToLine(page, lineNumberOf(fixture, SENTENCE));
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');

  // 3. The command from the palette; its pick lists the bibliography.
  await startCommand(page, 'Report Lint: Insert Bibliography Citation', { timeoutMs: UI_MS });
  await see(
    'the Insert Bibliography Citation pick',
    page.locator('.quick-input-widget .quick-input-title', { hasText: 'Insert Bibliography Citation' }).waitFor({ state: 'visible', timeout: SERVER_MS }),
  );
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Online Risks for Children in Coastal Kenya' }).first().waitFor({ timeout: UI_MS });
  await screenshot('2-bibliography-pick');

  // 4. Type part of a title and press Enter, ticking nothing.
  await input.pressSequentially('pathways for online', { delay: 20 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reporting Pathways for Online Abuse' }).first();
  await row.waitFor({ timeout: UI_MS });
  assert.match(await row.innerText(), /Baraka 2019/, 'the pick shows author and year');
  await page.waitForFunction(() => document.querySelectorAll('.quick-input-list .monaco-list-row').length === 1, null, { timeout: UI_MS, polling: 100 });
  await screenshot('3-filtered-by-title');
  await page.keyboard.press('Enter');

  // 5. The optional locator: Enter leaves it out.
  await see('the locator prompt', page.locator('.quick-input-widget', { hasText: 'locator (optional)' }).first().waitFor({ state: 'visible', timeout: UI_MS }));
  await screenshot('4-locator-prompt');
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: UI_MS });

  const cited = await see('the citation inserted at the cursor', waitForEditorLine(page, `${SENTENCE} [@baraka2019].`, { timeoutMs: UI_MS }));
  log(`[quarto-ui] after the citation: ${cited.trim()}`);
  await screenshot('5-citation-inserted');

  // 6. The inserted key is in the bibliography: no error squiggle; a mistyped one gets one.
  await page.keyboard.press('End');
  await page.keyboard.type(' As [@achieng2012] found.');
  await see('an error squiggle under the mistyped key', waitForSquiggleUnder(page, '@achieng2012', 'error', { timeoutMs: SERVER_MS }));
  assert.ok(!(await editorText(page)).includes('[@baraka2019]]'), 'one citation, not nested brackets');
  await screenshot('6-undefined-key');

  // 7. Where a sentence starts, the work is its subject: the citation is typed narratively, @key.
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await startCommand(page, 'Report Lint: Insert Bibliography Citation', { timeoutMs: UI_MS });
  await see(
    'the pick again',
    page.locator('.quick-input-widget .quick-input-title', { hasText: 'Insert Bibliography Citation' }).waitFor({ state: 'visible', timeout: SERVER_MS }),
  );
  await input.pressSequentially('coastal kenya', { delay: 20 });
  await page.waitForFunction(() => document.querySelectorAll('.quick-input-list .monaco-list-row').length === 1, null, { timeout: UI_MS, polling: 100 });
  await page.keyboard.press('Enter');
  await see('the locator prompt', page.locator('.quick-input-widget', { hasText: 'locator (optional)' }).first().waitFor({ state: 'visible', timeout: UI_MS }));
  await page.keyboard.type('p. 4');
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: UI_MS });
  const narrative = await see('a narrative citation at the start of a sentence', waitForEditorLine(page, 'found. @achieng2021 [p. 4]', { timeoutMs: UI_MS }));
  log(`[quarto-ui] narrative: ${narrative.trim()}`);
  await screenshot('7-narrative-citation');

  const onDisk = fs.readFileSync(path.join(workspaceFolder, REPORT), 'utf8');
  assert.equal(onDisk, fixture, `${REPORT} on disk is unchanged`);
}
