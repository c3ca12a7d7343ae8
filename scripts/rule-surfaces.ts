// Generates every surface that lists the rules from RULES, so none is written by
// hand and none can drift from the code (vscode-markdownlint generates its settings
// schema from the library the same way):
// - package.json: the `reportLint.rules` setting (one severity per rule);
// - schemas/reportlintrc.schema.json: `rules` of .reportlintrc.json;
// - README.md: the rule reference and the terminology table;
// - docs/rules/<id>.md: one page per rule, shipped in the VSIX and the npm package
//   (the editor opens them offline: diagnostic links, hovers, Explain Rule).
// `npm run docs` (node --import tsx scripts/rule-surfaces.ts) rewrites them;
// `--check` exits 1 when one is stale; test/core/rule-surfaces.test.ts checks too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/core/rules';
import type { Rule } from '../server/src/core/rule';
import { SEVERITIES } from '../server/src/core/config';
import { escapeMarkdown } from '../server/src/core/text';
import { BUILTIN_TERMINOLOGY } from '../server/src/core/terminology';
import { BUILTIN_OFFICIAL_NAMES } from '../server/src/core/officialNames';

const ROOT = path.join(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const PACKAGE_JSON = path.join(ROOT, 'package.json');
const SCHEMA = path.join(ROOT, 'schemas', 'reportlintrc.schema.json');
export const RULE_PAGES_DIR = path.join(ROOT, 'docs', 'rules');

const FIXES: Record<Rule['fixable'], string> = {
  safe: ' Safe fix (applied by Fix All and `--fix`).',
  suggestion: ' Offers fixes to choose from.',
  none: '',
};

/** The `reportLint.rules` setting of package.json: one severity per rule. */
function settingsRules(current: Record<string, unknown>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const r of RULES) {
    properties[r.id] = { type: 'string', enum: [...SEVERITIES], markdownDescription: `${r.description}${FIXES[r.fixable]} Default: \`${r.defaultSeverity}\`.` };
  }
  return { ...current, properties };
}

export function renderPackageJson(text: string): string {
  const pkg = JSON.parse(text);
  const settings = pkg.contributes.configuration.properties;
  settings['reportLint.rules'] = settingsRules(settings['reportLint.rules']);
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** `rules` of .reportlintrc.json: the ids, each with the severities the configuration accepts. */
export function renderSchema(text: string): string {
  const schema = JSON.parse(text);
  const rules = schema.properties.rules;
  rules.propertyNames = { enum: RULES.map((r) => r.id) };
  rules.properties = Object.fromEntries(
    RULES.map((r) => [r.id, { description: `${r.description} Default: ${r.defaultSeverity}.`, enum: [...SEVERITIES, true, false] }]),
  );
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export function ruleDocs(): string {
  const out: string[] = [];
  out.push('| id | default severity | fixes | what |', '| --- | --- | --- | --- |');
  for (const r of RULES) out.push(`| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.defaultSeverity} | ${r.fixable} | ${r.description} |`);
  out.push('');
  for (const r of RULES) {
    out.push(`### ${r.id}`, '');
    out.push(`${r.description} Default severity: **${r.defaultSeverity}**; fixes: ${r.fixable}.`, '');
    out.push(r.docs.rationale, '');
    const example = r.docs.examples.find((e) => e.flags.length) ?? r.docs.examples[0];
    if (example) out.push(`Example — ${example.title}:`, '', ...exampleDocs(example));
    out.push(`More examples and how to configure it: [docs/rules/${r.id}.md](docs/rules/${r.id}.md).`, '');
  }
  return out.join('\n');
}

function exampleDocs(example: Rule['docs']['examples'][number]): string[] {
  const out = ['```markdown', example.markdown.trimEnd(), '```', ''];
  if (example.flags.length) {
    out.push('Reported:', '');
    example.flags.forEach((f, i) => out.push(`- \`${f.replace(/\n/g, ' ')}\` — ${escapeMarkdown(example.messages[i])}`));
    out.push('');
  } else out.push('Nothing is reported.', '');
  if (example.fixed) out.push('After the fix:', '', '```markdown', example.fixed.trimEnd(), '```', '');
  return out;
}

/** The page of one rule (docs/rules/<id>.md): what, why, every example, how to configure it. */
export function rulePage(r: Rule): string {
  const out: string[] = [`# ${r.id}`, '', r.description, '', `Default severity: **${r.defaultSeverity}**. Fixes: ${r.fixable}.`, ''];
  out.push('## Why', '', r.docs.rationale, '');
  out.push('## Examples', '');
  for (const example of r.docs.examples) out.push(`### ${example.title}`, '', ...exampleDocs(example));
  out.push(
    '## Configure',
    '',
    `- In \`.reportlintrc.json\`: \`{ "rules": { "${r.id}": "warning" } }\` (\`error\`, \`warning\`, \`information\`, \`hint\` or \`off\`).`,
    `- In VS Code: the \`reportLint.rules\` setting, \`{ "${r.id}": "off" }\`; it overrides the configuration file.`,
    `- On the command line: \`--rule ${r.id}=off\`.`,
    `- For one line of a report: \`<!-- report-lint-disable-next-line ${r.id} -->\` on the line before.`,
    '',
  );
  return out.join('\n');
}

/** docs/rules/<id>.md for every rule, keyed by file name. */
export function rulePages(): Map<string, string> {
  return new Map(RULES.map((r) => [`${r.id}.md`, rulePage(r as Rule)]));
}

export function terminologyDocs(): string {
  const out: string[] = ['| term (and variants) | rule | prefer |', '| --- | --- | --- |'];
  for (const e of BUILTIN_TERMINOLOGY.entries) {
    const rule = e.category === 'avoid' ? 'terminology-avoid' : 'terminology-caution';
    out.push(`| ${e.terms.join(', ')} | ${rule} | ${e.preferred.join('; ') || '—'} |`);
  }
  out.push(
    '',
    `Official names in which these words are left alone (${BUILTIN_OFFICIAL_NAMES.length} built in, plus Title Case names of acts, laws, codes, protocols, conventions, directives, regulations, committees and councils):`,
    '',
  );
  for (const n of BUILTIN_OFFICIAL_NAMES) out.push(`- ${n.name}`);
  return out.join('\n');
}

function replaceBetween(text: string, marker: string, body: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return text.slice(0, a + start.length) + '\n' + body + '\n' + text.slice(b);
}

export function renderReadme(readme: string): string {
  return replaceBetween(replaceBetween(readme, 'rules', ruleDocs()), 'terms', terminologyDocs());
}

/** Each generated file with its renderer. */
export const SURFACES: { file: string; render: (text: string) => string }[] = [
  { file: PACKAGE_JSON, render: renderPackageJson },
  { file: SCHEMA, render: renderSchema },
  { file: README, render: renderReadme },
  ...[...rulePages()].map(([name, page]) => ({ file: path.join(RULE_PAGES_DIR, name), render: () => page })),
];

if (require.main === module) {
  let stale = false;
  for (const { file, render } of SURFACES) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const next = render(current);
    if (next === current) continue;
    const name = path.relative(ROOT, file);
    if (process.argv.includes('--check')) {
      console.error(`${name} is stale: run \`npm run docs\`.`);
      stale = true;
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, next);
      console.log(`${name} updated.`);
    }
  }
  if (stale) process.exit(1);
}
