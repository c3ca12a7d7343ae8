import * as assert from 'node:assert/strict';
import type { Nodes, Root } from 'mdast';
import { FAST_PATH_CONTRACT, parseBlock, type ParseRoute } from '../../server/src/core/parse';
import { parseMarkdown } from '../../server/src/core/parse/remark';
import { analyzeBlock } from '../../server/src/core/facts';
import { IdScheme } from '../../server/src/core/participantIds';
import { BUILTIN_TERMINOLOGY, TermMatcher } from '../../server/src/core/terminology';
import { BUILTIN_OFFICIAL_NAMES, OfficialNameMatcher } from '../../server/src/core/officialNames';
import { SUPERSCRIPT_DEFINITION_LINE } from '../../server/src/core/parse/patterns';
import { prng } from './helpers';

/**
 * The fast routes (plain prose, lone heading, simple paragraph, simple table) skip
 * remark. This generator combines, at random but reproducibly, the constructs they
 * must get right or hand over to remark — emphasis, brackets, links with entities
 * and escapes, pipes, superscripts, HTML, quotes, code, IDs, footnote calls — and
 * checks every block two ways against a full remark parse:
 * - the contract (FAST_PATH_CONTRACT): the fast tree holds only the node types it
 *   names, and those nodes (with their fields and offsets) are the ones remark
 *   finds, where the contract says rules read them;
 * - the facts: analyzeBlock gives the same facts with and without the fast routes.
 */

const SEED = 20261130;
const CASES = 4000;

const options = {
  idScheme: new IdScheme(),
  terms: new TermMatcher(BUILTIN_TERMINOLOGY.entries),
  names: new OfficialNameMatcher(BUILTIN_OFFICIAL_NAMES),
};

/** Pieces a report's paragraph, footnote or table cell is made of. */
const WORDS = [
  'the',
  'officer',
  'said',
  'child pornography',
  'sextortion',
  'RA1-KE-01-A',
  'ra1-ke-1-a',
  'RA1-KE-01-A&B',
  '2019',
  '40 m²',
  'Act',
  'Law No. 35',
  'Child Protection Act',
  'data',
  'report',
];
const INLINE: ((r: () => number, pick: <T>(xs: T[]) => T) => string)[] = [
  (_, pick) => pick(WORDS),
  (_, pick) => `*${pick(WORDS)}*`,
  (_, pick) => `_${pick(WORDS)}_`,
  (_, pick) => `**${pick(WORDS)}**`,
  (_, pick) => `* ${pick(WORDS)} *`,
  (_, pick) => `[${pick(WORDS)}]`,
  (_, pick) =>
    `[${pick(WORDS)}](${pick(['#', '', 'https://example.org/a_b', 'https://example.org/a?x=1&amp;y=2', 'https://example.org/&#65;', 'x y', '<https://example.org/p>', 'https://example.org/(a)', 'https://example.org/x "T"'])})`,
  (_, pick) => `[${pick(['Caregivers &amp; Safety', 'A \\[b\\]', '*Title*', '', ' spaced ', 'x|y'])}](${pick(['#', 'https://example.org/t'])})`,
  (_, pick) => `![${pick(WORDS)}](x.png)`,
  (_, pick) => `\`${pick(WORDS)}\``,
  (_, pick) => pick(['\\*', '\\[', '\\]', '\\_', '\\|', '\\\\']),
  (_, pick) => pick(['&amp;', '&copy;', '&#65;', '&nbsp;']),
  (_, pick) => pick(['<b>', '</b>', '<!-- note -->', '<br>', '<https://example.org>']),
  (_, pick) => `${pick(['“', '"', '‘', "'", '„'])}${pick(WORDS)}${pick(['”', '"', '’', "'", '“'])}`,
  (_, pick) => `${pick(WORDS)}${pick(['¹', '²', '³', '¹²'])}`,
  (_, pick) => pick(['[^1]', '[^note]', '[^ 1]', '[^1]:']),
  (_, pick) => pick(['|', ' | ', '||']),
  (_, pick) => pick(['(', ')', ',', '.', ';', ':', '!', '?', '–', '*', '_', '~', '~~x~~']),
];

function generator(seed: number) {
  const r = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  // Half the pieces are plain words, so that many blocks are close to the fast routes' limits.
  const piece = () => (r() < 0.5 ? pick(WORDS) : pick(INLINE)(r, pick));
  const inline = (n: number) => Array.from({ length: n }, piece).join(pick([' ', ' ', ' ', '', '\n']));
  const line = () => inline(1 + Math.floor(r() * 6));
  const table = () => {
    const cols = 1 + Math.floor(r() * 3);
    const row = () =>
      `|${Array.from({ length: cols }, () => ` ${r() < 0.7 ? pick(WORDS) : pick(INLINE)(r, pick).replace(/\n/g, ' ')} `).join('|')}|${pick(['', ' ', '|'])}`;
    const delimiter = `|${Array.from({ length: cols + (r() < 0.1 ? 1 : 0) }, () => pick([' --- ', ':--', '--:', ' :-: ', '-'])).join('|')}|`;
    return [row(), delimiter, ...Array.from({ length: Math.floor(r() * 4) }, row)].join('\n');
  };
  return (): string => {
    const kind = r();
    if (kind < 0.3) return line();
    if (kind < 0.5) return `${pick(['¹', '²', '¹⁰'])}${pick([' ', '\u00A0', '\t'])}${line()}`;
    if (kind < 0.6) return `${line()}\n${pick(['¹', '³'])} ${line()}`;
    if (kind < 0.75) return table();
    if (kind < 0.85) return `${pick(['#', '##', '###', '#######', '   ##'])}${pick([' ', ' ', ''])}${inline(1 + Math.floor(r() * 3)).replace(/\n/g, ' ')}`;
    return `${line()}\n${line()}`;
  };
}

function spanOf(node: Nodes): string {
  return `${node.position?.start.offset}-${node.position?.end.offset}`;
}

/** The nodes of a tree the contract lets facts read, as comparable strings. */
function contractView(tree: Root, text: string): string[] {
  const out: string[] = [];
  const nodes = FAST_PATH_CONTRACT.nodes as Record<string, readonly string[]>;
  // Emphasis is read only from the first superscript definition line on.
  const definitionFrom = tree.children[0]?.type === 'paragraph' ? (SUPERSCRIPT_DEFINITION_LINE.exec(text)?.index ?? Infinity) : Infinity;
  const visit = (node: Nodes) => {
    const fields = nodes[node.type];
    const emphasisLike = node.type === 'emphasis' || node.type === 'strong';
    if (fields && !(emphasisLike && (node.position?.start.offset ?? 0) < definitionFrom)) {
      const values = fields.map((f) => `${f}=${JSON.stringify((node as unknown as Record<string, unknown>)[f])}`);
      const children =
        'children' in node && node.type === 'link' && node.children.length
          ? `text@${node.children[0].position?.start.offset}-${node.children[node.children.length - 1].position?.end.offset}`
          : '';
      out.push(`${node.type}@${spanOf(node)} ${values.join(' ')} ${children}`.trim());
    }
    if ('children' in node) for (const c of node.children) visit(c as Nodes);
  };
  for (const c of tree.children) visit(c);
  return out;
}

function nodeTypes(tree: Root): Set<string> {
  const types = new Set<string>();
  const visit = (node: Nodes) => {
    types.add(node.type);
    if ('children' in node) for (const c of node.children) visit(c as Nodes);
  };
  for (const c of tree.children) visit(c);
  return types;
}

describe(`fast paths against a full parse: ${CASES} generated blocks (seed ${SEED})`, () => {
  const next = generator(SEED);
  const blocks = Array.from({ length: CASES }, next);
  const routes = new Map<ParseRoute, number>();

  it('every fast tree keeps to FAST_PATH_CONTRACT and agrees with remark on what it names', () => {
    const allowed = new Set<string>([...FAST_PATH_CONTRACT.blockKinds, ...Object.keys(FAST_PATH_CONTRACT.nodes), 'text']);
    for (const text of blocks) {
      const { tree, route } = parseBlock(text);
      routes.set(route, (routes.get(route) ?? 0) + 1);
      if (route === 'remark' || route === 'bounded' || route === 'column-table') continue;
      for (const type of nodeTypes(tree))
        assert.ok(allowed.has(type), `${route} built a ${type} node, which the contract does not name: ${JSON.stringify(text)}`);
      const full = parseMarkdown(text);
      assert.equal(tree.children[0]?.type, full.children[0]?.type, `block kind differs (${route}): ${JSON.stringify(text)}`);
      assert.deepEqual(contractView(tree, text), contractView(full, text), `contract nodes differ (${route}): ${JSON.stringify(text)}`);
    }
  });

  it('exercises every fast route many times (the comparison is not vacuous)', () => {
    for (const route of ['plain-prose', 'lone-heading', 'simple-paragraph', 'simple-table', 'remark'] as ParseRoute[]) {
      assert.ok((routes.get(route) ?? 0) >= 50, `${route} taken ${routes.get(route) ?? 0} times: ${JSON.stringify([...routes])}`);
    }
  });

  it('gives the same facts with and without the fast routes', () => {
    for (const text of blocks) {
      const route = parseBlock(text).route;
      if (route === 'remark' || route === 'bounded' || route === 'column-table') continue; // the same parse either way
      const fast = analyzeBlock(text, options);
      const full = analyzeBlock(text, { ...options, alwaysParse: true });
      assert.deepEqual(fast, full, `facts differ: ${JSON.stringify(text)}`);
    }
  });
});
