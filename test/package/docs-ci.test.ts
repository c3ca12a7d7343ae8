/** docs/ci.md must not drift: its recipes parse, name real options, formats, hooks and the contributed problem matcher. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseOptions } from '../../server/src/cli/options';
import { REPO_ROOT } from './helpers';

const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'ci.md'), 'utf8');
const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

describe('docs/ci.md recipes', () => {
  it('every `npx report-lint …` command uses options the CLI accepts', () => {
    const commands = [...doc.matchAll(/npx report-lint([^\n`|<>;]*)/g)].map((m) => m[1].replace(/\|\|.*$/, '').trim());
    assert.ok(commands.length >= 5, commands.join('\n'));
    for (const c of commands) {
      // Quotes removed as a shell would; a folder or glob is just a positional here.
      const argv = c
        .split(/\s+/)
        .filter(Boolean)
        .map((a) => a.replace(/^["']|["']$/g, ''));
      assert.doesNotThrow(() => parseOptions(argv), `docs/ci.md: "npx report-lint ${c}"`);
    }
    const formats = commands.map((c) => /--format (\w+)/.exec(c)?.[1]).filter(Boolean);
    for (const f of ['github', 'sarif', 'compact']) assert.ok(formats.includes(f), `a recipe uses --format ${f}`);
  });

  it('the GitHub Actions workflow is valid YAML that runs on pull requests and uploads the SARIF it writes', () => {
    const [workflow] = blocks('yaml')
      .map((b) => parse(b))
      .filter((y) => y && y.jobs);
    assert.ok(workflow, 'a workflow with jobs');
    assert.ok('pull_request' in workflow.on);
    assert.equal(workflow.permissions['security-events'], 'write');
    const steps = workflow.jobs['report-lint'].steps as { run?: string; uses?: string; with?: Record<string, string> }[];
    const sarifOut = /--output (\S+)/.exec(steps.find((s) => s.run?.includes('--format sarif'))!.run!)![1];
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    assert.equal(upload?.with?.sarif_file, sarifOut);
    assert.ok(steps.some((s) => s.run?.includes('--format github')));
  });

  it('the pre-commit snippet names the hook this repository declares', () => {
    const hooks = parse(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[];
    const config = blocks('yaml')
      .map((b) => parse(b))
      .find((y) => y && y.repos);
    assert.deepEqual(
      config.repos[0].hooks.map((h: { id: string }) => h.id),
      hooks.map((h) => h.id),
    );
  });

  it('the tasks.json example uses the problem matcher package.json contributes, with the compact format', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const [tasks] = blocks('json').map((b) => JSON.parse(b));
    const task = tasks.tasks[0];
    assert.equal(task.problemMatcher, `$${pkg.contributes.problemMatchers[0].name}`);
    assert.match(task.command, /--format compact/);
  });
});
