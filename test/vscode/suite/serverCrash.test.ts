import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ReportLintApi, ReportLintUi } from '../../../client/src/extension';
import { closeAllEditors, extensionApi, openScratch, ruleOf, waitFor, waitForDiagnostics } from './helpers';

/** The language server: the child of this extension host that runs dist/server.js. */
function serverPid(): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('dist/server.js')) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

const REPORT = 'Officials still speak of child pornography.\n';

suite('language server crashes', function () {
  // Reads /proc: Linux only (the code-server runs here; skipped on other hosts).
  if (process.platform !== 'linux') return;

  let api: ReportLintApi;
  let realWarn: ReportLintUi['warn'];
  const warnings: { message: string; actions: string[] }[] = [];

  suiteSetup(async () => {
    api = await extensionApi();
    realWarn = api.ui.warn;
    api.ui.warn = async (message, ...actions) => {
      warnings.push({ message, actions });
      return undefined;
    };
  });
  suiteTeardown(async () => {
    api.ui.warn = realWarn;
    await closeAllEditors();
  });

  /** Waits until the server answers (a new report gets its diagnostics), so a kill hits a working server, as a real crash would. */
  async function serving(what: string): Promise<number> {
    const editor = await openScratch(REPORT, 'crash');
    await waitForDiagnostics(editor.document.uri, `diagnostics ${what}`, (ds) => ds.some((d) => ruleOf(d) === 'terminology-avoid'));
    return waitFor(() => serverPid(), `the language server process ${what}`);
  }

  async function crash(pid: number): Promise<void> {
    process.kill(pid, 'SIGKILL');
    await waitFor(() => serverPid() !== pid, `server ${pid} to end`);
  }

  test('a crashed server is restarted, the user is told once, and it checks again', async () => {
    const killed = await serving('before the crash');
    await crash(killed);
    const restarted = await serving('from the restarted server');
    assert.notEqual(restarted, killed);
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0].message, /restarted/);
    assert.deepEqual(warnings[0].actions, ['Show Output']);
  });

  test('after repeated crashes it stops restarting and warns once, offering the output and a restart', async () => {
    // The first test's crash counts too: four more make five within three minutes.
    for (let i = 2; i <= 5; i++) await crash(await serving(`before crash ${i}`));
    await waitFor(() => warnings.length > 1, 'the warning after the fifth crash');
    // Give a further notification (if any) the chance to arrive before counting.
    await new Promise((r) => setTimeout(r, 1000));
    // Crashes 2–4 restarted silently: the first crash's notice was the only one.
    assert.equal(warnings.length, 2, JSON.stringify(warnings));
    assert.match(warnings[1].message, /crashed repeatedly/);
    assert.deepEqual(warnings[1].actions, ['Show Output', 'Restart Server']);
    assert.equal(serverPid(), undefined, 'no server is running after giving up');
  });

  test('"Restart Server" brings checking back', async () => {
    await vscode.commands.executeCommand('reportLint.restartServer');
    await api.ready;
    await serving('after "Restart Server"');
  });
});
