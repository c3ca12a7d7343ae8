import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/core/rules';
import { CLIENT_COMMANDS } from '../../server/src/protocol';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const clientSource = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
/** Every client module: commands are registered where their feature lives (views, status bar). */
const allClientSources = fs
  .readdirSync(path.join(ROOT, 'client', 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => fs.readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8'))
  .join('\n');

describe('extension manifest', () => {
  it('contributes exactly the commands the client registers, each titled and in the Report Lint category', () => {
    const ids = new Map([...allClientSources.matchAll(/const (\w+) = '(reportLint\.\w+)'/g)].map((m) => [m[1], m[2]]));
    const registered = [...allClientSources.matchAll(/registerCommand\((?:'([^']+)'|CLIENT_COMMANDS\.(\w+)|(\w+))/g)]
      .map((m) => m[1] ?? (m[2] ? CLIENT_COMMANDS[m[2] as keyof typeof CLIENT_COMMANDS] : ids.get(m[3])))
      .sort();
    for (const id of Object.values(CLIENT_COMMANDS)) assert.ok(registered.includes(id), `the client registers ${id} of the protocol module`);
    const contributed = pkg.contributes.commands as { command: string; title: string; category: string }[];
    assert.deepEqual(contributed.map((c) => c.command).sort(), registered);
    for (const c of contributed) {
      assert.equal(c.category, 'Report Lint', c.command);
      assert.ok(c.title.length > 0, c.command);
    }
  });

  it('offers a severity setting for every rule, and only for rules that exist', () => {
    const rules = pkg.contributes.configuration.properties['reportLint.rules'];
    assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.id).sort());
    assert.equal(rules.additionalProperties, false);
    for (const rule of RULES) {
      const setting = rules.properties[rule.id];
      assert.deepEqual(setting.enum, ['error', 'warning', 'information', 'hint', 'off']);
      assert.ok(setting.markdownDescription.includes(`Default: \`${rule.defaultSeverity}\``), `${rule.id} documents its default ${rule.defaultSeverity}`);
    }
  });

  it('describes every setting and titles the settings page', () => {
    const configuration = pkg.contributes.configuration;
    assert.equal(configuration.title, 'Report Lint');
    for (const [key, value] of Object.entries(configuration.properties as Record<string, { markdownDescription?: string; default?: unknown }>)) {
      assert.match(key, /^reportLint\./);
      assert.ok(value.markdownDescription, `${key} has a description`);
      assert.notEqual(value.default, undefined, `${key} has a default`);
    }
  });

  it('activates on Markdown and starts from the bundled client', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown', 'onLanguage:quarto', 'onLanguage:rmd']);
    // Language ids only: the Quarto and R extensions own the .qmd and .Rmd file extensions.
    for (const l of pkg.contributes.languages) if (l.id === 'quarto' || l.id === 'rmd') assert.equal(l.extensions, undefined, l.id);
    assert.equal(pkg.main, './dist/client.js');
    assert.match(clientSource, /asAbsolutePath\('dist\/server\.js'\)/);
  });

  it('validates .reportlintrc.json with a schema that ships in the package', () => {
    const [validation] = pkg.contributes.jsonValidation;
    assert.equal(validation.fileMatch, '.reportlintrc.json');
    const schemaPath = path.resolve(ROOT, validation.url);
    assert.ok(fs.existsSync(schemaPath), `${validation.url} exists`);
    // One "files" list makes both the VSIX and the npm package (vsce refuses a .vscodeignore beside it).
    assert.ok((pkg.files as string[]).includes('schemas/'), 'package.json "files" keeps schemas/');
    assert.ok(!fs.existsSync(path.join(ROOT, '.vscodeignore')), 'no .vscodeignore: vsce would refuse it beside "files"');
  });

  it('walks a new user through the product, with the media of every step shipped in the package', () => {
    const [walkthrough] = pkg.contributes.walkthroughs as {
      steps: { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[];
    }[];
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['openSample', 'seeDiagnostic', 'quickFix', 'insertCitation', 'createConfig'],
    );
    const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const step of walkthrough.steps) {
      assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
      assert.ok(
        (pkg.files as string[]).some((f) => step.media.markdown.startsWith(f)),
        `${step.media.markdown} is in package.json "files"`,
      );
      // Each step's button runs a command; the product's own must exist.
      const [, command] = /\(command:([\w.]+)\)/.exec(step.description) ?? [];
      assert.ok(command, `${step.id} has a button`);
      if (command.startsWith('reportLint.')) assert.ok(commands.has(command), command);
      assert.deepEqual(step.completionEvents, [`onCommand:${command}`]);
    }
  });

  it('keeps the icon it names, 128×128 PNG', () => {
    const png = fs.readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
  });
});
