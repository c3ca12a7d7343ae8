import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listMarkdownFiles } from '../../server/src/lsp/files';
import { expandInputs, MAX_FOLDER_DEPTH } from '../../server/src/cli/files';

/** The workspace walk (workspace diagnostics, citation search): a folder tree is input too. */
describe('listMarkdownFiles: bounded walk of a workspace folder', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-walk-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (rel: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), '# Report\n');
  };
  const relative = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

  it('lists Markdown files depth first in name order, skipping hidden and dependency folders', () => {
    for (const f of ['b.md', 'a/z.qmd', 'a/c.txt', '.hidden/x.md', 'node_modules/p/readme.md', 'a/b/y.Rmd']) write(f);
    assert.deepEqual(relative(listMarkdownFiles(root)), ['a/b/y.Rmd', 'a/z.qmd', 'b.md']);
  });

  it('does not go deeper than the depth limit (folders nested without end are not followed)', () => {
    const deep = Array.from({ length: 40 }, (_, i) => `d${i}`).join('/');
    write('top.md');
    write(`${deep}/bottom.md`);
    assert.deepEqual(relative(listMarkdownFiles(root)), ['top.md']);
    assert.deepEqual(relative(listMarkdownFiles(root, { depth: 50 })), [`${deep}/bottom.md`, 'top.md']);
  });

  it('never follows a symbolic link, so a link to a parent folder is no loop', function () {
    write('a/report.md');
    try {
      fs.symlinkSync('..', path.join(root, 'a', 'up'), 'dir');
      fs.symlinkSync(path.join(root, 'a', 'report.md'), path.join(root, 'link.md'));
    } catch {
      this.skip();
    }
    assert.deepEqual(relative(listMarkdownFiles(root)), ['a/report.md']);
  });

  it('stops after the file and entry limits', () => {
    for (let i = 0; i < 30; i++) write(`f${String(i).padStart(2, '0')}.md`);
    assert.equal(listMarkdownFiles(root, { files: 5 }).length, 5);
    assert.equal(listMarkdownFiles(root, { entries: 12 }).length, 12);
    assert.equal(listMarkdownFiles(root).length, 30);
  });
});

describe('the CLI folder search: bounded the same way', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-walk-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a link back up is no loop and folders deeper than the limit are not searched', async () => {
    const deep = Array.from({ length: MAX_FOLDER_DEPTH + 5 }, (_, i) => `d${i}`).join('/');
    fs.mkdirSync(path.join(root, deep), { recursive: true });
    fs.writeFileSync(path.join(root, 'top.md'), '# Report\n');
    fs.writeFileSync(path.join(root, deep, 'bottom.md'), '# Report\n');
    fs.writeFileSync(path.join(root, 'd0', 'near.md'), '# Report\n');
    try {
      fs.symlinkSync('..', path.join(root, 'd0', 'up'), 'dir');
    } catch {
      /* no symbolic links here: the depth part still runs */
    }
    const { files, problems } = await expandInputs([root], root);
    assert.deepEqual(problems, []);
    // Each file once (under the first of its paths), the one too deep not at all.
    const real = fs.realpathSync(root);
    assert.deepEqual(files.map((f) => path.relative(real, fs.realpathSync(f)).split(path.sep).join('/')).sort(), ['d0/near.md', 'top.md']);
  });
});
