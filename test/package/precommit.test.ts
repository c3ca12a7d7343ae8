/**
 * The pre-commit hook (.pre-commit-hooks.yaml): its command run the way pre-commit
 * runs it, on the staged files of a temporary git repository that its `files`
 * pattern selects, with `report-lint` on the PATH as `language: node` installs it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { requireBuiltCli, tempDir } from '../cli/helpers';
import { REPO_ROOT } from './helpers';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  args?: string[];
}

const hooks = parse(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  before(requireBuiltCli);
  let t: ReturnType<typeof tempDir>;
  let repo: string;
  let binDir: string;
  beforeEach(() => {
    t = tempDir('report-lint-precommit-');
    repo = path.join(t.dir, 'repo');
    fs.mkdirSync(repo);
    git(repo, 'init', '-q');
    // `language: node` puts the package's bins on the PATH; here, the repository's own.
    binDir = path.join(t.dir, 'bin');
    fs.mkdirSync(binDir);
    fs.symlinkSync(path.join(REPO_ROOT, 'bin', 'report-lint.js'), path.join(binDir, 'report-lint'));
  });
  afterEach(() => t.cleanup());

  const hook = () => {
    const found = hooks.find((h) => h.id === 'report-lint');
    assert.ok(found, 'a hook with id report-lint');
    return found;
  };

  /** What pre-commit does: the staged files its pattern selects, passed to the entry command. */
  function runHook(): { code: number | null; output: string; files: string[] } {
    const { entry, files, args = [] } = hook();
    const pattern = new RegExp(files);
    const staged = git(repo, 'diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z').split('\0').filter(Boolean);
    const selected = staged.filter((f) => pattern.test(f));
    const [command, ...entryArgs] = entry.split(/\s+/);
    const r = spawnSync(command, [...entryArgs, ...args, ...selected], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' },
    });
    if (r.error) throw r.error;
    return { code: r.status, output: r.stdout + r.stderr, files: selected };
  }

  it('declares a node hook named report-lint for Markdown, Quarto and R Markdown files', () => {
    const h = hook();
    assert.equal(h.language, 'node');
    assert.equal(h.entry, 'report-lint');
    assert.equal(h.files, '\\.(md|markdown|qmd|Rmd)$');
  });

  it('fails a commit whose staged reports have findings, naming them, and checks nothing else', () => {
    const bad = 'A nurse said so (ra1-ke-1-a).\n\n| ID | Agency |\n| --- | --- |\n| RA1-KE-01-A | Health |\n';
    fs.writeFileSync(path.join(repo, 'bad.md'), bad);
    fs.writeFileSync(path.join(repo, 'analysis.qmd'), `---\ntitle: Analysis\n---\n\n${bad}`);
    fs.writeFileSync(path.join(repo, 'clean.Rmd'), 'Nothing to report.\n');
    fs.writeFileSync(path.join(repo, 'notes.txt'), bad);
    fs.writeFileSync(path.join(repo, 'not-staged.md'), bad);
    git(repo, 'add', 'bad.md', 'analysis.qmd', 'clean.Rmd', 'notes.txt');
    const r = runHook();
    assert.deepEqual(r.files.sort(), ['analysis.qmd', 'bad.md', 'clean.Rmd']);
    assert.equal(r.code, 1, r.output);
    assert.match(r.output, /^bad\.md$/m);
    assert.match(r.output, /^analysis\.qmd$/m);
    assert.match(r.output, /participant-malformed/);
    assert.doesNotMatch(r.output, /notes\.txt|not-staged\.md/);
  });

  it('lets the commit through when the staged reports are clean', () => {
    fs.writeFileSync(path.join(repo, 'clean.md'), 'Nothing to report.\n');
    fs.writeFileSync(path.join(repo, 'not-staged.md'), 'A nurse said so (ra1-ke-1-a).\n\n| ID | Agency |\n| --- | --- |\n| RA1-KE-01-A | Health |\n');
    git(repo, 'add', 'clean.md');
    const r = runHook();
    assert.deepEqual(r.files, ['clean.md']);
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /No problems found \(1 file checked\)/);
  });
});
