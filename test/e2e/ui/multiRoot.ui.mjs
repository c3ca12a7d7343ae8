// Per-folder settings in a multi-root workspace, in the real workbench (code-server + chromium):
// two folders hold the same report but different `reportLint.*` settings in their own
// .vscode/settings.json; each report is checked with its folder's settings, and the strict
// folder's relative registry path is resolved against that folder, not the first one.
//
//   strict/   rules: participant-uncited → error; registries: registry/people.csv (RA1-KE-09-A)
//   relaxed/  rules: terminology-avoid → off; no registry
//
// Both reports: an uncited participant (RA1-KE-02-A), a citation of RA1-KE-09-A (only in the
// strict registry) and "child pornography".
import { quickOpen } from '../codeServer.mjs';
import { see, waitForSquiggleUnder } from './editorDom.mjs';

const SERVER_MS = 60_000;

/** Waits until the Report Lint status bar item's accessible label matches `pattern`. */
async function waitForStatus(page, pattern) {
  await page.waitForFunction(
    ({ re, flags }) => {
      const el = document.querySelector('.statusbar-item [aria-label^="Report Lint:"]');
      return !!el && new RegExp(re, flags).test(el.getAttribute('aria-label'));
    },
    { re: pattern.source, flags: pattern.flags },
    { timeout: SERVER_MS, polling: 200 },
  );
}

export default async function multiRootUi({ page, screenshot }) {
  // The strict folder: the uncited participant is an error, RA1-KE-09-A is known from the
  // folder's registry, the term is a warning.
  await quickOpen(page, 'strict-notes.md');
  await see(
    'strict-notes.md checked with its folder settings (1 error, 1 warning, no information)',
    waitForStatus(page, /ready\. 1 errors, 1 warnings, 0 information/),
  );
  await see(
    'an error squiggle under the uncited participant',
    waitForSquiggleUnder(page, 'RA1-KE-02-A', 'error', { timeoutMs: SERVER_MS, context: '| RA1-KE-02-A |' }),
  );
  await see('a warning squiggle under the term', waitForSquiggleUnder(page, 'child pornography', 'warning', { timeoutMs: SERVER_MS }));
  await screenshot('1-strict-folder');

  // The relaxed folder: the same text; RA1-KE-09-A is unknown here, the uncited participant is
  // information and the term is not reported.
  await quickOpen(page, 'relaxed-notes.md');
  await see(
    'relaxed-notes.md checked with its folder settings (1 error, 0 warnings, 1 information)',
    waitForStatus(page, /ready\. 1 errors, 0 warnings, 1 information/),
  );
  await see('an error squiggle under the unknown ID', waitForSquiggleUnder(page, 'RA1-KE-09-A', 'error', { timeoutMs: SERVER_MS, context: '(RA1-KE-09-A)' }));
  await screenshot('2-relaxed-folder');

  // Back in the strict folder, nothing of the relaxed settings leaked in.
  await page.locator('.tabs-container .tab', { hasText: 'strict-notes.md' }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'strict-notes.md' }).waitFor({ timeout: SERVER_MS });
  await see('strict-notes.md unchanged', waitForStatus(page, /ready\. 1 errors, 1 warnings, 0 information/));
}
