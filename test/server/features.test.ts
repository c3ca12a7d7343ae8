import * as assert from 'node:assert/strict';
import type { CodeAction, CompletionList, Hover, Location, Position, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/core/text';
import { minimalEdits } from '../../server/src/lsp/codeActions';
import { applyTextEdits, codes, editsFor, line, readSample, TestClient, tempWorkspace, uriOf } from './helpers';

const SAMPLE = readSample('sample-report.md');
const SAMPLE_GFM = readSample('sample-report-gfm.md');

describe('language server: editor features', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;
  let uri: string;
  let gfmUri: string;

  beforeEach(async () => {
    ws = tempWorkspace({ 'sample-report.md': SAMPLE, 'sample-report-gfm.md': SAMPLE_GFM });
    client = await TestClient.start({ folder: ws.dir });
    uri = uriOf(ws.file('sample-report.md'));
    gfmUri = uriOf(ws.file('sample-report-gfm.md'));
    client.open(uri, SAMPLE);
    client.open(gfmUri, SAMPLE_GFM);
    await client.current(uri);
    await client.current(gfmUri);
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  /** Position of `needle` (+ `delta` characters) in the document's current text. */
  function at(needle: string, delta = 0, target = uri, from = 0): Position {
    const text = client.text(target);
    const i = text.indexOf(needle, from);
    assert.ok(i >= 0, `"${needle}" not found`);
    return new LineIndex(text).positionAt(i + delta);
  }

  const hoverAt = async (position: Position, target = uri) =>
    (await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: target }, position }))?.contents as
      { kind: string; value: string } | undefined;

  async function actionsAt(position: Position, only?: string[]): Promise<CodeAction[]> {
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: position, end: position },
      context: { diagnostics: [], ...(only ? { only } : {}) },
    });
  }

  /** Applies a code action's edit as the editor would, and returns the diagnostics of the result. */
  async function apply(edit: WorkspaceEdit | undefined): Promise<PublishDiagnosticsParams> {
    assert.ok(edit, 'the action carries an edit');
    client.applyWorkspaceEdit(uri, edit);
    return client.current(uri);
  }

  describe('hover', () => {
    it('on a cited ID: agency, position, citations and the table row', async () => {
      const h = await hoverAt(at('(RA1-MW-02-A)', 3));
      assert.equal(h?.kind, 'markdown');
      assert.match(h!.value, /\*\*RA1-MW-02-A\*\* — Ministry of Gender, Children and Social Welfare · Principal Child Protection Officer/);
      assert.match(h!.value, /Cited 1 time \(line 37\)/);
      assert.match(h!.value, /\| ID Number \| Ministry\/Government Agency \| Position \|\n\| --- \| --- \| --- \|\n\| RA1-MW-02-A \| Ministry of Gender/);
    });

    it('on a combined ID: each part', async () => {
      const h = (await hoverAt(at('(RA1-MW-01-A&B)', 3)))!.value;
      assert.match(h, /combined citation of 2 participants/);
      assert.match(h, /\*\*RA1-MW-01-A\*\* — Malawi Police Service Cybercrime Unit · Detective Inspector/);
      assert.match(h, /\*\*RA1-MW-01-B\*\* — Malawi Police Service Cybercrime Unit · Digital Forensics Officer/);
    });

    it('on a malformed ID: what it should be', async () => {
      const h = (await hoverAt(at('RA1- MW-04-A', 2)))!.value;
      assert.match(h, /`RA1- MW-04-A` is not in canonical form: it should be \*\*RA1-MW-04-A\*\*/);
      assert.match(h, /Ministry of Justice/);
    });

    it('on a malformed ID with participant-malformed turned off: still what it should be (features do not read rule output)', async () => {
      await client.stop();
      client = await TestClient.start({ folder: ws.dir, settings: { rules: { 'participant-malformed': 'off' } } });
      client.open(uri, SAMPLE);
      const published = await client.current(uri);
      assert.ok(!codes(published.diagnostics).includes('participant-malformed'), 'the rule is off');
      const h = (await hoverAt(at('RA1- MW-04-A', 2)))!.value;
      assert.match(h, /`RA1- MW-04-A` is not in canonical form: it should be \*\*RA1-MW-04-A\*\*/);
      assert.match(h, /Ministry of Justice/);
      const rename = await client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: at('RA1- MW-04-A', 2) });
      assert.equal(rename.placeholder, 'RA1-MW-04-A', 'rename knows which participant is meant');
    });

    it('on an unknown ID: not in the table, with the closest IDs', async () => {
      const h = (await hoverAt(at('RA1-MW-12-A', 2)))!.value;
      assert.match(h, /\*\*RA1-MW-12-A\*\* is not in the participant table\. Did you mean/);
      assert.match(h, /- \*\*RA1-MW-02-A\*\* — Ministry of Gender/);
    });

    it('on a table row ID: how often it is cited', async () => {
      assert.match((await hoverAt(at('| RA1-MW-06-A', 4)))!.value, /Never cited in this document/);
      assert.match((await hoverAt(at('| RA1-MW-01-B', 4)))!.value, /Cited 2 times \(line 71\)/);
    });

    it('on a footnote reference: the definition text', async () => {
      const h = (await hoverAt(at('village;³', 8)))!.value;
      assert.match(h, /^\*\*Footnote 3\*\*/);
      assert.match(h, /Kumwenda, E\. \(2019\)\. \[Silence and Shame/);
      const gfm = (await hoverAt(at('[^2]', 1, gfmUri), gfmUri))!.value;
      const def = /\n\[\^2\]: (.*)/.exec(SAMPLE_GFM)![1];
      assert.ok(gfm.includes(def.slice(0, 40)), gfm);
    });

    it('on a terminology finding: reason, preferred terms and source', async () => {
      const h = (await hoverAt(at('distribution of child pornography', 20)))!.value;
      assert.match(h, /\*\*child pornography\*\* — avoid/);
      assert.match(h, /suggests adult content/);
      assert.match(h, /child sexual abuse material \(CSAM\)/);
      assert.match(h, /Source: \*Terminology Guidelines for the Protection of Children from Sexual Exploitation and Sexual Abuse\* \(.*2016\)/);
    });

    it('on an exempt term: why it is not flagged', async () => {
      assert.match((await hoverAt(at('‘child pornography’', 3)))!.value, /Not flagged here: it is mentioned in single quotes/);
      assert.match((await hoverAt(at('child prostitution and child pornography,⁴', 3)))!.value, /Not flagged here: it is part of an official name/);
    });

    it('on plain text: nothing', async () => {
      assert.equal(await hoverAt(at('Lantern is a fictional', 3)), undefined);
    });
  });

  describe('completion', () => {
    it('after "(" offers every participant ID with its agency', async () => {
      const v = client.replace(uri, 'put it plainly:', 'put it plainly (');
      assert.ok(v);
      const list = await client.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: at('plainly (', 9),
        context: { triggerKind: 2, triggerCharacter: '(' },
      });
      // Ten participants, and the combined citation of the one interview with two.
      assert.equal(list.items.length, 11);
      assert.deepEqual(
        list.items.filter((i) => i.label.includes('&')).map((i) => i.label),
        ['RA1-MW-01-A&B'],
      );
      const first = list.items[0];
      assert.equal(first.label, 'RA1-MW-01-A');
      assert.equal(first.detail, 'Malawi Police Service Cybercrime Unit');
      assert.match((first.documentation as { value: string }).value, /Detective Inspector · cited 2 times/);
    });

    it('completes a started ID, replacing what was typed', async () => {
      client.replace(uri, 'put it plainly:', 'put it plainly (RA1-MW-0');
      const position = at('(RA1-MW-0', 9);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
      assert.ok(list.items.some((i) => i.label === 'RA1-MW-09-A'));
      const edit = list.items[0].textEdit as { range: { start: Position; end: Position }; newText: string };
      assert.deepEqual(edit.range, { start: { line: position.line, character: position.character - 8 }, end: position });
    });

    it('after an interview prefix offers the combined ID of its participants, sorted after them', async () => {
      client.replace(uri, 'put it plainly:', 'put it plainly (RA1-MW-01');
      const position = at('(RA1-MW-01', 10);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
      const combined = list.items.find((i) => i.label === 'RA1-MW-01-A&B');
      assert.ok(combined, `offered: ${list.items.map((i) => i.label).join(', ')}`);
      const edit = combined.textEdit as { range: { start: Position; end: Position }; newText: string };
      assert.equal(edit.newText, 'RA1-MW-01-A&B');
      assert.deepEqual(edit.range, { start: { line: position.line, character: position.character - 9 }, end: position });
      assert.match((combined.documentation as { value: string }).value, /RA1-MW-01-A, RA1-MW-01-B/);
      const order = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);
      assert.deepEqual(order.slice(0, 3), ['RA1-MW-01-A', 'RA1-MW-01-B', 'RA1-MW-01-A&B']);
      // Inserted, it is a valid citation of both.
      client.replace(uri, '(RA1-MW-01', '(RA1-MW-01-A&B');
      const diagnostics = await client.current(uri);
      assert.ok(
        !diagnostics.diagnostics.some((d) =>
          /RA1-MW-01-A&B/.test(client.text(uri).split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)),
        ),
      );
    });

    it('stays quiet after ordinary words and hyphens', async () => {
      client.replace(uri, 'put it plainly:', 'put it well-');
      const list = await client.request('textDocument/completion', {
        textDocument: { uri },
        position: at('well-', 5),
        context: { triggerKind: 2, triggerCharacter: '-' },
      });
      assert.equal(list, null);
    });

    it('after "[^" offers the existing labels and the next number', async () => {
      client.replace(gfmUri, 'Introduction', 'Introduction[^');
      const list = await client.request<CompletionList>('textDocument/completion', {
        textDocument: { uri: gfmUri },
        position: at('Introduction[^', 14, gfmUri),
        context: { triggerKind: 2, triggerCharacter: '^' },
      });
      assert.deepEqual(list.items.map((i) => i.label).sort(), ['1', '2', '3', '4', '5', '6', '7']);
      const next = list.items.find((i) => i.preselect)!;
      assert.equal(next.label, '7');
      assert.equal((next.textEdit as { newText: string }).newText, '7]');
    });

    it('offers no GFM labels in a report written with superscript footnotes', async () => {
      client.replace(uri, 'Introduction', 'Introduction[^');
      const list = await client.request('textDocument/completion', {
        textDocument: { uri },
        position: at('Introduction[^', 14),
        context: { triggerKind: 2, triggerCharacter: '^' },
      });
      assert.equal(list, null);
      client.replace(uri, 'Introduction[^', 'Introduction');
    });
  });

  describe('definition and references', () => {
    it('goes from a citation to its table row', async () => {
      const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at('(RA1-MW-02-A)', 4) });
      assert.deepEqual(
        locations.map((l) => [l.uri, line({ range: l.range } as never)]),
        [[uri, 24]],
      );
    });

    it('from the letter of a combined ID to that participant', async () => {
      const onB = at('(RA1-MW-01-A&B)', 13);
      const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: onB });
      assert.deepEqual(
        locations.map((l) => l.range.start.line + 1),
        [23],
      );
    });

    it('goes from a footnote reference to its definition and back', async () => {
      const toDef = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at('village;³', 8) });
      assert.deepEqual(
        toDef.map((l) => l.range.start.line + 1),
        [45],
      );
      const back = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: toDef[0].range.start });
      assert.deepEqual(
        back.map((l) => l.range.start.line + 1),
        [41],
      );
    });

    it('lists every citation of a participant from its table row', async () => {
      const position = at('| RA1-MW-01-B', 4);
      const all = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
      assert.deepEqual(
        all.map((l) => l.range.start.line + 1),
        [23, 71, 71],
      );
      const citationsOnly = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri },
        position,
        context: { includeDeclaration: false },
      });
      const text = client.text(uri);
      const lines = new LineIndex(text);
      assert.deepEqual(
        citationsOnly.map((l) => text.slice(lines.offsetAt(l.range.start), lines.offsetAt(l.range.end))),
        ['RA1-MW-01-A&B', 'RA1-MW-01 A&B'],
      );
    });

    it('lists the references of a footnote', async () => {
      const refs = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri: gfmUri },
        position: at('[^2]', 1, gfmUri),
        context: { includeDeclaration: true },
      });
      assert.equal(refs.length, 1 + (SAMPLE_GFM.match(/\[\^2\](?!:)/g) ?? []).length);
    });

    it('goes to the line of a registry file for IDs listed there', async () => {
      const regWs = tempWorkspace({
        '.reportlintrc.json': '{ "registries": ["people.csv"] }',
        'people.csv': 'id,agency\nRA1-KE-01-A,Police\nRA1-KE-02-A,Ministry\n',
      });
      const other = await TestClient.start({ folder: regWs.dir });
      try {
        const r = uriOf(regWs.file('r.md'));
        other.open(r, 'As said (RA1-KE-02-A) and (RA1-KE-01-A).\n');
        await other.current(r);
        const locations = await other.request<Location[]>('textDocument/definition', { textDocument: { uri: r }, position: { line: 0, character: 12 } });
        assert.deepEqual(locations, [{ uri: uriOf(regWs.file('people.csv')), range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } } }]);
        const hover = await other.request<Hover>('textDocument/hover', { textDocument: { uri: r }, position: { line: 0, character: 12 } });
        assert.match((hover.contents as { value: string }).value, /Listed in `people\.csv`, line 3:\n\n```\nRA1-KE-02-A,Ministry\n```/);
      } finally {
        await other.stop();
        regWs.cleanup();
      }
    });
  });

  describe('rename', () => {
    const rename = (position: Position, newName: string) => client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName });

    it('prepares on a participant ID, refuses elsewhere', async () => {
      const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: at('| RA1-MW-01-B', 4) });
      assert.equal(prepared.placeholder, 'RA1-MW-01-B');
      await assert.rejects(
        client.request('textDocument/prepareRename', { textDocument: { uri }, position: at('Lantern is', 2) }),
        /Put the cursor on a participant ID/,
      );
      await assert.rejects(
        client.request('textDocument/prepareRename', { textDocument: { uri }, position: at('(RA1-MW-01-A&B)', 3) }),
        /put the cursor on the letter/,
      );
    });

    it('renames the table cell and every citation, only the letter inside combined IDs', async () => {
      const edit = await rename(at('| RA1-MW-01-B', 4), 'RA1-MW-01-C');
      const edits = editsFor(edit, uri);
      assert.equal(edits.length, 3);
      const renamed = applyTextEdits(client.text(uri), edits);
      assert.ok(renamed.includes('| RA1-MW-01-C | Malawi Police'));
      assert.ok(renamed.includes('(RA1-MW-01-A&C)'));
      assert.ok(renamed.includes('(RA1-MW-01 A&C)'));
      const before = codes((await client.current(uri)).diagnostics);
      const after = await apply(edit);
      assert.deepEqual(codes(after.diagnostics), before);
    });

    it('renames a single participant to another interview', async () => {
      const before = codes((await client.current(uri)).diagnostics);
      const edit = await rename(at('(RA1-MW-03-A)', 3), 'RA1-MW-10-A');
      const after = await apply(edit);
      assert.ok(!client.text(uri).includes('RA1-MW-03-A'));
      assert.equal((client.text(uri).match(/RA1-MW-10-A/g) ?? []).length, (SAMPLE.match(/RA1-MW-03-A/g) ?? []).length);
      assert.deepEqual(codes(after.diagnostics), before);
    });

    it('refuses what would break citations or merge participants', async () => {
      await assert.rejects(rename(at('| RA1-MW-01-B', 4), 'RA1-MW-10-A'), /cited together with others as RA1-MW-01-A&B \(line 71\)/);
      await assert.rejects(rename(at('| RA1-MW-06-A', 4), 'RA1-MW-07-A'), /already in the participant table/);
      await assert.rejects(rename(at('| RA1-MW-06-A', 4), 'RA1-MW-6-A'), /not a participant ID in the configured form/);
      await assert.rejects(rename(at('RA1-MW-12-A', 2), 'RA1-MW-10-A'), /not in the participant table/);
    });
  });

  describe('code actions', () => {
    it('offers the closest IDs for an unknown one, with the agency in the title', async () => {
      const actions = await actionsAt(at('RA1-MW-12-A', 3));
      const changes = actions.filter((a) => a.title.startsWith('Change to'));
      assert.deepEqual(
        changes.map((a) => [a.title, a.isPreferred, a.kind]),
        [
          ['Change to RA1-MW-02-A (Ministry of Gender, Children and Social Welfare, Principal Child Protection Officer)', true, 'quickfix'],
          ['Change to RA1-MW-01-A (Malawi Police Service Cybercrime Unit, Detective Inspector)', false, 'quickfix'],
          ['Change to RA1-MW-03-A (Office of the Director of Public Prosecutions, Senior State Advocate)', false, 'quickfix'],
        ],
      );
      assert.equal(changes[0].diagnostics?.[0].code, 'participant-unknown');
      const after = await apply(changes[0].edit);
      assert.ok(!codes(after.diagnostics).includes('participant-unknown'));
      assert.ok(client.text(uri).includes('(RA1-MW-02-A)'));
    });

    for (const [name, needle, delta, title, ruleId] of [
      ['canonical ID', 'RA1- MW-04-A', 2, 'Change to RA1-MW-04-A', 'participant-malformed'],
      ['preferred term', 'distribution of child pornography', 20, 'Replace with "child sexual abuse material (CSAM)"', 'terminology-avoid'],
      ['missing footnote definition', 'pattern.⁶', 8, 'Add a definition for footnote 6', 'footnote-undefined'],
      ['unused footnote definition', '⁷ Government', 0, 'Remove the definition of footnote 7', 'footnote-unused'],
      ['footnote renumbering', 'village;³', 8, 'Renumber all footnotes in order of first reference', 'footnote-order'],
    ] as const) {
      it(`fix: ${name}`, async () => {
        const before = (await client.current(uri)).diagnostics.filter((d) => d.code === ruleId).length;
        const action = (await actionsAt(at(needle, delta))).find((a) => a.title === title);
        assert.ok(action, `no "${title}"`);
        assert.equal(action.diagnostics?.[0].code, ruleId);
        const after = await apply(action.edit);
        assert.equal(after.diagnostics.filter((d) => d.code === ruleId).length, before - 1);
      });
    }

    it('the preferred term comes first and is preferred', async () => {
      const actions = (await actionsAt(at('sextortion reports', 2))).filter((a) => a.title.startsWith('Replace'));
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred]),
        [
          ['Replace with "sexual extortion of children"', true],
          ['Replace with "sexual extortion"', false],
        ],
      );
    });

    it('disables a rule for one line with a comment above it', async () => {
      const action = (await actionsAt(at('sextortion reports', 2))).find((a) => a.title === 'Disable report-lint terminology-caution for this line')!;
      const after = await apply(action.edit);
      assert.ok(client.text(uri).includes('\n<!-- report-lint-disable-next-line terminology-caution -->\nPolice officers described'));
      assert.ok(!codes(after.diagnostics).includes('terminology-caution'));
      assert.ok(codes(after.diagnostics).includes('footnote-undefined'), 'other rules on that line still apply');
    });

    it('disables a rule in a table around the table, which still parses', async () => {
      const action = (await actionsAt(at('| RA1-MW-06-A', 4))).find((a) => a.title.startsWith('Disable report-lint participant-uncited'))!;
      assert.equal(action.title, 'Disable report-lint participant-uncited for this table');
      const before = (await client.current(uri)).diagnostics.length;
      const after = await apply(action.edit);
      assert.ok(!codes(after.diagnostics).includes('participant-uncited'));
      assert.equal(after.diagnostics.length, before - 1);
    });

    it('disables a rule on a superscript footnote definition at the end of its line, keeping the definition', async () => {
      const action = (await actionsAt(at('⁷ Government', 0))).find((a) => a.title === 'Disable report-lint footnote-unused for this line')!;
      const after = await apply(action.edit);
      assert.ok(/cyber-safety-act-2017\)\. <!-- report-lint-disable-line footnote-unused -->/.test(client.text(uri)));
      assert.ok(!codes(after.diagnostics).includes('footnote-unused'));
      assert.match((await hoverAt(at('⁷ Government', 0)))!.value, /Footnote 7\*\* is never referenced/);
    });

    it('source.fixAll.reportLint applies only the safe fixes', async () => {
      const before = codes((await client.current(uri)).diagnostics);
      const [fixAll] = await actionsAt({ line: 0, character: 0 }, ['source.fixAll']);
      assert.equal(fixAll.kind, 'source.fixAll.reportLint');
      // Small edits, not one replacing the document.
      assert.ok(editsFor(fixAll.edit!, uri).length > 1);
      const after = codes((await apply(fixAll.edit)).diagnostics);
      // The malformed ID left is RA-MW-05-A, whose activity number is only suggested.
      assert.deepEqual([...after].sort(), [...before.filter((c) => c !== 'participant-malformed' && c !== 'footnote-order'), 'participant-malformed'].sort());
      assert.ok(client.text(uri).includes('(RA-MW-05-A)'));
      assert.ok(client.text(uri).includes('(RA1-MW-01-A&B). Its officers') && client.text(uri).includes('(RA1-MW-01-A&B).\n'));
      assert.deepEqual(await actionsAt({ line: 0, character: 0 }, ['source.fixAll']), [], 'nothing left to fix');
    });

    it('quickfix requests do not carry the source action', async () => {
      const actions = await actionsAt(at('RA1-MW-12-A', 3), ['quickfix']);
      assert.ok(actions.length > 0 && actions.every((a) => a.kind === 'quickfix'));
    });
  });

  describe('commands', () => {
    const run = <T>(command: string, ...args: unknown[]) => client.request<T>('workspace/executeCommand', { command, arguments: args });

    it('are advertised', () => {
      assert.deepEqual(client.initializeResult?.capabilities.executeCommandProvider?.commands.sort(), [
        'reportLint.bibliography',
        'reportLint.fixAll',
        'reportLint.fixAllEdits',
        'reportLint.footnoteInfo',
        'reportLint.footnoteInsertion',
        'reportLint.participants',
        'reportLint.renumberFootnotes',
      ]);
    });

    it('reportLint.participants lists the table with citation counts', async () => {
      const list = await run<{ id: string; agency: string; position: string; citations: number; interview: string }[]>('reportLint.participants', uri);
      assert.equal(list.length, 10);
      assert.deepEqual(list[0], {
        id: 'RA1-MW-01-A',
        agency: 'Malawi Police Service Cybercrime Unit',
        position: 'Detective Inspector',
        citations: 2,
        interview: 'RA1-MW-01',
        line: 22,
      });
      assert.equal(list.find((p) => p.id === 'RA1-MW-06-A')!.citations, 0);
      assert.equal(list.find((p) => p.id === 'RA1-MW-04-A')!.citations, 2, 'the malformed citation counts as meant');
    });

    it('reportLint.footnoteInfo describes the footnote style for inserting one', async () => {
      const sup = await run<{ style: string; nextNumber: number; existing: { label: string; text: string }[] }>('reportLint.footnoteInfo', uri);
      assert.equal(sup.style, 'superscript');
      assert.equal(sup.nextNumber, 8);
      assert.deepEqual(
        sup.existing.map((e) => e.label),
        ['1', '2', '3', '4', '5', '7'],
      );
      assert.match(sup.existing[2].text, /^Kumwenda, E\. \(2019\)/);
      const gfm = await run<{ style: string; nextNumber: number }>('reportLint.footnoteInfo', { uri: gfmUri });
      assert.deepEqual([gfm.style, gfm.nextNumber], ['gfm', 7]);
    });

    it('reportLint.renumberFootnotes applies the renumbering through the client', async () => {
      const result = await run<{ applied: boolean }>('reportLint.renumberFootnotes', uri);
      assert.equal(result.applied, true);
      assert.equal(client.appliedEdits.length, 1);
      const after = await apply(client.appliedEdits[0].edit);
      assert.ok(!codes(after.diagnostics).includes('footnote-order'));
      assert.ok(client.text(uri).includes('village;²'));
      const again = await run<{ applied: boolean; message: string }>('reportLint.renumberFootnotes', uri);
      assert.deepEqual(again, { applied: false, message: 'The footnotes are already numbered in order.' });
    });

    it('reportLint.fixAll applies the safe fixes through the client', async () => {
      const result = await run<{ applied: boolean; message: string }>('reportLint.fixAll', uri);
      assert.equal(result.applied, true);
      assert.match(result.message, /Applied \d+ safe fixes/);
      const after = await apply(client.appliedEdits[0].edit);
      // The one malformed ID left is RA-MW-05-A: its activity number is only suggested, never applied unattended.
      assert.deepEqual(
        after.diagnostics
          .filter((d) => d.code === 'participant-malformed')
          .map((d) => client.text(uri).split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)),
        ['RA-MW-05-A'],
      );
    });

    it('reportLint.footnoteInsertion answers the edits of a footnote inserted mid-report: attached, numbered for its place, later ones renumbered', async () => {
      const notes = uriOf(ws.file('notes.md'));
      const text = 'First.¹ Middle claim \n\n¹ One.\n\nLater.² End.\n\n² Two.\n';
      client.open(notes, text);
      await client.current(notes);
      const position = new LineIndex(text).positionAt(text.indexOf('claim ') + 6);
      const info = await run<{ nextNumber: number }>('reportLint.footnoteInfo', { uri: notes, position });
      assert.equal(info.nextNumber, 2, 'the number its place calls for');
      const r = await run<{
        version: number;
        number: number;
        style: string;
        edits: { range: { start: Position; end: Position }; newText: string }[];
        definitionEnd: Position;
        referenceEnd: Position;
      }>('reportLint.footnoteInsertion', { uri: notes, position, text: 'A repeated source.' });
      assert.deepEqual([r.version, r.number, r.style], [1, 2, 'superscript']);
      const after = applyTextEdits(text, r.edits);
      assert.equal(after, 'First.¹ Middle claim² \n\n¹ One.\n\n² A repeated source.\n\nLater.³ End.\n\n³ Two.\n');
      assert.deepEqual(r.referenceEnd, { line: 0, character: 'First.¹ Middle claim²'.length });
      assert.deepEqual(r.definitionEnd, { line: 4, character: '² A repeated source.'.length });
      const refused = await run<{ message: string }>('reportLint.footnoteInsertion', { uri: notes, position: { line: 0, character: 7 } });
      assert.match(refused.message, /cannot go right next to another/);
    });

    it('reportLint.fixAllEdits answers the safe fixes without applying them (for fixing on save)', async () => {
      const r = await run<{ version: number; edits: { range: unknown; newText: string }[]; applied: number }>('reportLint.fixAllEdits', uri);
      assert.equal(r.version, 1);
      assert.ok(r.applied > 0 && r.edits.length > 0);
      assert.equal(client.appliedEdits.length, 0, 'nothing applied by the server');
      // The same edits as Fix All would apply: the safe-fixable findings are gone.
      const after = await apply({ changes: { [uri]: r.edits as never } });
      const safeLeft = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      assert.deepEqual(safeLeft, [], 'nothing safe left to fix');
      assert.ok(after.diagnostics.length > 0);
    });

    it('work on a Markdown file that is not open', async () => {
      ws.write('closed.md', '| ID | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n\nAs said (RA1-KE-01-A).\n');
      const list = await run<{ id: string; citations: number }[]>('reportLint.participants', uriOf(ws.file('closed.md')));
      assert.deepEqual(
        list.map((p) => [p.id, p.citations]),
        [['RA1-KE-01-A', 1]],
      );
    });

    it('answer an unknown command or a missing document with an error', async () => {
      await assert.rejects(run('reportLint.nope', uri), /Unknown command/);
      await assert.rejects(run('reportLint.participants'), /needs the document URI/);
      await assert.rejects(run('reportLint.participants', uriOf(ws.file('missing.md'))), /not a Markdown report/);
    });
  });
});

describe('language server: minimal edits for fix-all', () => {
  const check = (before: string, after: string) => {
    const edits = minimalEdits(before, after);
    let out = '';
    let pos = 0;
    for (const e of edits) {
      out += before.slice(pos, e.start) + e.newText;
      pos = e.end;
    }
    assert.equal(out + before.slice(pos), after);
    return edits;
  };

  it('turns changes on separate lines into one edit per line', () => {
    const edits = check('a RA1- X b\nsame\nc ³ d\n', 'a RA1-X b\nsame\nc ² d\n');
    assert.deepEqual(edits, [
      { start: 6, end: 7, newText: '' },
      { start: 18, end: 19, newText: '²' },
    ]);
  });

  it('falls back to one edit when lines are added, and handles astral characters', () => {
    assert.equal(check('one\ntwo\n', 'one\nnew\ntwo\n').length, 1);
    check('x 😀 y', 'x 😁 y');
    assert.deepEqual(check('same', 'same'), []);
  });
});
