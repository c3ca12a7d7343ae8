// The packaged extension as a user meets it in VS Code (code-server + chromium): open a report,
// see its diagnostics in the editor and the Problems panel, read a participant's hover, apply
// quick fixes from Ctrl+., and insert a citation from the command palette.
//
// Fixture: test/e2e/workspaces/ui/kenya-report.md (two findings: the malformed ID
// "RA1- KE-02-A" and the author's own "child pornography"). Edits stay unsaved, so the
// fixture on disk never changes. Every step waits on what the screen shows; screenshots of
// each step go to test/e2e/.artifacts/report-ui-*.png. With REPORT_LINT_E2E_DOCS_IMAGES=1 the
// two README screenshots are also copied to docs/images/ (then optimise them: see the report).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { editorText, quickOpen, REPO_ROOT, startCommand } from '../codeServer.mjs';
import { goToLine, hoverText, lineNumberOf, see, settleAnimations, waitForEditorLine, waitForHover, waitForSquiggleUnder } from './editorDom.mjs';

const REPORT = 'kenya-report.md';
const MALFORMED = 'RA1- KE-02-A';
const TERM = 'child pornography';
// Long enough for a cold extension host and language server on a slow CI machine.
const SERVER_MS = 60_000;
const UI_MS = 20_000;
const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');

/** Awaits `promise`; when it fails (a wait timed out), says what the screen did not show. */

/** Copies a step's screenshot to docs/images/<name>.png when REPORT_LINT_E2E_DOCS_IMAGES is set. */
function docsImage(file, name, log) {
  if (!process.env.REPORT_LINT_E2E_DOCS_IMAGES) return;
  fs.mkdirSync(DOCS_IMAGES, { recursive: true });
  const target = path.join(DOCS_IMAGES, `${name}.png`);
  fs.copyFileSync(file, target);
  log(`[report-ui] README image ${path.relative(REPO_ROOT, target)}`);
}

export default async function reportUi({ page, workspaceFolder, screenshot, log }) {
  const fixture = fs.readFileSync(path.join(workspaceFolder, REPORT), 'utf8');
  const lineOf = (needle) => lineNumberOf(fixture, needle);
  /** The 1-based column (as the status bar counts) of the middle of `needle` on its line. */
  const middleOf = (needle) => fixture.split(/\r?\n/)[lineOf(needle) - 1].indexOf(needle) + 1 + Math.floor(needle.length / 2);
  assert.ok(
    fixture.includes(MALFORMED) && fixture.includes(TERM),
    `${REPORT} must contain "${MALFORMED}" and "${TERM}" (was it saved by an earlier run? restore it with git)`,
  );

  // 1. Open the report: the language server's diagnostics appear as squiggles. The side bar is
  //    closed (Ctrl+B) so the report's lines fit the editor without wrapping.
  await quickOpen(page, REPORT);
  await page.keyboard.press('Control+B');
  await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: UI_MS });
  assert.match(await editorText(page), /Safer Connections: Kenya Country Report/);
  const warnings = page.locator('.editor-instance .monaco-editor .squiggly-warning');
  await see(
    'two warning squiggles in the editor',
    page.waitForFunction(() => document.querySelectorAll('.editor-instance .monaco-editor .squiggly-warning').length >= 2, null, {
      timeout: SERVER_MS,
      polling: 200,
    }),
  );
  // ...and they sit under the two findings, not somewhere else on the lines.
  await see(`a warning squiggle under "${MALFORMED}"`, waitForSquiggleUnder(page, MALFORMED, 'warning', { timeoutMs: SERVER_MS }));
  await see(`a warning squiggle under "${TERM}"`, waitForSquiggleUnder(page, TERM, 'warning', { timeoutMs: SERVER_MS }));
  log(`[report-ui] ${await warnings.count()} warning squiggles`);
  await screenshot('1-squiggles');

  // 2. The Problems panel lists both findings with their rule ids (the diagnostic code).
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel');
  await problems.waitFor({ state: 'visible', timeout: UI_MS });
  for (const ruleId of ['participant-malformed', 'terminology-avoid']) {
    await see(`${ruleId} in the Problems panel`, problems.locator('.monaco-list-row', { hasText: ruleId }).first().waitFor({ timeout: UI_MS }));
  }
  const problemsText = (await problems.innerText()).replace(/\u00a0/g, ' ');
  assert.match(problemsText, /not in canonical form/, 'the malformed-ID message is in the Problems panel');
  assert.match(problemsText, /child pornography/, 'the terminology message is in the Problems panel');
  assert.match(problemsText, /report-lint/, 'the diagnostics name their source');
  await screenshot('2-problems-panel');

  // 3. Hover a correctly cited participant ID: the server's hover names the agency and position.
  //    (Ctrl+G first: with the Problems panel open, the later lines are scrolled out of view.)
  await goToLine(page, lineOf('(RA1-KE-03-A)'));
  await hoverText(page, 'RA1-KE-03-A', { context: '(RA1-KE-03-A)' });
  const idHover = await see(
    'the agency of RA1-KE-03-A in its hover',
    waitForHover(page, /Office of the Director of Public Prosecutions/, { timeoutMs: SERVER_MS }),
  );
  assert.match(idHover, /RA1-KE-03-A/);
  assert.match(idHover, /Counsel/);
  assert.match(idHover, new RegExp(`Cited 1 time \\(line ${lineOf('(RA1-KE-03-A)')}\\)`));
  await screenshot('3-hover-participant');

  // 4. Hover the malformed ID: the diagnostic first, then the server's canonical form and agency.
  await goToLine(page, lineOf(MALFORMED));
  await hoverText(page, MALFORMED);
  const malformedHover = await see(
    `the agency of RA1-KE-02-A in the hover of "${MALFORMED}"`,
    waitForHover(page, /Department of Children's Services/, { timeoutMs: SERVER_MS }),
  );
  assert.match(malformedHover, /participant-malformed/, 'the hover shows the diagnostic with its rule id');
  assert.match(malformedHover, /should be RA1-KE-02-A/);
  docsImage(await screenshot('4-hover-malformed'), 'diagnostics-hover', log);
  await page.mouse.move(5, 5);
  await page
    .locator('.monaco-hover:visible', { hasText: /Department of Children's Services/ })
    .first()
    .waitFor({ state: 'hidden', timeout: UI_MS });

  // 5. Quick fix on the malformed ID: Ctrl+. and Enter on the canonical spelling.
  await applyQuickFix(page, MALFORMED, /RA1-KE-02-A/, { line: lineOf(MALFORMED), column: middleOf(MALFORMED), screenshot, shot: '5-quick-fix-menu', log });
  const fixedIdLine = await see('the canonical ID after the quick fix', waitForEditorLine(page, '(RA1-KE-02-A).', { timeoutMs: SERVER_MS }));
  assert.ok(!fixedIdLine.includes(MALFORMED), `the malformed ID is gone: ${fixedIdLine}`);
  await see(
    'participant-malformed leave the Problems panel',
    problems.locator('.monaco-list-row', { hasText: 'participant-malformed' }).first().waitFor({ state: 'detached', timeout: SERVER_MS }),
  );
  await screenshot('6-id-fixed');

  // 6. Quick fix on the terminology finding: the first preferred term replaces it.
  await applyQuickFix(page, TERM, /child sexual abuse material/i, {
    line: lineOf(TERM),
    column: middleOf(TERM),
    screenshot,
    shot: '7-term-fix-menu',
    docsName: 'quick-fix-terminology',
    log,
  });
  const fixedTermLine = await see(
    'the preferred term after the quick fix',
    waitForEditorLine(page, 'hold child sexual abuse material (CSAM) next to', { timeoutMs: SERVER_MS }),
  );
  assert.ok(!fixedTermLine.includes(TERM), `the term is gone: ${fixedTermLine}`);
  // With both findings fixed, the editor has no warning squiggles left.
  await see(
    'no warning squiggles once both are fixed',
    page.waitForFunction(() => !document.querySelector('.editor-instance .monaco-editor .squiggly-warning'), null, { timeout: SERVER_MS, polling: 200 }),
  );
  await screenshot('8-term-fixed');

  // 7. Insert Participant Citation from the command palette, at the end of a sentence.
  const sentence = 'Several officials also asked for one hotline that schools could use.';
  await goToLine(page, lineOf(sentence));
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft'); // before the full stop
  const input = await startCommand(page, 'Report Lint: Insert Participant Citation', { timeoutMs: UI_MS });
  // The command asks the server for the participants, then shows its own quick pick.
  await see(
    'the Insert Participant Citation pick',
    page.locator('.quick-input-widget .quick-input-title', { hasText: 'Insert Participant Citation' }).waitFor({ state: 'visible', timeout: SERVER_MS }),
  );
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'RA1-KE-01-B' }).first().waitFor({ timeout: UI_MS });
  await screenshot('9-citation-pick');
  await input.fill('RA1-KE-02-A');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'RA1-KE-02-A' }).first();
  await row.waitFor({ timeout: UI_MS });
  assert.match(await row.innerText(), /Department of Children's Services/, 'the pick shows the agency');
  await page.waitForFunction(() => document.querySelectorAll('.quick-input-list .monaco-list-row').length === 1, null, { timeout: UI_MS, polling: 100 });
  // The pick is multi-select (showQuickPick with canPickMany): Enter accepts the ticked entries
  // only, and with none ticked the command inserts nothing. So tick the one left, then Enter.
  await row.locator('.monaco-checkbox').click();
  await page.locator('.quick-input-widget .quick-input-count', { hasText: /\b1 Selected/ }).waitFor({ timeout: UI_MS });
  await screenshot('10-citation-ticked');
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: UI_MS });
  const cited = await see('the citation inserted at the cursor', waitForEditorLine(page, 'that schools could use (RA1-KE-02-A).', { timeoutMs: UI_MS }));
  log(`[report-ui] after the citation: ${cited.trim()}`);
  await screenshot('11-citation-inserted');

  // Nothing was saved: the title shows the editor as dirty, and the fixture on disk is untouched.
  await page.locator('.tabs-container .tab.active.dirty', { hasText: REPORT }).waitFor({ timeout: UI_MS });
  const onDisk = fs.readFileSync(path.join(workspaceFolder, REPORT), 'utf8');
  assert.ok(onDisk.includes(MALFORMED) && onDisk.includes(TERM), `${REPORT} on disk still has both findings`);
}

/**
 * Puts the cursor into `text`, opens the quick fixes (Ctrl+.) and applies the one whose title
 * matches `title` with Enter. The menu's order is VS Code's (preferred fixes first); arrow keys
 * move to the wanted entry, since mouse clicks on the menu are blocked by an overlay.
 */
async function applyQuickFix(page, text, title, { line, column, screenshot, shot, docsName, log }) {
  // The cursor into the text with Go to Line/Column, not a click after Ctrl+G: the editor takes
  // that click for a Ctrl+click and leaves the cursor at the line start, where only VS Code's
  // "nearby quick fix" search (which depends on the markers of the moment) finds the fixes. Ctrl+.
  // must find them because the cursor is in the finding (see goToLine).
  await goToLine(page, line, { column });
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await see(`the quick fix menu at "${text}"`, menu.waitFor({ state: 'visible', timeout: SERVER_MS }));
  const rows = menu.locator('.monaco-list-row.action');
  await rows.first().waitFor({ timeout: SERVER_MS });
  const titles = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`[report-ui] quick fixes at "${text}": ${titles.join(' | ')}`);
  const wanted = titles.findIndex((t) => title.test(t));
  assert.ok(wanted >= 0, `a quick fix matching ${title} is offered at "${text}" (offered: ${titles.join(' | ')})`);
  await settleAnimations(page);
  const file = await screenshot(shot);
  if (docsName) docsImage(file, docsName, log);
  const focused = menu.locator('.monaco-list-row.action.focused');
  for (let i = 0; i < titles.length && !title.test(await focused.innerText().catch(() => '')); i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.match(await focused.innerText(), title);
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: UI_MS });
}
