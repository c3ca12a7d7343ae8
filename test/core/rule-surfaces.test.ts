import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SURFACES } from '../../scripts/rule-surfaces';
import { RULES } from '../../server/src/core/rules';

describe('rule surfaces generated from RULES (package.json, schema, README)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  for (const { file, render } of SURFACES) {
    it(`${path.basename(file)} is up to date (run \`npm run docs\` when this fails)`, () => {
      const current = fs.readFileSync(file, 'utf8');
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
});
