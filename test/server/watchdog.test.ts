/**
 * The server never blocks on a check: a report whose check overruns its time
 * budget is stopped (the supervisor replaces the worker thread running the
 * engine), gets one diagnostic saying why, and hovers, completion and edits of
 * other reports keep being answered. The budget is set small for the test
 * (REPORT_LINT_CHECK_BUDGET_MS) and the slow report is large enough to take many
 * times longer on any machine, so the test does not depend on the machine's speed.
 */
import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { codes, TestClient, tempWorkspace, uriOf } from './helpers';
import { readSettings } from '../../server/src/lsp/settings';
import { checkBudgetMs } from '../../server/src/lsp/watchdog';

/** About 3 million characters of distinct paragraphs (the block cache cannot share them): ~10 s to check cold. */
function largeReport(): string {
  const parts = ['| ID | Agency |', '| --- | --- |'];
  for (let i = 1; i <= 60; i++) parts.push(`| RA1-KE-${String(i).padStart(2, '0')}-A | Agency ${i} |`);
  parts.push('');
  let length = 0;
  for (let i = 0; length < 3_000_000; i++) {
    const paragraph = `Paragraph ${i}: an officer (RA1-KE-${String((i % 70) + 1).padStart(2, '0')}-A) said that case ${i} took ${i % 13} months.[^${i + 1}]\n\n[^${i + 1}]: Source ${i}.\n`;
    parts.push(paragraph);
    length += paragraph.length + 1;
  }
  return parts.join('\n');
}

const SMALL =
  '| ID | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-02-A | Ministry |\n\nAs the officer said (RA1-KE-01-A), and another (RA1-KE-02-A), child pornography (RA1-KE-03-A).\n';

describe('language server: a check that takes too long', function () {
  this.timeout(120_000);
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;

  afterEach(async () => {
    await client?.stop();
    ws?.cleanup();
  });

  it('is stopped with one diagnostic saying why, while hovers, completion and edits of other reports are answered', async () => {
    ws = tempWorkspace({});
    client = await TestClient.start({ folder: ws.dir, env: { REPORT_LINT_CHECK_BUDGET_MS: '1500' } });
    const pid = client.child.pid;
    const slow = uriOf(ws.file('slow.md'));
    const small = uriOf(ws.file('small.md'));
    client.open(slow, largeReport());
    client.open(small, SMALL);

    // Requests sent while the slow check runs are answered (by the fresh worker once the slow check is stopped).
    const hover = client.request<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 5, character: 24 } });
    const slowHover = client.request<Hover | null>('textDocument/hover', { textDocument: { uri: slow }, position: { line: 2, character: 4 } });

    const notice = await client.diagnostics(slow, (p) => p.version === 1, 60_000);
    assert.equal(notice.diagnostics.length, 1);
    assert.match(
      notice.diagnostics[0].message,
      /could not check this report in time: the check was stopped after \d+\.\d s \(the limit for 3\.0 million characters is 1\.5 s\)/,
    );

    const h = await hover;
    assert.match(JSON.stringify(h?.contents), /RA1-KE-01-A/, 'the hover on the small report names the participant');
    assert.equal(await slowHover, null, 'the unchecked report answers hovers with nothing, at once');
    const smallCodes = codes((await client.current(small)).diagnostics);
    assert.ok(smallCodes.includes('participant-unknown') && smallCodes.includes('terminology-avoid'), smallCodes.join(', '));

    // Completion and an edit of the small report still work.
    const completion = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: small },
      position: { line: 5, character: 24 },
    });
    const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
    assert.ok(
      items.some((i) => i.label === 'RA1-KE-02-A'),
      "completion offers the table's IDs",
    );
    client.replace(small, '(RA1-KE-03-A)', '(RA1-KE-02-A)');
    const after = codes((await client.current(small)).diagnostics);
    assert.ok(!after.includes('participant-unknown'), after.join(', '));

    // Still one server process: nothing crashed or restarted from the client's point of view.
    assert.equal(client.child.exitCode, null);
    assert.equal(client.child.pid, pid);
  });

  it('takes its budget from the reportLint.checkBudgetMs setting of the folder, over the environment variable', async () => {
    ws = tempWorkspace({});
    client = await TestClient.start({ folder: ws.dir, settings: { checkBudgetMs: 1200 }, env: { REPORT_LINT_CHECK_BUDGET_MS: '600000' } });
    const slow = uriOf(ws.file('slow.md'));
    client.open(slow, largeReport());
    const notice = await client.diagnostics(slow, (p) => p.version === 1, 60_000);
    assert.equal(notice.diagnostics.length, 1);
    assert.match(notice.diagnostics[0].message, /could not check this report in time: .*\(the limit for 3\.0 million characters is 1\.2 s\)/);
  });
});

describe('the reportLint.checkBudgetMs setting', () => {
  it('is read as milliseconds (0 or null: automatic); a wrong value is described and ignored', () => {
    assert.equal(readSettings({ checkBudgetMs: 2500 }).settings.checkBudgetMs, 2500);
    assert.equal(readSettings({ checkBudgetMs: 0 }).settings.checkBudgetMs, undefined);
    for (const wrong of [100, -1, '5000', Number.NaN]) {
      const { settings, problems } = readSettings({ checkBudgetMs: wrong });
      assert.equal(settings.checkBudgetMs, undefined);
      assert.match(problems.join('\n'), /reportLint\.checkBudgetMs must be 0 \(automatic\) or a number of milliseconds from 500/);
    }
    // The budget: the setting, else the automatic one for the size.
    assert.equal(checkBudgetMs(3_000_000, 2500), 2500);
    assert.equal(checkBudgetMs(1_000_000, undefined), process.env.REPORT_LINT_CHECK_BUDGET_MS ? Number(process.env.REPORT_LINT_CHECK_BUDGET_MS) : 6000);
  });
});
