import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { resolveConfig, defaultConfig, type ConfigProblem } from '../../server/src/core/config';
import { ProjectCache, findConfigFile } from '../../server/src/core/project';
import { MAX_REGISTRY_BYTES } from '../../server/src/core/files';
import { DEFAULT_ID_SCHEME, IdScheme } from '../../server/src/core/participantIds';
import { lint, RULE_IDS, texts } from './helpers';

function resolve(text: string) {
  let result: ReturnType<typeof resolveConfig> | undefined;
  assert.doesNotThrow(() => (result = resolveConfig(text, '/project/.reportlintrc.json', RULE_IDS)));
  return result!;
}

function place(p: ConfigProblem): [number, number] {
  return [p.line, p.column];
}

describe('config: resolveConfig', () => {
  it('an empty object is the default configuration', () => {
    const { config, problems } = resolve('{}');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.severities, {});
    assert.equal(config.terminologyInQuotations, 'off');
    assert.equal(config.idScheme.config.pattern, DEFAULT_ID_SCHEME.pattern);
    assert.equal(config.file, '/project/.reportlintrc.json');
  });

  it('invalid JSON: one problem at the place it breaks, defaults used', () => {
    const { config, problems } = resolve('{\n  "rules": {\n    "terminology-avoid": "off"\n  \n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, '/project/.reportlintrc.json');
    assert.match(problems[0].message, /invalid JSON/);
    assert.equal(problems[0].line, 5);
    assert.deepEqual(config.severities, {});
  });

  it('empty text and non-objects are problems, not exceptions', () => {
    assert.match(resolve('').problems[0].message, /invalid JSON|empty/);
    assert.match(resolve('[]').problems[0].message, /must be a JSON object/);
    assert.match(resolve('42').problems[0].message, /must be a JSON object/);
  });

  it('an unknown top-level key is reported at the key', () => {
    const { problems } = resolve('{\n  "rules": {},\n  "rulez": {}\n}');
    assert.deepEqual(
      problems.map((p) => [p.message, ...place(p)]),
      [['unknown setting "rulez"', 3, 3]],
    );
  });

  it('an unknown rule id is reported at the key and names the known rules', () => {
    const { problems, config } = resolve('{\n  "rules": {\n    "no-such-rule": "error",\n    "footnote-order": "error"\n  }\n}');
    assert.equal(problems.length, 1);
    assert.deepEqual(place(problems[0]), [3, 5]);
    assert.match(problems[0].message, /unknown rule "no-such-rule" \(known rules: .*footnote-order/);
    assert.deepEqual(config.severities, { 'footnote-order': 'error' }, 'the valid rule still applies');
  });

  it('a bad severity is reported at the value; the rule keeps its default', () => {
    const { problems, config } = resolve('{\n  "rules": {\n    "terminology-avoid": "fatal"\n  }\n}');
    assert.deepEqual(place(problems[0]), [3, 26]);
    assert.match(problems[0].message, /severity must be one of error, warning, information, hint, off or true\/false/);
    assert.deepEqual(config.severities, {});
  });

  it('severities, true and false', () => {
    const { problems, config } = resolve(
      '{"rules": {"terminology-avoid": false, "participant-count": true, "footnote-order": "error", "link-placeholder": "off"}}',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.severities, { 'terminology-avoid': 'off', 'footnote-order': 'error', 'link-placeholder': 'off' });
  });

  it('a regex that does not compile is reported at the pattern; the default scheme is used', () => {
    const { problems, config } = resolve('{\n  "participantIds": {\n    "pattern": "RA(?<activity>\\\\d+"\n  }\n}');
    assert.equal(problems.length, 1);
    assert.deepEqual(place(problems[0]), [3, 16]);
    assert.match(problems[0].message, /does not compile.*using the default ID pattern/);
    assert.equal(config.idScheme.config.pattern, DEFAULT_ID_SCHEME.pattern);
  });

  it('patterns that backtrack catastrophically in a JavaScript engine are matched in linear time', () => {
    // Each passed the old nested-quantifier heuristic or was refused by it; RE2 runs all of them in linear time.
    for (const country of ['(?:[A-Z]|[A-Z])*', '[A-Z]*[A-Z]*[A-Z]*[A-Z]*[A-Z]*[A-Z]*', '(?:[A-Z]+)+']) {
      const pattern = `X(?<country>${country})-(?<interview>\\\\d*\\\\d*\\\\d*\\\\d*\\\\d*\\\\d*)-(?<participant>[A-Z])`;
      const { problems, config } = resolve(`{"participantIds": {"pattern": "${pattern}", "format": "X{country}-{interview}-{participant}"}}`);
      assert.deepEqual(problems, [], country);
      const scheme = config.idScheme;
      assert.notEqual(scheme.config.pattern, DEFAULT_ID_SCHEME.pattern);
      // Inputs on which a backtracking engine takes seconds to minutes: the answer is still right.
      assert.equal(scheme.isCanonical(`X${'A'.repeat(5000)}-${'1'.repeat(5000)}!`), false);
      assert.equal(scheme.isCanonical('XKE-01-A'), true);
      assert.deepEqual(
        scheme.find(`see XKE-01-A and X${'A'.repeat(3000)}1${'1'.repeat(3000)}`).map((c) => c.raw),
        ['XKE-01-A'],
      );
    }
  });

  it('lookahead and back-references are refused with the reason, at the pattern; the default scheme is used', () => {
    const pattern = 'RA(?<activity>\\\\d)(?=-)-(?<country>[A-Z]{2})-(?<interview>\\\\d{2})-(?<participant>[A-Z])';
    const { problems, config } = resolve(`{\n  "participantIds": {\n    "pattern": "${pattern}"\n  }\n}`);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, '/project/.reportlintrc.json');
    assert.deepEqual(place(problems[0]), [3, 16]);
    assert.match(problems[0].message, /participantIds.pattern cannot be used: .*\(\?=.*linear-time matcher.*no lookahead.*using the default ID pattern/);
    assert.equal(config.idScheme.config.pattern, DEFAULT_ID_SCHEME.pattern);
    const backReference = resolve('{"participantIds": {"pattern": "(?<country>[A-Z]{2})-(?<interview>\\\\d{2})-(?<participant>[A-Z])\\\\1"}}');
    assert.match(backReference.problems[0].message, /participantIds.pattern cannot be used: invalid escape sequence/);
  });

  it('a refused loosePattern is reported at the loosePattern', () => {
    const text =
      '{\n  "participantIds": {\n    "pattern": "RA(?<activity>\\\\d)-(?<country>[A-Z]{2})-(?<interview>\\\\d{2})-(?<participant>[A-Z])",\n    "format": "RA{activity}-{country}-{interview}-{participant}",\n    "loosePattern": "(x+)+(?!y)"\n  }\n}';
    const { problems } = resolve(text);
    assert.equal(problems.length, 1);
    assert.deepEqual(place(problems[0]), [5, 21]);
    assert.match(problems[0].message, /participantIds.loosePattern cannot be used/);
  });

  it('a configured loosePattern finds IDs as the built-in engine would (word boundaries, combined IDs)', () => {
    const loose = DEFAULT_ID_SCHEME.loosePattern!.replace(/\\/g, '\\\\');
    const { problems, config } = resolve(
      `{"participantIds": {"pattern": "${DEFAULT_ID_SCHEME.pattern.replace(/\\/g, '\\\\')}", "format": "${DEFAULT_ID_SCHEME.format}", "loosePattern": "${loose}"}}`,
    );
    assert.deepEqual(problems, []);
    const builtIn = new IdScheme(DEFAULT_ID_SCHEME);
    for (const text of [
      'RA1-KE-01-A,RA1-KE-02-B&C',
      'xRA1-KE-01-A RA1-KE-01-AB (ra 1 ke 01 a)',
      '\u{1F600}RA2-MW-03 A; RA1-KE-01-A&B&',
      'RA1-IN-05 a participant',
    ])
      assert.deepEqual(config.idScheme.find(text), builtIn.find(text), text);
  });

  it('a pattern without the named groups is reported', () => {
    const { problems } = resolve('{"participantIds": {"pattern": "X(?<country>[A-Z]{2})"}}');
    assert.match(problems[0].message, /needs a named group \(\?<interview>…\)/);
  });

  it('a format that does not write IDs the pattern accepts is reported at the format', () => {
    const pattern = 'P(?<activity>\\\\d)-(?<country>[A-Z]{3})-(?<interview>\\\\d{3})-(?<participant>[a-z])';
    const wrong = resolve(`{\n  "participantIds": {\n    "pattern": "${pattern}",\n    "format": "Q{activity}-{country}-{interview}-{participant}"\n  }\n}`);
    assert.equal(wrong.problems.length, 1);
    assert.deepEqual(place(wrong.problems[0]), [4, 15]);
    assert.match(wrong.problems[0].message, /writes IDs such as "Q1-KEN-001-a", which participantIds.pattern does not accept/);
    assert.equal(wrong.config.idScheme.config.pattern, DEFAULT_ID_SCHEME.pattern);
    const missingPart = resolve(`{"participantIds": {"pattern": "${pattern}", "format": "P{activity}-{country}-{interview}"}}`);
    assert.match(missingPart.problems[0].message, /needs \{participant\}/);
    // A custom pattern without a format would be written in the default RA… form.
    const noFormat = resolve(`{"participantIds": {"pattern": "${pattern}"}}`);
    assert.match(noFormat.problems[0].message, /writes IDs such as "RA1-KEN-001-a"/);
    const right = resolve(`{"participantIds": {"pattern": "${pattern}", "format": "P{activity}-{country}-{interview}-{participant}"}}`);
    assert.deepEqual(right.problems, []);
  });

  it('a pattern with lookbehind is accepted (the safety check must read it)', () => {
    const { problems } = resolve(
      '{"participantIds": {"pattern": "(?<![A-Z])P(?<activity>\\\\d)-(?<country>[A-Z]{2})-(?<interview>\\\\d{2})-(?<participant>[A-Z])", "format": "P{activity}-{country}-{interview}-{participant}"}}',
    );
    assert.deepEqual(problems, []);
  });

  it('JSONC: comments and trailing commas are accepted', () => {
    const { problems, config } = resolve(
      '// project settings\n{\n  /* quiet */ "rules": { "terminology-avoid": "off", },\n  "allowedPhrases": ["A Name",],\n}\n',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.severities, { 'terminology-avoid': 'off' });
    assert.deepEqual(config.allowedPhrases, ['A Name']);
  });

  it('a byte order mark is accepted and does not shift columns', () => {
    assert.deepEqual(resolve('\uFEFF{"rules": {"terminology-avoid": "off"}}').problems, []);
    assert.deepEqual(resolve('\uFEFF{"rulez": 1}').problems.map(place), [[1, 2]]);
  });

  it('wrongly typed settings are each reported, and the rest still applies', () => {
    const { problems, config } = resolve(
      '{"terms": [{"id": "x"}], "allowedPhrases": "nope", "terminologyInQuotations": "loud", "registries": [1], "rules": {"footnote-order": "off"}}',
    );
    assert.deepEqual(problems.map((p) => p.message.split(' ')[0]).sort(), ['"allowedPhrases"', '"registries"', '"terminologyInQuotations"', 'terms[0]']);
    assert.deepEqual(config.severities, { 'footnote-order': 'off' });
    assert.deepEqual(config.extraTerms, []);
  });

  it('never throws on hostile input', () => {
    const inputs = [
      '\u0000\u0001',
      '{"rules": null}',
      '{"rules": []}',
      '{"participantIds": null}',
      '{"participantIds": {"pattern": 5}}',
      '{"terms": {}}',
      '{"terms": [null, 3]}',
      '{'.repeat(10000),
      '"',
    ];
    for (const input of inputs) {
      const { problems } = resolve(input);
      assert.ok(problems.length > 0, input.slice(0, 30));
      for (const p of problems) assert.ok(p.line >= 1 && p.column >= 1);
    }
  });

  it('rules set to off produce no findings', () => {
    const text = 'Child pornography [here](#).\n';
    assert.deepEqual(
      lint(text)
        .map((f) => f.ruleId)
        .sort(),
      ['link-placeholder', 'terminology-avoid'],
    );
    assert.deepEqual(lint(text, { rules: { 'terminology-avoid': 'off', 'link-placeholder': false } }), []);
    assert.deepEqual(
      lint(text, { rules: { 'terminology-avoid': 'error' } })
        .map((f) => [f.ruleId, f.severity])
        .sort(),
      [
        ['link-placeholder', 'information'],
        ['terminology-avoid', 'error'],
      ],
    );
  });
});

describe('config: inline directives', () => {
  const found = (text: string) => lint(text).map((f) => `${f.ruleId}:${text.slice(f.start, f.end)}`);

  it('disable-next-line with a rule id silences only that rule on the next line', () => {
    const text = '<!-- report-lint-disable-next-line terminology-avoid -->\nChild pornography here. Sextortion.\nChild pornography there.\n';
    assert.deepEqual(found(text), ['terminology-caution:Sextortion', 'terminology-avoid:Child pornography']);
  });

  it('disable-next-line without ids silences every rule on the next line', () => {
    assert.deepEqual(found('<!-- report-lint-disable-next-line -->\nChild pornography [here](#).\nSextortion.\n'), ['terminology-caution:Sextortion']);
  });

  it('disable … enable without ids', () => {
    const text =
      'One child pornography.\n\n<!-- report-lint-disable -->\n\nTwo child pornography.\n\n<!-- report-lint-enable -->\n\nThree child pornography.\n';
    const findings = lint(text);
    assert.deepEqual(
      findings.map((f) => text.slice(0, f.start).split('\n').length),
      [1, 9],
    );
  });

  it('disable … enable with rule ids', () => {
    const text =
      '<!-- report-lint-disable terminology-caution -->\n\nChild pornography and sextortion.\n\n<!-- report-lint-enable terminology-caution -->\n\nSextortion again.\n';
    assert.deepEqual(found(text), ['terminology-avoid:Child pornography', 'terminology-caution:Sextortion']);
  });

  it('enable with a rule id inside a disable-all re-enables that rule only', () => {
    const text =
      '<!-- report-lint-disable -->\n\nOne child pornography [a](#).\n\n<!-- report-lint-enable terminology-avoid -->\n\nTwo child pornography [b](#).\n\n<!-- report-lint-enable -->\n\nThree child pornography [c](#).\n';
    const findings = lint(text);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, text.slice(0, f.start).split('\n').length]),
      [
        ['terminology-avoid', 7],
        ['terminology-avoid', 11],
        ['link-placeholder', 11],
      ],
    );
  });

  it('disable with comma-separated ids, never re-enabled, lasts to the end', () => {
    assert.deepEqual(
      found('<!-- report-lint-disable terminology-avoid, terminology-caution -->\n\nChild pornography and sextortion.\n\nMore child pornography [x](#).\n'),
      ['link-placeholder:[x](#)'],
    );
  });

  it('disable-line with and without ids', () => {
    assert.deepEqual(found('Child pornography here. <!-- report-lint-disable-line -->\nChild pornography there.\n'), ['terminology-avoid:Child pornography']);
    assert.deepEqual(found('Child pornography and sextortion. <!-- report-lint-disable-line terminology-caution -->\n'), [
      'terminology-avoid:Child pornography',
    ]);
  });

  it('a directive shown in code does not apply', () => {
    assert.deepEqual(found('Write `<!-- report-lint-disable -->` to silence. Child pornography.\n'), ['terminology-avoid:Child pornography']);
    assert.deepEqual(found('```html\n<!-- report-lint-disable -->\n```\n\nChild pornography.\n'), ['terminology-avoid:Child pornography']);
  });

  it('directives work in the middle of a participant table (disable-next-line before a row)', () => {
    const text =
      '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-02-A | Court |\n\n<!-- report-lint-disable-next-line participant-unknown -->\nSaid (RA1-KE-09-A).\nAnd (RA1-KE-01-A) (RA1-KE-08-A).\n';
    assert.deepEqual(
      texts(
        text,
        lint(text).filter((f) => f.ruleId === 'participant-unknown'),
      ),
      ['RA1-KE-08-A'],
    );
  });
});

describe('config: ProjectCache', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-config-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  function write(rel: string, text: string): string {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  it('finds .reportlintrc.json in a parent directory', () => {
    const configFile = write('.reportlintrc.json', '{"rules": {"terminology-avoid": "error"}}');
    const report = write('reports/2023/malawi/report.md', 'Child pornography.\n');
    assert.equal(findConfigFile(path.dirname(report)), configFile);
    const settings = new ProjectCache().forFile(report);
    assert.equal(settings.configFile, configFile);
    assert.deepEqual(settings.problems, []);
    assert.deepEqual(
      settings.linter.lint('Child pornography.\n').findings.map((f) => f.severity),
      ['error'],
    );
  });

  it('the nearest configuration wins', () => {
    write('.reportlintrc.json', '{}');
    const inner = write('reports/.reportlintrc.json', '{"rules": {"terminology-avoid": "off"}}');
    const report = write('reports/a/report.md', '');
    assert.equal(new ProjectCache().forFile(report).configFile, inner);
  });

  it('without a configuration file the defaults apply', () => {
    const report = write('report.md', '');
    const settings = new ProjectCache().forConfigFile(undefined);
    assert.equal(settings.configFile, undefined);
    assert.deepEqual(settings.config.severities, defaultConfig().severities);
    assert.ok(findConfigFile(path.dirname(report), root) === undefined);
  });

  it('reuses the settings while the files are unchanged and reloads when the configuration changes', () => {
    const configFile = write('.reportlintrc.json', '{"rules": {"terminology-avoid": "error"}}');
    const report = write('report.md', '');
    const cache = new ProjectCache();
    const first = cache.forFile(report);
    assert.equal(cache.forFile(report), first, 'same object while unchanged');
    fs.writeFileSync(configFile, '{"rules": {"terminology-avoid": "hint", "footnote-order": "off"}}');
    fs.utimesSync(configFile, new Date(), new Date(Date.now() + 5000));
    const second = cache.forFile(report);
    assert.notEqual(second, first);
    assert.deepEqual(second.config.severities, { 'terminology-avoid': 'hint', 'footnote-order': 'off' });
  });

  it('reports configuration problems with the configuration path', () => {
    const configFile = write('.reportlintrc.json', '{\n  "rulez": {}\n}');
    const settings = new ProjectCache().forFile(write('r.md', ''));
    assert.deepEqual(
      settings.problems.map((p) => [p.file, p.line, p.column]),
      [[configFile, 2, 3]],
    );
  });

  it('reads registry files relative to the configuration and reloads them when they change', () => {
    write('.reportlintrc.json', '{"registries": ["data/registry.csv"]}');
    const registry = write('data/registry.csv', 'id,agency\nRA1-MW-01-A,Police\n');
    const cache = new ProjectCache();
    const report = write('reports/r.md', '');
    const first = cache.forFile(report);
    assert.deepEqual(
      first.registry.map((e) => e.id),
      ['RA1-MW-01-A'],
    );
    assert.deepEqual(first.registryFiles, [registry]);
    fs.writeFileSync(registry, 'id,agency\nRA1-MW-01-A,Police\nRA1-MW-02-A,Court\n');
    assert.deepEqual(
      cache.forFile(report).registry.map((e) => e.id),
      ['RA1-MW-01-A', 'RA1-MW-02-A'],
    );
  });

  it('a missing registry file is a problem naming the configuration and the entry that lists it', () => {
    const configFile = write('.reportlintrc.json', '{\n  "registries": [\n    "ok.csv",\n    "missing.csv"\n  ]\n}');
    write('ok.csv', 'id\nRA1-MW-01-A\n');
    const settings = new ProjectCache().forFile(write('r.md', ''));
    assert.equal(settings.problems.length, 1);
    const [p] = settings.problems;
    assert.equal(p.file, configFile);
    assert.deepEqual([p.line, p.column], [4, 5]);
    assert.match(p.message, /registry file .*missing\.csv cannot be read: ENOENT/);
    assert.deepEqual(
      settings.registry.map((e) => e.id),
      ['RA1-MW-01-A'],
    );
  });

  it('registry problems name the registry file and line', () => {
    write('.reportlintrc.json', '{"registries": ["r.csv"]}');
    const registry = write('r.csv', 'id,agency\nRA1-MW-01-A,Police\nnot an id,Court\n');
    const settings = new ProjectCache().forFile(write('r.md', ''));
    assert.deepEqual(
      settings.problems.map((p) => [p.file, p.line]),
      [[registry, 3]],
    );
  });

  describe('hostile files named by a configuration', () => {
    const fifo = (rel: string): string | undefined => {
      const file = path.join(root, rel);
      try {
        execFileSync('mkfifo', [file]);
        return file;
      } catch {
        return undefined;
      }
    };

    it('a FIFO, a device, a directory or a huge file as registry: a problem at its entry, nothing blocks', function () {
      const pipe = fifo('pipe.csv');
      if (!pipe) this.skip();
      fs.mkdirSync(path.join(root, 'folder.csv'));
      const huge = path.join(root, 'huge.csv');
      fs.writeFileSync(huge, '');
      fs.truncateSync(huge, MAX_REGISTRY_BYTES + 1);
      fs.symlinkSync('/dev/zero', path.join(root, 'zero.csv'));
      const configFile = write('.reportlintrc.json', '{"registries": ["pipe.csv", "zero.csv", "folder.csv", "huge.csv", "ok.csv"]}');
      write('ok.csv', 'id\nRA1-MW-01-A\n');
      // Confined to the folder (as the language server reads); /dev/zero is then outside it.
      const settings = new ProjectCache({ outside: 'refuse', rootName: 'the workspace folder' }).forFile(write('r.md', ''), root);
      assert.deepEqual(
        settings.problems.map((p) => [p.file, p.line, p.column]),
        [1, 2, 3, 4].map((i) => [configFile, 1, [17, 29, 41, 55][i - 1]]),
      );
      assert.match(settings.problems[0].message, /pipe\.csv is a FIFO \(named pipe\), not a regular file/);
      assert.match(settings.problems[1].message, /"zero\.csv" is outside the workspace folder .* through a symbolic link/);
      assert.match(settings.problems[2].message, /folder\.csv is a directory/);
      assert.match(settings.problems[3].message, /huge\.csv is too large \(20\.0 MB; the limit is 20\.0 MB\)/);
      assert.deepEqual(
        settings.registry.map((e) => e.id),
        ['RA1-MW-01-A'],
      );
      // Unconfined (the CLI): /dev/zero is a device, refused too.
      const cli = new ProjectCache({ outside: 'note' }).forFile(path.join(root, 'r.md'), root);
      assert.match(cli.problems[1].message, /zero\.csv is a device, not a regular file/);
      assert.deepEqual(cli.outsideFiles, ['/dev/zero']);
    });

    it('a FIFO or a link to a device as the configuration itself: a problem, defaults used', function () {
      const pipe = fifo('.reportlintrc.json');
      if (!pipe) this.skip();
      const settings = new ProjectCache().forFile(write('r.md', ''), root);
      assert.equal(settings.problems.length, 1);
      assert.match(settings.problems[0].message, /the configuration is a FIFO \(named pipe\), not a regular file; using the defaults/);
      fs.rmSync(pipe);
      fs.symlinkSync('/dev/zero', pipe);
      const linked = new ProjectCache({ outside: 'refuse' }).forFile(path.join(root, 'r.md'), root);
      assert.match(linked.problems[0].message, /the configuration is a link to \/dev\/zero, outside the folder/);
    });

    it('"../../../../etc/passwd", an absolute path or a link out of the folder is refused when confined, and its lines never read', () => {
      const folder = path.join(root, 'workspace');
      const outside = write('secret.csv', 'id\nRA1-MW-09-Z\n');
      fs.mkdirSync(folder);
      fs.symlinkSync(outside, path.join(folder, 'linked.csv'));
      const configFile = write(
        'workspace/.reportlintrc.json',
        JSON.stringify({ registries: ['../../../../etc/passwd', outside, 'linked.csv', '../secret.csv'] }),
      );
      const report = write('workspace/reports/r.md', '');
      const confined = new ProjectCache({ outside: 'refuse', rootName: 'the workspace folder' }).forFile(report, folder);
      assert.equal(confined.configFile, configFile);
      assert.equal(confined.problems.length, 4);
      for (const p of confined.problems) {
        assert.equal(p.file, configFile);
        assert.match(p.message, /is outside the workspace folder .*it is not read \(add it to the reportLint\.registries setting to use it\)/);
      }
      assert.match(confined.problems[0].message, /^registry file "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" is outside/);
      assert.match(confined.problems[2].message, /through a symbolic link/);
      assert.deepEqual(confined.registry, []);
      assert.ok(!confined.problems.some((p) => /root:/.test(p.message)), 'no line of /etc/passwd is shown');
      // The CLI reads them but lists them.
      const cli = new ProjectCache({ outside: 'note' }).forFile(report, folder);
      assert.deepEqual(
        cli.registry.map((e) => e.id),
        ['RA1-MW-09-Z', 'RA1-MW-09-Z', 'RA1-MW-09-Z'],
      );
      assert.deepEqual(new Set(cli.outsideFiles), new Set([fs.realpathSync('/etc/passwd'), fs.realpathSync(outside)]));
    });

    it('the search for .reportlintrc.json stops at the root folder', () => {
      write('.reportlintrc.json', '{"rules": {"terminology-avoid": "off"}}');
      const report = write('workspace/reports/r.md', '');
      assert.equal(new ProjectCache().forFile(report, path.join(root, 'workspace')).configFile, undefined);
      assert.equal(new ProjectCache().forFile(report).configFile, path.join(root, '.reportlintrc.json'));
      assert.equal(findConfigFile(path.dirname(report), path.join(root, 'workspace', 'reports')), undefined);
    });
  });

  it('an invalid configuration falls back to defaults and still gives a linter', () => {
    write('.reportlintrc.json', '{ not json');
    const settings = new ProjectCache().forFile(write('r.md', ''));
    assert.ok(settings.problems.length >= 1);
    assert.deepEqual(
      settings.linter.lint('Child pornography.\n').findings.map((f) => f.ruleId),
      ['terminology-avoid'],
    );
  });
});
