import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsonReport, requireBuiltCli, runCli, SAMPLE, SAMPLE_REGISTRY, tempDir } from './helpers';

/** A report that cites participants without a participant table of its own. */
const CITES_WITHOUT_TABLE = 'An officer described the backlog (RA1-MW-02-A), and another disagreed (RA1-MW-44-A).\n';

describe('CLI configuration, registries and inline comments', () => {
  before(requireBuiltCli);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(t.dir, name)), { recursive: true });
    fs.writeFileSync(path.join(t.dir, name), text);
  };
  const ruleIdsOf = (stdout: string) => parseJsonReport(stdout).flatMap((e) => e.findings.map((f) => f.ruleId));

  it('reports each configuration problem as file:line:col (unknown rule, bad severity, bad regex) and exits 2', () => {
    const patternLine = '  "participantIds": { "pattern": "RA(?<activity>\\\\d+)-(?<country>[A-Z]{2})-(?<interview>\\\\d{2})-(?<participant>[A-Z]" }';
    write(
      '.reportlintrc.json',
      ['{', '  // comments are allowed', '  "rules": {', '    "no-such-rule": "error",', '    "link-placeholder": "loud"', '  },', patternLine, '}', ''].join(
        '\n',
      ),
    );
    const patternColumn = patternLine.indexOf('"RA(') + 1;
    fs.copyFileSync(SAMPLE, path.join(t.dir, 'report.md'));
    const r = runCli(['--format', 'json', 'report.md'], { cwd: t.dir });
    assert.equal(r.code, 2);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 3, r.stderr);
    assert.match(lines[0], /^\.reportlintrc\.json:4:5: configuration error: unknown rule "no-such-rule"/);
    assert.match(lines[1], /^\.reportlintrc\.json:5:25: configuration error: rule "link-placeholder": severity must be one of/);
    assert.match(lines[2], new RegExp(`^\\.reportlintrc\\.json:7:${patternColumn}: configuration error: .*does not compile.*using the default ID pattern`));
    // The problems are in the JSON report too, and the check ran with the defaults.
    const [entry] = parseJsonReport(r.stdout);
    assert.deepEqual(
      entry.configProblems.map((p) => [p.file, p.line, p.column]),
      [
        ['.reportlintrc.json', 4, 5],
        ['.reportlintrc.json', 5, 25],
        ['.reportlintrc.json', 7, patternColumn],
      ],
    );
    assert.ok(entry.findings.some((f) => f.ruleId === 'participant-malformed'));
  });

  it('reads a registry outside the repository only because the user ran it, and says which', () => {
    const outside = tempDir();
    try {
      fs.writeFileSync(path.join(outside.dir, 'people.csv'), 'id,agency\nRA1-MW-02-A,Police\nRA1-MW-44-A,Court\n');
      fs.mkdirSync(path.join(t.dir, '.git'));
      write('.reportlintrc.json', JSON.stringify({ registries: [path.join(outside.dir, 'people.csv')] }));
      write('report.md', CITES_WITHOUT_TABLE);
      const r = runCli(['--format', 'json', 'report.md'], { cwd: t.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(ruleIdsOf(r.stdout), []);
      assert.match(
        r.stderr,
        new RegExp(
          `note: \\.reportlintrc\\.json names ${fs.realpathSync(outside.dir).replace(/[/\\.]/g, '\\$&')}/people\\.csv, outside its repository; reading it`,
        ),
      );
    } finally {
      outside.cleanup();
    }
  });

  it('looks for .reportlintrc.json up to the repository root or the current directory, not above', () => {
    write('.reportlintrc.json', '{ "rules": { "terminology-avoid": "off" } }\n');
    write('repo/.git/HEAD', 'ref: refs/heads/main\n');
    write('repo/docs/report.md', 'The law on child pornography was amended.\n');
    // The search stops at the repository root, even when the CLI runs from the folder above it…
    const above = runCli(['--format', 'json', 'repo/docs/report.md'], { cwd: t.dir });
    assert.deepEqual(ruleIdsOf(above.stdout), ['terminology-avoid']);
    // …and from inside the repository.
    const inside = runCli(['--format', 'json', 'docs/report.md'], { cwd: path.join(t.dir, 'repo') });
    assert.deepEqual(ruleIdsOf(inside.stdout), ['terminology-avoid']);
    // Without a repository, the current directory is the limit: from inside "repo" the configuration above is not used, from its parent it is.
    fs.rmSync(path.join(t.dir, 'repo', '.git'), { recursive: true });
    const fromRepo = runCli(['--format', 'json', 'docs/report.md'], { cwd: path.join(t.dir, 'repo') });
    assert.deepEqual(ruleIdsOf(fromRepo.stdout), ['terminology-avoid']);
    const fromTop = runCli(['--format', 'json', 'repo/docs/report.md'], { cwd: t.dir });
    assert.deepEqual(ruleIdsOf(fromTop.stdout), []);
    // --config names any file.
    const forced = runCli(['--format', 'json', '--config', path.join(t.dir, '.reportlintrc.json'), 'docs/report.md'], { cwd: path.join(t.dir, 'repo') });
    assert.deepEqual(ruleIdsOf(forced.stdout), []);
  });

  it('reports a configuration problem once however many reports share the configuration', () => {
    write('.reportlintrc.json', '{ "rules": { "no-such-rule": "off" } }\n');
    for (let i = 0; i < 5; i++) write(`r${i}.md`, 'Plain text.\n');
    const r = runCli(['.'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });

  it('applies the nearest .reportlintrc.json, or the one forced with --config', () => {
    write('.reportlintrc.json', '{ "rules": { "terminology-avoid": "off" } }\n');
    write('strict.json', '{ "rules": { "terminology-avoid": "error" } }\n');
    write('sub/report.md', 'The law on child pornography was amended.\n');
    const nearest = runCli(['--format', 'json', 'sub/report.md'], { cwd: t.dir });
    assert.equal(nearest.code, 0, nearest.stderr);
    assert.deepEqual(ruleIdsOf(nearest.stdout), []);
    const forced = runCli(['--format', 'json', '--config', 'strict.json', 'sub/report.md'], { cwd: t.dir });
    assert.equal(forced.code, 1);
    assert.deepEqual(
      parseJsonReport(forced.stdout)[0].findings.map((f) => [f.ruleId, f.severity]),
      [['terminology-avoid', 'error']],
    );
    const missing = runCli(['--config', 'nope.json', 'sub/report.md'], { cwd: t.dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json:1:1: configuration error: the configuration cannot be read: ENOENT/);
  });

  it('checks citations against a registry CSV named in the configuration, relative to it', () => {
    write('report.md', CITES_WITHOUT_TABLE);
    // Without a table or registry there is nothing to check citations against.
    const without = runCli(['--format', 'json', 'report.md'], { cwd: t.dir });
    assert.deepEqual(ruleIdsOf(without.stdout), []);

    write('data/participants.csv', fs.readFileSync(SAMPLE_REGISTRY, 'utf8'));
    write('.reportlintrc.json', '{ "registries": ["data/participants.csv"] }\n');
    const r = runCli(['--format', 'json', 'report.md'], { cwd: t.dir });
    const findings = parseJsonReport(r.stdout)[0].findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'participant-unknown').map((f) => f.message.match(/RA1-MW-\d+-A/)?.[0]),
      ['RA1-MW-44-A'],
    );
    assert.equal(r.code, 1);
  });

  it('adds registry files with --registry, and reports an unreadable one as a configuration error', () => {
    write('report.md', CITES_WITHOUT_TABLE);
    const r = runCli(['--format', 'json', '--registry', SAMPLE_REGISTRY, 'report.md'], { cwd: t.dir });
    assert.deepEqual(parseJsonReport(r.stdout)[0].findings.filter((f) => f.ruleId === 'participant-unknown').length, 1);
    const broken = runCli(['--registry', 'missing.csv', 'report.md'], { cwd: t.dir });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /configuration error: registry file .*missing\.csv cannot be read: ENOENT/);
  });

  it('honours inline disable comments', () => {
    write(
      'report.md',
      [
        'The survey counted child pornography cases.',
        '',
        '<!-- report-lint-disable-next-line terminology-avoid -->',
        'The 1996 survey used the term child pornography throughout.',
        '',
        '<!-- report-lint-disable -->',
        'Old wording: child pornography, child prostitution.',
        '<!-- report-lint-enable -->',
        '',
        'Again child pornography.',
        '',
      ].join('\n'),
    );
    const r = runCli(['--format', 'json', 'report.md'], { cwd: t.dir });
    assert.deepEqual(
      parseJsonReport(r.stdout)[0].findings.map((f) => [f.ruleId, f.line]),
      [
        ['terminology-avoid', 1],
        ['terminology-avoid', 10],
      ],
    );
  });

  it('--rule overrides a severity on top of the configuration', () => {
    write('.reportlintrc.json', '{ "rules": { "terminology-avoid": "error" } }\n');
    write('report.md', 'The law on child pornography was amended.\n');
    assert.equal(runCli(['report.md'], { cwd: t.dir }).code, 1);
    const r = runCli(['--format', 'json', '--rule', 'terminology-avoid=off', 'report.md'], { cwd: t.dir });
    assert.equal(r.code, 0);
    assert.deepEqual(ruleIdsOf(r.stdout), []);
  });
});
