import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { readSample, REPO, SHARED_SAMPLES, TestClient, tempWorkspace, uriOf } from './helpers';
import type { JsonFinding } from '../cli/helpers';

const BIN = path.join(REPO, 'bin', 'report-lint.js');
const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

type CliFinding = Omit<JsonFinding, 'fixes'>;

function cliAvailable(): boolean {
  return fs.existsSync(path.join(REPO, 'dist', 'cli.js')) && spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).status === 0;
}

function cliFindings(cwd: string, file: string): CliFinding[] {
  const run = spawnSync(process.execPath, [BIN, '--format', 'json', file], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.ok(run.status === 0 || run.status === 1, `CLI failed (${run.status}): ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { file: string; findings: CliFinding[] }[];
  assert.equal(report.length, 1);
  return report[0].findings;
}

/** The CLI's 1-based columns (UTF-16, end after the range) from LSP ranges. */
function asCli(d: Diagnostic): CliFinding {
  return {
    ruleId: String(d.code),
    severity: SEVERITY_NAMES[d.severity ?? 1],
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

function pick(f: CliFinding): CliFinding {
  const { ruleId, severity, message, line, column, endLine, endColumn } = f;
  return { ruleId, severity, message, line, column, endLine, endColumn };
}

describe('language server: same findings as the CLI', function () {
  before(function () {
    if (!cliAvailable()) {
      console.log('      (skipped: the CLI is not built — `node bin/report-lint.js --help` fails)');
      this.skip();
    }
  });

  const cases: { name: string; files: () => Record<string, string> | undefined; report: string }[] = [
    { name: 'the sample report', files: () => ({ 'report.md': readSample('sample-report.md') }), report: 'report.md' },
    { name: 'the GFM sample', files: () => ({ 'report.md': readSample('sample-report-gfm.md') }), report: 'report.md' },
    {
      name: 'a report with a configuration and a registry file',
      files: () => ({
        '.reportlintrc.json': '{ "registries": ["registry.csv"], "rules": { "link-placeholder": "error" }, "terminologyInQuotations": "hint" }\n',
        'registry.csv': readSample('registry.csv'),
        'docs/report.md': 'As said (RA1-MW-02-A), (RA1-MW-11-A) and (RA1-ZM-01-A&B). See [here](#).\n\nOne said: “child pornography”.\n',
      }),
      report: 'docs/report.md',
    },
    {
      name: 'the published report (shared samples)',
      files: () => {
        const file = path.join(SHARED_SAMPLES, 'dh-indonesia-ra1.superscript.md');
        return fs.existsSync(file) ? { 'report.md': fs.readFileSync(file, 'utf8') } : undefined;
      },
      report: 'report.md',
    },
  ];

  for (const c of cases) {
    it(c.name, async function () {
      const files = c.files();
      if (!files) {
        console.log(`      (skipped: ${SHARED_SAMPLES} is absent)`);
        this.skip();
      }
      const ws = tempWorkspace(files);
      const client = await TestClient.start({ folder: ws.dir });
      try {
        const uri = uriOf(ws.file(c.report));
        client.open(uri, files![c.report]);
        const server = (await client.current(uri)).diagnostics.map(asCli);
        const cli = cliFindings(ws.dir, c.report).map(pick);
        assert.deepEqual(server, cli);
        // Agreeing on nothing would prove little: every case but the clean sample has findings.
        if (c.name !== 'the GFM sample') assert.ok(cli.length > 0, 'the case has findings');
      } finally {
        await client.stop();
        ws.cleanup();
      }
    });
  }
});
