import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportLinter, fixSafe } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/types';
import type { ReportModel } from '../../server/src/core/model';
import { SHARED_SAMPLES } from './helpers';

// A published report (Disrupting Harm, Indonesia, research activity 1) in both
// footnote styles. Tests only read it; none of its prose is copied here.
const FILES = { superscript: 'dh-indonesia-ra1.superscript.md', gfm: 'dh-indonesia-ra1.gfm.md' } as const;

interface Row {
  ruleId: string;
  line: number;
  column: number;
  text: string;
}

function rows(text: string, findings: Finding[], model: ReportModel): Row[] {
  return findings.map((f) => {
    const p = model.lines.positionAt(f.start);
    return { ruleId: f.ruleId, line: p.line + 1, column: p.character + 1, text: text.slice(f.start, f.end) };
  });
}

// Every malformed ID in the report, found independently with grep (line, as written).
const MALFORMED: [number, string, string][] = [
  [69, 'RA1- IN-07-A', 'RA1-IN-07-A'],
  [79, 'RA1- IN-09-A', 'RA1-IN-09-A'],
  [81, 'RA1- IN-06-A', 'RA1-IN-06-A'],
  [83, 'RA1- IN-10-A', 'RA1-IN-10-A'],
  [83, 'RA1- IN-07-A', 'RA1-IN-07-A'],
  [89, 'RA1-IN-01 A&B', 'RA1-IN-01-A&B'],
  [93, 'RA1- IN-07-A', 'RA1-IN-07-A'],
  [159, 'RA-IN-05-A', 'RA1-IN-05-A'],
  [169, 'RA1- IN-02-A', 'RA1-IN-02-A'],
  [171, 'RA1- IN-02-A', 'RA1-IN-02-A'],
  [173, 'RA1- IN-02-A', 'RA1-IN-02-A'],
  [191, 'RA1- IN-02-A', 'RA1-IN-02-A'],
  [193, 'RA1- IN-02-A', 'RA1-IN-02-A'],
  [203, 'RA-IN-01-A&B', 'RA1-IN-01-A&B'],
];

// The author's own uses; the quoted ones on lines 65, 69, 93 and 103 stay silent.
const CAUTION: [number, string][] = [
  [69, 'sextortion'],
  [93, 'sextortion'],
  [101, 'sexting'],
  [155, 'sextortion'],
];

// Citations whose URL the conversion lost: "[title](#)" (line 149 has two).
const PLACEHOLDER_LINES = [41, 55, 57, 59, 61, 71, 73, 105, 107, 109, 111, 117, 119, 121, 123, 125, 127, 129, 131, 133, 135, 137, 147, 149, 149, 177, 187, 189];

describe('shared samples: Disrupting Harm Indonesia (RA1)', function () {
  const present = fs.existsSync(path.join(SHARED_SAMPLES, FILES.superscript)) && fs.existsSync(path.join(SHARED_SAMPLES, FILES.gfm));
  const texts: Record<string, string> = {};
  const results: Record<string, { findings: Finding[]; model: ReportModel; rows: Row[] }> = {};

  before(function () {
    if (!present) {
      console.log(`    (skipped: the shared samples are not at ${SHARED_SAMPLES})`);
      this.skip();
    }
    for (const [style, file] of Object.entries(FILES)) {
      const text = fs.readFileSync(path.join(SHARED_SAMPLES, file), 'utf8');
      const { findings, model } = new ReportLinter().lint(text);
      texts[style] = text;
      results[style] = { findings, model, rows: rows(text, findings, model) };
    }
  });

  for (const style of Object.keys(FILES)) {
    describe(style, () => {
      const byRule = (ruleId: string) => results[style].rows.filter((r) => r.ruleId === ruleId);

      it('finds every malformed ID, with its canonical fix (safe unless the activity number is missing)', () => {
        const found = results[style].findings.filter((f) => f.ruleId === 'participant-malformed');
        assert.deepEqual(
          byRule('participant-malformed').map((r) => [r.line, r.text]),
          MALFORMED.map(([line, written]) => [line, written]),
        );
        assert.deepEqual(
          found.map((f) => f.fixes[0]?.edits[0].newText),
          MALFORMED.map(([, , canonical]) => canonical),
        );
        // The activity number would come from the table: suggested first, never applied unattended.
        assert.deepEqual(
          found.map((f) => f.fixes[0]?.safe),
          MALFORMED.map(([, written]) => !written.startsWith('RA-')),
        );
      });

      it('RA1-IN-04-A is the only uncited participant, reported at its table row', () => {
        assert.deepEqual(
          byRule('participant-uncited').map((r) => [r.line, r.text]),
          [[32, 'RA1-IN-04-A']],
        );
      });

      it('no unknown or duplicate participants; the counts match the table (11 interviews, 12 participants)', () => {
        const { model } = results[style];
        assert.deepEqual(byRule('participant-unknown'), []);
        assert.deepEqual(byRule('participant-duplicate'), []);
        assert.deepEqual(byRule('participant-count'), []);
        assert.equal(model.tableRegistry.length, 12);
        assert.deepEqual(
          model.counts.map((c) => [model.lines.positionAt(c.start).line + 1, c.what, c.value]),
          [
            [24, 'interviews', 11],
            [24, 'participants', 12],
            [45, 'participants', 12],
          ],
        );
      });

      it('none of the three uses of "child pornography" is flagged: one mention, two inside a participant\'s quotation', () => {
        const { model } = results[style];
        assert.deepEqual(byRule('terminology-avoid'), []);
        const uses = model.terms.filter((t) => t.entry.id === 'child-pornography').map((t) => [model.lines.positionAt(t.start).line + 1, t.exempt]);
        // Line 105: ‘…’ in footnote 7. Line 155: both inside quotations opened and closed in that paragraph.
        assert.deepEqual(uses, [
          [105, 'mention'],
          [155, 'quotation'],
          [155, 'quotation'],
        ]);
      });

      it('"sextortion" and "sexting" in the author\'s own words are cautions; quoted ones are silent', () => {
        assert.deepEqual(
          byRule('terminology-caution').map((r) => [r.line, r.text]),
          CAUTION,
        );
        const quoted = results[style].model.terms.filter((t) => t.exempt === 'quotation' && t.entry.category === 'caution');
        assert.equal(quoted.length, 9); // lines 65 (2), 69 (3), 93 (1), 103 (3)
      });

      it('footnotes 1..26 are complete and in order: no footnote findings', () => {
        const { model } = results[style];
        assert.equal(model.footnoteStyle, style);
        const labels = Array.from({ length: 26 }, (_, i) => String(i + 1));
        assert.deepEqual(
          model.footnoteRefs.map((r) => r.label),
          labels,
        );
        assert.deepEqual(
          model.footnoteDefs.map((d) => d.label),
          labels,
        );
        assert.deepEqual(
          results[style].rows.filter((r) => r.ruleId.startsWith('footnote-')),
          [],
        );
      });

      it('placeholder links are the converted citations without a URL', () => {
        const found = byRule('link-placeholder');
        assert.deepEqual(
          found.map((r) => r.line),
          PLACEHOLDER_LINES,
        );
        for (const r of found) assert.match(r.text, /^\[[^]*\]\(#\)$/);
      });

      it('nothing else is reported', () => {
        const expected = MALFORMED.length + 1 + CAUTION.length + PLACEHOLDER_LINES.length;
        assert.equal(results[style].findings.length, expected);
      });

      it('fixSafe rewrites the malformed IDs and nothing else', () => {
        const { text: fixed, applied } = fixSafe(new ReportLinter(), texts[style]);
        // A missing activity number (RA-IN-…) is only suggested: --fix does not guess it.
        const guessed = MALFORMED.filter(([, written]) => written.startsWith('RA-')).length;
        assert.equal(applied.length, MALFORMED.length - guessed);
        assert.ok(applied.every((a) => a.ruleId === 'participant-malformed'));
        const after = new ReportLinter().lint(fixed).findings;
        assert.equal(after.filter((f) => f.ruleId === 'participant-malformed').length, guessed);
        assert.equal(after.length, guessed + 1 + CAUTION.length + PLACEHOLDER_LINES.length);
      });
    });
  }

  it('the superscript and GFM versions give the same findings, columns shifted only by footnote label width', () => {
    const strip = (prefix: string) => prefix.replace(/\[\^\d+\]:?/g, '').replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, '');
    const key = (style: string) =>
      results[style].rows.map((r) => {
        const lineText = results[style].model.lines.lineText(r.line - 1);
        return `${r.ruleId}|${r.line}|${strip(lineText.slice(0, r.column - 1)).length}|${r.text}`;
      });
    assert.deepEqual(key('gfm'), key('superscript'));
    // And the shift is real somewhere (footnote labels precede some findings on their line).
    const shifted = results.gfm.rows.filter((r, i) => r.column !== results.superscript.rows[i].column);
    assert.ok(shifted.length > 0);
  });
});
