import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderReadme } from '../../scripts/rule-docs';
import { RULES } from '../../server/src/core/rules';

describe('README rule reference', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('is generated from the rules (run `npm run docs` when this fails)', () => {
    assert.equal(readme, renderReadme(readme));
  });

  it('has a section with an example for every rule id', () => {
    for (const rule of RULES) {
      const section = readme.split(`\n### ${rule.id}\n`)[1];
      assert.ok(section, `no README section for ${rule.id}`);
      assert.match(section.split('\n### ')[0], /```markdown/, `no example for ${rule.id}`);
    }
  });
});
