import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IdScheme } from '../../server/src/core/participantIds';

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'report-lint.injection.tmLanguage.json');

interface Rule {
  match: string;
  name: string;
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: { include: string }[];
  repository: Record<string, Rule>;
}

const grammar = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as Grammar;

/** Every token the rule's regex finds in `text` (Oniguruma and JS agree on these constructs). */
function tokens(rule: Rule, text: string): string[] {
  return [...text.matchAll(new RegExp(rule.match, 'gu'))].map((m) => m[0]);
}

describe('injection grammar', () => {
  const id = grammar.repository['participant-id'];
  const sup = grammar.repository['superscript-footnote-reference'];

  it('is contributed to Markdown under its own scope name', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const contributed = pkg.contributes.grammars.find((g: { path: string }) => path.resolve(ROOT, g.path) === GRAMMAR_PATH);
    assert.ok(contributed, 'package.json contributes the grammar file');
    assert.equal(contributed.scopeName, grammar.scopeName);
    assert.deepEqual(contributed.injectTo, ['text.html.markdown']);
    assert.equal(grammar.injectionSelector, 'L:text.html.markdown -markup.fenced_code -markup.inline.raw');
  });

  it('includes only rules that exist, each with report-lint scopes', () => {
    for (const p of grammar.patterns) {
      const rule = grammar.repository[p.include.replace(/^#/, '')];
      assert.ok(rule, `${p.include} is defined`);
      for (const scope of rule.name.split(' ')) assert.match(scope, /\.report-lint$/);
      assert.doesNotThrow(() => new RegExp(rule.match, 'u'));
    }
    // The first scope names the token; the second picks up a colour that default themes define.
    assert.deepEqual(id.name.split(' '), ['constant.other.participant-id.report-lint', 'variable.other.constant.participant-id.report-lint']);
    assert.deepEqual(sup.name.split(' '), ['markup.other.footnote-reference.superscript.report-lint', 'constant.numeric.footnote-reference.report-lint']);
  });

  it('scopes canonical participant IDs, single and combined', () => {
    assert.deepEqual(tokens(id, 'as one officer said (RA1-MW-02-A), and later (RA1-MW-01-A&B; RA12-ZM-104-C).'), [
      'RA1-MW-02-A',
      'RA1-MW-01-A&B',
      'RA12-ZM-104-C',
    ]);
  });

  it('leaves malformed IDs and ID-like parts of longer words alone', () => {
    for (const text of [
      'RA1- MW-04-A',
      'RA-MW-05-A',
      'RA1-MW-01 A&B',
      'ra1-mw-01-a',
      'RA1-MW-1-A',
      'XRA1-MW-01-A',
      'RA1-MW-01-AB',
      'RA1-MW-01-A&',
      'RA1-MW-01-A2',
    ]) {
      assert.deepEqual(tokens(id, text), [], text);
    }
  });

  it('agrees with the engine on which whole tokens are canonical', () => {
    const scheme = new IdScheme();
    for (const text of ['RA1-MW-02-A', 'RA1-MW-01-A&B', 'RA3-ZA-120-D', 'RA1-MW-1-A', 'RA1-mw-01-A', 'RA1-MW-0001-A']) {
      const engine = scheme.find(text).some((c) => c.canonical && c.raw === text);
      const grammarWhole = tokens(id, text).includes(text);
      assert.equal(grammarWhole, engine, `${text}: grammar ${grammarWhole}, engine ${engine}`);
    }
  });

  it('scopes superscript footnote references, including multi-digit numbers', () => {
    assert.deepEqual(tokens(sup, 'in the village;³ first place.² See also note¹² and 2023.'), ['³', '²', '¹²']);
    assert.deepEqual(tokens(sup, 'footnote 3, [^4] and ^5 are not superscript'), []);
  });
});
