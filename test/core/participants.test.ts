import { strict as assert } from 'node:assert';
import { ReportLinter, fixSafe } from '../../server/src/core/engine';
import { parseRegistryFile } from '../../server/src/core/registry';
import { IdScheme } from '../../server/src/core/participantIds';
import { countryNameInReport, mentionsCode, mentionsWord } from '../../server/src/core/participants';
import type { ConfigFile } from '../../server/src/core/config';
import type { Finding } from '../../server/src/core/types';
import { lint, linterFor, only, table, texts } from './helpers';

const IN_TABLE = table(['RA1-IN-01-A', 'RA1-IN-01-B', 'RA1-IN-02-A', 'RA1-IN-05-A', 'RA1-IN-07-A']);
const citeAll = 'Cited elsewhere: RA1-IN-01-A&B, RA1-IN-02-A, RA1-IN-05-A, RA1-IN-07-A.\n';

function doc(prose: string, tableText = IN_TABLE): string {
  return `${tableText}\n${prose}\n\n${citeAll}`;
}

/** The one participant-malformed finding in a document, with its safe fix text. */
function malformed(text: string): { finding: Finding; safeFix?: string; options: string[] } {
  const found = only(lint(text), 'participant-malformed');
  assert.equal(found.length, 1, `one malformed ID in: ${JSON.stringify(texts(text, found))}`);
  const finding = found[0];
  const safe = finding.fixes.find((f) => f.safe);
  return { finding, safeFix: safe?.edits[0].newText, options: finding.fixes.map((f) => f.edits[0].newText) };
}

describe('participants: malformed IDs', () => {
  const cases: [string, string, string][] = [
    ['a space after the first hyphen', 'RA1- IN-07-A', 'RA1-IN-07-A'],
    ['a space instead of the first hyphen', 'RA1 IN-02-A', 'RA1-IN-02-A'],
    ['a space before combined letters', 'RA1-IN-01 A&B', 'RA1-IN-01-A&B'],
    ['spaces around the ampersand', 'RA1-IN-01-A & B', 'RA1-IN-01-A&B'],
    ['lowercase', 'ra1-in-07-a', 'RA1-IN-07-A'],
    ['mixed case', 'Ra1-In-07-a', 'RA1-IN-07-A'],
    ['en dashes', 'RA1–IN–07–A', 'RA1-IN-07-A'],
    ['em dashes', 'RA1—IN—07—A', 'RA1-IN-07-A'],
    ['missing zero padding', 'RA1-IN-7-A', 'RA1-IN-07-A'],
  ];
  for (const [what, written, canonical] of cases) {
    it(`${what}: ${written} → ${canonical}`, () => {
      const text = doc(`One official said so (${written}).`);
      const { finding, safeFix } = malformed(text);
      assert.equal(text.slice(finding.start, finding.end), written);
      assert.equal(safeFix, canonical);
      assert.ok(finding.message.includes(canonical), finding.message);
      assert.equal(finding.fixes[0].preferred, true);
    });
  }

  // The activity number would come from the table, not the text: offered first, never applied unattended.
  for (const [what, written, suggested] of [
    ['a unique activity missing', 'RA-IN-05-A', 'RA1-IN-05-A'],
    ['a unique activity missing in a combined ID', 'RA-IN-01-A&B', 'RA1-IN-01-A&B'],
  ]) {
    it(`${what}: ${written} → ${suggested} is a suggestion, not a safe fix`, () => {
      const text = doc(`One official said so (${written}).`);
      const { finding, safeFix, options } = malformed(text);
      assert.equal(safeFix, undefined);
      assert.deepEqual(options, [suggested]);
      assert.equal(finding.fixes[0].preferred, true);
      assert.ok(finding.message.includes(suggested), finding.message);
      assert.equal(fixSafe(new ReportLinter(), text).text, text);
    });
  }

  it('the message says what is wrong', () => {
    assert.match(malformed(doc('(RA1- IN-07-A)')).finding.message, /contains spaces/);
    assert.match(malformed(doc('(ra1-in-07-a)')).finding.message, /not in capitals/);
    assert.match(malformed(doc('(RA1–IN–07–A)')).finding.message, /dash other than a hyphen/);
    assert.match(malformed(doc('(RA1-IN-7-A)')).finding.message, /not zero-padded/);
    assert.match(malformed(doc('(RA-IN-05-A)')).finding.message, /activity number is missing/);
  });

  it('a missing activity with two activities in the table offers both, and no safe fix', () => {
    const text = doc('As noted (RA-IN-05-A).', table(['RA1-IN-05-A', 'RA2-IN-05-A']));
    const { safeFix, options, finding } = malformed(text);
    assert.equal(safeFix, undefined);
    assert.deepEqual(options, ['RA1-IN-05-A', 'RA2-IN-05-A']);
    assert.ok(finding.fixes.every((f) => !f.safe));
    assert.match(finding.message, /RA1-IN-05-A or RA2-IN-05-A/);
  });

  it('fixSafe rewrites every malformed ID to canonical form and leaves the ambiguous one', () => {
    const text = doc('A (RA1- IN-07-A), B (RA1-IN-01 A&B), C (ra1-in-2-a).');
    const { text: fixed } = fixSafe(new ReportLinter(), text);
    assert.ok(fixed.includes('A (RA1-IN-07-A), B (RA1-IN-01-A&B), C (RA1-IN-02-A).'), fixed);
    assert.deepEqual(only(lint(fixed), 'participant-malformed'), []);
  });

  it('"RA1-IN-05 a participant" is prose, not an ID', () => {
    const text = doc('As RA1-IN-05 a participant from the ministry said.');
    assert.deepEqual(
      lint(text).filter((f) => f.ruleId.startsWith('participant-')),
      [],
    );
  });

  it('canonical IDs, single and combined, pass', () => {
    assert.deepEqual(lint(doc('Both (RA1-IN-01-A&B) and (RA1-IN-07-A).')), []);
  });

  it('IDs in code spans and fenced code are ignored', () => {
    const text = doc('The form `RA1- IN-09-A` is wrong.\n\n```\nRA1-IN-99-A\n```');
    assert.deepEqual(
      lint(text).filter((f) => f.ruleId.startsWith('participant-')),
      [],
    );
  });

  it('IDs inside link destinations are ignored', () => {
    const text = doc('See [the note](https://example.org/RA1-IN-99-A).');
    assert.deepEqual(
      lint(text).filter((f) => f.ruleId.startsWith('participant-')),
      [],
    );
  });
});

describe('participants: unknown IDs', () => {
  it('an ID the table lacks is reported with "did you mean" suggestions, closest first', () => {
    const text = doc('As stated (RA1-IN-03-A).');
    const [f] = only(lint(text), 'participant-unknown');
    assert.equal(text.slice(f.start, f.end), 'RA1-IN-03-A');
    assert.match(f.message, /RA1-IN-03-A is not in the participant table/);
    assert.match(f.message, /Did you mean RA1-IN-01-A, RA1-IN-02-A, RA1-IN-05-A\?/);
    assert.deepEqual(f.data?.suggestions, ['RA1-IN-01-A', 'RA1-IN-02-A', 'RA1-IN-05-A']);
    assert.deepEqual(
      f.fixes.map((x) => [x.edits[0].newText, x.safe]),
      [
        ['RA1-IN-01-A', false],
        ['RA1-IN-02-A', false],
        ['RA1-IN-05-A', false],
      ],
    );
    assert.equal(f.fixes[0].preferred, true);
  });

  it('an ID from another country names both countries (KE against an Indonesian table)', () => {
    const text = doc('In Indonesia, one officer said so (RA1-KE-02-A).');
    const [f] = only(lint(text), 'participant-unknown');
    assert.match(f.message, /KE is Kenya/);
    assert.match(f.message, /participants from Indonesia \(IN\)/);
    assert.ok(f.data?.suggestions && (f.data.suggestions as string[])[0] === 'RA1-IN-02-A', JSON.stringify(f.data));
  });

  it('a code is named by ISO 3166 when the report does not suggest otherwise', () => {
    const text = doc('One officer said so (RA1-KE-02-A).');
    const [f] = only(lint(text), 'participant-unknown');
    assert.match(f.message, /KE is Kenya, but the table lists participants from India \(IN\)/);
  });

  it('country names: a registry column wins, then ISO when the report names it, then the one named country the code begins', () => {
    const scheme = new IdScheme();
    assert.equal(countryNameInReport('IN', 'Nothing here.'), 'India');
    assert.equal(countryNameInReport('IN', 'A study of Indonesia.'), 'Indonesia');
    assert.equal(countryNameInReport('IN', 'Indonesia and India compared.'), 'India');
    assert.equal(
      countryNameInReport('IN', 'No names.', [{ id: 'RA1-IN-01-A', country: 'Indonesia', origin: { kind: 'file', file: 'r.csv', line: 2 } }], scheme),
      'Indonesia',
    );
    assert.equal(countryNameInReport('XK', 'Kosovo.'), undefined);
  });

  it('a malformed spelling of an ID from another country is both malformed and unknown', () => {
    const text = doc('In Indonesia, as stated (RA1 KE-02-A).');
    const findings = lint(text).filter((f) => f.ruleId === 'participant-malformed' || f.ruleId === 'participant-unknown');
    assert.deepEqual(
      findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [
        ['participant-malformed', 'RA1 KE-02-A'],
        ['participant-unknown', 'RA1 KE-02-A'],
      ],
    );
    assert.equal(findings[0].fixes[0].edits[0].newText, 'RA1-KE-02-A');
  });

  it('a combined ID is checked part by part', () => {
    const text = doc('Both agreed (RA1-IN-01-A&C).');
    const found = only(lint(text), 'participant-unknown');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /RA1-IN-01-C \(part of RA1-IN-01-A&C\)/);
    // The fix respells the combined ID, keeping the known part.
    assert.equal(found[0].fixes[0].edits[0].newText, 'RA1-IN-01-A&B');
    const both = only(lint(doc('Both agreed (RA1-IN-03-A&B).')), 'participant-unknown');
    assert.deepEqual(
      both.map((f) => f.data?.id),
      ['RA1-IN-03-A', 'RA1-IN-03-B'],
    );
  });

  it('with no table and no registry nothing is unknown', () => {
    assert.deepEqual(only(lint('As stated (RA1-IN-03-A).\n'), 'participant-unknown'), []);
  });
});

describe('participants: table', () => {
  it('a participant in the table nobody cites is reported at its row', () => {
    const text = `${IN_TABLE}\nCited: RA1-IN-01-A&B, RA1-IN-02-A, RA1-IN-07-A.\n`;
    const found = only(lint(text), 'participant-uncited');
    assert.deepEqual(texts(text, found), ['RA1-IN-05-A']);
    assert.match(found[0].message, /RA1-IN-05-A \(Police\) is never cited/);
  });

  it('a malformed citation still counts as citing its participant', () => {
    const text = `${IN_TABLE}\nCited: RA1-IN-01 A&B, RA-IN-02-A, RA1- IN-05-A, ra1-in-7-a.\n`;
    assert.deepEqual(only(lint(text), 'participant-uncited'), []);
  });

  it('a duplicate row is reported at the second listing, pointing at the first', () => {
    const text = `${table(['RA1-IN-01-A', 'RA1-IN-02-A', 'RA1-IN-01-A'])}\nCited: RA1-IN-01-A, RA1-IN-02-A.\n`;
    const found = only(lint(text), 'participant-duplicate');
    assert.equal(found.length, 1);
    assert.equal(found[0].start, text.lastIndexOf('RA1-IN-01-A |'));
    assert.match(found[0].message, /listed twice .* \(first on line 3\)/);
    assert.equal(found[0].related?.[0].start, text.indexOf('RA1-IN-01-A'));
  });

  it('table cells with commas keep their text', () => {
    const text = `| ID Number | Ministry/Government Agency | Position |\n| --- | --- | --- |\n| RA1-IN-01-A | Ministry of Gender, Children and Social Welfare | Manager, Unit |\n\nCited: RA1-IN-01-A.\n`;
    const { model } = new ReportLinter().lint(text);
    assert.equal(model.tableRegistry[0].agency, 'Ministry of Gender, Children and Social Welfare');
    assert.equal(model.tableRegistry[0].position, 'Manager, Unit');
  });

  it('a table whose first column is not IDs is not a participant table', () => {
    const text = '| Year | Cases |\n| --- | --- |\n| 2019 | 12 |\n\nAs stated (RA1-IN-03-A).\n';
    const { model, findings } = new ReportLinter().lint(text);
    assert.equal(model.registryTables.length, 0);
    assert.deepEqual(only(findings, 'participant-unknown'), []);
  });
});

describe('participants: counts', () => {
  // 5 participants, 4 interviews (01 has A and B).
  const tail = `\n${IN_TABLE}\n${citeAll}`;
  const counts = (prose: string) => {
    const text = prose + '\n' + tail;
    return only(lint(text), 'participant-count').map((f) => [text.slice(f.start, f.end), f.fixes[0]?.edits[0].newText]);
  };

  it('counts in digits that agree pass', () => {
    assert.deepEqual(counts('In total, 4 interviews with a total of 5 participants were conducted.'), []);
    assert.deepEqual(counts('The 5 participants interviewed agreed.'), []);
  });

  it('counts in words that agree pass', () => {
    assert.deepEqual(counts('In total, four interviews with a total of five participants were conducted.'), []);
  });

  it('counts that contradict the table are reported, with a fix written like the original', () => {
    assert.deepEqual(counts('In total, eleven interviews with a total of twelve participants were conducted.'), [
      ['eleven interviews', 'four'],
      ['total of twelve participants', 'five'],
    ]);
    assert.deepEqual(counts('Eleven interviews took place. 12 participants were interviewed.'), [
      ['Eleven interviews', 'Four'],
      ['12 participants were interviewed', '5'],
    ]);
  });

  it('numbers that are not totals of the study are not claims', () => {
    assert.deepEqual(counts('The analysis also includes three participants from research activity four. Participants gave 30 answers.'), []);
  });

  it("a count in a quotation, a blockquote or a footnote definition is not this study's claim", () => {
    assert.deepEqual(counts('An officer said: “we did 30 interviews last year”.\n\n> They ran 12 interviews.'), []);
    assert.deepEqual(counts('A claim.¹\n\n¹ Smith (2019), based on 40 interviews with judges.'), []);
    assert.deepEqual(counts('A claim.[^1]\n\n[^1]: Smith (2019), based on 40 interviews with judges.'), []);
    // A quotation split by a page break: the count after the break is still the speaker's.
    assert.deepEqual(counts('He said: “we did many\n\nand then 30 interviews more” (RA1-IN-01-A).'), []);
    // The author's own claim next to them still counts.
    assert.deepEqual(counts('He said “we did 30 interviews”, but we held 3 interviews.'), [['3 interviews', '4']]);
  });

  it('a count inside a table or code is not a claim', () => {
    assert.deepEqual(counts('`3 interviews`'), []);
  });

  it('without a participant table there is nothing to contradict', () => {
    assert.deepEqual(only(lint('We held 3 interviews.\n'), 'participant-count'), []);
  });
});

describe('participants: registry files', () => {
  const scheme = new IdScheme();

  it('CSV: quoted commas, header mapping, line numbers, bad IDs reported', () => {
    const csv =
      'id,agency,position,country\nRA1-MW-01-A,"Ministry of Gender, Children and Social Welfare",Officer,MW\nRA1-MW-02-A,Police,"Manager, Unit",MW\n\nbad id,x,y,MW\n';
    const { entries, problems } = parseRegistryFile(csv, 'registry.csv', scheme);
    assert.deepEqual(
      entries.map((e) => [e.id, e.agency, e.position, e.country]),
      [
        ['RA1-MW-01-A', 'Ministry of Gender, Children and Social Welfare', 'Officer', 'MW'],
        ['RA1-MW-02-A', 'Police', 'Manager, Unit', 'MW'],
      ],
    );
    assert.deepEqual(
      entries.map((e) => e.origin.kind === 'file' && e.origin.line),
      [2, 3],
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, 'registry.csv');
    assert.equal(problems[0].line, 5);
    assert.match(problems[0].message, /"bad id" is not a participant ID/);
  });

  it('CSV: semicolon- and tab-separated exports, CRLF and a byte order mark', () => {
    const semicolon = parseRegistryFile(
      '\uFEFFID;Agency;Position\r\nRA1-MW-01-A;"Ministry; Gender";Officer\r\nRA1-MW-02-A;Police;"Manager, Unit"\r\n',
      'r.csv',
      scheme,
    );
    assert.deepEqual(semicolon.problems, []);
    assert.deepEqual(
      semicolon.entries.map((e) => [e.id, e.agency, e.position]),
      [
        ['RA1-MW-01-A', 'Ministry; Gender', 'Officer'],
        ['RA1-MW-02-A', 'Police', 'Manager, Unit'],
      ],
    );
    const tabs = parseRegistryFile('ID\tAgency\nRA1-MW-01-A\tPolice, Cyber Unit\n', 'r.tsv', scheme);
    assert.deepEqual(
      tabs.entries.map((e) => [e.id, e.agency]),
      [['RA1-MW-01-A', 'Police, Cyber Unit']],
    );
  });

  it('CSV: a broken quote is a problem with a place, not an exception', () => {
    const { entries, problems } = parseRegistryFile('id,agency\n"RA1-MW-01-A,Police\n', 'registry.csv', scheme);
    assert.deepEqual(entries, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /invalid CSV/);
  });

  it('JSON: a list or {"participants": [...]}, with the line of each entry', () => {
    const json =
      '{\n  "participants": [\n    { "ID": "RA1-MW-01-A", "Agency": "Ministry of Gender, Children", "Position": "Officer" },\n    { "ID": "not-an-id" },\n    { "ID": "RA1-MW-02-A", "Agency": "Police" }\n  ]\n}\n';
    const { entries, problems } = parseRegistryFile(json, 'registry.json', scheme);
    assert.deepEqual(
      entries.map((e) => [e.id, e.agency]),
      [
        ['RA1-MW-01-A', 'Ministry of Gender, Children'],
        ['RA1-MW-02-A', 'Police'],
      ],
    );
    assert.deepEqual(
      entries.map((e) => e.origin.kind === 'file' && e.origin.line),
      [3, 5],
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.message]),
      [[4, '"not-an-id" is not a participant ID in the configured form']],
    );
    const list = parseRegistryFile('[{"id":"RA1-MW-01-A"}]', 'r.json', scheme);
    assert.deepEqual(
      list.entries.map((e) => e.id),
      ['RA1-MW-01-A'],
    );
  });

  it('JSON: invalid JSON is a problem with its line and column', () => {
    const { entries, problems } = parseRegistryFile('[\n  {"id": "RA1-MW-01-A"},\n  {"id": }\n]', 'r.json', scheme);
    assert.deepEqual(entries, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 3);
    assert.ok(problems[0].column > 1);
    assert.match(problems[0].message, /invalid JSON/);
  });

  it('registry entries are used for unknown and uncited checks', () => {
    const { entries } = parseRegistryFile(
      'id,agency,position,country\nRA1-MW-01-A,Police,Officer,MW\nRA1-MW-02-A,Ministry,Advisor,MW\nRA1-ZM-01-A,Police,Officer,ZM\n',
      '/p/registry.csv',
      scheme,
    );
    const text = 'As stated (RA1-MW-01-A), and (RA1-MW-03-A).\n';
    const findings = lint(text, undefined, entries);
    const unknown = only(findings, 'participant-unknown');
    assert.deepEqual(texts(text, unknown), ['RA1-MW-03-A']);
    // Uncited: only for countries this report cites (ZM is another report's business).
    const uncited = only(findings, 'participant-uncited');
    assert.deepEqual(
      uncited.map((f) => f.data?.id),
      ['RA1-MW-02-A'],
    );
    assert.match(uncited[0].message, /\/p\/registry\.csv:3/);
    assert.deepEqual(
      uncited[0].related?.map((r) => [r.file, r.line]),
      [['/p/registry.csv', 3]],
    );
  });

  it("the document's own table comes before the registry", () => {
    const { entries } = parseRegistryFile('id,agency\nRA1-MW-01-A,From the file\n', 'r.csv', scheme);
    const text = `${table(['RA1-MW-01-A'], 'From the table')}\nAs stated (RA1-MW-01-A).\n`;
    const { model } = new ReportLinter().lint(text, entries);
    assert.equal(model.tableRegistry[0].agency, 'From the table');
  });
});

describe('participants: a custom participantIds pattern', () => {
  const config: ConfigFile = {
    participantIds: {
      pattern: 'P(?<activity>\\d)-(?<country>[A-Z]{3})-(?<interview>\\d{3})-(?<participant>[a-z])',
      format: 'P{activity}-{country}-{interview}-{participant}',
    },
  };
  const header = '| Participant | Agency |\n| --- | --- |\n';
  const rows = ['P1-KEN-001-a', 'P1-KEN-001-b', 'P1-KEN-002-a', 'P1-KEN-003-a'].map((id) => `| ${id} | Police |`).join('\n');
  const customTable = `${header}${rows}\n`;

  it('compiles without problems', () => {
    linterFor(config); // throws on configuration problems
  });

  it('canonical IDs in the configured case pass, single and combined', () => {
    const text = `In total, 3 interviews with a total of 4 participants.\n\n${customTable}\nSaid (P1-KEN-001-a&b), (P1-KEN-002-a) and (P1-KEN-003-a).\n`;
    assert.deepEqual(lint(text, config), []);
  });

  it('malformed, unknown, uncited and counts work end to end', () => {
    const text = `In total, 2 interviews with a total of 4 participants.\n\n${customTable}\nSaid (P1 KEN-002-a), (P1-KEN-001-A&B) and (P1-KEN-009-a).\n`;
    const findings = lint(text, config);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
      [
        ['participant-count', '2 interviews'],
        ['participant-uncited', 'P1-KEN-003-a'],
        ['participant-malformed', 'P1 KEN-002-a'],
        ['participant-malformed', 'P1-KEN-001-A&B'],
        ['participant-unknown', 'P1-KEN-009-a'],
      ],
    );
    const malformedFixes = only(findings, 'participant-malformed').map((f) => f.fixes.find((x) => x.safe)?.edits[0].newText);
    assert.deepEqual(malformedFixes, ['P1-KEN-002-a', 'P1-KEN-001-a&b']);
    assert.match(only(findings, 'participant-malformed')[1].message, /letter case/);
    assert.match(only(findings, 'participant-unknown')[0].message, /Did you mean P1-KEN-001-a/);
  });
});

describe('country names and codes in the text (mentionsWord, mentionsCode)', () => {
  // What the regular expressions these replace answered: (?<!\p{L})name(?!\p{L}) and (?<![\p{L}\p{N}-])CODE(?![\p{L}\p{N}-]).
  const byPattern = (text: string, word: string, inWord: string) => new RegExp(`(?<![${inWord}])${word}(?![${inWord}])`, 'u').test(text);
  const texts = ['Kenya', 'In Kenya.', 'Kenyan data', 'KKenya', 'Kenya1', '𝐀Kenya', 'Kenya𝐀', 'Kenyan and Kenya', 'éKenya', 'Kenya-based', '', 'Ken'];
  it('a name stands alone: no letter right before or after it (letters outside the BMP too)', () => {
    for (const text of texts) assert.equal(mentionsWord(text, 'Kenya'), byPattern(text, 'Kenya', '\\p{L}'), text);
  });
  const codeTexts = ['KE', 'in KE.', 'KE-01', 'RA1-KE', 'KEY', 'KE1', '1KE', '𝐀KE', 'KE and KE-02', '(KE)'];
  it('a country code stands alone: no letter, digit or hyphen next to it', () => {
    for (const text of codeTexts) assert.equal(mentionsCode(text, 'KE'), byPattern(text, 'KE', '\\p{L}\\p{N}-'), text);
  });
});
