import * as assert from 'node:assert/strict';
import { ReportLinter } from '../../server/src/core/engine';

/** Terminology findings' texts with their line numbers. */
function avoidFindings(text: string): string[] {
  const { findings, model } = new ReportLinter().lint(text);
  return findings.filter((f) => f.ruleId === 'terminology-avoid').map((f) => `${model.lines.positionAt(f.start).line + 1}:${text.slice(f.start, f.end)}`);
}

describe('a quotation split by a page break', () => {
  const open = 'An officer said: *“The reports of child pornography grew every';
  const close = 'single month, and child pornography is still the word in our forms”* (RA1-KE-01-A).';
  const furniture: [string, string][] = [
    ['a page number', '12'],
    ['a "Page n" line', 'Page 12'],
    ['a thematic break', '---'],
    ['an HTML comment', '<!-- page 13 -->'],
    ['a lone image', '![Figure 2](figure-2.png)'],
    ['a running heading', '## Findings'],
    ['a superscript footnote definition', '¹ Ministry. (2020). Annual report.'],
  ];

  for (const [what, block] of furniture) {
    it(`stays a quotation across ${what}`, () => {
      assert.deepEqual(avoidFindings(`${open}\n\n${block}\n\n${close}\n`), []);
    });
  }

  it("ends at its closing mark: the author's words after it are checked", () => {
    const text = `${open}\n\n12\n\n${close} Our report calls it child pornography.\n`;
    assert.deepEqual(avoidFindings(text), ['5:child pornography']);
  });

  it('a prose paragraph in between ends the carry-over', () => {
    const text = `${open}\n\nA paragraph of the author's own.\n\nThen child pornography” appears.\n`;
    assert.deepEqual(avoidFindings(text), ['5:child pornography']);
  });
});
