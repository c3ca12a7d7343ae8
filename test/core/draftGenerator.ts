/**
 * Writes realistic report drafts as they come out of Word, PDF and Pandoc — two
 * research activities' participant tables with random sizes, count sentences
 * (right or wrong, in several phrasings), IDs with conversion artefacts (other
 * dashes and spaces, zero-width characters, soft hyphens, line breaks, "A and B"),
 * terms with the same and with PDF ligatures, a named footnote label written in
 * another case, reference-style links to placeholder definitions, quotations
 * in several languages' marks (nested and over several paragraphs), reference-list
 * footnotes whose titles hold discouraged terms, the author's own discouraged terms,
 * lines wrapped at 72 columns — together with the findings a correct engine must
 * report, computed here from what was written, not by the engine.
 *
 * Used by test/core/drafts-generator.test.ts (a few hundred seeds in `npm test`) and
 * test/fuzz/drafts.ts (`npm run fuzz:drafts`, many more).
 */
import { strict as assert } from 'node:assert';
import { ReportLinter } from '../../server/src/core/engine';
import { applyEdits } from '../../server/src/core/text';
import { SMALL_NUMBER_WORDS } from '../../server/src/core/facts/counts';
import { prng } from './helpers';

export interface ExpectedFinding {
  ruleId: string;
  /** Offset in the generated text. */
  start: number;
  /** The text the finding covers. */
  text: string;
  /** The text of the first fix, where the finding has a certain one. */
  fix?: string;
}

export interface Draft {
  seed: number;
  text: string;
  expected: ExpectedFinding[];
}

/** One piece of a paragraph; `finding` marks the piece as the text of an expected finding. */
interface Piece {
  text: string;
  /** `fix`: the finding's text after its first fix, from the text as finally written (wrapped). */
  finding?: { ruleId: string; fix?: (written: string) => string };
  /** Never wrap inside this piece (tables, labels). */
  keep?: boolean;
}

/** The expected "fix" of a finding that must have none. */
export const NO_FIX = '(no fix)';
const COUNTRIES = ['KE', 'UG', 'ZM', 'MW', 'NA', 'TZ', 'ET', 'GH'];
const DASHES = ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D'];
const INVISIBLES = ['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const QUOTES: [string, string][] = [
  ['“', '”'],
  ['« ', ' »'],
  ['«', '»'],
  ['„', '“'],
  ['„', '”'],
  ['»', '«'],
  ['「', '」'],
  ['"', '"'],
];
const AUTHOR_TERMS: [string, string][] = [
  ['child pornography', 'terminology-avoid'],
  ['child prostitution', 'terminology-avoid'],
  ['child sex tourism', 'terminology-avoid'],
  ['revenge porn', 'terminology-avoid'],
  ['sextortion', 'terminology-caution'],
  ['sexting', 'terminology-caution'],
  ['child sex trafficking', 'terminology-caution'],
];
/** PDF ligatures and the letters they stand for. */
const LIGATURES: [string, string][] = [
  ['ffi', '\uFB03'],
  ['ff', '\uFB00'],
  ['fi', '\uFB01'],
  ['fl', '\uFB02'],
];
const SPACES = ['\u00A0', '\u2009', '\u202F'];
const TITLE_TERMS = [
  'child pornography',
  'child prostitution',
  'child sex tourism',
  'sextortion',
  'revenge porn',
  'paedophile networks',
  'child pornographers',
];
const SURNAMES = ['Doe', 'Roe', 'Okafor', 'Mwangi', 'Banda', 'Nakato', 'Haddad', 'Silva', 'Nguyen', 'Kowalski'];

export function generateDraft(seed: number): Draft {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const country = pick(COUNTRIES);

  // Two activities' tables: interview numbers, each with one or two participants.
  const activities = [1, 4].map((activity) => {
    const interviews = int(1, 6);
    const ids: string[][] = [];
    for (let i = 1; i <= interviews; i++) {
      const n = String(i).padStart(2, '0');
      ids.push(chance(0.3) ? [`RA${activity}-${country}-${n}-A`, `RA${activity}-${country}-${n}-B`] : [`RA${activity}-${country}-${n}-A`]);
    }
    return { activity, ids, interviews, participants: ids.flat().length };
  });

  const blocks: Piece[][] = [];
  blocks.push([{ text: `# Findings on online child sexual exploitation in ${country === 'KE' ? 'Kenya' : 'the country'}`, keep: true }]);

  // Count sentences, right or wrong, per activity and for the whole study.
  const numberText = (n: number, style: number) =>
    style === 0 || n > 20 ? String(n) : style === 1 ? SMALL_NUMBER_WORDS[n] : `${SMALL_NUMBER_WORDS[n]} (${n})`;
  const wrongOr = (n: number) => (chance(0.35) ? Math.max(1, n + pick([-2, -1, 1, 2])) : n);
  const countPiece = (stated: number, actual: number, noun: string, style: number, lead = ''): Piece => {
    const written = `${lead}${numberText(stated, style)} ${noun}`;
    if (stated === actual) return { text: written };
    const statedWord = numberText(stated, style).split(' ')[0];
    const fixWord = /^\d/.test(statedWord) || actual > 20 ? String(actual) : SMALL_NUMBER_WORDS[actual];
    // The number, and the same number in digits after it, whatever line breaks the wrap put in between.
    const fix = (w: string) => w.replace(statedWord, fixWord).replace(`(${stated})`, `(${actual})`);
    return { text: written, finding: { ruleId: 'participant-count', fix } };
  };
  const method: Piece[] = [];
  for (const a of activities) {
    const name = chance(0.5) ? `RA${a.activity}` : `research activity ${a.activity}`;
    method.push({ text: `In ${name}, ` });
    method.push(countPiece(wrongOr(a.interviews), a.interviews, 'interviews', int(0, 2)));
    method.push({ text: ' were held with a ' });
    const stated = wrongOr(a.participants);
    const p = countPiece(stated, a.participants, 'participants', int(0, 1), 'total of ');
    method.push(p);
    method.push({ text: '. ' });
  }
  const allInterviews = activities.reduce((s, a) => s + a.interviews, 0);
  method.push({ text: 'Across both activities, ' });
  method.push(countPiece(wrongOr(allInterviews), allInterviews, 'interviews', int(0, 1)));
  method.push({ text: ' took place.' });
  blocks.push(method);
  // A count scoped only by the heading above it: reported when wrong, but without a fix.
  if (chance(0.5)) {
    const a = pick(activities);
    blocks.push([{ text: `## Research activity ${a.activity}`, keep: true }]);
    const stated = wrongOr(a.interviews);
    blocks.push([
      { text: 'The team held ' },
      stated === a.interviews
        ? { text: `${stated} interviews` }
        : { text: `${stated} interviews`, finding: { ruleId: 'participant-count', fix: () => NO_FIX } },
      { text: ' in this part of the study.' },
    ]);
    blocks.push([{ text: '## Other sources', keep: true }]);
  }
  // A count nothing scopes: not checked.
  blocks.push([{ text: `The team also reviewed ${int(2, 30)} interviews from earlier studies of the region.` }]);

  // Citations: every participant at least once, some with conversion artefacts.
  const mutateId = (id: string, combined?: string): Piece => {
    const canonical = combined ? `${id}&${combined}` : id;
    const kind = int(0, 9);
    let written = canonical;
    if (kind === 1) written = canonical.replace(/-/g, pick(DASHES));
    else if (kind === 2) {
      const at = int(1, id.length - 1);
      written = canonical.slice(0, at) + pick(INVISIBLES) + canonical.slice(at);
    } else if (kind === 3) {
      const hyphens = [...canonical.matchAll(/-/g)].map((m) => m.index!);
      const at = pick(hyphens);
      written = canonical.slice(0, at + 1) + '\n' + canonical.slice(at + 1);
    } else if (kind === 4) written = canonical.toLowerCase();
    else if (kind === 5) written = canonical.replace(/-0(\d)-/, '-$1-');
    else if (kind === 6 && combined) written = `${id}${pick([' and ', '/', ', '])}${combined}`;
    else if (kind === 8) written = canonical.replace('-', `${pick(SPACES)}-`);
    else if (kind === 7) {
      // A space after a hyphen (a PDF line-end hyphen joined back), or around A&B.
      written = combined && chance(0.5) ? canonical.replace('&', ' & ') : canonical.replace('-', pick(['- ', ' -', ' - ']));
    }
    if (written === canonical) return { text: written, keep: true };
    return { text: written, keep: true, finding: { ruleId: 'participant-malformed', fix: () => canonical } };
  };

  const termPiece = (term: string, ruleId: string): Piece => {
    let written = term;
    const kind = int(0, 5);
    const ligature = LIGATURES.find(([letters]) => term.includes(letters));
    if (kind === 4 && ligature) written = term.replace(ligature[0], ligature[1]);
    else if (kind === 5 && term.includes(' ')) written = term.replace(' ', pick(SPACES));
    else if (kind === 1 && term.includes(' ')) written = term.replace(' ', pick(DASHES.filter((d) => d !== '\u2014' && d !== '\u2015')));
    else if (kind === 2) {
      const at = int(1, term.length - 1);
      if (term[at] !== ' ' && term[at - 1] !== ' ') written = term.slice(0, at) + pick(INVISIBLES) + term.slice(at);
    }
    return { text: written, keep: true, finding: { ruleId } };
  };

  let footnote = 0;
  const references: string[] = [];
  const referenceFor = (): string => {
    const term = pick(TITLE_TERMS);
    const title = chance(0.5)
      ? `${term[0].toUpperCase()}${term.slice(1)} in context: A review`
      : `${term.replace(/\b\p{L}/gu, (c) => c.toUpperCase())} in Context`;
    const a = pick(SURNAMES);
    const b = pick(SURNAMES);
    const year = int(2005, 2024);
    switch (int(0, 4)) {
      case 0:
        return `${a}, ${pick(['J.', 'K.', 'A. B.'])}, & ${b}, ${pick(['M.', 'L.'])} (${year}). ${title}. Academic Press.`;
      case 1:
        return `${pick(['UNICEF', 'ECPAT International', 'INTERPOL'])} (${year}) ${title}. Geneva.`;
      case 2:
        return `${a}, ${pick(['Jane', 'Peter', 'Amina'])}. ${year}. ${title}. London: Routledge.`;
      case 3:
        return `${a}, ${pick(['Jane', 'Peter', 'Amina'])}. ${title}. Nairobi: University Press, ${year}.`;
      default:
        return `${a} ${pick(['AB', 'J', 'KM'])}, ${b} ${pick(['C', 'PT'])}. ${title}. Child Abuse Negl. ${year};${int(1, 90)}(${int(1, 12)}):${int(1, 99)}-${int(100, 200)}.`;
    }
  };
  const superscript = chance(0.5);
  // In GFM, the first footnote may have a named label written in another case at the reference
  // (labels are case-insensitive; named labels leave the numeric ones in order).
  const namedFirst = !superscript && chance(0.4) ? pick(['UNICEF-2021', 'Ncmec', 'who2020']) : undefined;
  const footnoteRef = (): Piece => {
    footnote++;
    references.push(referenceFor());
    if (namedFirst && footnote === 1) return { text: `[^${namedFirst.toLowerCase()}]`, keep: true };
    const n = namedFirst ? footnote - 1 : footnote;
    return { text: superscript ? String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]) : `[^${n}]`, keep: true };
  };

  for (const a of activities) {
    for (const ids of a.ids) {
      const para: Piece[] = [];
      const [open, close] = pick(QUOTES);
      const combined = ids.length === 2 && chance(0.7);
      if (chance(0.5)) {
        // A quotation with a discouraged term and a count in it: neither is the author's.
        para.push({ text: `One participant said ${open}we see ${pick(AUTHOR_TERMS)[0]} every week and held nine interviews about it${close} (` });
      } else {
        const [term, ruleId] = pick(AUTHOR_TERMS);
        para.push({ text: 'Officers described ' }, termPiece(term, ruleId), { text: ' as a growing problem (' });
      }
      if (combined) para.push(mutateId(ids[0], ids[1].slice(-1)));
      else para.push(mutateId(ids[0]));
      para.push({ text: ').' }, footnoteRef());
      if (ids.length === 2 && !combined) para.push({ text: ' Another agreed (' }, mutateId(ids[1]), { text: ').' });
      blocks.push(para);
    }
  }

  // A quotation over several paragraphs: each reopens the mark, only the last closes it.
  if (chance(0.6)) {
    const [open, close] = pick(QUOTES.filter(([o]) => o !== '"'));
    const [term] = pick(AUTHOR_TERMS);
    blocks.push([{ text: `A caregiver said: ${open}We never heard of ${term} before.` }]);
    blocks.push([{ text: `${open}Now ${term} is discussed at school${close} (` }, { text: activities[1].ids[0][0], keep: true }, { text: ').' }]);
  }

  // A reference-style link whose definition the conversion left as a placeholder.
  const placeholder = chance(0.4) ? pick(['annex', 'Annex 2', 'methodology']) : undefined;
  if (placeholder) {
    const style = int(0, 2);
    const link = style === 0 ? `[the ${placeholder.toLowerCase()}][${placeholder}]` : style === 1 ? `[${placeholder}][]` : `[${placeholder}]`;
    blocks.push([{ text: 'The full protocol is in ' }, { text: link, keep: true, finding: { ruleId: 'link-placeholder' } }, { text: '.' }]);
  }

  // The author's own words in a footnote after a reference are checked.
  const ownNote = chance(0.3) ? pick(AUTHOR_TERMS) : undefined;

  // Tables.
  for (const a of activities) {
    const rows = a.ids.flat().map((id) => `| ${id} | ${a.activity === 1 ? 'Police' : 'Caregiver'} |`);
    blocks.push([{ text: ['| ID Number | Role |', '| --- | --- |', ...rows].join('\n'), keep: true }]);
  }

  // Footnote definitions.
  const definitions: Piece[][] = references.map((ref, i) => {
    const n = namedFirst ? i : i + 1;
    const label = superscript ? String(i + 1).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]) + ' ' : namedFirst && i === 0 ? `[^${namedFirst}]: ` : `[^${n}]: `;
    const pieces: Piece[] = [
      { text: label, keep: true },
      { text: ref, keep: true },
    ];
    if (ownNote && i === 0) pieces.push({ text: ' We write ' }, termPiece(ownNote[0], ownNote[1]), { text: ' only here.' });
    return pieces;
  });

  if (placeholder) definitions.push([{ text: `[${placeholder.toUpperCase()}]: ${pick(['#', '<>', ''])}`.trimEnd(), keep: true }]);

  // Assemble: wrap prose at 72 columns (spaces become line breaks), record findings.
  let text = '';
  const expected: ExpectedFinding[] = [];
  for (const block of [...blocks, ...definitions]) {
    let para = '';
    const marks: { start: number; end: number; ruleId: string; fix?: (written: string) => string }[] = [];
    const keep: [number, number][] = [];
    for (const piece of block) {
      if (piece.finding) marks.push({ start: para.length, end: para.length + piece.text.length, ...piece.finding });
      if (piece.keep) keep.push([para.length, para.length + piece.text.length]);
      para += piece.text;
    }
    if (!para.startsWith('|') && !para.startsWith('#') && chance(0.8)) para = wrap(para, keep, int(60, 80));
    for (const m of marks) {
      const written = para.slice(m.start, m.end);
      expected.push({ ruleId: m.ruleId, start: text.length + m.start, text: written, ...(m.fix ? { fix: m.fix(written) } : {}) });
    }
    text += para + '\n\n';
  }
  expected.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  return { seed, text, expected };
}

/** Turns spaces into line breaks so that lines stay near `width` columns; never inside `keep` spans or before a line-start marker. */
function wrap(para: string, keep: [number, number][], width: number): string {
  const chars = [...para];
  let column = 0;
  let lastSpace = -1;
  // Work on UTF-16 offsets (the text is mostly BMP; the spread keeps surrogate pairs whole).
  let offset = 0;
  const offsets: number[] = [];
  for (const c of chars) {
    offsets.push(offset);
    offset += c.length;
  }
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\n') {
      column = 0;
      lastSpace = -1;
      continue;
    }
    const inKeep = keep.some(([s, e]) => offsets[i] > s && offsets[i] < e);
    if (c === ' ' && !inKeep && !/^[-*+>#|\d⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(chars[i + 1] ?? '')) lastSpace = i;
    column++;
    if (column > width && lastSpace >= 0) {
      chars[lastSpace] = '\n';
      column = i - lastSpace;
      lastSpace = -1;
    }
  }
  return chars.join('');
}

/**
 * Issue 8: seeded report drafts with conversion artefacts; the generator computes
 * the findings from what it wrote, and the engine must report exactly those (no
 * more, no fewer), with the fixes the generator expects.
 */
export function checkDraft(draft: Draft, linter = new ReportLinter()): void {
  const { findings } = linter.lint(draft.text);
  const got = findings
    .map((f) => ({ ruleId: f.ruleId, start: f.start, text: draft.text.slice(f.start, f.end), fix: f.fixes[0] }))
    .sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  const context = (o: number) => JSON.stringify(draft.text.slice(Math.max(0, o - 60), o + 60));
  assert.deepEqual(
    got.map(({ ruleId, start, text }) => ({ ruleId, start, text })),
    draft.expected.map(({ ruleId, start, text }) => ({ ruleId, start, text })),
    `seed ${draft.seed}: findings differ. Around the first difference: ${context((got.find((g, i) => g.start !== draft.expected[i]?.start) ?? draft.expected.find((e, i) => e.start !== got[i]?.start) ?? { start: 0 }).start)}`,
  );
  got.forEach((g, i) => {
    const want = draft.expected[i].fix;
    if (want === undefined) return;
    if (want === NO_FIX) {
      assert.equal(g.fix, undefined, `seed ${draft.seed}: no fix for ${g.ruleId} ${JSON.stringify(g.text)}`);
      return;
    }
    assert.ok(g.fix, `seed ${draft.seed}: a fix for ${g.ruleId} ${JSON.stringify(g.text)}`);
    // The fix applied to the finding's own text.
    const local = g.fix.edits.map((e) => ({ start: e.start - g.start, end: e.end - g.start, newText: e.newText }));
    assert.equal(applyEdits(g.text, local).text, want, `seed ${draft.seed}: fix of ${g.ruleId} ${JSON.stringify(g.text)}`);
  });
}
