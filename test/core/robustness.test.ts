import { strict as assert } from 'node:assert';
import { ReportLinter, fixSafe } from '../../server/src/core/engine';
import { resolveConfig } from '../../server/src/core/config';
import { parseRegistryFile } from '../../server/src/core/registry';
import { IdScheme } from '../../server/src/core/participantIds';
import type { Finding } from '../../server/src/core/types';
import { RULE_IDS, prng, readSample } from './helpers';

/** Lints without throwing and checks every finding is a well-formed range of the text. */
function lintsCleanly(text: string, linter = new ReportLinter(), documentKey = ''): Finding[] {
  let findings: Finding[] = [];
  assert.doesNotThrow(() => {
    const { findings: f, model } = linter.lint(text, [], documentKey);
    findings = f;
    for (const x of f) {
      assert.ok(RULE_IDS.includes(x.ruleId), x.ruleId);
      assert.ok(0 <= x.start && x.start <= x.end && x.end <= text.length, `${x.ruleId} range ${x.start}-${x.end} in ${text.length}`);
      assert.ok(typeof x.message === 'string' && x.message.length > 0);
      for (const fix of x.fixes) for (const e of fix.edits) assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length);
      const p = model.lines.positionAt(x.start);
      assert.equal(model.lines.offsetAt(p), x.start);
    }
  });
  return findings;
}

function garbage(seed: number, length: number, alphabet?: string): string {
  const rand = prng(seed);
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet ? alphabet[Math.floor(rand() * alphabet.length)] : String.fromCharCode(Math.floor(rand() * 0x10000));
  return s;
}

describe('robustness: hostile documents lint without throwing', () => {
  it('a 5 MB single line (with a finding deep inside it)', () => {
    const filler = 'Officials described the response in some detail and noted gaps. '.repeat(80_000);
    const text = `${filler}Officials saw child pornography (RA1- KE-01-A).¹ ${filler.slice(0, 100_000)}`;
    assert.ok(text.length > 5_000_000);
    const findings = lintsCleanly(text);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [
        ['terminology-avoid', 'child pornography'],
        ['participant-malformed', 'RA1- KE-01-A'],
      ],
    );
  });

  it('a 1 MB single line of dense markup', () => {
    lintsCleanly('See [a](#) *b* `c` child pornography RA1-KE-01-A “q” ¹ [^1] <x> '.repeat(16_000));
  });

  it('200 000 spaces after "RA1" and after "RA1-"', () => {
    assert.deepEqual(lintsCleanly(`RA1${' '.repeat(200_000)}KE-01-A`), []);
    assert.deepEqual(lintsCleanly(`RA1-${' '.repeat(200_000)}-KE-01-A`), []);
    assert.deepEqual(lintsCleanly(`(RA1 ${'\t'.repeat(200_000)}) RA1-KE-01${' '.repeat(200_000)}A`), []);
  });

  it('random UTF-16 garbage, including lone surrogates and control characters', () => {
    for (const seed of [1, 2, 3]) lintsCleanly(garbage(seed, 100_000));
    lintsCleanly('\u0000\uD800\uDFFF\uFFFE\u202E'.repeat(20_000));
  });

  it('random bytes decoded as UTF-8 (a binary file opened as text)', () => {
    const rand = prng(7);
    const bytes = Buffer.alloc(300_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
    lintsCleanly(bytes.toString('utf8'));
    lintsCleanly(bytes.toString('latin1'));
  });

  it('garbage made of Markdown punctuation', () => {
    for (const seed of [11, 12]) lintsCleanly(garbage(seed, 30_000, '[]()*_`~<>!#|^\\-+=:"“”‘’\'¹²³ \n\nRA1-KE-0'));
  });

  it('1000 levels of blockquote, on one line and on successive lines', () => {
    const findings = lintsCleanly(`${'>'.repeat(1000)} child pornography\n\nchild pornography outside.\n`);
    assert.equal(findings.length, 1, 'the quoted words stay quiet, the prose after is flagged');
    lintsCleanly(Array.from({ length: 300 }, (_, i) => `${'>'.repeat(i + 1)} line ${i}`).join('\n'));
  });

  it('1000 levels of nested lists', () => {
    lintsCleanly(Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item ${i} child pornography`).join('\n'));
    lintsCleanly(Array.from({ length: 1000 }, (_, i) => `${'   '.repeat(i)}1. item`).join('\n'));
  });

  it('unclosed fences and comments swallow the rest of the document without errors', () => {
    assert.deepEqual(lintsCleanly('Intro.\n\n```\nchild pornography\n\nstill code (RA1- KE-01-A)\n'), []);
    assert.deepEqual(lintsCleanly(`Intro.\n\n~~~~\n${'child pornography\n\n'.repeat(5000)}`), []);
    // A shorter fence of the same kind does not close it; the same length does.
    assert.deepEqual(lintsCleanly('~~~~\n~~~\nchild pornography\n~~~~\n\nchild pornography\n').length, 1);
    assert.deepEqual(lintsCleanly('<!-- a comment\n\nchild pornography\n'), []);
    lintsCleanly('```\n'.repeat(5000));
    lintsCleanly('<!--'.repeat(5000) + '\n\n' + '-->'.repeat(5000));
  });

  it('pathological brackets, footnote references and tables', () => {
    lintsCleanly('['.repeat(50_000) + ']'.repeat(50_000));
    lintsCleanly('A claim.[^1] '.repeat(40_000) + '\n\n[^1]: Source.\n');
    lintsCleanly('|'.repeat(100_000) + '\n' + '|---'.repeat(1000) + '\n');
    lintsCleanly('| ID Number | A |\n| --- | --- |\n' + Array.from({ length: 3000 }, (_, i) => `| RA1-KE-${i}-A | x |`).join('\n'));
  });

  it('thousands of findings of every kind', () => {
    const text = `| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | x |\n\n${Array.from({ length: 1000 }, (_, i) => `Claim ${i}.${'¹²³'[i % 3]} (RA1-KE-${i % 97}-B) child pornography [here](#).`).join('\n\n')}\n\n¹ Source.\n`;
    const findings = lintsCleanly(text);
    assert.ok(findings.length > 3000);
    assert.doesNotThrow(() => fixSafe(new ReportLinter(), text));
  });

  it('a 1 MB report of realistic text, linted, fixed and re-linted after an edit', () => {
    const sample = readSample('sample-report.md');
    const parts: string[] = [];
    // Distinct copies (numbered) so the block cache cannot shortcut the work.
    for (let i = 0; parts.join('').length < 1_000_000; i++) parts.push(sample.replace(/\n\n/g, ` [copy ${i}]\n\n`));
    const text = parts.join('\n\n');
    const linter = new ReportLinter();
    const findings = lintsCleanly(text, linter, 'big');
    assert.ok(findings.some((f) => f.ruleId === 'participant-malformed'));
    const edited = text.replace('Lantern is a fictional', 'Lantern is a made-up');
    linter.lint(edited, [], 'big');
    assert.equal(linter.blocksParsedLastTime, 1);
    // The same linter and key: fix passes re-parse only the blocks the fixes changed.
    const { text: fixed } = fixSafe(linter, text, [], 'big');
    assert.ok(!fixed.includes('(RA1- MW-04-A)'));
  });

  it('CR-only and mixed line endings', () => {
    lintsCleanly('A claim.¹\r\rchild pornography\r\r¹ Source.\r'.repeat(1000));
    const crlf = lintsCleanly('A claim.[^1]\r\n\r\nchild pornography (RA1- KE-01-A)\r\n\r\n[^1]: Source.\r\n');
    assert.deepEqual(
      crlf.map((f) => f.ruleId),
      ['terminology-avoid', 'participant-malformed'],
    );
  });

  it('configuration and registry parsers never throw on garbage', () => {
    for (const seed of [21, 22, 23]) {
      const text = garbage(seed, 20_000, '{}[]",:0123456789abc \n\\/*-');
      assert.doesNotThrow(() => resolveConfig(text, 'garbage.json', RULE_IDS));
      assert.doesNotThrow(() => parseRegistryFile(text, 'garbage.json', new IdScheme()));
      assert.doesNotThrow(() => parseRegistryFile(text, 'garbage.csv', new IdScheme()));
    }
    assert.doesNotThrow(() => parseRegistryFile(garbage(31, 50_000), 'binary.csv', new IdScheme()));
  });
});
