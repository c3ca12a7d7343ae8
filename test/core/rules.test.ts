import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/core/rules';
import { ReportLinter, fixSafe } from '../../server/src/core/engine';
import { lint, only, prng, readSample } from './helpers';

describe('rules: metadata', () => {
  it('every rule has its own test file beside the others (test/rules/<rule-id>.test.ts) running its documented examples', () => {
    for (const rule of RULES) {
      const file = path.join(__dirname, '..', 'rules', `${rule.id}.test.ts`);
      assert.ok(fs.existsSync(file), `${file} is missing`);
      assert.match(fs.readFileSync(file, 'utf8'), /documentedExamples\(/, `${rule.id}.test.ts runs the documented examples`);
    }
  });

  it('every documented example names the message of each finding', () => {
    for (const rule of RULES) for (const e of rule.docs.examples) assert.equal(e.messages.length, e.flags.length, `${rule.id}: ${e.title}`);
  });

  it('every rule id is unique and kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)+$/);
  });

  it('the public rule ids are exactly the documented contract', () => {
    assert.deepEqual(RULES.map((r) => r.id).sort(), [
      'bibliography-duplicate-key',
      'bibliography-missing',
      'citation-undefined',
      'citation-unused',
      'footnote-duplicate',
      'footnote-order',
      'footnote-undefined',
      'footnote-unused',
      'link-placeholder',
      'participant-count',
      'participant-duplicate',
      'participant-malformed',
      'participant-uncited',
      'participant-unknown',
      'terminology-avoid',
      'terminology-caution',
    ]);
  });

  for (const rule of RULES) {
    it(`${rule.id} is documented: description, rationale, an example that fires and one that passes`, () => {
      assert.ok(rule.description.trim().length > 10, 'description');
      assert.ok(rule.docs.rationale.trim().length > 20, 'rationale');
      assert.ok(['error', 'warning', 'information', 'hint'].includes(rule.defaultSeverity));
      assert.ok(rule.docs.examples.length >= 1);
      assert.ok(
        rule.docs.examples.some((e) => e.flags.length > 0),
        'an example with flags',
      );
      // Every rule can stay silent, so each shows a near miss that passes.
      assert.ok(
        rule.docs.examples.some((e) => e.flags.length === 0),
        'a passing example',
      );
      for (const e of rule.docs.examples) assert.ok(e.title.trim(), 'example title');
    });

    it(`${rule.id}: fixable "${rule.fixable}" agrees with the fixes its examples produce`, () => {
      const fixes = rule.docs.examples.flatMap((e) => only(lint(e.markdown, e.config), rule.id).flatMap((f) => f.fixes));
      if (rule.fixable === 'none') assert.equal(fixes.length, 0);
      if (rule.fixable === 'safe') assert.ok(fixes.some((f) => f.safe));
      if (rule.fixable === 'suggestion') assert.ok(fixes.length > 0 && fixes.every((f) => !f.safe));
    });
  }
});

describe('rules: safe fixes', () => {
  it('fixSafe leaves no safe fix behind and is idempotent (seeded property test on the samples)', () => {
    const rand = prng(99);
    // Mistakes only safe fixes repair: ID spellings and footnote order (with the IDs the samples' tables hold).
    const mistakes = [
      ' (RA1- MW-04-A)',
      ' (ra1-mw-2-a)',
      '²',
      '¹',
      '[^3]',
      ' (RA-MW-05-A)',
      ' (RA1–MW–07–A&B)',
      '\n\n⁸ New source.\n\n',
      ' (RA1-MW-01 A & B)',
      ' (RA1-ZM-1-b)',
    ];
    for (let trial = 0; trial < 20; trial++) {
      let text = readSample(trial % 2 ? 'sample-report.md' : 'sample-report-gfm.md');
      for (let k = 0; k < 8; k++) {
        const at = Math.floor(rand() * text.length);
        text = text.slice(0, at) + mistakes[Math.floor(rand() * mistakes.length)] + text.slice(at);
      }
      const once = fixSafe(new ReportLinter(), text);
      assert.ok(once.applied.length > 0, `trial ${trial}: something to fix`);
      const left = new ReportLinter().lint(once.text).findings.filter((f) => f.fixes.some((x) => x.safe));
      assert.deepEqual(
        left.map((f) => f.ruleId),
        [],
        `trial ${trial}`,
      );
      assert.equal(fixSafe(new ReportLinter(), once.text).text, once.text, `trial ${trial}: idempotent`);
      assert.ok(once.applied.every((a) => a.ruleId === 'participant-malformed' || a.ruleId === 'footnote-order'));
    }
  });
});
