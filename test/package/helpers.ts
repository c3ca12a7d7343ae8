import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The Node API example of the README (between `<!-- api-example:start -->` and
 * `<!-- api-example:end -->`): its ```js block and the ```text block of what it prints.
 */
export function readmeApiExample(readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')): { code: string; output: string } {
  const section = /<!-- api-example:start -->([\s\S]*?)<!-- api-example:end -->/.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no <!-- api-example:start --> … <!-- api-example:end --> section');
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  const output = /```text\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined || output === undefined) throw new Error('the README API example needs a ```js block and a ```text block with its output');
  return { code, output };
}
