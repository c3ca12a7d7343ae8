import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import reportLint from '../../server/src/unified';
import { lint } from '../../server/src/api';
import { requireBuiltCli, SAMPLE, tempDir } from '../cli/helpers';
import { REPO_ROOT } from './helpers';

const REPORT = ['| ID | Agency |', '| --- | --- |', '| RA1-KE-01-A | Police |', '', 'Said (ra1-ke-1-a). See [here](#). Unknown: RA1-KE-09-A.', ''].join('\n');

async function run(value: string, filePath?: string, options?: Parameters<typeof reportLint>[0]): Promise<VFile> {
  const processor = unified().use(remarkParse).use(reportLint, options);
  const file = new VFile({ value, path: filePath });
  await processor.run(processor.parse(file), file);
  return file;
}

describe('unified plugin (report-lint/unified)', () => {
  it('adds one vfile message per finding, with rule id, place, severity and the fix as expected', async () => {
    const file = await run(REPORT, 'report.md');
    assert.deepEqual(
      file.messages.map((m) => [m.ruleId, m.source, m.place, m.fatal, m.expected]),
      [
        ['participant-malformed', 'report-lint', { start: { line: 5, column: 7 }, end: { line: 5, column: 17 } }, false, ['RA1-KE-01-A']],
        ['link-placeholder', 'report-lint', { start: { line: 5, column: 24 }, end: { line: 5, column: 33 } }, undefined, undefined],
        ['participant-unknown', 'report-lint', { start: { line: 5, column: 44 }, end: { line: 5, column: 55 } }, true, ['RA1-KE-01-A']],
      ],
    );
    assert.match(file.messages[0].reason, /^Participant ID "ra1-ke-1-a" is not in canonical form/);
    assert.ok(file.messages[0].url?.endsWith('#participant-malformed'));
  });

  it('reports exactly what the API reports for the same file', async () => {
    const text = fs.readFileSync(SAMPLE, 'utf8');
    const file = await run(text, SAMPLE);
    const api = lint(text, { filePath: SAMPLE }).findings;
    assert.ok(api.length > 5);
    assert.deepEqual(
      file.messages.map((m) => [m.ruleId, m.place && 'start' in m.place ? m.place.start.line : 0, m.reason]),
      api.map((f) => [f.ruleId, f.line, f.message]),
    );
  });

  it('passes its options to the engine and finds the configuration from the file path', async () => {
    assert.deepEqual(
      (await run(REPORT, 'report.md', { rules: { 'link-placeholder': 'off' } })).messages.map((m) => m.ruleId),
      ['participant-malformed', 'participant-unknown'],
    );
    const t = tempDir('report-lint-unified-');
    try {
      fs.writeFileSync(path.join(t.dir, '.reportlintrc.json'), '{ "rules": { "participant-unknown": "off", "bogus": "error" } }');
      const file = await run(REPORT, path.join(t.dir, 'report.md'));
      assert.deepEqual(
        file.messages.map((m) => m.ruleId),
        ['configuration', 'participant-malformed', 'link-placeholder'],
      );
      assert.equal(file.messages[0].fatal, true);
      assert.match(file.messages[0].reason, /\.reportlintrc\.json:1:\d+: configuration error: unknown rule "bogus"/);
    } finally {
      t.cleanup();
    }
  });

  it('through remark-cli as a process: `remark --use report-lint/unified` reports the findings and --frail fails on warnings', function () {
    this.timeout(60_000);
    requireBuiltCli();
    const t = tempDir('report-lint-remark-');
    try {
      const file = path.join(t.dir, 'report.md');
      fs.writeFileSync(file, REPORT);
      // Run from the repository, where `report-lint/unified` resolves to this package (self-reference through "exports").
      const remark = path.join(REPO_ROOT, 'node_modules', 'remark-cli', 'cli.js');
      const r = spawnSync(process.execPath, [remark, '--no-stdout', '--no-color', '--frail', '--use', 'report-lint/unified', file], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
      assert.equal(r.status, 1, r.stderr);
      const rows = r.stderr
        .split('\n')
        .filter((l) => /^\s*\d+:\d+-\d+:\d+/.test(l))
        .map((l) => l.trim().split(/\s+/));
      assert.deepEqual(
        rows.map((cells) => [cells[0], cells.at(-2)]),
        [
          ['5:7-5:17', 'participant-malformed'],
          ['5:24-5:33', 'link-placeholder'],
          ['5:44-5:55', 'participant-unknown'],
        ],
        r.stderr,
      );
      assert.ok(r.stderr.includes('Participant RA1-KE-09-A is not in the participant table.'), r.stderr);
    } finally {
      t.cleanup();
    }
  });
});
