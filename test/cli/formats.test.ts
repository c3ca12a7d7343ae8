import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/core/rules';
import { engineFindings, parseJsonReport, requireBuiltCli, runCli, SAMPLE, SAMPLE_GFM, tempDir } from './helpers';

const SAMPLE_REL = path.join('samples', 'sample-report.md');

describe('CLI output formats', () => {
  before(requireBuiltCli);

  describe('stylish (default)', () => {
    it('groups findings under the file and ends with a summary whose counts match the engine', () => {
      const expected = engineFindings(SAMPLE);
      const count = (s: string) => expected.filter((f) => f.severity === s).length;
      const r = runCli([SAMPLE_REL]);
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], SAMPLE_REL);
      const rows = lines.filter((l) => /^ {2}\d+:\d+ /.test(l));
      assert.equal(rows.length, expected.length);
      // Each row: line:col, severity, message, rule id — in the engine's order.
      rows.forEach((row, i) => {
        const f = expected[i];
        assert.match(row, new RegExp(`^  ${f.line}:${f.column} +${f.severity === 'information' ? 'info' : f.severity} +`));
        assert.ok(row.includes(f.message), row);
        assert.ok(row.endsWith(`  ${f.ruleId}`), row);
      });
      const total = expected.length;
      assert.ok(r.stdout.includes(`✖ ${total} problems (${count('error')} errors, ${count('warning')} warnings, ${count('information')} infos)`), r.stdout);
      const fixable = expected.filter((f) => f.fixes.some((x) => x.safe)).length;
      assert.ok(fixable > 0);
      assert.ok(r.stdout.includes(`${fixable} problems are fixable with --fix`), r.stdout);
    });

    it('has no colour codes when stdout is not a terminal; --color and --no-color force it', () => {
      assert.ok(!runCli([SAMPLE_REL]).stdout.includes('\u001b['));
      assert.ok(runCli([SAMPLE_REL, '--color']).stdout.includes('\u001b[31merror'));
      assert.ok(!runCli([SAMPLE_REL, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout.includes('\u001b['));
    });

    it('says so when a report is clean', () => {
      const r = runCli([path.relative(process.cwd(), SAMPLE_GFM)]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /✔ No problems found \(1 file checked\)/);
    });
  });

  describe('json', () => {
    it('parses and lists exactly the findings the engine reports for the file', () => {
      const r = runCli(['--format', 'json', SAMPLE_REL]);
      assert.equal(r.code, 1, r.stderr);
      const report = parseJsonReport(r.stdout);
      assert.equal(report.length, 1);
      assert.equal(report[0].file, SAMPLE_REL);
      assert.deepEqual(report[0].configProblems, []);
      assert.deepEqual(report[0].findings, engineFindings(SAMPLE));
      // Spot-check one place against samples/EXPECTED.md: the malformed ID on line 55.
      const malformed = report[0].findings.find((f) => f.ruleId === 'participant-malformed');
      assert.equal(malformed?.line, 55);
      assert.ok(malformed);
      assert.equal(malformed.endColumn - malformed.column, 'RA1- MW-04-A'.length);
      assert.deepEqual(malformed?.fixes[0], { title: 'Change to RA1-MW-04-A', safe: true });
    });

    it('writes to --output instead of stdout', () => {
      const t = tempDir();
      try {
        const out = path.join(t.dir, 'report.json');
        const r = runCli(['--format', 'json', '--output', out, SAMPLE_REL]);
        assert.equal(r.code, 1);
        assert.equal(r.stdout, '');
        assert.deepEqual(parseJsonReport(fs.readFileSync(out, 'utf8'))[0].findings, engineFindings(SAMPLE));
      } finally {
        t.cleanup();
      }
    });
  });

  describe('--output naming a report being checked', () => {
    for (const [what, output, inputs] of [
      ['the report itself', 'report.md', ['report.md']],
      ['the report by another path', './notes/../report.md', ['notes', 'report.md']],
      ['a link to the report', 'link.md', ['.']],
    ] as const) {
      it(`${what}: refused with exit code 2, the report kept as it was`, () => {
        const t = tempDir();
        try {
          const original = 'Said (RA1- KE-01-A).\n\n| ID | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n';
          const report = path.join(t.dir, 'report.md');
          fs.writeFileSync(report, original);
          fs.mkdirSync(path.join(t.dir, 'notes'));
          fs.writeFileSync(path.join(t.dir, 'notes', 'other.md'), 'Other.\n');
          fs.symlinkSync('report.md', path.join(t.dir, 'link.md'));
          const r = runCli(['--fix', '--format', 'json', '--output', output, ...inputs], { cwd: t.dir });
          assert.equal(r.code, 2, r.stderr);
          assert.match(r.stderr, /one of the reports to check: name another file for the findings \(nothing was checked or written\)/);
          assert.equal(fs.readFileSync(report, 'utf8'), original);
        } finally {
          t.cleanup();
        }
      });
    }
  });

  describe('sarif', () => {
    type SarifRegion = { startLine: number; startColumn: number; endLine: number; endColumn: number };
    type SarifResult = {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion } }[];
      fixes?: { description: { text: string }; artifactChanges: { replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[] }[] }[];
    };
    let log: {
      $schema: string;
      version: string;
      runs: {
        tool: {
          driver: {
            name: string;
            informationUri: string;
            version: string;
            rules: {
              id: string;
              shortDescription: { text: string };
              fullDescription: { text: string };
              helpUri: string;
              defaultConfiguration: { level: string };
            }[];
          };
        };
        results: SarifResult[];
        invocations: { executionSuccessful: boolean; toolConfigurationNotifications: unknown[] }[];
      }[];
    };

    before(() => {
      const r = runCli(['--format', 'sarif', SAMPLE_REL]);
      assert.equal(r.code, 1, r.stderr);
      log = JSON.parse(r.stdout);
    });

    it('is SARIF 2.1.0 with a $schema and the tool described', () => {
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      assert.equal(log.runs.length, 1);
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.name, 'report-lint');
      assert.match(driver.informationUri, /^https:\/\//);
      assert.match(driver.version, /^\d+\.\d+\.\d+/);
      assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
    });

    it('describes every rule with its default level and a README anchor', () => {
      const rules = log.runs[0].tool.driver.rules;
      assert.deepEqual(
        rules.map((r) => r.id),
        RULES.map((r) => r.id),
      );
      const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
      for (const [i, rule] of RULES.entries()) {
        assert.equal(rules[i].defaultConfiguration.level, level[rule.defaultSeverity], rule.id);
        assert.equal(rules[i].shortDescription.text, rule.description);
        assert.ok(rules[i].fullDescription.text.length > 20, rule.id);
        assert.ok(rules[i].helpUri.endsWith(`#${rule.id}`), rules[i].helpUri);
      }
    });

    it('points every result at its rule by id and index, with the same 1-based regions as the json output', () => {
      const rules = log.runs[0].tool.driver.rules;
      const results = log.runs[0].results;
      const json = parseJsonReport(runCli(['--format', 'json', SAMPLE_REL]).stdout)[0].findings;
      assert.equal(results.length, json.length);
      results.forEach((res, i) => {
        assert.ok(
          rules.some((r) => r.id === res.ruleId),
          res.ruleId,
        );
        assert.equal(rules[res.ruleIndex].id, res.ruleId);
        const loc = res.locations[0].physicalLocation;
        assert.deepEqual(loc.artifactLocation, { uri: 'samples/sample-report.md', uriBaseId: '%SRCROOT%' });
        const f = json[i];
        assert.deepEqual(loc.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
        assert.equal(res.message.text, f.message);
        assert.equal(res.level, f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note');
      });
    });

    it('reports configuration problems and skipped files as invocation notifications', () => {
      const t = tempDir();
      try {
        fs.writeFileSync(path.join(t.dir, '.reportlintrc.json'), '{\n  "rules": { "no-such-rule": "off" }\n}\n');
        fs.copyFileSync(SAMPLE, path.join(t.dir, 'report.md'));
        fs.writeFileSync(path.join(t.dir, 'binary.md'), Buffer.from([0x00, 0x01, 0x02]));
        const r = runCli(['--format', 'sarif', '.'], { cwd: t.dir });
        assert.equal(r.code, 2);
        const run = JSON.parse(r.stdout).runs[0];
        const invocation = run.invocations[0];
        assert.equal(invocation.executionSuccessful, false);
        assert.equal(invocation.toolConfigurationNotifications.length, 1);
        const n = invocation.toolConfigurationNotifications[0];
        assert.equal(n.level, 'error');
        assert.match(n.message.text, /unknown rule "no-such-rule"/);
        assert.deepEqual(n.locations[0].physicalLocation, {
          artifactLocation: { uri: '.reportlintrc.json', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 14 },
        });
        assert.deepEqual(
          invocation.toolExecutionNotifications.map((x: { message: { text: string } }) => x.message.text),
          ['binary.md: binary or not UTF-8 text; skipped'],
        );
        assert.ok(run.results.length > 5, 'the report is still checked');
      } finally {
        t.cleanup();
      }
    });

    it('carries safe fixes as replacements of the flagged text', () => {
      const malformed = log.runs[0].results.find((r) => r.ruleId === 'participant-malformed' && r.locations[0].physicalLocation.region.startLine === 55);
      assert.ok(malformed?.fixes?.length);
      const replacement = malformed.fixes[0].artifactChanges[0].replacements[0];
      assert.deepEqual(replacement.deletedRegion, malformed.locations[0].physicalLocation.region);
      assert.equal(replacement.insertedContent.text, 'RA1-MW-04-A');
      // Findings without a safe fix carry none.
      assert.ok(!log.runs[0].results.find((r) => r.ruleId === 'participant-unknown')?.fixes);
    });
  });
});

describe('CLI output: terminal escapes in hostile input are shown, not obeyed', () => {
  before(requireBuiltCli);
  // ESC [2J clears the screen, ESC ] 0 ; … BEL retitles the window, U+009B is a one-character CSI.
  const ESC = '\u001b';
  const report = `---\nreferences:\n- id: known\n  title: A title\n---\n\nAs shown [@{a${ESC}[2Jb}] and a note.[^x\u009b31m${ESC}y]\n`;
  const bib = `@misc{ok, title = {T}}\n@misc{bad, title = ${ESC}[31m}\n`;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

  function run(format: string[]) {
    const { dir, cleanup } = tempDir();
    try {
      const name = `odd${ESC}[2Jname.qmd`;
      fs.writeFileSync(path.join(dir, name), report);
      fs.writeFileSync(path.join(dir, 'cites-bib.qmd'), '---\nbibliography: refs.bib\n---\n\nSee [@ok].\n');
      fs.writeFileSync(path.join(dir, 'refs.bib'), bib);
      return runCli([...format, name, 'cites-bib.qmd'], { cwd: dir });
    } finally {
      cleanup();
    }
  }

  for (const format of [[], ['--format', 'compact'], ['--format', 'github'], ['--fix']]) {
    it(`${format.join(' ') || 'stylish'}: control characters are written as \\x escapes on stdout and stderr`, () => {
      const r = run(format);
      assert.ok(!controls.test(r.stdout), JSON.stringify(r.stdout));
      assert.ok(!controls.test(r.stderr), JSON.stringify(r.stderr));
      assert.match(r.stdout + r.stderr, /odd\\x1B\[2Jname\.qmd/);
      assert.match(r.stdout + r.stderr, /unexpected "\\x1B"/);
    });
  }

  it('stylish: a citation key with escapes is quoted with them visible', () => {
    const r = run([]);
    assert.ok(r.stdout.includes('Citation @a\\x1B[2Jb is not in the bibliography'), r.stdout);
    assert.ok(r.stdout.includes('Footnote x\\x9B31m\\x1By is referenced'), r.stdout);
  });

  it('json keeps the exact text (JSON escapes it)', () => {
    const r = run(['--format', 'json']);
    const messages = parseJsonReport(r.stdout).flatMap((e) => e.findings.map((f) => f.message));
    assert.ok(messages.includes(`Citation @a${ESC}[2Jb is not in the bibliography.`), JSON.stringify(messages));
  });
});
