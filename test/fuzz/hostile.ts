/**
 * The `hostile` generator of `npm run fuzz`: what another fuzzer's author would throw
 * at a Markdown linter that the report grammar and the mutations rarely produce. A
 * document is a few pieces (front matter broken, deep, huge or full of aliases;
 * thousands of footnotes in both styles and mixed; Pandoc inline notes nested or
 * unclosed; fenced divs out of balance; HTML comments and directives malformed;
 * tables thousands of columns wide; link reference definitions; citations), then
 * damaged as a whole: CR or mixed line ends, byte-order marks in the middle, NUL and
 * control characters, lone surrogates, combining marks and zero-width joiners inside
 * IDs, terms and labels, right-to-left text, everything on one long line.
 */
import { int, pick, type Rand } from './generators';

const chance = (rand: Rand, p: number) => rand() < p;
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (n: number) => String(n).replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]);
const times = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

const IDS = ['RA1-KE-01-A', 'RA1-KE-02-B', 'RA2-MW-015-A', 'RA1-IN-05-A&B', 'RA1-KE-01-A&B&C', 'ra1-ke-1-a', 'RA1 KE 01 A', 'RA1–KE–01–A'];
const TERMS = ['child pornography', 'child prostitution', 'sextortion', 'grooming', 'Child Pornography', 'child-pornography', 'CSAM'];
const LABELS = ['1', '2', '10', 'x', 'NCMEC', 'ncmec', 'a b', 'é', '1.2', 'a_b', '٣', '①', '1\u0301', 'x\u200Dy'];

function words(rand: Rand, n: number): string {
  return times(n, () =>
    pick(rand, ['the', 'police', 'said', 'reports', 'were', pick(rand, TERMS), pick(rand, IDS), 'of', 'abuse', '“', '”', '"', '*', '_']),
  ).join(' ');
}

function frontMatter(rand: Rand): string {
  const close = pick(rand, ['---', '...', '---   ', '']);
  switch (int(rand, 0, 7)) {
    case 0: {
      // Nested up to and past the bound, in flow or block style.
      const d = int(rand, 1, 200);
      return chance(rand, 0.5)
        ? `---\nbibliography: refs.bib\nnocite: ${'['.repeat(d)}"@a"${']'.repeat(chance(rand, 0.7) ? d : 0)}\n${close}`
        : `---\nbibliography: refs.bib\n${times(d, (i) => `${'  '.repeat(i)}k${i}:`).join('\n')} v\n${close}`;
    }
    case 1: {
      // Alias chains ("billion laughs") in the keys the engine reads.
      const key = pick(rand, ['nocite', 'references', 'bibliography']);
      const levels = 'abcdefghij'.slice(0, int(rand, 2, 10));
      const lines = [`a: &a ["@x", "@y", {id: z, title: T}]`];
      for (let i = 1; i < levels.length; i++) lines.push(`${levels[i]}: &${levels[i]} [${times(10, () => `*${levels[i - 1]}`).join(', ')}]`);
      lines.push(`${key}: [${times(10, () => `*${levels[levels.length - 1]}`).join(', ')}]`);
      if (chance(rand, 0.3)) lines.push('self: &s [*s]', `${key}2: *nope`);
      return `---\n${lines.join('\n')}\n${close}`;
    }
    case 2:
      // Huge.
      return `---\n${times(int(rand, 10, chance(rand, 0.2) ? 5000 : 100), (i) => `k${i}: "v${i} ${i % 7 ? '' : 'child pornography'}"`).join('\n')}\nbibliography: refs.bib\n${close}`;
    case 3:
      // Broken: tabs, unclosed quotes and brackets, bad indentation, duplicate keys.
      return `---\n${pick(rand, ['title: "unclosed', "title: 'x", '\tbibliography: x', 'a:\n  - b\n c: d', 'a: [b, c', 'a: {b', 'bibliography: refs.bib\nbibliography: other.bib', 'key: @x', '? [a]\n: b', '!!binary x', '%YAML 1.2'])}\nbibliography: refs.bib\n${close}`;
    case 4:
      return `---\nreferences:\n${times(int(rand, 1, chance(rand, 0.2) ? 300 : 10), (i) => `- id: ${pick(rand, ['k', 'K', 'k k', '@k', ''])}${i % 13}\n  title: ${pick(rand, ['A study of child pornography', '[unclosed', '"x"', '|', '>-'])}\n  author:\n  - family: F${i}`).join('\n')}\nnocite: "@*"\n${close}`;
    case 5:
      return `\uFEFF---\ntitle: x\n${close}`;
    case 6:
      return `---\n${'- '.repeat(int(rand, 1, 300))}x\n${close}`;
    default:
      return `---\n${close}`;
  }
}

function footnotes(rand: Rand): string {
  const n = int(rand, 1, chance(rand, 0.03) ? 3000 : 40);
  const style = int(rand, 0, 2); // gfm, superscript, mixed
  const label = (i: number) => (chance(rand, 0.05) ? pick(rand, LABELS) : String(i + 1));
  const ref = (i: number) => {
    const l = label(i);
    const s = style === 1 || (style === 2 && i % 2 === 0);
    return s && /^\d+$/.test(l) ? sup(Number(l)) : `[^${l}]`;
  };
  const def = (i: number) => {
    const l = label(i);
    const s = style === 1 || (style === 2 && i % 2 === 0);
    return `${s && /^\d+$/.test(l) ? sup(Number(l)) : `[^${l}]:`} ${pick(rand, ['Source.', 'See *Title*.', '', ' ', words(rand, 3), `Also${sup(int(rand, 1, 9))}.`])}`;
  };
  const text = times(n, (i) => `Claim ${i}.${ref(chance(rand, 0.9) ? i : int(rand, 0, n + 3))}`).join(pick(rand, [' ', '\n', '\n\n']));
  const order = Array.from({ length: n }, (_, i) => i);
  if (chance(rand, 0.3)) order.reverse();
  if (chance(rand, 0.3)) for (let i = order.length - 1; i > 0; i--) [order[i], order[int(rand, 0, i)]] = [order[int(rand, 0, i)], order[i]];
  const defs = order.filter(() => !chance(rand, 0.03)).map(def);
  if (chance(rand, 0.1)) defs.push(def(0));
  return `${text}\n\n${defs.join(pick(rand, ['\n', '\n\n', '\n   \n']))}`;
}

function inlineNotes(rand: Rand): string {
  const d = int(rand, 1, chance(rand, 0.05) ? 2000 : 10);
  switch (int(rand, 0, 4)) {
    case 0:
      return `Text${'^['.repeat(d)}note ${pick(rand, TERMS)}${']'.repeat(int(rand, 0, d))} after.`;
    case 1:
      return `Text^[a note [@key] with [^1] and ${pick(rand, IDS)} and “${pick(rand, TERMS)}”] and ^[unclosed ${words(rand, 5)}`;
    case 2:
      return times(d, () => `^[${words(rand, 2)}]`).join('');
    case 3:
      return `^[${'['.repeat(d)}x${']'.repeat(d)}] ^[\`code]\`] ^[$]$]`;
    default:
      return `A claim.^[See ^[nested ^[deeper]] note.]\n\n[^1]: ^[an inline note in a definition]`;
  }
}

function fencedDivs(rand: Rand): string {
  const d = int(rand, 1, chance(rand, 0.05) ? 1000 : 8);
  const open = () => `${':'.repeat(int(rand, 3, 6))}${pick(rand, [' {.callout-note}', ' note', '', ' {#id .x key="v"}', '{'])}`;
  const opens = times(d, open);
  const closes = times(int(rand, 0, d + 2), () => ':'.repeat(int(rand, 3, 6)));
  return [...opens, words(rand, 6), `> ${pick(rand, TERMS)}`, ...closes].join(pick(rand, ['\n', '\n\n']));
}

function htmlAndDirectives(rand: Rand): string {
  const rule = () =>
    pick(rand, [
      'terminology-avoid',
      'participant-unknown',
      'footnote-undefined',
      'no-such-rule',
      '',
      'terminology-avoid,',
      'terminology-avoid, footnote-unused',
      '*',
      '-->',
    ]);
  const kind = () => pick(rand, ['disable', 'enable', 'disable-next-line', 'disable-line', 'DISABLE', 'disable-file', 'Disable']);
  switch (int(rand, 0, 5)) {
    case 0:
      return `<!-- report-lint-${kind()} ${rule()} -->\n${words(rand, 8)}`;
    case 1:
      return `<!--report-lint-${kind()}${rule()}-->${words(rand, 4)}<!-- report-lint-${kind()}`;
    case 2:
      return `<!-- unclosed comment\n\n${words(rand, 10)}\n\n${pick(rand, IDS)}`;
    case 3:
      return times(int(rand, 1, chance(rand, 0.1) ? 500 : 10), () => `<!-- report-lint-${kind()} ${rule()} -->`).join(pick(rand, ['', '\n', ' ']));
    case 4:
      return `<div>\n${words(rand, 6)}\n<!-- -- --->\n</div>\n<span title="${pick(rand, TERMS)}">${pick(rand, TERMS)}</span>`;
    default:
      return `<!-->${pick(rand, TERMS)}<!--->${pick(rand, TERMS)}<!---->${pick(rand, TERMS)}`;
  }
}

function tables(rand: Rand): string {
  const cols = int(rand, 1, chance(rand, 0.05) ? 3000 : 12);
  const rows = int(rand, 0, chance(rand, 0.05) ? 300 : 8);
  const header = `| ${pick(rand, ['ID Number', 'Participant ID', 'Code', ''])} | ${times(cols - 1, (i) => `h${i}`).join(' | ')} |`;
  const delimiter = `|${times(cols, () => pick(rand, ['---', ':--', '--:', ':-:', '-'])).join('|')}|`;
  const cell = () => pick(rand, [...IDS, pick(rand, TERMS), '\\|', '`a|b`', '', '[^1]', sup(1), '**', words(rand, 2)]);
  const body = times(rows, () => `| ${times(int(rand, 1, cols + 2), cell).join(' | ')}${chance(rand, 0.8) ? ' |' : ''}`);
  return [header, chance(rand, 0.9) ? delimiter : '', ...body].filter((l, i) => i !== 1 || l).join('\n');
}

/** Pandoc's grid, simple, multiline and HTML tables, whole, broken or enormous. */
function pandocTables(rand: Rand): string {
  const cols = int(rand, 1, chance(rand, 0.05) ? 400 : 6);
  const rows = int(rand, 0, chance(rand, 0.05) ? 300 : 6);
  const cell = () => pick(rand, [...IDS, pick(rand, TERMS), '', '|', '+', '-', '---', words(rand, 2)]);
  const width = int(rand, 1, 14);
  const fit = (s: string) => (chance(rand, 0.9) ? s.slice(0, width).padEnd(width) : s);
  const line = (sep: string, edge: string) => `${edge}${times(cols, () => ` ${fit(cell())} `).join(sep)}${chance(rand, 0.9) ? edge : ''}`;
  const border = (c: string) => `+${times(cols, () => pick(rand, [c, ':', 'x']).repeat(width + 2)).join('+')}+`;
  const dashes = () => times(cols, () => '-'.repeat(width)).join(pick(rand, ['  ', ' ', '\t', '']));
  const solid = () => '-'.repeat(int(rand, 1, 80));
  switch (int(rand, 0, 4)) {
    case 3: {
      const td = () => pick(rand, ['<td>', '<th>', '<td rowspan="3">', '<td colspan="2000">', '<td><p>', '<tr>', '</tr>', '<div>', '<b>', '</td>']);
      return `<table>\n${pick(rand, ['<thead>', ''])}${times(rows * cols, () => `${td()}${fit(cell())}`).join(pick(rand, ['', '\n']))}\n${pick(rand, ['</table>', ''])}`;
    }
    case 0:
      return [border('-'), line('|', '|'), chance(rand, 0.8) ? border('=') : '', ...times(rows, () => `${line('|', '|')}\n${border('-')}`)]
        .filter((l) => l || chance(rand, 0.2))
        .join('\n');
    case 1:
      return [line('', ''), dashes(), ...times(rows, () => line('', '')), chance(rand, 0.3) ? dashes() : ''].join('\n');
    default:
      return [
        solid(),
        line('', ''),
        dashes(),
        times(rows, () => `${line('', '')}\n${line('', '')}`).join(pick(rand, ['\n\n', '\n', '\n\n\n'])),
        chance(rand, 0.8) ? solid() : '',
      ].join('\n');
  }
}

function linkDefinitions(rand: Rand): string {
  const n = int(rand, 1, chance(rand, 0.05) ? 2000 : 10);
  const defs = times(n, (i) =>
    pick(rand, [
      `[l${i}]: https://example.org/${i}`,
      `[l${i}]: <u r l> "title\nover lines"`,
      `[L${i}]:\n  /x 'y'`,
      `[^l${i}]: not a link`,
      `[${'['.repeat(i % 40)}]: x`,
      `[l${i}]: #`,
    ]),
  );
  const uses = times(int(rand, 0, n), (i) => pick(rand, [`[l${i}]`, `[text][l${i}]`, `[l${i}][]`, `![img][l${i}]`, '[TODO]', '[link](#)', '[]()', '[ ](<>)']));
  return `${uses.join(' ')}\n\n${defs.join('\n')}`;
}

function citations(rand: Rand): string {
  return times(int(rand, 1, 50), () =>
    pick(rand, [
      '[@a]',
      '[@a; @b, p. 3]',
      '[-@a]',
      '@a',
      '@{weird key}',
      '[see @a, pp. 1–2; @b]',
      'mail@example.org',
      '@fig-map',
      '[@',
      '[@a; ',
      '{#sec-a}',
      '@sec-a',
      '[@{a b}]',
    ]),
  ).join(' ');
}

function codeAndMath(rand: Rand): string {
  return pick(rand, [
    `\`\`\`\n${pick(rand, TERMS)} ${pick(rand, IDS)}\n`,
    `~~~ {.r}\n${pick(rand, TERMS)}\n~~~~`,
    `$$\n${pick(rand, TERMS)}\n`,
    `Inline $x$ and $${pick(rand, TERMS)}$ and \\$5 ${pick(rand, TERMS)}.`,
    `    indented ${pick(rand, TERMS)}\n\n\t${pick(rand, IDS)}`,
    '`'.repeat(int(rand, 1, 40)) + pick(rand, TERMS) + '`'.repeat(int(rand, 1, 40)),
  ]);
}

function prose(rand: Rand): string {
  return pick(rand, [
    `${words(rand, int(rand, 5, 40))}.`,
    `> “${pick(rand, TERMS)}” said ${pick(rand, IDS)}.\n> > ${words(rand, 5)}`,
    `- ${words(rand, 6)}\n  - ${pick(rand, IDS)}\n    1. ${pick(rand, TERMS)}`,
    `# ${pick(rand, TERMS)} {#sec-x}\n\n${words(rand, 10)}`,
    `We interviewed ${int(rand, 0, 99)} participants (${pick(rand, IDS)}; ${pick(rand, IDS)}).`,
    `${pick(rand, IDS)}${'&'.repeat(int(rand, 1, 5))}${pick(rand, ['A', 'B', 'Z', ''])}`,
  ]);
}

const PIECES = [
  frontMatter,
  footnotes,
  inlineNotes,
  fencedDivs,
  htmlAndDirectives,
  tables,
  pandocTables,
  linkDefinitions,
  citations,
  codeAndMath,
  prose,
  prose,
];

/** Characters inserted inside IDs, terms and labels: they change how a word reads, not how it looks. */
const INVISIBLE = ['\u0301', '\u0308', '\u200D', '\u200C', '\u200B', '\u00AD', '\uFE0F', '\u2060', '\u034F', '\u180E'];
const CONTROL = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u2028', '\u2029', '\uFFFE', '\uFFFF'];
const BIDI = ['\u202E', '\u202D', '\u202C', '\u200F', '\u200E', '\u2066', '\u2069'];
const RTL_TEXT = ['مصدر', 'חומר', 'ملاحظة ¹', 'תקציר [^1]'];

function insertAt(text: string, rand: Rand, what: () => string, count: number): string {
  let t = text;
  for (let i = 0; i < count; i++) {
    const at = int(rand, 0, t.length);
    t = t.slice(0, at) + what() + t.slice(at);
  }
  return t;
}

/** The damage applied to the whole document. */
function damage(text: string, rand: Rand): string {
  let t = text;
  if (chance(rand, 0.25)) t = t.replace(/\r?\n/g, pick(rand, ['\r\n', '\r', '\n\r']));
  else if (chance(rand, 0.15)) t = t.replace(/\n/g, () => pick(rand, ['\n', '\r\n', '\r']));
  if (chance(rand, 0.2)) t = insertAt(t, rand, () => '\uFEFF', int(rand, 1, 4));
  if (chance(rand, 0.2)) t = insertAt(t, rand, () => pick(rand, CONTROL), int(rand, 1, 20));
  if (chance(rand, 0.15)) t = insertAt(t, rand, () => pick(rand, ['\uD800', '\uDC00', '\uDBFF', '\uD83D']), int(rand, 1, 10));
  if (chance(rand, 0.3)) {
    // Inside IDs, terms and footnote labels, where matching happens.
    const inside = /RA\d-[A-Z]{2}-\d+-[A-Z]|child (?:pornography|prostitution)|sextortion|grooming|\[\^[^\]\s]+\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g;
    t = t.replace(inside, (m) => {
      if (!chance(rand, 0.5)) return m;
      const at = int(rand, 0, m.length);
      return m.slice(0, at) + pick(rand, INVISIBLE) + m.slice(at);
    });
  }
  if (chance(rand, 0.1)) t = insertAt(t, rand, () => pick(rand, [...BIDI, ...RTL_TEXT]), int(rand, 1, 10));
  if (chance(rand, 0.05)) t = t.replace(/\r?\n/g, ' ');
  if (chance(rand, 0.05)) t = t.normalize(pick(rand, ['NFD', 'NFKC']));
  return t;
}

/**
 * Documents are cut to this size: each is re-checked some 20 times (fixes alone, fix-all),
 * and a 1 MB one (3,000 columns by 300 rows) took five minutes of a run meant to take five.
 * Size alone is `pathological`'s job.
 */
const MAX_HOSTILE_CHARS = 128 * 1024;

export function hostileDocument(rand: Rand): string {
  const parts: string[] = [];
  if (chance(rand, 0.3)) parts.push(frontMatter(rand));
  for (let n = int(rand, 1, 8); n > 0; n--) parts.push(pick(rand, PIECES.slice(1))(rand));
  let text = '';
  for (const p of parts) text += (text ? pick(rand, ['\n\n', '\n', '\n\n\n', '\r\n\r\n', ' ']) : '') + p;
  if (chance(rand, 0.8)) text += '\n';
  return damage(text.slice(0, MAX_HOSTILE_CHARS), rand).slice(0, MAX_HOSTILE_CHARS + 4096);
}
