import { strict as assert } from 'node:assert';
import { ReportLinter } from '../../server/src/core/engine';
import { splitBlocks } from '../../server/src/core/blocks';
import { pathologyOf, PARSE_LIMITS } from '../../server/src/core/parse/bounded';
import { only, readSample, texts } from './helpers';

const TABLE = '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-02-A | Ministry |\n';

function lint(text: string) {
  return new ReportLinter().lint(text);
}

/**
 * Blocks that make remark quadratic (or overflow a stack) are read by the bounded
 * route, chosen by structure; it still finds IDs, terms, quotations, code and
 * footnotes. (Speed is measured by `npm run fuzz` and `npm run bench`, not here.)
 */
describe('parsing: the bounded route for pathological blocks', () => {
  it('the blocks of real reports are all within the limits', () => {
    for (const name of ['sample-report.md', 'sample-report-gfm.md']) {
      const text = readSample(name);
      for (const b of splitBlocks(text)) assert.equal(pathologyOf(b.text), undefined, b.text.slice(0, 80));
    }
  });

  it('each limit is decided by structure, not size alone', () => {
    assert.match(pathologyOf(`Text ${'*_'.repeat(PARSE_LIMITS.maxDelimiterRuns)} end.`)!, /emphasis delimiters in one paragraph/);
    assert.match(pathologyOf('>'.repeat(PARSE_LIMITS.maxNesting + 1) + ' x')!, /nested more than/);
    assert.match(pathologyOf(Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'))!, /nested more than/);
    assert.match(pathologyOf('['.repeat(PARSE_LIMITS.maxBrackets + 1))!, /brackets/);
    assert.match(pathologyOf('x'.repeat(PARSE_LIMITS.maxBlockChars + 1))!, /characters long/);
    // Within the limits: 200 emphasised phrases, ten levels of quotes, a fenced block full of asterisks.
    assert.equal(pathologyOf('A *b* '.repeat(200)), undefined);
    assert.equal(pathologyOf(`${'> '.repeat(10)}quoted`), undefined);
    assert.equal(pathologyOf(`\`\`\`\n${'*_'.repeat(5000)}\n\`\`\``), undefined);
    // A table limits emphasis per row: a long participant table with bold cells is fine.
    assert.equal(pathologyOf(Array.from({ length: 2000 }, () => '| **RA1-KE-01-A** | *Police* |').join('\n'), true), undefined);
  });

  it('a table line with 48 000 asterisks or underscores: the table still defines the participants', () => {
    for (const unit of ['*', '_', '*a', '*_', 'a* _b ']) {
      const text = `${TABLE}| RA1-KE-03-A | ${unit.repeat(48_000 / unit.length)} |\n\nAs said (RA1-KE-01-A; RA1-KE-03-A; RA1-KE-09-A), on child pornography.\n`;
      const { findings, model } = lint(text);
      assert.deepEqual(
        model.tableRegistry.map((e) => e.id),
        ['RA1-KE-01-A', 'RA1-KE-02-A', 'RA1-KE-03-A'],
        unit,
      );
      assert.deepEqual(texts(text, only(findings, 'participant-unknown')), ['RA1-KE-09-A'], unit);
      assert.deepEqual(texts(text, only(findings, 'terminology-avoid')), ['child pornography'], unit);
    }
  });

  it('a paragraph of delimiter runs: IDs and terms in it are still found', () => {
    const text = `${TABLE}\nSaid (RA1- KE-01-A) about child pornography ${'*a_'.repeat(20_000)} and (RA1-KE-02-A).\n`;
    const { findings } = lint(text);
    assert.deepEqual(
      findings.map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`),
      ['participant-malformed RA1- KE-01-A', 'terminology-avoid child pornography'],
    );
  });

  it('a table row and a deeply indented list in one block (no blank line)', () => {
    const list = Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}- item ${i} (RA1-KE-0${(i % 2) + 1}-A)`).join('\n');
    const text = `${TABLE}${list}\n\nThe end (RA1-KE-07-A).\n`;
    assert.ok(text.length > 250_000);
    const { findings, model } = lint(text);
    assert.deepEqual(
      model.tableRegistry.map((e) => e.id),
      ['RA1-KE-01-A', 'RA1-KE-02-A'],
    );
    assert.deepEqual(texts(text, only(findings, 'participant-unknown')), ['RA1-KE-07-A']);
    assert.equal(model.ids.length, 2 + 600 + 1);
  });

  it('3 400 (and 20 000) nested block quotes: no stack overflow, the quoted words stay quiet', () => {
    for (const depth of [3_400, 20_000]) {
      const text = `${'>'.repeat(depth)} child pornography (RA1-KE-01-A)\n\nchild pornography outside.\n`;
      const { findings } = lint(text);
      assert.deepEqual(
        findings.map((f) => `${f.ruleId}@${f.start}`),
        [`terminology-avoid@${text.indexOf('child pornography outside')}`],
      );
    }
  });

  it('footnote definitions and code spans in a bounded block are still read', () => {
    const runs = '*_'.repeat(PARSE_LIMITS.maxDelimiterRuns);
    const text = `A claim.[^1] Another.[^2] ${runs}\n[^1]: A source with \`child pornography\` in code.\n[^2]: Another source.\n`;
    assert.notEqual(pathologyOf(splitBlocks(text)[0].text), undefined, 'the block takes the bounded route');
    const { findings, model } = lint(text);
    assert.deepEqual(
      model.footnoteDefs.map((d) => d.label),
      ['1', '2'],
    );
    assert.deepEqual(
      findings.filter((f) => f.ruleId.startsWith('footnote-') || f.ruleId.startsWith('terminology-')),
      [],
    );
  });

  it('nested images: within the limit remark reads them, beyond it the bounded route', () => {
    const nested = (depth: number) => `${'!['.repeat(depth)}child pornography${'](x)'.repeat(depth)}\n`;
    assert.equal(pathologyOf(nested(PARSE_LIMITS.maxBracketNesting)), undefined);
    assert.match(pathologyOf(nested(2_400))!, /brackets nested more than/);
    // An image's text is a URL-like thing, not prose: quiet either way.
    for (const depth of [PARSE_LIMITS.maxBracketNesting, 2_400]) assert.doesNotThrow(() => lint(nested(depth)));
    // Flat links are no nesting at all.
    assert.equal(pathologyOf('[a](#) '.repeat(1_000)), undefined);
    assert.equal(pathologyOf('\\['.repeat(1_000)), undefined, 'escaped brackets open nothing');
  });
});
