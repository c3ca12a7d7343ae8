import { strict as assert } from 'node:assert';
import { ReportLinter } from '../../server/src/core/engine';
import { applyFirstFixes, lint, only, table, texts } from './helpers';

// Issue 8, classes 1 and 2: counts compared with the right slice; count phrasings.
const RA1 = table(['RA1-KE-01-A', 'RA1-KE-02-A', 'RA1-KE-03-A']);
const RA4 = table(['RA4-KE-01-A', 'RA4-KE-01-B', 'RA4-KE-02-A'], 'Caregiver');
const CITED = '\nCited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A, RA4-KE-01-A&B, RA4-KE-02-A.\n';
const report = (prose: string) => `${prose}\n\n${RA1}\n${RA4}${CITED}`;
const counts = (text: string) => only(lint(text), 'participant-count');

describe('drafts: counts against the right activity', () => {
  it('a count correct for the activity its sentence names is not reported (not against the sum)', () => {
    assert.deepEqual(counts(report('In RA1, three interviews were held. In RA4, two interviews with three participants were held.')), []);
    assert.deepEqual(counts(report('Research activity 4 comprised two interviews. Activity 1 comprised three interviews.')), []);
  });
  it("a wrong count for an activity gets that activity's number, never the sum", () => {
    const text = report('In RA4, four interviews were held.');
    const found = counts(text);
    assert.deepEqual(texts(text, found), ['four interviews']);
    assert.equal(found[0].fixes[0].edits[0].newText, 'two');
    assert.match(found[0].message, /RA4/);
  });
  it('the whole study is compared with the sum', () => {
    assert.deepEqual(counts(report('Overall, five interviews with six participants were held.')), []);
    const text = report('In total, 4 interviews were held.');
    assert.equal(counts(text)[0].fixes[0].edits[0].newText, '5');
  });
  it('several activities named in the sentence: their sum', () => {
    assert.deepEqual(counts(report('RA1 and RA4 together comprised five interviews.')), []);
  });
  it('a count about nothing the report names is not checked', () => {
    assert.deepEqual(counts(report('We held 4 interviews.')), []);
    assert.deepEqual(counts(report('We held 40 interviews.')), []);
  });
  it('the paragraph or the heading above can name the activity: reported, without a fix', () => {
    const text = `## Research activity 4: caregivers\n\nWe held four interviews.\n\n${RA1}\n${RA4}${CITED}`;
    const found = counts(text);
    assert.deepEqual(texts(text, found), ['four interviews']);
    assert.deepEqual(found[0].fixes, []);
    const para = report('This section covers RA4. We held four interviews.');
    assert.equal(counts(para).length, 1);
    assert.deepEqual(counts(para)[0].fixes, []);
  });
  it('a paragraph naming two activities leaves it open: silent', () => {
    assert.deepEqual(counts(report('RA1 and RA4 differ. We held four interviews.')), []);
  });
  it('a sentence citing participants is about them', () => {
    assert.deepEqual(counts(report('In RA4, of the two participants (RA4-KE-01-A&B), one spoke.')), []);
  });
  it('countries: a count for one country of a two-country registry', () => {
    const text = `In Kenya, two interviews were held. In Uganda, one interview was held, and in Uganda 3 interviews followed.\n\n${table(['RA1-KE-01-A', 'RA1-KE-02-A', 'RA1-UG-01-A'])}\nCited: RA1-KE-01-A, RA1-KE-02-A, RA1-UG-01-A.\n`;
    const found = counts(text);
    assert.deepEqual(texts(text, found), ['3 interviews']);
    assert.equal(found[0].fixes[0].edits[0].newText, '1');
  });
  it('a registry file is checked like a table when the report has none', () => {
    const registry = ['RA1-KE-01-A', 'RA1-KE-02-A'].map((id, i) => ({ id, origin: { kind: 'file' as const, file: 'registry.csv', line: i + 2 } }));
    const text = 'We held three interviews (RA1-KE-01-A, RA1-KE-02-A).\n';
    const found = new ReportLinter().lint(text, registry).findings.filter((f) => f.ruleId === 'participant-count');
    assert.deepEqual(texts(text, found), ['three interviews']);
    assert.match(found[0].message, /registry lists 2/);
  });
});

describe('drafts: count phrasings', () => {
  const one = (prose: string) => `${prose}\n\n${RA1}\nCited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A.\n`;
  const read: [string, string, string][] = [
    ['three (3) interviews', 'We held four (4) interviews.', 'We held three (3) interviews.'],
    ['twelve (12) participants', 'Interviews with five (5) participants took place.', 'Interviews with three (3) participants took place.'],
    ['the ten participants', 'The five participants agreed.', 'The three participants agreed.'],
    ['all ten participants', 'All five participants agreed.', 'All three participants agreed.'],
    ['of the eleven respondents', 'Of the five respondents, two agreed.', 'Of the three respondents, two agreed.'],
    ['key informants', 'Five key informants were interviewed.', 'Three key informants were interviewed.'],
    ['a total of N interviewees', 'A total of 5 interviewees took part.', 'A total of 3 interviewees took part.'],
    ['a number split by a line break', 'We held twenty-\none interviews.', 'We held three interviews.'],
  ];
  for (const [what, wrong, right] of read) {
    it(`reads "${what}"`, () => {
      const text = one(wrong);
      const found = counts(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(applyFirstFixes(text, found), one(right));
      assert.deepEqual(counts(one(right)), []);
    });
  }
  const silent: [string, string][] = [
    ['a part of the sample', 'The two participants from the police agreed. The five participants who spoke agreed. Two (2) participants were female.'],
    ['a quotation', 'A judge said: “we held nine interviews”.'],
    ['a year', 'The 2019 participants agreed.'],
    ['another study in a footnote', 'A claim.[^1]\n\n[^1]: Doe, J. (2019). A survey of 40 interviews. Press.'],
    ['a table of other data', '| Year | Cases |\n| --- | --- |\n| 2019 | 40 interviews |'],
  ];
  for (const [what, prose] of silent) {
    it(`silent on ${what}`, () => {
      assert.deepEqual(counts(one(prose)), []);
    });
  }
});

describe('drafts: a sentence naming only the country every activity shares', () => {
  it('reads on to the heading for the activity (no fix), never compares with the sum', () => {
    const text = `## Research activity 4\n\nIn Kenya, three interviews were held.\n\n${RA1}\n${RA4}${CITED}`;
    const found = counts(text);
    assert.deepEqual(texts(text, found), ['three interviews']);
    assert.match(found[0].message, /lists 2/);
    assert.deepEqual(found[0].fixes, []);
    assert.deepEqual(counts(`## Research activity 1\n\nIn Kenya, three interviews were held.\n\n${RA1}\n${RA4}${CITED}`), []);
  });
  it('without a heading naming an activity it is not checked; "in total" in Kenya is the sum', () => {
    assert.deepEqual(counts(report('In Kenya, three interviews were held.')), []);
    assert.equal(counts(report('In Kenya, in total, three interviews were held.'))[0].fixes[0].edits[0].newText, 'five');
  });
});

describe('drafts: counts of a respondent group', () => {
  const GOV = table(['RA1-KE-01-A', 'RA1-KE-02-A', 'RA1-KE-03-A'], 'Ministry');
  const CARE = table(['RA4-KE-01-A', 'RA4-KE-01-B', 'RA4-KE-02-A'], 'Mother');
  const doc = (prose: string) =>
    `${prose}\n\n## Interviews with government officials\n\n${GOV}\n## Interviews with caregivers\n\nTable 2. Caregivers interviewed.\n\n${CARE}${CITED}`;
  it('"N caregivers were interviewed" is compared with the table captioned for caregivers, without a fix', () => {
    const text = doc('Four caregivers were interviewed.');
    const found = counts(text);
    assert.deepEqual(texts(text, found), ['Four caregivers were interviewed']);
    assert.match(found[0].message, /lists 3 for caregivers/);
    assert.deepEqual(found[0].fixes, []);
    assert.deepEqual(counts(doc('Three caregivers were interviewed. Interviews with 3 government officials took place.')), []);
  });
  it('"interviews with caregivers": the interviews of that table', () => {
    const text = doc('We held three interviews with caregivers.');
    assert.match(counts(text)[0].message, /lists 2 for caregivers/);
  });
  it('a group no table is captioned for, or several, is not checked — also in a report with one table', () => {
    assert.deepEqual(counts(doc('Nine teachers were interviewed.')), []);
    const single = `Three police officers were interviewed. We held 12 interviews in total.\n\n${table(['RA1-KE-01-A', 'RA1-KE-02-A'])}\nCited: RA1-KE-01-A, RA1-KE-02-A.\n`;
    assert.deepEqual(texts(single, counts(single)), ['12 interviews']);
  });
});

describe('drafts: counts of a part of the sample are not totals', () => {
  const one = (prose: string) => `${prose}\n\n${RA1}\nCited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A.\n`;
  for (const prose of [
    'Two interviews were held in person and one online.',
    'One was held online and two interviews in person.',
    'We held three interviews. Of these, two interviews were recorded.',
    'Two interviews took place in Nairobi, while one took place in Mombasa.',
    'In addition, two interviews were repeated.',
  ]) {
    it(`silent: ${prose}`, () => assert.deepEqual(counts(one(prose)), []));
  }
  it('totals next to them are still read', () => {
    const text = one('We held four interviews and 3 participants took part.');
    assert.deepEqual(texts(text, counts(text)), ['four interviews']);
  });
});

describe('drafts: "the N participants in this study"', () => {
  it('is a total; "the N participants in Nairobi" is a part', () => {
    const one = (prose: string) => `${prose}\n\n${RA1}\nCited: RA1-KE-01-A, RA1-KE-02-A, RA1-KE-03-A.\n`;
    assert.equal(counts(one('The four participants in this study agreed.')).length, 1);
    assert.deepEqual(counts(one('The two participants in Nairobi agreed.')), []);
  });
});
