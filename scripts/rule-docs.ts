// Writes the rule reference and the terminology table into README.md from the
// rules' own metadata and examples, so the docs cannot drift from the code.
// `node --import tsx scripts/rule-docs.ts` rewrites; `--check` exits 1 when stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/core/rules';
import { BUILTIN_TERMINOLOGY } from '../server/src/core/terminology';
import { BUILTIN_OFFICIAL_NAMES } from '../server/src/core/officialNames';

const README = path.join(__dirname, '..', 'README.md');

export function ruleDocs(): string {
  const out: string[] = [];
  out.push('| id | default severity | fixes | what |', '| --- | --- | --- | --- |');
  for (const r of RULES) out.push(`| [\`${r.id}\`](#${r.id}) | ${r.defaultSeverity} | ${r.fixable} | ${r.description} |`);
  out.push('');
  for (const r of RULES) {
    out.push(`### ${r.id}`, '');
    out.push(`${r.description} Default severity: **${r.defaultSeverity}**; fixes: ${r.fixable}.`, '');
    out.push(r.docs.rationale, '');
    const example = r.docs.examples.find((e) => e.flags.length) ?? r.docs.examples[0];
    if (example) {
      out.push(`Example — ${example.title}:`, '', '```markdown', example.markdown.trimEnd(), '```', '');
      out.push(example.flags.length ? `Reported: ${example.flags.map((f) => `\`${f.replace(/\n/g, ' ')}\``).join(', ')}.` : 'Nothing is reported.', '');
      if (example.fixed) out.push('After the fix:', '', '```markdown', example.fixed.trimEnd(), '```', '');
    }
  }
  return out.join('\n');
}

export function terminologyDocs(): string {
  const out: string[] = ['| term (and variants) | rule | prefer |', '| --- | --- | --- |'];
  for (const e of BUILTIN_TERMINOLOGY.entries) {
    const rule = e.category === 'avoid' ? 'terminology-avoid' : 'terminology-caution';
    out.push(`| ${e.terms.join(', ')} | ${rule} | ${e.preferred.join('; ') || '—'} |`);
  }
  out.push('', `Official names in which these words are left alone (${BUILTIN_OFFICIAL_NAMES.length} built in, plus Title Case names of acts, laws, codes, protocols, conventions, directives, regulations, committees and councils):`, '');
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

if (require.main === module) {
  const current = fs.readFileSync(README, 'utf8');
  const next = renderReadme(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md rule docs are stale: run `npm run docs`.');
      process.exit(1);
    }
  } else if (next !== current) {
    fs.writeFileSync(README, next);
    console.log('README.md updated.');
  }
}
