// The author's overview, used as a person would in the real workbench (code-server + chromium):
// the status bar item (state and counts; a click opens the Problems panel), the Participants and
// Footnotes views in the Explorer (grouped, marked, clickable, refreshed while typing), and
// toggling checking for the workspace.
//
// Fixture: a fresh copy of test/e2e/workspaces/views (the runner copies it, so settings written
// by the toggle never touch the repository). tanzania-study.md has two uncited participants,
// a footnote out of order ([^3] before [^2]) and an unused one ([^4]): 1 warning, 3 infos.
// With REPORT_LINT_E2E_DOCS_IMAGES=1 the Participants view screenshot goes to docs/images/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { quickOpen, REPO_ROOT, runCommand } from '../codeServer.mjs';
import { goToLine, lineNumberOf, see, settleAnimations, waitForEditorLine } from './editorDom.mjs';

const REPORT = 'tanzania-study.md';
const SERVER_MS = 60_000;
const UI_MS = 20_000;

/** The status bar entry of Report Lint (its accessible label carries state and counts). */
function statusItem(page) {
  return page.locator('.statusbar-item', { has: page.locator('[aria-label^="Report Lint:"]') }).first();
}

async function statusLabel(page) {
  return page.locator('.statusbar-item [aria-label^="Report Lint:"]').first().getAttribute('aria-label');
}

/** Waits until the status bar's accessible label matches `pattern`. */
async function waitForStatus(page, pattern, timeoutMs = SERVER_MS) {
  await page.waitForFunction(
    ({ re, flags }) => {
      const el = document.querySelector('.statusbar-item [aria-label^="Report Lint:"]');
      return !!el && new RegExp(re, flags).test(el.getAttribute('aria-label'));
    },
    { re: pattern.source, flags: pattern.flags },
    { timeout: timeoutMs, polling: 200 },
  );
  return statusLabel(page);
}

/** A view pane of the side bar by its title. */
function pane(page, title) {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: new RegExp(`^\\s*${title}`) }) }).first();
}

/** The row of a tree whose label is exactly `label`. */
function row(paneLocator, label) {
  return paneLocator
    .locator('.monaco-list-row', { has: paneLocator.page().locator('.label-name', { hasText: new RegExp(`^${label.replace(/[[\]^$.*+?()|\\]/g, '\\$&')}$`) }) })
    .first();
}

async function rowText(rowLocator) {
  return (await rowLocator.innerText()).replace(/\s+/g, ' ').trim();
}

/** Opens a view pane's body if it is collapsed. */
async function expandPane(page, title) {
  const p = pane(page, title);
  await p.waitFor({ timeout: UI_MS });
  const header = p.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await page.waitForFunction(
    (t) =>
      [...document.querySelectorAll('.part.sidebar .pane-header')].some(
        (h) => h.textContent.trim().startsWith(t) && h.getAttribute('aria-expanded') === 'true',
      ),
    title,
    { timeout: UI_MS },
  );
  return p;
}

/** Collapses every side bar pane but `keep` (the folder tree included). */
async function collapseOtherPanes(page, keep) {
  const headers = page.locator('.part.sidebar .pane-header[aria-expanded="true"]');
  for (let i = (await headers.count()) - 1; i >= 0; i--) {
    const header = headers.nth(i);
    if (!(await header.innerText()).trim().toLowerCase().startsWith(keep.toLowerCase())) await header.click();
  }
}

async function cursorLine(page) {
  const text = await page
    .locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ })
    .first()
    .innerText();
  return Number(/Ln (\d+)/.exec(text)[1]);
}

async function waitForCursorLine(page, line) {
  await page
    .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col`) })
    .first()
    .waitFor({ timeout: UI_MS });
}

export default async function viewsUi({ page, workspaceFolder, screenshot, log }) {
  const fixture = fs.readFileSync(path.join(workspaceFolder, REPORT), 'utf8');
  const lineOf = (needle) => lineNumberOf(fixture, needle);

  // 1. Open the report: the status bar shows Report Lint ready with 0 errors, 1 warning, 3 infos.
  await quickOpen(page, REPORT);
  await see('the status bar item ready with the counts', waitForStatus(page, /ready\. 0 errors, 1 warnings, 3 information/));
  await screenshot('1-status-bar');

  // 2. A click on it opens the Problems panel with the report's findings.
  await statusItem(page).click();
  const problems = page.locator('.markers-panel');
  await see('the Problems panel after clicking the status bar item', problems.waitFor({ state: 'visible', timeout: UI_MS }));
  await problems.locator('.monaco-list-row', { hasText: 'footnote-unused' }).first().waitFor({ timeout: UI_MS });
  await page.keyboard.press('Control+J'); // close the panel again: room for the editor

  // 3. The Participants view in the Explorer: countries, interviews, participants; uncited marked.
  await page.keyboard.press('Control+Shift+E');
  await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: UI_MS });
  // Make room: the folder tree and the other views are not what this is about, and a wider side
  // bar (drag its edge, as a person would) shows agencies and positions in full.
  await collapseOtherPanes(page, 'Participants');
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + sidebar.height / 2);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + sidebar.width + 260, sidebar.y + sidebar.height / 2, { steps: 8 });
  await page.mouse.up();
  const participants = await expandPane(page, 'Participants');
  // Country names come from the registry, the report or ISO 3166 ("Tanzania, United Republic of").
  const tanzania = participants.locator('.monaco-list-row', { hasText: /Tanzania.*\(TZ\)/ }).first();
  await see('Tanzania in the Participants view', tanzania.waitFor({ timeout: SERVER_MS }));
  assert.match(await rowText(tanzania), /3 participants · 1 uncited/);
  assert.match(await rowText(row(participants, 'Uganda (UG)')), /2 participants · 1 uncited/);
  assert.match(await rowText(row(participants, 'RA1-TZ-01')), /2 participants/);
  assert.match(await rowText(row(participants, 'RA1-TZ-01-A')), /Tanzania Police Force · Cybercrime Investigator · cited 2×/);
  assert.match(await rowText(row(participants, 'RA1-TZ-02-A')), /Social Welfare Officer · not cited/);
  // The uncited participant carries the warning icon; a cited one the person icon.
  assert.equal(await row(participants, 'RA1-TZ-02-A').locator('.codicon-warning').count(), 1, 'uncited participant marked');
  assert.equal(await row(participants, 'RA1-TZ-01-A').locator('.codicon-person').count(), 1);
  await settleAnimations(page);
  const viewShot = await screenshot('2-participants-view');
  if (process.env.REPORT_LINT_E2E_DOCS_IMAGES) {
    const box = await participants.boundingBox();
    const editorBox = await page.locator('.part.editor').boundingBox();
    const target = path.join(REPO_ROOT, 'docs', 'images', 'participants-view.png');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // The view and the start of the editor beside it, so the reader sees what it describes.
    const rows = participants.locator('.monaco-list-row');
    const last = await rows.nth((await rows.count()) - 1).boundingBox();
    const top = box.y - 24;
    await page.screenshot({
      path: target,
      clip: { x: 0, y: top, width: box.x + box.width + Math.min(360, editorBox.width), height: last.y + last.height + 12 - top },
    });
    log(`[views-ui] README image ${path.relative(REPO_ROOT, target)} (from ${path.basename(viewShot)})`);
  }

  // 4. Clicking an uncited participant goes to its row in the participant table.
  await row(participants, 'RA1-TZ-02-A').click();
  await see('the cursor on the table row of RA1-TZ-02-A', waitForCursorLine(page, lineOf('| RA1-TZ-02-A |')));

  // 5. Clicking a participant cited twice shows both citations in a peek view.
  await row(participants, 'RA1-TZ-01-A').click();
  const peek = page.locator('.zone-widget .peekview-widget').first();
  await see('the peek view with the citations of RA1-TZ-01-A', peek.waitFor({ state: 'visible', timeout: UI_MS }));
  await see('two references in the peek view', peek.locator('.peekview-title', { hasText: /\(2\)/ }).first().waitFor({ timeout: UI_MS }));
  await screenshot('3-citations-peek');
  await page.keyboard.press('Escape');
  await peek.waitFor({ state: 'hidden', timeout: UI_MS });

  // 6. The views follow the document: cite the uncited participant by typing, and it is marked cited.
  const sentence = 'A state attorney asked for clearer rules on digital evidence.';
  await goToLine(page, lineOf(sentence));
  await page.keyboard.press('End');
  for (let i = 0; i < '.[^2]'.length; i++) await page.keyboard.press('ArrowLeft'); // before ".[^2]"

  await page.keyboard.type(' (RA1-UG-02-A)');
  await see('the typed citation', waitForEditorLine(page, 'digital evidence (RA1-UG-02-A).[^2]'));
  await see(
    'RA1-UG-02-A marked as cited',
    page.waitForFunction(
      () =>
        [...document.querySelectorAll('.part.sidebar .monaco-list-row')].some(
          (r) => r.textContent.includes('RA1-UG-02-A') && r.textContent.includes('cited 1×'),
        ),
      null,
      { timeout: SERVER_MS, polling: 200 },
    ),
  );
  assert.match(await rowText(row(participants, 'Uganda (UG)')), /2 participants$/, 'Uganda has no uncited participant left');
  await see('one information finding fewer in the status bar', waitForStatus(page, /ready\. 0 errors, 1 warnings, 2 information/));

  // 7. The Footnotes view: number, first words, references and problems; a click goes to the definition.
  await collapseOtherPanes(page, 'Footnotes');
  const footnotes = await expandPane(page, 'Footnotes');
  await see('footnote [^1] in the Footnotes view', row(footnotes, '[^1]').waitFor({ timeout: SERVER_MS }));
  assert.match(await rowText(row(footnotes, '[^1]')), /Example Research Centre\. \(2023\)\. Digital Evidence in East… · 1 reference/);
  assert.match(await rowText(row(footnotes, '[^3]')), /1 reference · 1 problem/);
  assert.match(await rowText(row(footnotes, '[^4]')), /not referenced · 1 problem/);
  await row(footnotes, '[^3]').click();
  await see('the cursor on the definition of [^3]', waitForCursorLine(page, lineOf('[^3]: ')));
  // Its children: the problem and the reference.
  await row(footnotes, '[^3]').locator('.monaco-tl-twistie').click();
  await see('the footnote-order problem under [^3]', footnotes.locator('.monaco-list-row', { hasText: 'footnote-order' }).first().waitFor({ timeout: UI_MS }));
  await footnotes
    .locator('.monaco-list-row', { hasText: /Reference, line/ })
    .first()
    .click();
  await see('the cursor on the reference of [^3]', waitForCursorLine(page, lineOf('every quarter (RA1-UG-01-A).[^3]')));
  await screenshot('4-footnotes-view');

  // 8. Toggle checking for the workspace: off (squiggles and counts go), then on again.
  await runCommand(page, 'Report Lint: Toggle Checking for the Workspace');
  await see('the status bar saying checking is off', waitForStatus(page, /^Report Lint: off/));
  await see(
    'the warning squiggle gone',
    page.waitForFunction(() => !document.querySelector('.editor-instance .monaco-editor .squiggly-warning'), null, { timeout: SERVER_MS, polling: 200 }),
  );
  await screenshot('5-checking-off');
  const settings = JSON.parse(fs.readFileSync(path.join(workspaceFolder, '.vscode', 'settings.json'), 'utf8'));
  assert.equal(settings['reportLint.enable'], false, 'the workspace setting holds the choice');
  // The status bar item turns it back on with a click.
  await statusItem(page).click();
  await see('the status bar ready again', waitForStatus(page, /ready\. 0 errors, 1 warnings, 2 information/));
  await see('the warning squiggle back', page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: SERVER_MS }));
  log(`[views-ui] status: ${await statusLabel(page)}; cursor line ${await cursorLine(page)}`);
}
