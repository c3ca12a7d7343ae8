/**
 * Participant tables in Pandoc's other table formats: grid, simple, multiline and
 * HTML tables are read as participant tables like pipe tables, with findings on the
 * right cell. The fixtures in test/fixtures/pandoc-tables were written by Pandoc
 * from pipe.md (see the README there); the shared sample's table is rewritten in
 * each format by the writers below.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixSafe, ReportLinter } from '../../server/src/core/engine';
import { editsKeepingColumns } from '../../server/src/core/tableEdits';
import type { RegistryEntry } from '../../server/src/core/registry';
import type { Finding } from '../../server/src/core/types';
import { only, REPO_ROOT, SHARED_SAMPLES, texts } from './helpers';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'pandoc-tables');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, `${name}.md`), 'utf8');
const FORMATS = ['grid', 'simple', 'multiline', 'html'] as const;

/** A report around a table: every participant but RA1-KE-04-A cited, and one ID the table lacks. */
function report(table: string): string {
  return `# Findings\n\n${table}\nOfficials agreed (RA1-KE-01-A&B). Investigators disagreed (RA1-KE-02-A, RA1-KE-03-A, RA1-KE-09-A).\n`;
}

/** A registry entry without the offsets that differ between formats. */
function content(e: RegistryEntry) {
  return { ...e, origin: e.origin.kind === 'table' ? { ...e.origin, row: undefined, idSpan: undefined } : e.origin };
}

function lineOf(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

describe('participant tables in Pandoc grid, simple, multiline and HTML formats', () => {
  const pipe = new ReportLinter().lint(report(fixture('pipe')));

  for (const format of FORMATS) {
    describe(`${format} table (written by Pandoc)`, () => {
      const text = report(fixture(format));
      const { model, findings } = new ReportLinter().lint(text);

      it('is read as a participant table with the same rows and cells as the pipe table', () => {
        assert.equal(model.registryTables.length, 1);
        assert.deepEqual(model.tableRegistry.map(content), pipe.model.tableRegistry.map(content));
        // Cells that run over several lines are read whole.
        assert.equal(model.tableRegistry[1].position, "Deputy officer for children's services");
      });

      it('reports an ID the table lacks, with suggestions from the table', () => {
        const unknown = only(findings, 'participant-unknown');
        assert.deepEqual(texts(text, unknown), ['RA1-KE-09-A']);
        assert.match(unknown[0].message, /Did you mean RA1-KE-0\d-A/);
      });

      it('reports the uncited participant at its ID cell', () => {
        const uncited = only(findings, 'participant-uncited');
        assert.deepEqual(texts(text, uncited), ['RA1-KE-04-A']);
        assert.match(lineOf(text, uncited[0].start), format === 'html' ? /^<td>RA1-KE-04-A<\/td>$/ : /^\W*RA1-KE-04-A\s+\W*\s*Judiciary/);
      });

      it('finds the same participant problems as the pipe table', () => {
        const summary = (f: Finding[]) => f.filter((x) => x.ruleId.startsWith('participant-')).map((x) => `${x.ruleId}: ${x.message}`);
        assert.deepEqual(summary(findings), summary(pipe.findings));
      });

      it('reads the same with CRLF line ends, findings on the ID', () => {
        const crlf = text.replace(/\n/g, '\r\n');
        const result = new ReportLinter().lint(crlf);
        assert.deepEqual(result.model.tableRegistry.map(content), pipe.model.tableRegistry.map(content));
        assert.deepEqual(texts(crlf, only(result.findings, 'participant-uncited')), ['RA1-KE-04-A']);
      });

      it('is not a table inside a fenced code block', () => {
        const fenced = report(`\`\`\`\n${fixture(format)}\`\`\`\n`);
        const result = new ReportLinter().lint(fenced);
        assert.equal(result.model.tables.length, 0);
        assert.equal(result.model.tableRegistry.length, 0);
        assert.deepEqual(only(result.findings, 'participant-uncited'), []);
      });
    });
  }

  describe('grid tables', () => {
    it('an ID Pandoc broke over two lines of a narrow cell is one participant, found where it is written', () => {
      // Pandoc 2.17 writes a long ID in a narrow column over two lines ("RA" then "1-KE-01-A").
      const table = [
        '+-----------+----------------+',
        '| ID        | Agency         |',
        '+===========+================+',
        '| RA        | Ministry of    |',
        '| 1-KE-01-A | the Interior   |',
        '+-----------+----------------+',
        '| RA1-KE-02-A | Judiciary    |',
        '+-----------+----------------+',
        '',
      ].join('\n');
      const text = `${table}\nAs one said (RA1-KE-02-A).\n`;
      const { model, findings } = new ReportLinter().lint(text);
      assert.deepEqual(
        model.tableRegistry.map((e) => [e.id, e.agency]),
        [
          ['RA1-KE-01-A', 'Ministry of the Interior'],
          // A `|` that is not on a column border is text: the row's first cell spans both columns.
          ['RA1-KE-02-A', undefined],
        ],
      );
      const uncited = only(findings, 'participant-uncited');
      assert.equal(uncited.length, 1);
      const covered = text.slice(uncited[0].start, uncited[0].end);
      assert.ok(covered.startsWith('RA') && covered.endsWith('1-KE-01-A'), covered);
    });

    it('several header rows are one header, and a table foot is rows', () => {
      const table = [
        '+-------------+---------+',
        '| Participant | Agency  |',
        '+-------------+---------+',
        '| ID          | name    |',
        '+=============+=========+',
        '| RA1-KE-01-A | Police  |',
        '+=============+=========+',
        '| RA1-KE-02-A | Courts  |',
        '+-------------+---------+',
        '',
      ].join('\n');
      const { model } = new ReportLinter().lint(`${table}\nCited: RA1-KE-01-A, RA1-KE-02-A.\n`);
      assert.deepEqual(
        model.tables[0].header.map((c) => c.text),
        ['Participant ID', 'Agency name'],
      );
      assert.deepEqual(
        model.tableRegistry.map((e) => e.id),
        ['RA1-KE-01-A', 'RA1-KE-02-A'],
      );
    });

    it('a grid table without a header is a table but not a participant table', () => {
      const table = '+-------------+---------+\n| RA1-KE-01-A | Police  |\n+-------------+---------+\n';
      const { model } = new ReportLinter().lint(table);
      assert.equal(model.tables.length, 1);
      assert.equal(model.registryTables.length, 0);
    });

    const malformed: [string, string][] = [
      ['no closing border', '+-------------+--------+\n| ID Number   | Agency |\n+=============+========+\n| RA1-KE-01-A | Police |\n'],
      ['no top border', '| ID Number   | Agency |\n+=============+========+\n| RA1-KE-01-A | Police |\n+-------------+--------+\n'],
      [
        'a row that runs past the last border',
        '+-------------+--------+\n| ID Number   | Agency |\n+=============+========+\n| RA1-KE-01-A | Police and more\n+-------------+--------+\n',
      ],
      [
        'a border with a stray character',
        '+-------------+---y----+\n| ID Number   | Agency |\n+=============+========+\n| RA1-KE-01-A | Police |\n+-------------+--------+\n',
      ],
      [
        'a table after a paragraph line',
        'Participants:\n+-------------+--------+\n| ID Number   | Agency |\n+=============+========+\n| RA1-KE-01-A | Police |\n+-------------+--------+\n',
      ],
    ];
    for (const [what, table] of malformed) {
      it(`is not read as a table with ${what}: no participant table, no participant finding`, () => {
        const { model, findings } = new ReportLinter().lint(`${table}\nNothing else.\n`);
        assert.equal(model.registryTables.length, 0);
        assert.deepEqual(only(findings, 'participant-uncited'), []);
      });
    }
  });

  describe('simple and multiline tables', () => {
    it('a cell is the text under its column, from the start of its dashes to the next column', () => {
      const table = [
        'Code          Agency       Role',
        '------------- ------------ -------',
        'RA1-KE-01-A   Police       Officer',
        'RA1-KE-02-A   Courts       Judge',
        '',
      ].join('\n');
      const { model } = new ReportLinter().lint(`${table}\nCited: RA1-KE-01-A.\n`);
      assert.deepEqual(
        model.tableRegistry.map((e) => content(e).origin),
        [
          { kind: 'table', row: undefined, idSpan: undefined, cells: ['RA1-KE-01-A', 'Police', 'Officer'], header: ['Code', 'Agency', 'Role'] },
          { kind: 'table', row: undefined, idSpan: undefined, cells: ['RA1-KE-02-A', 'Courts', 'Judge'], header: ['Code', 'Agency', 'Role'] },
        ],
      );
    });

    it('columns are counted in display width: tabs to stops of 4, wide characters as 2', () => {
      const table = ['ID\t\t\t\tAgency   Role', '-------------\t-------- ------', 'RA1-KE-01-A\t\t机构名   Officer', 'RA1-KE-02-A\t\tPolice   Judge', ''].join(
        '\n',
      );
      const { model } = new ReportLinter().lint(`${table}\nCited: RA1-KE-01-A.\n`);
      assert.deepEqual(
        model.tableRegistry.map((e) => (e.origin.kind === 'table' ? e.origin.cells : [])),
        [
          ['RA1-KE-01-A', '机构名', 'Officer'],
          ['RA1-KE-02-A', 'Police', 'Judge'],
        ],
      );
    });

    it('a multiline table in the middle of a report is one block: rows after a blank line stay in it', () => {
      const text = report(fixture('multiline'));
      const { model } = new ReportLinter().lint(text);
      const block = model.blocks.find((b) => b.kind === 'table')!;
      assert.ok(text.slice(block.start, block.end).includes('RA1-KE-04-A'));
      assert.ok(text.slice(block.start, block.end).startsWith('  ----'));
    });

    const notTables: [string, string][] = [
      ['one column (a heading underline)', 'ID Number\n---------\nRA1-KE-01-A\n'],
      ['a heading above the dashes', '# ID Number   Agency\n------------- --------\nRA1-KE-01-A   Police\n'],
      [
        'a multiline table without its closing border',
        '------------------------\nID Number     Agency\n------------- --------\nRA1-KE-01-A   Police\n\nRA1-KE-02-A   Courts\n',
      ],
    ];
    for (const [what, table] of notTables) {
      it(`is not read as a participant table: ${what}`, () => {
        const { model, findings } = new ReportLinter().lint(`${table}\nNothing else.\n`);
        assert.equal(model.registryTables.length, 0);
        assert.deepEqual(only(findings, 'participant-uncited'), []);
      });
    }
  });

  describe('HTML tables', () => {
    const table = [
      '<table>',
      '<tr><th>ID</th><th>Agency</th><th>Role</th></tr>',
      '<tr><td rowspan="2"><strong>RA1-KE-01-A</strong></td><td>Women &amp; Children</td><td>Officer</td></tr>',
      '<tr><td>Second agency</td><td>Deputy</td></tr>',
      '<tr><td>RA1-KE-02-A</td><td colspan="2"><p>Courts</p><p>and tribunals</p></td></tr>',
      '</table>',
      '',
    ].join('\n');

    it('lays out rowspan and colspan as a browser does, decodes entities, and reports at the ID inside its markup', () => {
      const text = `${table}\nCited: RA1-KE-02-A.\n`;
      const { model, findings } = new ReportLinter().lint(text);
      assert.deepEqual(
        model.tables[0].rows.map((r) => r.cells.map((c) => c.text)),
        [
          ['RA1-KE-01-A', 'Women & Children', 'Officer'],
          ['', 'Second agency', 'Deputy'],
          ['RA1-KE-02-A', 'Courts and tribunals', ''],
        ],
      );
      assert.deepEqual(
        model.tableRegistry.map((e) => e.id),
        ['RA1-KE-01-A', 'RA1-KE-02-A'],
      );
      assert.deepEqual(texts(text, only(findings, 'participant-uncited')), ['RA1-KE-01-A']);
    });

    it('an ID in an HTML table is not a citation, as before', () => {
      const text = `${table}\n<table>\n<tr><th>Quote</th></tr>\n<tr><td>As RA1-KE-01-A said.</td></tr>\n</table>\n`;
      const uncited = only(new ReportLinter().lint(text).findings, 'participant-uncited');
      assert.deepEqual(texts(text, uncited), ['RA1-KE-01-A', 'RA1-KE-02-A']);
    });

    const notParticipantTables: [string, string][] = [
      ['no header row', '<table>\n<tr><td>RA1-KE-01-A</td><td>Police</td></tr>\n</table>\n'],
      ['a table tag inside a paragraph', 'See <table><tr><th>ID</th></tr><tr><td>RA1-KE-01-A</td></tr></table> here.\n'],
      ['a table with no rows', '<table>\n<caption>ID</caption>\n</table>\n'],
    ];
    for (const [what, html] of notParticipantTables) {
      it(`is not a participant table: ${what}`, () => {
        const { model, findings } = new ReportLinter().lint(`${html}\nNothing else.\n`);
        assert.equal(model.registryTables.length, 0);
        assert.deepEqual(only(findings, 'participant-uncited'), []);
      });
    }

    it('a colspan past the column limit is cut there: the table and its IDs are still read', () => {
      // Regression: one cell spanning beyond 1,000 columns (colspan="99999") made the whole table unread, silently:
      // its participants were lost and every citation of an unknown ID went unreported.
      const text = [
        '<table>',
        '<thead><tr><th>Participant ID</th><th>Age</th></tr></thead>',
        '<tbody>',
        '<tr><td>RA1-KE-01-A</td><td colspan="99999">20</td></tr>',
        '<tr><td>RA1-KE-02-A</td><td colspan="1000">30</td></tr>',
        '</tbody>',
        '</table>',
        '',
        'Cited: RA1-KE-01-A, RA1-KE-02-A and RA1-KE-09-A.',
        '',
      ].join('\n');
      const { model, findings } = new ReportLinter().lint(text);
      assert.deepEqual(
        model.tableRegistry.map((e) => e.id),
        ['RA1-KE-01-A', 'RA1-KE-02-A'],
      );
      assert.deepEqual(
        model.tables[0].rows.map((r) => r.cells.slice(0, 2).map((c) => c.text)),
        [
          ['RA1-KE-01-A', '20'],
          ['RA1-KE-02-A', '30'],
        ],
      );
      assert.ok(model.tables[0].rows.every((r) => r.cells.length <= 1000));
      assert.deepEqual(texts(text, only(findings, 'participant-unknown')), ['RA1-KE-09-A']);
    });

    it('places a span leaves empty after the last cell of every row are not columns', () => {
      // A row of one cell with colspan="1000" made every row a thousand cells wide: a few hundred KB of such rows
      // laid out millions of empty cells, seconds of work for nothing (the places a cell spans are empty anyway).
      const rows = Array.from({ length: 50 }, (_, i) => `<tr><td colspan="1000">RA1-KE-${String(i + 1).padStart(2, '0')}-A</td></tr>`);
      const text = `<table>\n<thead><tr><th>ID</th><th colspan="3">Agency</th></tr></thead>\n${rows.join('\n')}\n</table>\n`;
      const { model } = new ReportLinter().lint(text);
      assert.deepEqual(
        model.tables[0].rows.map((r) => r.cells.length),
        Array.from({ length: 50 }, () => 2),
      );
      assert.equal(model.tableRegistry.length, 50);
    });

    it('a table never lays out more cells than its HTML has characters: a wide row or a cell after a wide span cuts the last columns', () => {
      // Every row is as wide as the widest: 900 one-cell rows and one row of a thousand cells (or of a cell after a
      // colspan="998") laid out 900,000 cells from 40 KB. The ID column is still read in full.
      const ids = Array.from({ length: 900 }, (_, i) => `<tr><td>RA1-KE-${String(i + 1).padStart(3, '0')}-A</td></tr>`);
      for (const wide of ['<tr>' + '<td>y</td>'.repeat(1000) + '</tr>', '<tr><td>z</td><td colspan="998"></td><td>y</td></tr>']) {
        const text = `<table>\n<thead><tr><th>ID</th><th>Agency</th></tr></thead>\n${wide}\n${ids.join('\n')}\n</table>\n`;
        const { model } = new ReportLinter().lint(text);
        const cells = model.tables[0].rows.reduce((n, r) => n + r.cells.length, 0);
        assert.ok(cells <= Math.max(text.length, 10_000), `${cells} cells from ${text.length} characters`);
        assert.equal(model.tableRegistry.length, 900);
        assert.equal(model.tables[0].rows[1].cells[0].text, 'RA1-KE-001-A');
      }
    });

    it('a table too large for remark (over 50,000 characters) is still read', () => {
      const rows = Array.from(
        { length: 700 },
        (_, i) => `<tr><td>RA1-KE-${String(i + 1).padStart(3, '0')}-A</td><td>Agency number ${i}, with a longer name</td></tr>`,
      );
      const text = `<table>\n<thead><tr><th>ID Number</th><th>Agency</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n\nCited: RA1-KE-001-A.\n`;
      assert.ok(text.length > 50_000);
      const { model } = new ReportLinter().lint(text);
      assert.equal(model.tableRegistry.length, 700);
      assert.equal(model.blocks[0].bounded, true, 'read by the bounded route');
    });
  });

  describe('fixes inside tables read by column position keep the columns', () => {
    const grid = [
      '+--------------+--------------------+',
      '| ID Number    | Agency             |',
      '+==============+====================+',
      '| RA1-KE-1-A   | child pornography  |',
      '+--------------+--------------------+',
      '| RA1-KE-02-A  | Courts             |',
      '+--------------+--------------------+',
      '',
    ].join('\n');

    it('a safe ID fix takes a space after the ID, so the grid stays a grid', () => {
      const text = `${grid}\nCited: RA1-KE-01-A and RA1-KE-02-A.\n`;
      const fixed = fixSafe(new ReportLinter(), text).text;
      assert.ok(fixed.includes('| RA1-KE-01-A  | child pornography  |'), fixed);
      const lengths = (t: string) => t.split('\n').map((l) => l.length);
      assert.deepEqual(lengths(fixed), lengths(text));
      assert.deepEqual(
        new ReportLinter().lint(fixed).model.tableRegistry.map((e) => e.id),
        ['RA1-KE-01-A', 'RA1-KE-02-A'],
      );
    });

    it('a replacement that does not fit its column is not offered there (it is in a pipe table)', () => {
      const term = (t: string) => only(new ReportLinter().lint(t).findings, 'terminology-avoid');
      assert.deepEqual(
        term(grid).map((f) => f.fixes.length),
        [0],
      );
      const pipe = '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | child pornography |\n';
      assert.ok(term(pipe)[0].fixes.length > 0, 'the pipe table gets the replacement');
    });

    it('an edit gives back the width it removes, and one that cannot fit is refused', () => {
      const { model } = new ReportLinter().lint(grid);
      const at = grid.indexOf('RA1-KE-02-A');
      assert.deepEqual(editsKeepingColumns(grid, model.tables, [{ start: at, end: at + 11, newText: 'RA1-KE-2-A' }]), [
        { start: at, end: at + 11, newText: 'RA1-KE-2-A ' },
      ]);
      assert.equal(editsKeepingColumns(grid, model.tables, [{ start: at, end: at + 11, newText: 'RA1-KE-0002-A' }]), undefined);
      // Outside the table an edit is left as it is.
      assert.deepEqual(editsKeepingColumns(`${grid}\nx`, model.tables, [{ start: grid.length, end: grid.length + 1, newText: 'longer' }]), [
        { start: grid.length, end: grid.length + 1, newText: 'longer' },
      ]);
    });

    it('disable and enable comments a blank line away from the table silence it, and the table stays one', () => {
      const text = `<!-- report-lint-disable participant-uncited -->\n\n${fixture('multiline')}\n<!-- report-lint-enable participant-uncited -->\n\nCited: RA1-KE-01-A.\n`;
      const { model, findings } = new ReportLinter().lint(text);
      assert.equal(model.tableRegistry.length, 5);
      assert.deepEqual(only(findings, 'participant-uncited'), []);
    });
  });

  it('editing inside the tables gives the findings a fresh check gives', () => {
    const base = report([fixture('grid'), fixture('multiline'), fixture('simple'), fixture('html')].join('\n'));
    const linter = new ReportLinter();
    let text = base;
    linter.lint(text, [], 'doc');
    // Edits that break and mend each table: remove blank lines, borders, dashes; add an ID.
    const edits: ((t: string) => string)[] = [
      (t) => t.replace('\n\n  RA1-KE-02-A', '\n  RA1-KE-02-A'),
      (t) => t.replace('+=====', '+-----'),
      (t) => t.replace('  -------------', '  ------------- -'),
      (t) => t.replace(/-{72}\n\n/, '\n\n'),
      (t) => t.replace('RA1-KE-04-A ', 'RA1-KE-05-A '),
      (t) => t.replace('\n\n', '\n\n\n'),
      (t) => t.replace('<td>RA1-KE-03-A</td>', '<td>RA1-KE-03-A</td>\n\n'),
      (t) => t.replace('</thead>', ''),
      () => base,
    ];
    for (const edit of edits) {
      text = edit(text);
      assert.deepEqual(linter.lint(text, [], 'doc').findings, new ReportLinter().lint(text).findings);
    }
  });
});

/** The shared sample's participant table (its first pipe table) rewritten in another format by a writer here. */
describe('the published report with its participant table in each Pandoc format', () => {
  const file = path.join(SHARED_SAMPLES, 'dh-indonesia-ra1.gfm.md');
  const present = fs.existsSync(file);
  before(function () {
    if (!present) {
      console.log(`    (shared sample not found at ${file}: skipped)`);
      this.skip();
    }
  });

  /** The first pipe table: its lines and their cells. */
  function pipeTable(text: string): { start: number; end: number; rows: string[][] } {
    const lines = text.split('\n');
    const first = lines.findIndex((l, i) => l.startsWith('|') && /^\|[\s|:-]+\|$/.test(lines[i + 1] ?? ''));
    let last = first;
    while (lines[last + 1]?.startsWith('|')) last++;
    const start = lines.slice(0, first).join('\n').length + 1;
    const end = start + lines.slice(first, last + 1).join('\n').length;
    const rows = lines
      .slice(first, last + 1)
      .filter((_, i) => i !== 1)
      .map((l) =>
        l
          .replace(/^\||\|$/g, '')
          .split('|')
          .map((c) => c.trim()),
      );
    return { start, end, rows };
  }

  const widths = (rows: string[][]) => rows[0].map((_, k) => Math.max(3, ...rows.map((r) => (r[k] ?? '').length)));
  const pad = (s: string, n: number) => s + ' '.repeat(n - s.length);
  const writers: Record<(typeof FORMATS)[number], (rows: string[][]) => string> = {
    grid: (rows) => {
      const w = widths(rows);
      const border = (c: string) => `+${w.map((n) => c.repeat(n + 2)).join('+')}+`;
      const line = (r: string[]) => `|${w.map((n, k) => ` ${pad(r[k] ?? '', n)} `).join('|')}|`;
      return [border('-'), line(rows[0]), border('='), ...rows.slice(1).flatMap((r) => [line(r), border('-')])].join('\n');
    },
    simple: (rows) => {
      const w = widths(rows);
      const line = (r: string[]) => w.map((n, k) => pad(r[k] ?? '', n)).join('  ');
      return [line(rows[0]), w.map((n) => '-'.repeat(n)).join('  '), ...rows.slice(1).map(line)].join('\n');
    },
    html: (rows) => {
      const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const line = (r: string[], tag: string) => `<tr>${r.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('')}</tr>`;
      return ['<table>', '<thead>', line(rows[0], 'th'), '</thead>', '<tbody>', ...rows.slice(1).map((r) => line(r, 'td')), '</tbody>', '</table>'].join('\n');
    },
    multiline: (rows) => {
      const w = widths(rows);
      const line = (r: string[]) => w.map((n, k) => pad(r[k] ?? '', n)).join('  ');
      const full = '-'.repeat(w.reduce((a, b) => a + b + 2, 0));
      return [full, line(rows[0]), w.map((n) => '-'.repeat(n)).join('  '), rows.slice(1).map(line).join('\n\n'), full].join('\n');
    },
  };

  for (const format of FORMATS) {
    it(`${format}: the same participant findings as the pipe table`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const table = pipeTable(text);
      const rewritten = `${text.slice(0, table.start)}${writers[format](table.rows)}${text.slice(table.end)}`;
      const summary = (t: string) => {
        const { model, findings } = new ReportLinter().lint(t);
        return {
          entries: model.tableRegistry.map((e) => [e.id, ...(e.origin.kind === 'table' ? e.origin.cells : [])]),
          findings: findings.filter((f) => f.ruleId.startsWith('participant-')).map((f) => [f.ruleId, t.slice(f.start, f.end), f.message]),
        };
      };
      const before = summary(text);
      assert.ok(before.entries.length > 5, 'the sample has a participant table');
      assert.deepEqual(summary(rewritten), before);
    });
  }
});
