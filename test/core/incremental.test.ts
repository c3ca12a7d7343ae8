import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Nodes } from 'mdast';
import { ReportLinter } from '../../server/src/core/engine';
import { splitBlocks } from '../../server/src/core/blocks';
import { parseMarkdown } from '../../server/src/core/parse/remark';
import { SHARED_SAMPLES, prng, readSample } from './helpers';

interface Doc {
  name: string;
  text: string;
}

let cachedDocuments: Doc[] | undefined;

function documents(): Doc[] {
  if (cachedDocuments) return cachedDocuments;
  const docs: Doc[] = [
    { name: 'sample-report.md', text: readSample('sample-report.md') },
    { name: 'sample-report-gfm.md', text: readSample('sample-report-gfm.md') },
  ];
  if (fs.existsSync(SHARED_SAMPLES)) {
    for (const f of fs
      .readdirSync(SHARED_SAMPLES)
      .filter((x) => x.endsWith('.md'))
      .sort()) {
      docs.push({ name: f, text: fs.readFileSync(path.join(SHARED_SAMPLES, f), 'utf8') });
    }
  } else {
    console.log(`    (shared samples not found at ${SHARED_SAMPLES}: testing the project samples only)`);
  }
  cachedDocuments = docs;
  return docs;
}

/**
 * A fresh analysis's findings, for comparison with the incremental ones. Forgetting
 * the document empties its cache, so every block is parsed again (cheaper than
 * building a new linter each step; the last step uses a new linter).
 */
const reference = new ReportLinter();
function freshFindings(text: string) {
  reference.forget('reference');
  return reference.lint(text, [], 'reference').findings;
}

// Snippets that change what rules see: quotes, IDs, footnotes, fences, tables, terms.
const SNIPPETS = [
  'child pornography',
  '“',
  '”',
  '"',
  '‘',
  '’',
  ' (RA1- IN-07-A)',
  ' (RA1-MW-12-A)',
  'RA1-ZM-01-A&B',
  '[^2]',
  '[^9]',
  '¹',
  '²³',
  '\n\n³ A source.\n\n',
  '\n\n```\ncode child pornography\n```\n\n',
  '\n\n> quoted child pornography\n\n',
  '`',
  '*',
  '[here](#)',
  '\n\n| ID Number | Agency |\n| --- | --- |\n| RA1-MW-77-A | X |\n\n',
  '<!-- report-lint-disable -->',
  '<!-- report-lint-enable -->',
  '\n- item\n',
  '    indented\n',
  'sextortion',
  ' 9 interviews',
  '\n',
];

/** One random edit; returns the new text. */
function randomEdit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  switch (Math.floor(rand() * 7)) {
    case 0: {
      // Insert a few characters.
      const chars = 'abc XYZ,.;-\n*_[]()#>|`~';
      let s = '';
      for (let i = 1 + Math.floor(rand() * 4); i > 0; i--) s += chars[Math.floor(rand() * chars.length)];
      return text.slice(0, at) + s + text.slice(at);
    }
    case 1: // Delete a few characters.
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rand() * 20)));
    case 2: // Split a paragraph.
      return text.slice(0, at) + '\n\n' + text.slice(at);
    case 3: {
      // Join two paragraphs.
      const breaks = [...text.matchAll(/\n\n+/g)];
      if (!breaks.length) return text;
      const b = pick(breaks);
      return text.slice(0, b.index) + ' ' + text.slice(b.index! + b[0].length);
    }
    case 4: {
      // Blank lines inside a fenced code block (add one first when there is none).
      const fence = text.indexOf('```\n');
      if (fence < 0) return text.slice(0, at) + '\n\n```\nfirst\nsecond\n```\n\n' + text.slice(at);
      const inside = text.indexOf('\n', fence + 4);
      return inside < 0 ? text : text.slice(0, inside) + '\n\n\n' + text.slice(inside);
    }
    default:
      return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
  }
}

describe('incremental linting', () => {
  const docs = documents();

  for (const doc of docs) {
    describe(doc.name, () => {
      it('editing one paragraph re-parses exactly that block', () => {
        const linter = new ReportLinter();
        linter.lint(doc.text, [], doc.name);
        assert.equal(linter.blocksParsedLastTime, new Set(splitBlocks(doc.text).map((b) => b.text)).size, 'first pass parses every distinct block');
        linter.lint(doc.text, [], doc.name);
        assert.equal(linter.blocksParsedLastTime, 0, 'unchanged text parses nothing');
        const blocks = splitBlocks(doc.text);
        const copies = new Map<string, number>();
        for (const b of blocks) copies.set(b.text, (copies.get(b.text) ?? 0) + 1);
        // Every fifth block, to keep the suite fast on long reports. A block whose text
        // appears twice (two identical citations) is still cached after its copy is edited.
        for (let i = 0; i < blocks.length; i += 5) {
          const b = blocks[i];
          if (copies.get(b.text)! > 1) continue;
          const edited = doc.text.slice(0, b.end) + ` edit${i}` + doc.text.slice(b.end);
          linter.lint(edited, [], doc.name);
          assert.equal(linter.blocksParsedLastTime, 1, `block ${i}: ${b.text.slice(0, 40)}`);
          linter.lint(doc.text, [], doc.name);
          // Undoing an edit brings back a block the linter still has.
          assert.equal(linter.blocksParsedLastTime, 0, `block ${i} restored`);
        }
      });

      it('keeps the blocks of a few versions, not of the whole history', () => {
        const linter = new ReportLinter();
        linter.lint(doc.text, [], doc.name);
        const distinct = new Set(splitBlocks(doc.text).map((b) => b.text)).size;
        const at = doc.text.length >> 1;
        for (let i = 0; i < 300; i++) linter.lint(`${doc.text.slice(0, at)} typed${i} ${doc.text.slice(at)}`, [], doc.name);
        assert.ok(linter.blocksCached <= 2 * distinct + 70, `${linter.blocksCached} blocks kept for ${distinct}`);
      });

      it('documents keep separate caches', () => {
        const linter = new ReportLinter();
        linter.lint(doc.text, [], 'a');
        linter.lint('Another document.\n', [], 'b');
        linter.lint(doc.text, [], 'a');
        assert.equal(linter.blocksParsedLastTime, 0);
        linter.forget('a');
        linter.lint(doc.text, [], 'a');
        assert.equal(linter.blocksParsedLastTime, new Set(splitBlocks(doc.text).map((b) => b.text)).size);
      });

      it("after ~200 random edits the findings equal a fresh linter's (seeded property test)", () => {
        const rand = prng(0x5eed + doc.text.length);
        const linter = new ReportLinter();
        let text = doc.text;
        // Comparing every step is the strongest check; long reports compare less often to stay fast.
        const every = text.length > 20000 ? 50 : 10;
        let incremental = linter.lint(text, [], doc.name).findings;
        for (let step = 1; step <= 200; step++) {
          text = randomEdit(text, rand);
          incremental = linter.lint(text, [], doc.name).findings;
          if (step % every === 0) assert.deepEqual(incremental, freshFindings(text), `step ${step}`);
        }
        assert.deepEqual(incremental, new ReportLinter().lint(text).findings, 'final text, new linter');
      });
    });
  }

  it('country names follow edits: a name typed, changed or removed anywhere (front matter too) reads as in a fresh check', () => {
    // IN is India (ISO) unless the report names Indonesia and not India (studies coin their own codes).
    const table = '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n';
    const body = (middle: string) => `# Study\n\n${table}\n${middle}\n\nCited RA1-KE-01-A and RA1-IN-01-A.\n`;
    const steps: [string, string][] = [
      [body('Fieldwork.'), 'India'],
      [body('Fieldwork in Indonesia.'), 'Indonesia'],
      [body('Fieldwork in Indonesiax.'), 'India'],
      [body('Fieldwork in (Indonesia).'), 'Indonesia'],
      [body('Fieldwork.\n\nMore fieldwork.'), 'India'],
      [`---\ntitle: Indonesia\n---\n${body('Fieldwork.')}`, 'Indonesia'],
      [`---\ntitle: Indonesias\n---\n${body('Fieldwork.')}`, 'India'],
      [`---\ntitle: Indonesias\n---\n${body('Fieldwork.\n\nIndonesia')}`, 'Indonesia'],
      [body('Fieldwork.'), 'India'],
      [body('Fieldwork in Indonesia and India.'), 'India'],
    ];
    const linter = new ReportLinter();
    for (const [text, name] of steps) {
      const findings = linter.lint(text, [], 'countries').findings;
      assert.deepEqual(findings, freshFindings(text), text);
      const unknown = findings.find((f) => f.ruleId === 'participant-unknown');
      assert.ok(unknown?.message.includes(`IN is ${name},`), `${name}: ${unknown?.message}`);
    }
  });

  it('the fence case: a blank line inside a fenced block keeps the block whole', () => {
    const text = 'Intro.\n\n```\nchild pornography\n\n\nRA1-XX-99-A\n```\n\nchild pornography outside.\n';
    const linter = new ReportLinter();
    const { findings } = linter.lint(text, [], 'fence');
    assert.deepEqual(
      findings.map((f) => text.slice(f.start, f.end)),
      ['child pornography'],
    );
    assert.equal(splitBlocks(text).length, 3);
  });
});

describe('per-block analysis agrees with a whole-document parse', () => {
  for (const doc of documents()) {
    it(doc.name, () => {
      const { model } = new ReportLinter().lint(doc.text);
      const tree = parseMarkdown(doc.text);
      const gfmDefs: string[] = [];
      const links: string[] = [];
      const rows: string[] = [];
      const supDefParagraphs: number[] = [];
      const visit = (node: Nodes) => {
        const start = node.position?.start.offset ?? -1;
        const end = node.position?.end.offset ?? -1;
        if (node.type === 'footnoteDefinition') gfmDefs.push(`${node.label}@${start}`);
        if (node.type === 'link') links.push(`${node.url}@${start}-${end}`);
        if (node.type === 'tableRow') rows.push(doc.text.slice(start, end));
        if (node.type === 'paragraph' && /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+[ \t\u00A0]/.test(doc.text.slice(start, end))) supDefParagraphs.push(start);
        if ('children' in node) for (const c of node.children) visit(c as Nodes);
      };
      visit(tree);
      assert.deepEqual(
        model.footnoteDefs.filter((d) => d.style === 'gfm').map((d) => `${d.label}@${d.start}`),
        gfmDefs,
      );
      assert.deepEqual(
        model.footnoteDefs.filter((d) => d.style === 'superscript').map((d) => d.start),
        supDefParagraphs,
      );
      assert.deepEqual(
        model.links.map((l) => `${l.url}@${l.start}-${l.end}`),
        links,
      );
      const modelRows = model.tables.flatMap((t) => [t.header, ...t.rows.map((r) => r.cells)].map((cells) => ({ cells: cells.map((c) => c.text) })));
      const treeRows = rows.map((r) =>
        r
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
      assert.deepEqual(
        modelRows.map((r) => r.cells),
        treeRows.filter((_, i) => !/^[\s|:-]+$/.test(rows[i])),
      );
    });
  }
});
