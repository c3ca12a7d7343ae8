import { strict as assert } from 'node:assert';
import { ReportLinter, editsAreDisjoint, fixSafe, type FixPass } from '../../server/src/core/engine';
import { applyEdits } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';
import { lint, only, texts } from './helpers';

/** fixSafe with every pass recorded, checking each applied fix was offered as safe in that pass. */
function fixAll(text: string): { text: string; passes: FixPass[]; converged: boolean } {
  const passes: FixPass[] = [];
  const result = fixSafe(new ReportLinter(), text, [], '', (p) => passes.push(p));
  for (const pass of passes) {
    const offered = lint(pass.before).flatMap((f) => f.fixes.filter((x) => x.safe).map((x) => JSON.stringify(x)));
    for (const fix of pass.fixes) assert.ok(offered.includes(JSON.stringify(fix)), `"${fix.title}" was not offered as safe`);
    assert.equal(
      applyEdits(
        pass.before,
        pass.fixes.flatMap((f) => f.edits),
      ).text,
      pass.after,
    );
  }
  return { text: result.text, passes, converged: result.converged };
}

const TABLE = (ids: string[]) => `| ID Number | Agency |\n| --- | --- |\n${ids.map((id) => `| ${id} | Police |`).join('\n')}\n\n`;

describe('fixes are exactly what was offered', () => {
  describe('no guessed activity numbers, in one pass or after a re-check', () => {
    it('(RAMW1A), offered nothing at first, is not rewritten once the table row it resembles is fixed', () => {
      const text = `${TABLE(['RA1-MW-1-A', 'RA1-MW-02-A'])}He said so (RAMW1A) and so did she (RA1-MW-02-A).\n`;
      const first = only(lint(text), 'participant-malformed').find((f) => text.slice(f.start, f.end) === 'RAMW1A')!;
      assert.deepEqual(first.fixes, [], 'nothing is offered while no well-formed row fits');
      const { text: fixed, passes, converged } = fixAll(text);
      assert.ok(converged);
      assert.equal(fixed, text.replace('| RA1-MW-1-A |', '| RA1-MW-01-A |'), 'only the row padding, which was offered as safe');
      assert.equal(passes.length, 1);
      // Now a well-formed row fits: the completion is offered, but only as a suggestion.
      const later = only(lint(fixed), 'participant-malformed');
      assert.deepEqual(texts(fixed, later), ['RAMW1A']);
      assert.deepEqual(
        later[0].fixes.map((f) => [f.edits[0].newText, f.safe]),
        [['RA1-MW-01-A', false]],
      );
    });

    it('a table row is never completed into another row (two rows would share an ID)', () => {
      const text = `${TABLE(['RA1-MW-1-A', '(RAMW1A)'])}He said so.\n`;
      const { text: fixed } = fixAll(text);
      assert.ok(fixed.includes('| (RAMW1A) |'), fixed);
      assert.equal((fixed.match(/RA1-MW-01-A/g) ?? []).length, 1);
      const row = only(lint(fixed), 'participant-malformed').find((f) => fixed.slice(f.start, f.end) === 'RAMW1A')!;
      assert.deepEqual(row.fixes, []);
    });

    it('a misspelt row whose canonical form is another row gets no fix, and says why', () => {
      const text = `${TABLE(['RA1-MW-04-A', 'RA1- MW-04-A'])}Cited (RA1-MW-04-A).\n`;
      const [finding] = only(lint(text), 'participant-malformed');
      assert.equal(text.slice(finding.start, finding.end), 'RA1- MW-04-A');
      assert.deepEqual(finding.fixes, []);
      assert.match(finding.message, /another row of the table is already RA1-MW-04-A/);
      assert.equal(fixAll(text).text, text);
    });
  });

  describe('a table that mixes interview-number widths', () => {
    const text = `${TABLE(['RA1-MW-03-A', 'RA1-MW-015-A'])}As said (RA1-MW-015-A) and (RA1-MW-03-A).\n`;

    it('an ID spelt exactly as a table row is known and well-formed', () => {
      assert.deepEqual(
        lint(text).map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`),
        [],
      );
      assert.equal(fixAll(text).text, text);
    });

    it('an unpadded or over-padded citation still reads at the usual width', () => {
      const other = `${TABLE(['RA1-MW-03-A', 'RA1-MW-015-A'])}As said (RA1-MW-015-A), (RA1-MW-3-A) and (RA1-MW-003-A).\n`;
      const found = only(lint(other), 'participant-malformed');
      assert.deepEqual(
        found.map((f) => [other.slice(f.start, f.end), f.fixes[0]?.edits[0].newText]),
        [
          ['RA1-MW-3-A', 'RA1-MW-03-A'],
          ['RA1-MW-003-A', 'RA1-MW-03-A'],
        ],
      );
      assert.deepEqual(only(lint(other), 'participant-unknown'), []);
    });
  });

  describe('a combined ID with one unknown part', () => {
    it('no fix drops the known participant', () => {
      const text = `${TABLE(['RA1-IN-01-A', 'RA1-IN-02-B'])}Both (RA1-IN-01-A&B).\n`;
      const [finding] = only(lint(text), 'participant-unknown');
      assert.match(finding.message, /RA1-IN-01-B \(part of RA1-IN-01-A&B\)/);
      assert.match(finding.message, /Did you mean RA1-IN-02-B/);
      // RA1-IN-02-B is another interview: it cannot stand in for B inside RA1-IN-01-A&B.
      assert.deepEqual(finding.fixes, []);
    });

    it('a suggestion from the same interview replaces only the unknown letter', () => {
      const text = `${TABLE(['RA1-IN-01-A', 'RA1-IN-01-C'])}Both (RA1-IN-01-A&B).\n`;
      const [finding] = only(lint(text), 'participant-unknown');
      assert.deepEqual(
        finding.fixes.map((f) => f.edits[0].newText),
        ['RA1-IN-01-A&C'],
      );
      for (const fix of finding.fixes) assert.ok(fix.edits[0].newText.startsWith('RA1-IN-01-A&'));
    });
  });

  describe('a byte-order mark before a footnote definition', () => {
    const text = '\uFEFF[^2]: Two.\n\nText.[^2] more.[^1]\n\n[^1]: One.\n';

    it('the renumbering has no overlapping edits and never touches the mark', () => {
      const findings: Finding[] = lint(text);
      const [order] = only(findings, 'footnote-order');
      const fix = order.fixes[0];
      assert.ok(editsAreDisjoint(fix.edits), JSON.stringify(fix.edits));
      assert.ok(
        fix.edits.every((e) => e.start >= 1),
        'the mark is left alone',
      );
      for (const e of fix.edits) assert.match(text.slice(e.start, e.end), /^\[\^\d\]$/);
    });

    it('fix-all keeps the mark, converges, and a second run changes nothing', () => {
      const { text: fixed, converged } = fixAll(text);
      assert.ok(converged);
      assert.equal(fixed, '\uFEFF[^1]: Two.\n\nText.[^1] more.[^2]\n\n[^2]: One.\n');
      assert.equal(fixAll(fixed).text, fixed);
      assert.deepEqual(only(lint(fixed), 'footnote-order'), []);
    });

    it('a definition right after the mark is a definition (not a reference)', () => {
      const model = new ReportLinter().lint(text).model;
      assert.deepEqual(
        model.footnoteDefs.map((d) => [d.label, text.slice(d.labelSpan.start, d.labelSpan.end)]),
        [
          ['2', '[^2]'],
          ['1', '[^1]'],
        ],
      );
      assert.deepEqual(
        model.footnoteRefs.map((r) => r.start),
        [text.indexOf('Text.[^2]') + 5, text.indexOf('more.[^1]') + 5],
      );
    });

    it('emphasis and code after a mark in the middle of a document keep their places', () => {
      const mid = 'Intro.\n\n\uFEFFSome `child pornography` here.\n';
      assert.deepEqual(lint(mid), [], 'the code span is found where it is');
    });
  });

  describe('fix-all within a time limit (the server gives it one check budget)', () => {
    const text = `| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n\nAs said (RA1–KE–01–A).[^2] Other.[^1]\n\n[^1]: a\n\n[^2]: b\n`;

    it('with no time left, the first pass is applied whole and no other starts; it says it stopped', () => {
      const passes: FixPass[] = [];
      const stopped = fixSafe(new ReportLinter(), text, [], '', (p) => passes.push(p), {}, 0);
      assert.equal(passes.length, 1);
      assert.equal(stopped.text, passes[0].after);
      assert.equal(stopped.stopped, true);
      assert.equal(stopped.converged, false);
      assert.ok(stopped.applied.length >= 2, JSON.stringify(stopped.applied));
    });

    it('with time, it runs to the end; nothing to fix is never "stopped"', () => {
      const full = fixSafe(new ReportLinter(), text);
      assert.equal(full.converged, true);
      assert.equal(full.stopped, undefined);
      assert.ok(full.text.includes('(RA1-KE-01-A).[^1] Other.[^2]'), full.text);
      assert.equal(fixSafe(new ReportLinter(), full.text, [], '', undefined, {}, 0).stopped, undefined);
    });
  });
});
