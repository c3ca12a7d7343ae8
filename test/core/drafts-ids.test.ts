import { strict as assert } from 'node:assert';
import { lint, only, table, texts, applyFirstFixes } from './helpers';

// Issue 8, classes 4, 7 and 12: IDs as converted drafts write them.
const TABLE = table(['RA1-KE-01-A', 'RA1-KE-01-B', 'RA1-KE-02-A', 'RA1-KE-03-A']);
const CITE_REST = '\n\nOthers: RA1-KE-02-A, RA1-KE-03-A.\n';

function check(cited: string) {
  const text = `${TABLE}\nAn officer said so (${cited}).${CITE_REST}`;
  const findings = lint(text);
  return {
    text,
    findings,
    malformed: only(findings, 'participant-malformed'),
    uncited: only(findings, 'participant-uncited'),
    unknown: only(findings, 'participant-unknown'),
  };
}

describe('drafts: IDs with line breaks, other dashes and invisible characters', () => {
  const spellings: [string, string][] = [
    ['a soft line break after a hyphen', 'RA1-\nKE-01-A&B'],
    ['a soft line break before the letter', 'RA1-KE-01\nA&B'],
    ['a soft line break before A&B', 'RA1-KE-01-\nA&B'],
    ['CRLF line break', 'RA1-KE-\r\n01-A&B'],
    ...['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D'].map((d): [string, string] => [
      `U+${d.codePointAt(0)!.toString(16).toUpperCase()}`,
      `RA1${d}KE${d}01${d}A&B`,
    ]),
    ...['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'].map((z): [string, string] => [
      `U+${z.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} inside`,
      `RA1-KE${z}-01-A&${z}B`,
    ]),
  ];
  for (const [what, written] of spellings) {
    it(`${what}: participant-malformed with the canonical fix, and both participants count as cited`, () => {
      const { text, malformed, uncited, unknown } = check(written);
      assert.deepEqual(texts(text, malformed), [written]);
      assert.equal(malformed[0].fixes[0].edits[0].newText, 'RA1-KE-01-A&B');
      assert.ok(malformed[0].fixes[0].safe);
      assert.deepEqual(uncited, []);
      assert.deepEqual(unknown, []);
      assert.equal(applyFirstFixes(text, malformed), `${TABLE}\nAn officer said so (RA1-KE-01-A&B).${CITE_REST}`);
    });
  }

  it('a zero-width space before or after an ID is not part of it, and the ID stays canonical', () => {
    const { malformed, uncited } = check('\u200BRA1-KE-01-A&B\u200B');
    assert.deepEqual(malformed, []);
    assert.deepEqual(uncited, []);
  });

  it('the message names what is wrong', () => {
    assert.match(check('RA1\u2011KE-01-A&B').malformed[0].message, /dash other than a hyphen/);
    assert.match(check('RA1-KE\u00AD-01-A&B').malformed[0].message, /invisible/);
    assert.match(check('RA1-\nKE-01-A&B').malformed[0].message, /line break/);
    // A CRLF or a lone CR is a line break, not a space.
    for (const br of ['\r\n', '\r']) {
      const message = check(`RA1-KE-${br}01-A&B`).malformed[0].message;
      assert.match(message, /\(a line break splits it\)/, JSON.stringify(message));
    }
  });
});

describe('drafts: combined IDs in other spellings', () => {
  for (const written of ['RA1-KE-01-A and B', 'RA1-KE-01-A/B', 'RA1-KE-01-A, B', 'RA1-KE-01-A / B', 'RA1-KE-01-a and B']) {
    it(`"${written}" is a malformed RA1-KE-01-A&B that cites both`, () => {
      const { text, malformed, uncited } = check(written);
      assert.deepEqual(texts(text, malformed), [written]);
      assert.equal(malformed[0].fixes[0].edits[0].newText, 'RA1-KE-01-A&B');
      assert.deepEqual(uncited, []);
    });
  }

  it('"and I", "and a" and a participant the registry lacks are prose: the first ID alone', () => {
    for (const [written, uncitedCount] of [
      ['RA1-KE-01-A and I', 1],
      ['RA1-KE-01-A and C', 1],
      ['RA1-KE-02-A/B', 2],
    ] as const) {
      const { text, malformed, uncited } = check(written);
      assert.deepEqual(malformed, [], written);
      // Only the first ID is cited: RA1-KE-01-B (and for the last, RA1-KE-01-A) stay uncited.
      assert.equal(uncited.length, uncitedCount, written);
      assert.ok(text.includes(written));
    }
    const text = `${TABLE}\nRA1-KE-01-A and a colleague agreed; RA1-KE-01-B too.${CITE_REST}`;
    assert.deepEqual(only(lint(text), 'participant-malformed'), []);
  });

  it('two full IDs joined by "and" stay two IDs', () => {
    const text = `${TABLE}\nRA1-KE-01-A and RA1-KE-01-B agreed.${CITE_REST}`;
    assert.deepEqual(only(lint(text), 'participant-malformed'), []);
    assert.deepEqual(only(lint(text), 'participant-uncited'), []);
  });

  it('a table key written "A and B" does not define B', () => {
    const text = `${table(['RA1-KE-01-A and B', 'RA1-KE-02-A'])}\nCited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-01-B.\n`;
    assert.deepEqual(texts(text, only(lint(text), 'participant-unknown')), ['RA1-KE-01-B']);
  });
});

describe('drafts: a custom participantIds.pattern keeps the tolerance of the default scheme', () => {
  const config = {
    participantIds: {
      pattern: 'P(?<activity>\\d)_(?<country>[A-Z]{3})(?<interview>\\d{3})(?<participant>[a-z])',
      format: 'P{activity}_{country}{interview}{participant}',
    },
  };
  const TABLE2 = table(['P1_KEN007a', 'P1_KEN007b', 'P1_KEN012a']);
  const cases: [string, string][] = [
    ['padding', 'P1_KEN7a'],
    ['case', 'p1_ken007A'],
    ['spaces', 'P1_KEN 007 a'],
    ['dashes between parts written together', 'P1_KEN-007-a'],
    ['a Unicode dash for the underscore', 'P1\u2013KEN007a'],
    ['a soft hyphen', 'P1_KEN\u00AD007a'],
    ['a line break', 'P1_KEN\n007a'],
  ];
  for (const [what, written] of cases) {
    it(`${what}: ${JSON.stringify(written)} → P1_KEN007a`, () => {
      const text = `${TABLE2}\nSaid (${written}); also P1_KEN007b and P1_KEN012a.\n`;
      const malformed = only(lint(text, config), 'participant-malformed');
      assert.deepEqual(texts(text, malformed), [written]);
      assert.equal(malformed[0].fixes[0].edits[0].newText, 'P1_KEN007a');
      assert.deepEqual(only(lint(text, config), 'participant-uncited'), []);
    });
  }
  it('combined: "P1_KEN007a & b" and "P1_KEN007a and b" → P1_KEN007a&b', () => {
    for (const written of ['P1_KEN007a & b', 'P1_KEN007a and b', 'P1_KEN7a&b']) {
      const text = `${TABLE2}\nSaid (${written}); also P1_KEN012a.\n`;
      const malformed = only(lint(text, config), 'participant-malformed');
      assert.deepEqual(texts(text, malformed), [written]);
      assert.equal(malformed[0].fixes[0].edits[0].newText, 'P1_KEN007a&b');
    }
  });
  it('canonical IDs of the custom scheme pass', () => {
    const text = `${TABLE2}\nSaid (P1_KEN007a&b); also P1_KEN012a.\n`;
    assert.deepEqual(
      lint(text, config).filter((f) => f.ruleId.startsWith('participant-')),
      [],
    );
  });
});

describe('drafts: IDs with no-break and thin spaces', () => {
  for (const space of ['\u00A0', '\u2009', '\u202F']) {
    it(`U+${space.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} around a hyphen`, () => {
      const written = `RA1${space}-${space}KE-01-A&B`;
      const { text, malformed, uncited } = check(written);
      assert.deepEqual(texts(text, malformed), [written]);
      assert.equal(malformed[0].fixes[0].edits[0].newText, 'RA1-KE-01-A&B');
      assert.deepEqual(uncited, []);
    });
  }
});

describe('drafts: IDs with Markdown backslash escapes (as converters write them)', () => {
  it('an escaped ID in the prose is that ID: malformed, fixed to the plain spelling, and cited', () => {
    const written = 'RA1\\-KE\\-01\\-A\\&B';
    const { text, malformed, uncited, unknown } = check(written);
    assert.deepEqual(texts(text, malformed), [written]);
    assert.match(malformed[0].message, /backslash escapes/);
    assert.ok(malformed[0].fixes[0].safe);
    assert.deepEqual(uncited, []);
    assert.deepEqual(unknown, []);
    assert.equal(applyFirstFixes(text, malformed), `${TABLE}\nAn officer said so (RA1-KE-01-A&B).${CITE_REST}`);
  });

  it('an escaped unknown ID is reported, not passed over', () => {
    const text = `${TABLE}\nAn officer said so (RA1\\-KE\\-09\\-A).${CITE_REST}`;
    assert.deepEqual(texts(text, only(lint(text), 'participant-unknown')), ['RA1\\-KE\\-09\\-A']);
  });

  it('an escaped row of the participant table defines its participant', () => {
    const text = `| ID Number | Agency |\n| --- | --- |\n| RA1\\-KE\\-01\\-A | Police |\n| RA1-KE-02-A | NGO |\n\nSaid (RA1-KE-01-A), and RA1-KE-02-A agreed.\n`;
    const findings = lint(text);
    assert.deepEqual(only(findings, 'participant-unknown'), []);
    assert.deepEqual(texts(text, only(findings, 'participant-malformed')), ['RA1\\-KE\\-01\\-A']);
  });

  it('a custom scheme with escaped underscores (S2\\_UG\\_14\\_A)', () => {
    const config = {
      participantIds: {
        pattern: 'S(?<activity>\\d)_(?<country>[A-Z]{2})_(?<interview>\\d{2})_(?<participant>[A-Z])',
        format: 'S{activity}_{country}_{interview}_{participant}',
      },
    };
    const text = `| ID | Agency |\n| --- | --- |\n| S2\\_UG\\_14\\_A | Police |\n| S2_UG_15_A | NGO |\n\nSaid (S2_UG_14_A), (S2\\_UG\\_15\\_A) and S2\\_UG\\_16\\_A.\n`;
    const findings = lint(text, config);
    assert.deepEqual(texts(text, only(findings, 'participant-unknown')), ['S2\\_UG\\_16\\_A']);
    assert.deepEqual(only(findings, 'participant-uncited'), []);
  });

  it('an escaped backslash is not an escape of what follows, and code keeps its backslashes', () => {
    const text = `${TABLE}\nA path RA1\\\\-KE-01-A and \`RA1\\-KE\\-09\\-A\`.${CITE_REST}`;
    const findings = lint(text);
    assert.deepEqual(only(findings, 'participant-unknown'), []);
    assert.ok(!texts(text, only(findings, 'participant-malformed')).some((t) => t.includes('\\-KE')));
  });
});

describe('drafts: IDs inside Quarto shortcodes', () => {
  it('an include path naming a participant is not a citation and is never respelt', () => {
    const text = `${TABLE}\n{{< include notes/RA1-KE-1-A.qmd >}}\n\nAn officer said so (RA1-KE-01-A&B).${CITE_REST}`;
    const findings = lint(text);
    assert.deepEqual(only(findings, 'participant-malformed'), []);
    assert.deepEqual(only(findings, 'participant-unknown'), []);
  });
});

describe('drafts: a participant ID as the label of a reference link', () => {
  it('the label of [text][label] is not a citation and is never respelt (the link would break)', () => {
    const text = `${TABLE}\nSee [the transcript][RA1-KE-1-A] (RA1-KE-01-A&B).${CITE_REST}\n[RA1-KE-1-A]: https://example.org/t\n`;
    assert.deepEqual(only(lint(text), 'participant-malformed'), []);
  });

  it('an ID in brackets with no second label is still a citation ([RA1-KE-1-A] is checked)', () => {
    const text = `${TABLE}\nAn officer said so [RA1-KE-1-A&B].${CITE_REST}`;
    assert.deepEqual(texts(text, only(lint(text), 'participant-malformed')), ['RA1-KE-1-A&B']);
  });
});

describe('drafts: a participant ID inside a collapsed reference, an e-mail address or a Windows path', () => {
  // Each of these is a name the text must keep as written: a respelling breaks the link, the address or the path.
  const cases: [string, string][] = [
    ['the text of a collapsed reference [label][]', 'See [RA1-KE-1-A][] for the transcript.\n\n[RA1-KE-1-A]: https://example.org/t'],
    ['the local part of an e-mail address', 'Write to ra1-ke-1-a@example.org for the transcript.'],
    ['a Windows path', 'The transcript is in C:\\Interviews\\RA1-KE-1-A\\notes.docx on the team drive.'],
  ];
  for (const [where, sentence] of cases) {
    it(`${where}: no finding and no fix`, () => {
      const text = `${TABLE}\nAn officer said so (RA1-KE-01-A&B).${CITE_REST}\n${sentence}\n`;
      const findings = lint(text);
      assert.deepEqual(only(findings, 'participant-malformed'), []);
      assert.deepEqual(only(findings, 'participant-unknown'), []);
    });
  }

  it('the same ID in prose next to them is still checked and fixed', () => {
    const text = `${TABLE}\nWrite to team@example.org or see C:\\Data\\x.docx; an officer said so (RA1-KE-1-A&B).${CITE_REST}`;
    assert.deepEqual(texts(text, only(lint(text), 'participant-malformed')), ['RA1-KE-1-A&B']);
  });

  it('a long word and many @ signs are read in one pass (bounded time, no error)', () => {
    const text = `${TABLE}\n${'a'.repeat(200_000)} ${'b@'.repeat(50_000)}c.org (RA1-KE-01-A&B).${CITE_REST}`;
    assert.ok(Array.isArray(lint(text)));
  });
});
