import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SURFACES, rulePages, RULE_PAGES_DIR } from '../../scripts/rule-surfaces';
import { RULES } from '../../server/src/core/rules';

describe('rule surfaces generated from RULES (package.json, schema, README)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  for (const { file, render } of SURFACES) {
    it(`${path.basename(file)} is up to date (run \`npm run docs\` when this fails)`, () => {
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      assert.equal(current, render(current));
    });
  }

  it('has a section with an example for every rule id', () => {
    for (const rule of RULES) {
      const section = readme.split(`\n### ${rule.id}\n`)[1];
      assert.ok(section, `no README section for ${rule.id}`);
      assert.match(section.split('\n### ')[0], /```markdown/, `no example for ${rule.id}`);
    }
  });

  it('docs/rules has the generated page of every rule, and nothing else', () => {
    const pages = rulePages();
    assert.deepEqual(fs.readdirSync(RULE_PAGES_DIR).sort(), [...pages.keys()].sort());
    for (const [name, text] of pages)
      assert.equal(fs.readFileSync(path.join(RULE_PAGES_DIR, name), 'utf8'), text, `docs/rules/${name} is stale: run \`npm run docs\``);
  });

  it('the Settings table lists every reportLint setting of the manifest', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const settings = readme.split('\n## Settings\n')[1]?.split('\n## ')[0] ?? '';
    for (const key of Object.keys(pkg.contributes.configuration.properties))
      assert.ok(settings.includes(`| \`${key}\` |`), `${key} is missing from the README's Settings table`);
  });
});
