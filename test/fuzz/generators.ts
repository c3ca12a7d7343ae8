/**
 * Document generators for `npm run fuzz`. Every generator is a pure function of a
 * PRNG, so a document is reproduced from the run's seed and its index alone.
 *
 * To add a mode (for example generated drafts), add an entry to GENERATORS: the
 * runner picks generators by weight and `--mode <name>` runs one alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateDraft } from '../core/draftGenerator';
import { prng } from '../core/helpers';
import { hostileDocument } from './hostile';

export type Rand = () => number;

/** The PRNG of document `index` of a run with `seed` (independent of the other documents). */
export function documentRand(seed: number, index: number): Rand {
  const mix = prng((seed * 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  mix();
  return mix;
}

export const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
export const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (rand: Rand, p: number) => rand() < p;

export interface GeneratorContext {
  /** Seed documents for mutation (the repository's samples, plus any --corpus files). */
  corpus: string[];
  /** Upper bound for generated pathological structures, in characters. */
  maxPathologicalChars: number;
}

export interface Generator {
  name: string;
  /** Relative share of the documents of a mixed run. */
  weight: number;
  generate(rand: Rand, ctx: GeneratorContext): string;
}

const REPO = path.resolve(__dirname, '..', '..');

/** The built-in corpus: the repository's own sample reports (never the shared data). */
export function loadCorpus(extraDirs: string[] = []): string[] {
  const files = [path.join(REPO, 'samples'), ...extraDirs].flatMap((dir) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => /\.(md|qmd|rmd|markdown)$/i.test(f))
          .sort()
          .map((f) => path.join(dir, f))
      : [],
  );
  return files.map((f) => fs.readFileSync(f, 'utf8'));
}

// ---------------------------------------------------------------------------
// Grammar: reports built from the product's own vocabulary.

const COUNTRIES = ['KE', 'MW', 'IN', 'ZM', 'TZ', 'UG'];
const LETTERS = 'ABCDE';
const WORDS = (
  'the officers said that reports of abuse were rarely followed up because the unit had no budget for travel and ' +
  'victims often withdrew their statements when families were paid by the offender online platforms responded slowly to requests ' +
  'from investigators and social workers described long delays in court'
).split(' ');
const TERMS = [
  'child pornography',
  'child prostitution',
  'sextortion',
  'grooming',
  'child sex tourism',
  'CSAM',
  'self-generated sexual content',
  'webcam child sex tourism',
];
const OFFICIAL = ['Optional Protocol on the sale of children, child prostitution and child pornography', 'Child Pornography Prevention Act'];

interface Participant {
  id: string;
  activity: number;
  country: string;
  interview: string;
  letter: string;
}

function participants(rand: Rand): Participant[] {
  const out: Participant[] = [];
  const country = pick(rand, COUNTRIES);
  const width = chance(rand, 0.85) ? 2 : 3;
  const n = int(rand, 1, 12);
  for (let i = 0; i < n; i++) {
    const activity = chance(rand, 0.8) ? 1 : int(rand, 2, 3);
    let interview = String(int(rand, 1, 30)).padStart(chance(rand, 0.1) ? 3 : width, '0');
    if (chance(rand, 0.05)) interview = String(int(rand, 1, 9));
    const letter = LETTERS[int(rand, 0, chance(rand, 0.7) ? 0 : 3)];
    const id = `RA${activity}-${country}-${interview}-${letter}`;
    if (!out.some((p) => p.id === id)) out.push({ id, activity, country, interview, letter });
  }
  return out;
}

/** A citation of a participant: canonical, misspelt in one of the ways authors misspell, combined or unknown. */
function citation(rand: Rand, ps: Participant[]): string {
  const p = pick(rand, ps);
  const q = pick(rand, ps);
  switch (int(rand, 0, 12)) {
    case 0:
      return `RA${p.activity}- ${p.country}-${p.interview}-${p.letter}`;
    case 1:
      return p.id.toLowerCase();
    case 2:
      return `RA-${p.country}-${p.interview}-${p.letter}`;
    case 3:
      return `RA${p.activity}–${p.country}–${p.interview}–${p.letter}`;
    case 4:
      return `RA${p.activity}-${p.country}-${Number(p.interview)}-${p.letter}`;
    case 5:
      return `${p.id}&${q.letter}`;
    case 6:
      return `RA${p.activity}-${p.country}-${String(int(rand, 31, 99))}-${p.letter}`;
    case 7:
      return `RA${p.activity}${p.country}${Number(p.interview)}${p.letter}`;
    case 8:
      return `RA${p.activity}-${p.country}-0${p.interview}-${p.letter}`;
    case 9:
      return `RA${p.activity}-${pick(rand, COUNTRIES)}-${p.interview}-${p.letter}`;
    default:
      return p.id;
  }
}

function sentence(rand: Rand, ps: Participant[], refs: { next: number; style: 'gfm' | 'sup' }): string {
  const words: string[] = [];
  for (let i = int(rand, 4, 18); i > 0; i--) words.push(pick(rand, WORDS));
  const at = () => int(rand, 0, words.length);
  if (chance(rand, 0.3)) words.splice(at(), 0, pick(rand, TERMS));
  if (chance(rand, 0.15)) words.splice(at(), 0, `“${pick(rand, TERMS)} ${pick(rand, WORDS)}”`);
  if (chance(rand, 0.05)) words.splice(at(), 0, `the ${pick(rand, OFFICIAL)}`);
  if (chance(rand, 0.1)) words.splice(at(), 0, `‘${pick(rand, TERMS)}’`);
  if (chance(rand, 0.1)) words.splice(at(), 0, `\`${pick(rand, TERMS)}\``);
  if (chance(rand, 0.1)) words.splice(at(), 0, `*${pick(rand, WORDS)}*`);
  if (chance(rand, 0.1)) words.splice(at(), 0, `[${pick(rand, WORDS)}](${chance(rand, 0.5) ? '#' : 'https://example.org/x'})`);
  if (chance(rand, 0.08)) words.splice(at(), 0, `${int(rand, 2, 40)} interviews`);
  if (chance(rand, 0.05)) words.splice(at(), 0, `a total of ${int(rand, 2, 40)} participants`);
  let s = words.join(' ');
  s = s[0].toUpperCase() + s.slice(1);
  if (ps.length && chance(rand, 0.5)) s += ` (${citation(rand, ps)}${chance(rand, 0.2) ? `; ${citation(rand, ps)}` : ''})`;
  s += '.';
  if (chance(rand, 0.3)) {
    const n = chance(rand, 0.8) ? refs.next++ : int(rand, 1, refs.next + 2);
    s += refs.style === 'gfm' ? `[^${n}]` : superscript(n);
  }
  return s;
}

function superscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
}

function generateReport(rand: Rand): string {
  const ps = participants(rand);
  const refs = { next: 1, style: (chance(rand, 0.6) ? 'gfm' : 'sup') as 'gfm' | 'sup' };
  const out: string[] = [];
  if (chance(rand, 0.1)) out.push('---\ntitle: "A study"\n---');
  out.push(`# ${pick(rand, ['Findings', 'Access to justice', 'Introduction'])}`);
  const tableAt = int(rand, 0, 3);
  for (let b = 0; b < int(rand, 3, 14); b++) {
    if (b === tableAt) {
      const rows = ps.map(
        (p) =>
          `| ${chance(rand, 0.05) ? citation(rand, ps) : p.id} | ${pick(rand, ['Police', 'Ministry of Justice', 'NGO'])} | ${pick(rand, ['Investigator', 'Officer'])} |`,
      );
      out.push(`| ${pick(rand, ['ID Number', 'Participant ID', 'Code'])} | Agency | Position |\n| --- | --- | --- |\n${rows.join('\n')}`);
      continue;
    }
    switch (int(rand, 0, 12)) {
      case 0:
        out.push(`## ${pick(rand, WORDS)} ${pick(rand, WORDS)}`);
        break;
      case 1:
        out.push(Array.from({ length: int(rand, 1, 4) }, () => `- ${sentence(rand, ps, refs)}`).join('\n'));
        break;
      case 2:
        out.push(`> ${sentence(rand, ps, refs)}`);
        break;
      case 3:
        out.push(`\`\`\`\n${sentence(rand, ps, refs)}\n\`\`\``);
        break;
      case 4:
        out.push(
          `<!-- report-lint-${pick(rand, ['disable', 'enable', 'disable-next-line'])} ${pick(rand, ['terminology-avoid', 'participant-unknown', ''])} -->`,
        );
        break;
      case 5:
        out.push(`1. ${sentence(rand, ps, refs)}\n2. ${sentence(rand, ps, refs)}`);
        break;
      default:
        out.push(Array.from({ length: int(rand, 1, 4) }, () => sentence(rand, ps, refs)).join(' '));
    }
  }
  const defs: string[] = [];
  const count = refs.next - 1 + (chance(rand, 0.2) ? 1 : 0);
  const order = Array.from({ length: count }, (_, i) => i + 1);
  if (chance(rand, 0.2)) order.reverse();
  for (const n of order) {
    if (chance(rand, 0.05)) continue;
    const body = `${pick(rand, ['Source', 'Interview notes', 'See'])} *${pick(rand, WORDS)} ${pick(rand, TERMS)}*, ${int(rand, 1990, 2025)}.`;
    defs.push(refs.style === 'gfm' ? `[^${n}]: ${body}` : `${superscript(n)} ${body}`);
  }
  if (defs.length) out.push(refs.style === 'gfm' || chance(rand, 0.5) ? defs.join('\n') : defs.join('\n\n'));
  let text = out.join('\n\n') + '\n';
  if (chance(rand, 0.1)) text = text.replace(/\n/g, '\r\n');
  if (chance(rand, 0.05)) text = '\uFEFF' + text;
  return text;
}

// ---------------------------------------------------------------------------
// Mutations of real reports.

/** Fragments that change what the parser and the rules see. */
export const TOKENS = [
  '*',
  '**',
  '_',
  '__',
  '`',
  '```',
  '~~~',
  '[',
  ']',
  '(',
  ')',
  '[^1]',
  '[^2]',
  '[^x]',
  '[^1]: ',
  '¹',
  '²',
  '³',
  ' ¹ ',
  '>',
  '> ',
  '- ',
  '* ',
  '1. ',
  '    ',
  '\t',
  '|',
  ' | ',
  '| --- |',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '#',
  '## ',
  '<!--',
  '-->',
  '<!-- report-lint-disable -->',
  '<div>',
  '</div>',
  '“',
  '”',
  '"',
  '‘',
  '’',
  "'",
  '\\',
  '&',
  '\uFEFF',
  '\u00A0',
  '\u200B',
  '\uD800',
  'RA1-KE-01-A',
  'RA1- KE-01-A',
  'RA-KE-01-A',
  'RA1-KE-01-A&B',
  '(RAMW1A)',
  'RA1-MW-015-A',
  'child pornography',
  'sextortion',
  '12 interviews',
  '[link](#)',
  '![img](x.png)',
  '<https://example.org>',
  'https://a.b/c',
  '$$',
  ':::',
  '{.class}',
  '^[inline note]',
  '[@key]',
  '---\n',
  '***\n',
  '===\n',
];

/** Characters whose long runs or deep nesting are known to be hard for Markdown parsers. */
const RUN_CHARS = [
  '*',
  '_',
  '>',
  '[',
  ']',
  '`',
  '|',
  ' ',
  '-',
  '#',
  '(',
  ')',
  '<',
  '!',
  '~',
  '\\',
  '^',
  '&',
  ':',
  '\n',
  '> ',
  '- ',
  '  - ',
  '[^1]',
  '*a',
  '_a',
  '**a',
  '[a]',
  '![',
  '<a ',
  '"',
];

export function mutate(text: string, rand: Rand, maxRun: number): string {
  let t = text;
  for (let n = int(rand, 1, 8); n > 0; n--) {
    const at = int(rand, 0, t.length);
    const len = int(rand, 0, Math.min(200, t.length - at));
    switch (int(rand, 0, 11)) {
      case 0:
        t = t.slice(0, at) + t.slice(at + len);
        break;
      case 1:
        t = t.slice(0, at) + t.slice(at, at + len).repeat(int(rand, 2, 4)) + t.slice(at + len);
        break;
      case 2:
      case 3:
        t = t.slice(0, at) + pick(rand, TOKENS) + t.slice(at);
        break;
      case 4: {
        const run = pick(rand, RUN_CHARS);
        t = t.slice(0, at) + run.repeat(Math.max(1, Math.floor(int(rand, 1, chance(rand, 0.2) ? maxRun : 64) / run.length))) + t.slice(at);
        break;
      }
      case 5: {
        // Prefix a few lines (indentation, quotes, list markers, pipes).
        const prefix = pick(rand, ['    ', '> ', '- ', '| ', '  ', '\t', '>', '1. ', '¹ ']);
        const lines = t.split('\n');
        const from = int(rand, 0, lines.length - 1);
        for (let i = from; i < Math.min(lines.length, from + int(rand, 1, 20)); i++) lines[i] = prefix + lines[i];
        t = lines.join('\n');
        break;
      }
      case 6: {
        const other = int(rand, 0, t.length);
        t = t.slice(0, at) + t.slice(other, other + len) + t.slice(at);
        break;
      }
      case 7:
        t = t.slice(0, at) + String.fromCharCode(int(rand, 0, 0xffff)) + t.slice(at + 1);
        break;
      case 8:
        t = chance(rand, 0.5) ? t.replace(/\n\n/g, '\n') : t.replace(/\n/g, '\n\n');
        break;
      case 9:
        t = t.slice(0, at);
        break;
      case 10:
        t = t.slice(0, at) + t.slice(at, at + len).toLowerCase() + t.slice(at + len);
        break;
      default:
        t = t.slice(0, at) + t.slice(at + len).replace(/-/, pick(rand, [' ', '–', '', '- ']));
        break;
    }
  }
  return t;
}

// ---------------------------------------------------------------------------
// Structures pathological for Markdown parsers, at sizes up to the context's bound.

export function pathological(rand: Rand, maxChars: number): string {
  const n = int(rand, Math.min(200, maxChars), maxChars);
  const reps = (unit: string) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));
  switch (int(rand, 0, 17)) {
    case 0:
      return `| a | b |\n| --- | --- |\n| x | ${reps(pick(rand, ['*', '_', '**', '*_']))} |\n`;
    case 1:
      return `Text ${reps(pick(rand, ['*', '_', '*a', '_a ', '**a*', '***']))} (RA1- KE-01-A) child pornography.\n`;
    case 2:
      return `${reps('>')} child pornography (RA1-KE-01-A)\n`;
    case 3:
      return Array.from({ length: Math.min(3000, Math.floor(n / 20)) }, (_, i) => `${'>'.repeat(i + 1)} line ${i}`).join('\n');
    case 4: {
      // A table row and a deeply indented list in one block.
      const depth = Math.min(2000, Math.floor(Math.sqrt(n)));
      return `| ID Number | x |\n| --- | --- |\n| RA1-KE-01-A | y |\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n`;
    }
    case 5:
      return Array.from({ length: Math.min(3000, Math.floor(n / 30)) }, (_, i) => `${'  '.repeat(i)}- child pornography ${i}`).join('\n');
    case 6:
      return reps('[') + reps(']');
    case 7:
      return reps('[^1]') + '\n\n[^1]: Source.\n';
    case 8:
      return reps(pick(rand, ['`', '``a', '` ``', '<a ', '<!', '](', '![', '\\*', '&amp;', '<http://', '[a](<', '*[', '_(']));
    case 9:
      return `Text ${reps(pick(rand, ['(', '[a](b(', '[a](<']))} end.\n`;
    case 10:
      return reps(pick(rand, ['- ', '* ', '1. ', '> - ', '- > '])) + 'x\n';
    case 11:
      return `${reps('    ').slice(0, n)}- item\n| a | b |\n| - | - |\n${reps('| x ')}\n`;
    case 12:
      return reps(pick(rand, ['*a_b*', '_a*b_', '**_a', '*a **b', 'a**b*c_'])) + '\n';
    case 13:
      return `| a |\n| - |\n${Array.from({ length: Math.floor(n / 12) }, () => `| ${'*'.repeat(int(rand, 1, 9))} |`).join('\n')}\n`;
    case 14:
      return reps('¹²³ ') + '\n\n¹ Source.\n';
    case 15:
      return `${reps('“')}child pornography${reps('”')}\n`;
    case 16:
      return reps(pick(rand, ['RA1-KE-01-A&', 'RA1 ', 'RA1-KE-', '&B', 'ra1-ke-1-a '])) + '\n';
    default:
      return Array.from(
        { length: Math.min(2000, Math.floor(n / 10)) },
        (_, i) => `${' '.repeat(i % 200)}${pick(rand, ['- ', '> ', '| ', '1. ', '* '])}${pick(rand, ['*', '_', '[', 'x'])}`,
      ).join('\n');
  }
}

// ---------------------------------------------------------------------------
// Random bytes and characters.

export function randomText(rand: Rand): string {
  const length = int(rand, 0, 8192);
  switch (int(rand, 0, 3)) {
    case 0: {
      const bytes = Buffer.alloc(length);
      for (let i = 0; i < length; i++) bytes[i] = int(rand, 0, 255);
      return chance(rand, 0.5) ? bytes.toString('utf8') : bytes.toString('latin1');
    }
    case 1: {
      let s = '';
      for (let i = 0; i < length; i++) s += String.fromCharCode(int(rand, 0, 0xffff));
      return s;
    }
    default: {
      const alphabet = '[]()*_`~<>!#|^\\-+=:"“”‘’\'¹²³ \n\n\t&RAKE01-9abc';
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[int(rand, 0, alphabet.length - 1)];
      return s;
    }
  }
}

export const GENERATORS: Generator[] = [
  { name: 'grammar', weight: 4, generate: (rand) => generateReport(rand) },
  {
    name: 'mutate',
    weight: 4,
    generate: (rand, ctx) =>
      mutate(chance(rand, 0.5) || !ctx.corpus.length ? generateReport(rand) : pick(rand, ctx.corpus), rand, Math.min(4000, ctx.maxPathologicalChars)),
  },
  { name: 'bytes', weight: 1, generate: (rand) => randomText(rand) },
  { name: 'pathological', weight: 1, generate: (rand, ctx) => pathological(rand, ctx.maxPathologicalChars) },
  // Converted report drafts (test/core/draftGenerator.ts): conversion artefacts, two activities,
  // reference-list footnotes. `npm run fuzz:drafts` also checks their expected findings.
  { name: 'drafts', weight: 2, generate: (rand) => generateDraft(Math.floor(rand() * 2 ** 31)).text },
  // What another fuzzer would try (test/fuzz/hostile.ts): broken, deep or alias-laden front matter, thousands
  // of footnotes, inline notes, fenced divs, directives, wide tables, control characters, CR line ends.
  { name: 'hostile', weight: 1, generate: (rand) => hostileDocument(rand) },
];

/** One small edit, as a person types, deletes, pastes or splits a paragraph. */
export function smallEdit(text: string, rand: Rand): string {
  const at = int(rand, 0, text.length);
  switch (int(rand, 0, 6)) {
    case 0:
      return text.slice(0, at) + pick(rand, 'abc XYZ,.;-\n*_[]()#>|`~¹^&'.split('')) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + int(rand, 1, 20));
    case 2:
      return text.slice(0, at) + '\n\n' + text.slice(at);
    case 3:
      return text.slice(0, at) + pick(rand, TOKENS) + text.slice(at);
    case 4: {
      const b = text.indexOf('\n\n', at);
      return b < 0 ? text : text.slice(0, b) + ' ' + text.slice(b + 2);
    }
    default:
      return mutate(text, rand, 200);
  }
}
