import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { ReportLinter } from '../../server/src/core/engine';
import { LineIndex } from '../../server/src/core/text';
import { codes, line, readSample, REPO, TestClient, tempWorkspace, uriOf, waitFor } from './helpers';

/** The rule pages shipped with the server (dist/ → ../docs/rules): the links work offline. */
const RULE_DOCS = path.join(__dirname, '..', '..', 'docs', 'rules');

describe('language server: diagnostics', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;

  beforeEach(async () => {
    ws = tempWorkspace({ 'sample-report.md': readSample('sample-report.md'), 'sample-report-gfm.md': readSample('sample-report-gfm.md') });
    client = await TestClient.start({ folder: ws.dir });
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  it('publishes the same diagnostics over --node-ipc (as VS Code starts the server) as over --stdio, after an edit too', async () => {
    // The worker hands diagnostics to the supervisor as JSON: written as they are to a stream, read back for IPC.
    const ipcClient = await TestClient.start({ folder: ws.dir, transport: 'ipc' });
    try {
      const uri = uriOf(ws.file('sample-report.md'));
      const text = readSample('sample-report.md');
      const both = [client, ipcClient];
      for (const c of both) c.open(uri, text);
      const opened = await Promise.all(both.map((c) => c.current(uri)));
      assert.ok(opened[0].diagnostics.length > 5, 'the sample has findings');
      assert.deepEqual(opened[1], opened[0]);
      // A malformed ID typed at the start: one more finding, the others one line down.
      const edited = await Promise.all(
        both.map(async (c) => {
          const version = c.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'RA1-MW-1-A\n\n' }]);
          return c.diagnostics(uri, (p) => p.version === version);
        }),
      );
      assert.ok(edited[0].diagnostics.length > opened[0].diagnostics.length, 'the new ID is reported');
      assert.deepEqual(edited[1], edited[0]);
    } finally {
      await ipcClient.stop();
    }
  });

  it('publishes the sample report findings with rule codes, documentation links and source', async () => {
    const uri = uriOf(ws.file('sample-report.md'));
    client.open(uri, readSample('sample-report.md'));
    const { diagnostics, version } = await client.current(uri);
    assert.equal(version, 1);
    // samples/EXPECTED.md, in document order.
    assert.deepEqual(
      diagnostics.map((d) => `${line(d)} ${d.code}`),
      [
        '18 participant-count',
        '28 participant-uncited',
        '33 link-placeholder',
        '41 footnote-order',
        '53 terminology-avoid',
        '55 participant-malformed',
        '65 terminology-caution',
        '65 footnote-undefined',
        '67 participant-malformed',
        '67 participant-unknown',
        '71 participant-malformed',
        '75 footnote-unused',
      ],
    );
    for (const d of diagnostics) {
      assert.equal(d.source, 'report-lint');
      const href = d.codeDescription?.href ?? '';
      assert.equal(href, pathToFileURL(path.join(RULE_DOCS, `${d.code}.md`)).href, 'a local file, not a web address');
      assert.match(fs.readFileSync(fileURLToPath(href), 'utf8'), new RegExp(`^# ${d.code}\\n`), 'the page of that rule');
    }
    const text = readSample('sample-report.md');
    const lines = new LineIndex(text);
    const malformed = diagnostics.find((d) => d.code === 'participant-malformed')!;
    assert.equal(text.slice(lines.offsetAt(malformed.range.start), lines.offsetAt(malformed.range.end)), 'RA1- MW-04-A');
    assert.equal(malformed.severity, DiagnosticSeverity.Warning);
    assert.equal(diagnostics.find((d) => d.code === 'footnote-undefined')!.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostics.find((d) => d.code === 'link-placeholder')!.severity, DiagnosticSeverity.Information);
  });

  it('publishes nothing for the clean GFM sample', async () => {
    const uri = uriOf(ws.file('sample-report-gfm.md'));
    client.open(uri, readSample('sample-report-gfm.md'));
    assert.deepEqual((await client.current(uri)).diagnostics, []);
  });

  it('re-checks after an incremental edit and links related places', async () => {
    const uri = uriOf(ws.file('dup.md'));
    client.open(uri, 'A claim.[^1]\n\n[^1]: One.\n');
    assert.deepEqual(codes((await client.current(uri)).diagnostics), []);
    client.edit(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '[^1]: Two.\n' }]);
    const { diagnostics } = await client.current(uri);
    assert.deepEqual(codes(diagnostics), ['footnote-duplicate']);
    assert.equal(diagnostics[0].range.start.line, 3);
    assert.equal(diagnostics[0].relatedInformation?.[0].location.uri, uri);
    assert.equal(diagnostics[0].relatedInformation?.[0].location.range.start.line, 2);
  });

  it('fixing the text by hand makes the finding go away', async () => {
    const uri = uriOf(ws.file('sample-report.md'));
    client.open(uri, readSample('sample-report.md'));
    assert.ok(codes((await client.current(uri)).diagnostics).includes('link-placeholder'));
    client.replace(uri, '[here](#)', '[here](https://example.org/annex)');
    assert.ok(!codes((await client.current(uri)).diagnostics).includes('link-placeholder'));
  });

  it('closing a document clears its diagnostics', async () => {
    const uri = uriOf(ws.file('sample-report.md'));
    client.open(uri, readSample('sample-report.md'));
    assert.ok((await client.current(uri)).diagnostics.length > 0);
    client.close(uri);
    const cleared = await client.next(uri);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('checks only Markdown documents', async () => {
    const txt = uriOf(ws.file('notes.txt'));
    const md = uriOf(ws.file('notes.markdown'));
    client.open(txt, 'This is child pornography in a text file.', 'plaintext');
    client.open(md, 'This is child pornography.', 'plaintext');
    assert.deepEqual(codes((await client.current(md)).diagnostics), ['terminology-avoid']);
    // The .txt file was opened first; by now it would have been published.
    assert.equal(client.published.get(txt), undefined);
  });

  it('after 200 rapid single-character edits the last diagnostics are those of the final text', async function () {
    const uri = uriOf(ws.file('sample-report.md'));
    const original = readSample('sample-report.md');
    client.open(uri, original);
    await client.current(uri);
    // Typing and deleting at spots spread through the report, including inside IDs,
    // footnote markers and terms, without waiting for any diagnostics in between.
    const doc = () => client.text(uri);
    const targets = ['RA1-MW-12-A', 'child pornography', 'sextortion', '[here](#)', '(RA1-MW-02-A)', 'village;³', '⁷ Government'];
    for (let i = 0; i < 200; i++) {
      const text = doc();
      const anchor = text.indexOf(targets[i % targets.length]);
      const at = anchor >= 0 ? anchor + (i % 5) : (i * 7919) % text.length;
      const lines = new LineIndex(text);
      if (i % 3 === 2 && at < text.length - 1) client.edit(uri, [{ range: { start: lines.positionAt(at), end: lines.positionAt(at + 1) }, newText: '' }]);
      else client.edit(uri, [{ range: { start: lines.positionAt(at), end: lines.positionAt(at) }, newText: 'xy-1(^'[i % 6] }]);
    }
    const final = await client.current(uri);
    assert.equal(final.version, 201);
    const expected = new ReportLinter().lint(doc()).findings;
    const lines = new LineIndex(doc());
    const got = final.diagnostics.map((d) => ({ code: d.code, start: lines.offsetAt(d.range.start), end: lines.offsetAt(d.range.end), message: d.message }));
    assert.deepEqual(
      got,
      expected.map((f) => ({ code: f.ruleId, start: f.start, end: f.end, message: f.message })),
    );
    // The text really changed, so the comparison is not of the original findings.
    assert.notEqual(doc(), original);
    // Nothing published after the final version may be for an older one.
    const list = client.published.get(uri)!;
    const versions = list.map((p) => p.version ?? 0);
    assert.deepEqual(
      [...versions].sort((a, b) => a - b),
      versions,
      'publications arrive in version order',
    );
  });
});

describe('language server: settings', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient | undefined;

  beforeEach(() => {
    ws = tempWorkspace({ 'sample-report.md': readSample('sample-report.md') });
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.cleanup();
  });

  it('a settings change turns a rule off and remaps another severity', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('sample-report.md'));
    client.open(uri, readSample('sample-report.md'));
    const before = await client.current(uri);
    assert.ok(codes(before.diagnostics).includes('terminology-avoid'));
    const pending = client.next(uri);
    await client.changeSettings({ rules: { 'terminology-avoid': 'off', 'participant-count': 'error' } });
    const after = await pending;
    assert.ok(!codes(after.diagnostics).includes('terminology-avoid'));
    assert.equal(after.diagnostics.length, before.diagnostics.length - 1);
    assert.equal(after.diagnostics.find((d) => d.code === 'participant-count')!.severity, DiagnosticSeverity.Error);
  });

  it('a setting can turn on a rule the configuration file turns off', async () => {
    ws.write('.reportlintrc.json', '{ "rules": { "link-placeholder": "off" } }\n');
    client = await TestClient.start({ folder: ws.dir, settings: {} });
    const uri = uriOf(ws.file('sample-report.md'));
    client.open(uri, readSample('sample-report.md'));
    assert.ok(!codes((await client.current(uri)).diagnostics).includes('link-placeholder'));
    const pending = client.next(uri);
    await client.changeSettings({ rules: { 'link-placeholder': 'warning' } });
    const d = (await pending).diagnostics.find((x) => x.code === 'link-placeholder');
    assert.equal(d?.severity, DiagnosticSeverity.Warning);
  });

  it('settings from the start apply to the first diagnostics', async () => {
    client = await TestClient.start({ folder: ws.dir, settings: { rules: { 'footnote-order': 'off' } } });
    const uri = uriOf(ws.file('sample-report.md'));
    client.open(uri, readSample('sample-report.md'));
    assert.ok(!codes((await client.current(uri)).diagnostics).includes('footnote-order'));
  });

  it('initializationOptions work for clients that do not answer workspace/configuration', async () => {
    client = await TestClient.start({
      folder: ws.dir,
      configuration: false,
      initializationOptions: { settings: { reportLint: { rules: { 'link-placeholder': 'off' } } } },
    });
    const uri = uriOf(ws.file('sample-report.md'));
    client.open(uri, readSample('sample-report.md'));
    const first = await client.current(uri);
    assert.ok(!codes(first.diagnostics).includes('link-placeholder'));
    assert.ok(codes(first.diagnostics).includes('terminology-avoid'));
    // Such clients push settings in didChangeConfiguration.
    const pending = client.next(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { reportLint: { rules: { 'terminology-avoid': 'off' } } } });
    assert.ok(!codes((await pending).diagnostics).includes('terminology-avoid'));
  });

  it('terminologyInQuotations "hint" shows quoted terms as hints', async () => {
    client = await TestClient.start({ folder: ws.dir, settings: { terminologyInQuotations: 'hint' } });
    const uri = uriOf(ws.file('q.md'));
    client.open(uri, 'One officer said: “we call it child pornography”.\n');
    const { diagnostics } = await client.current(uri);
    assert.deepEqual(codes(diagnostics), ['terminology-avoid']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Hint);
  });

  it('enable: false clears diagnostics and stops checking', async () => {
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('sample-report.md'));
    client.open(uri, readSample('sample-report.md'));
    assert.ok((await client.current(uri)).diagnostics.length > 0);
    const pending = client.next(uri);
    await client.changeSettings({ enable: false });
    assert.deepEqual((await pending).diagnostics, []);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 54, character: 140 } });
    assert.equal(hover, null);
  });

  it('debounceMs: diagnostics wait for the pause in typing', async () => {
    // A minute is far longer than this test takes: a publication before the hover
    // answer below could only come from ignoring the setting.
    client = await TestClient.start({ folder: ws.dir, settings: { debounceMs: 60_000 } });
    const uri = uriOf(ws.file('d.md'));
    client.open(uri, 'Plain text.\n');
    assert.deepEqual((await client.current(uri)).diagnostics, []); // opening checks at once
    const v2 = client.replace(uri, 'Plain', 'Child pornography in');
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 3 },
    });
    assert.match(hover!.contents.value, /Pornography/); // requests see the new text at once
    assert.ok(!(client.published.get(uri) ?? []).some((p) => p.version === v2), 'published before the debounce delay');
    await client.changeSettings({ debounceMs: 0 });
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }); // settings applied
    client.replace(uri, 'in', 'is here');
    assert.deepEqual(codes((await client.current(uri)).diagnostics), ['terminology-avoid']);
  });

  it('over 500 diagnostics (VS Code underlines the first 500 published): warnings first, each severity in document order', async () => {
    const c = (client = await TestClient.start({ folder: ws.dir, settings: { maxInformationPerDocument: 1000 } }));
    const uri = uriOf(ws.file('long.md'));
    const links = Array.from({ length: 520 }, (_, i) => `See [part ${i}](#).`).join('\n\n');
    const terms = Array.from({ length: 30 }, () => 'Child pornography is the wrong term.').join('\n\n');
    c.open(uri, `${links}\n\n${terms}\n`);
    const { diagnostics } = await c.current(uri);
    assert.equal(diagnostics.length, 550);
    assert.deepEqual(codes(diagnostics.slice(0, 30)), Array(30).fill('terminology-avoid'));
    assert.deepEqual(codes(diagnostics.slice(30)), Array(520).fill('link-placeholder'));
    const lines = (ds: Diagnostic[]) => ds.map(line);
    assert.deepEqual(
      lines(diagnostics.slice(0, 30)),
      [...lines(diagnostics.slice(0, 30))].sort((a, b) => a - b),
    );
    assert.deepEqual(
      lines(diagnostics.slice(30)),
      [...lines(diagnostics.slice(30))].sort((a, b) => a - b),
    );
  });

  it('maxInformationPerDocument: information beyond the limit is counted in one diagnostic; warnings are all shown', async () => {
    const c = (client = await TestClient.start({ folder: ws.dir, settings: { maxInformationPerDocument: 3 } }));
    const uri = uriOf(ws.file('links.md'));
    const links = Array.from({ length: 7 }, (_, i) => `See [part ${i}](#).`).join('\n\n');
    c.open(uri, `${links}\n\nChild pornography is the wrong term.\n`);
    const { diagnostics } = await c.current(uri);
    const summary = diagnostics.filter((d) => d.code === 'information-limit');
    assert.deepEqual(
      diagnostics.filter((d) => d.code !== 'information-limit').map((d) => `${line(d)} ${d.code}`),
      ['1 link-placeholder', '3 link-placeholder', '5 link-placeholder', '15 terminology-avoid'],
    );
    assert.equal(summary.length, 1);
    assert.equal(line(summary[0]), 7, 'where the first finding not shown is');
    assert.equal(summary[0].severity, DiagnosticSeverity.Information);
    assert.match(summary[0].message, /^4 more information-level findings from here on are not shown \(link-placeholder 4\)/);
    // Raising the limit shows them all again (a setting change re-checks open documents).
    const pending = c.next(uri);
    await c.changeSettings({ maxInformationPerDocument: 200 });
    assert.deepEqual(codes((await pending).diagnostics), [...Array(7).fill('link-placeholder'), 'terminology-avoid']);
  });
});

describe('language server: configuration and registry files', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  const registry = 'id,agency,position\nRA1-KE-01-A,Police,Investigator\nRA1-KE-02-A,Ministry,Officer\n';
  const report = 'As one officer said (RA1-KE-01-A), and another (RA1-KE-02-A).\n';

  it('publishes configuration problems on the configuration file with line and column', async () => {
    ws = tempWorkspace({ '.reportlintrc.json': '{\n  "rules": {\n    "no-such-rule": "error"\n  }\n}\n', 'r.md': 'Text.\n' });
    client = await TestClient.start({ folder: ws.dir });
    const configUri = uriOf(ws.file('.reportlintrc.json'));
    const published = client.diagnostics(configUri);
    client.open(uriOf(ws.file('r.md')), 'Text.\n');
    const { diagnostics } = await published;
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /unknown rule "no-such-rule"/);
    assert.equal(diagnostics[0].range.start.line, 2);
    assert.equal(diagnostics[0].range.start.character, 4);
    assert.equal(diagnostics[0].source, 'report-lint');
    await waitFor(
      () => client.shownMessages.some((m) => /\.reportlintrc\.json:3:5: unknown rule/.test(m)),
      `a warning naming the file and place, got: ${client.shownMessages.join(' / ')}`,
    );

    // Fixing the file clears them once the server hears of the change.
    fs.writeFileSync(ws.file('.reportlintrc.json'), '{ "rules": {} }\n');
    const cleared = client.next(configUri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('a broken configuration: one diagnostic in words, coded invalid-json, and one pop-up per distinct problem', async () => {
    ws = tempWorkspace({ '.reportlintrc.json': '{\n  "rules": {\n    "link-placeholder": "off",\n  }\n  "registries": []\n}\n', 'r.md': 'Text.\n' });
    client = await TestClient.start({ folder: ws.dir });
    const configUri = uriOf(ws.file('.reportlintrc.json'));
    const published = client.diagnostics(configUri);
    client.open(uriOf(ws.file('r.md')), 'Text.\n');
    const { diagnostics } = await published;
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0].message, 'invalid JSON: expected a comma (,) between entries');
    assert.equal(diagnostics[0].code, 'invalid-json');
    assert.equal(diagnostics[0].range.start.line, 4);
    await waitFor(() => client.shownMessages.length > 0, 'a pop-up');
    assert.deepEqual(client.shownMessages, ['report-lint: .reportlintrc.json:5:3: invalid JSON: expected a comma (,) between entries']);

    // The author adds a line above the mistake and saves: the problem moves but is the same one, so no second pop-up.
    fs.writeFileSync(ws.file('.reportlintrc.json'), '{\n\n  "rules": {\n    "link-placeholder": "off",\n  }\n  "registries": []\n}\n');
    const moved = client.next(configUri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.equal((await moved).diagnostics[0].range.start.line, 5);
    // A different problem is a new pop-up.
    fs.writeFileSync(ws.file('.reportlintrc.json'), '{ 5: "off" }\n');
    const other = client.next(configUri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    assert.match((await other).diagnostics[0].message, /^invalid JSON: expected a property name/);
    await waitFor(() => client.shownMessages.length === 2, `a second pop-up, got: ${client.shownMessages.join(' / ')}`);
    assert.match(client.shownMessages[1], /\.reportlintrc\.json:1:3: invalid JSON: expected a property name/);
  });

  it('registers file watchers for configuration and registry files', async () => {
    ws = tempWorkspace({});
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('r.md'));
    client.open(uri, 'Text.\n');
    await client.current(uri);
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = (watch?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    for (const g of ['**/.reportlintrc.json', '**/*.csv', '**/*.json']) assert.ok(globs.includes(g), g);
  });

  it('a registry file change re-checks open reports', async () => {
    ws = tempWorkspace({ '.reportlintrc.json': '{ "registries": ["registry.csv"] }\n', 'registry.csv': registry, 'r.md': report });
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('r.md'));
    client.open(uri, report);
    assert.deepEqual(codes((await client.current(uri)).diagnostics), []);
    fs.writeFileSync(ws.file('registry.csv'), 'id,agency,position\nRA1-KE-01-A,Police,Investigator\n');
    const pending = client.next(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(ws.file('registry.csv')), type: 2 }] });
    const after = await pending;
    assert.deepEqual(codes(after.diagnostics), ['participant-unknown']);
    assert.match(after.diagnostics[0].message, /RA1-KE-02-A/);
  });

  it('extra registries from the settings are used', async () => {
    ws = tempWorkspace({ 'people/registry.csv': registry, 'r.md': report });
    client = await TestClient.start({ folder: ws.dir, settings: { registries: ['people/registry.csv'] } });
    const uri = uriOf(ws.file('r.md'));
    client.open(uri, report.replace('RA1-KE-02-A', 'RA1-KE-03-A'));
    const { diagnostics } = await client.current(uri);
    // RA1-KE-02-A from the registry is now uncited, RA1-KE-03-A is not in it.
    assert.deepEqual(codes(diagnostics), ['participant-uncited', 'participant-unknown']);
    assert.match(diagnostics[1].message, /RA1-KE-03-A/);
    assert.match(diagnostics[0].message, /RA1-KE-02-A/);
  });

  it('a configuration naming ../../../../etc/passwd or a file outside the folder gets a problem; the file is never shown', async () => {
    const outside = tempWorkspace({ 'registry.csv': registry });
    try {
      const withTable = '| ID | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n\n' + report;
      ws = tempWorkspace({
        'project/.reportlintrc.json': JSON.stringify({ registries: ['../../../../etc/passwd', outside.file('registry.csv')] }, null, 2),
        'project/r.md': withTable,
      });
      // The upward search stops at the workspace folder: this configuration above it is ignored.
      ws.write('.reportlintrc.json', '{ "rules": { "participant-unknown": "off" } }');
      const folder = ws.file('project');
      client = await TestClient.start({ folder });
      const configUri = uriOf(ws.file('project/.reportlintrc.json'));
      const published = client.diagnostics(configUri);
      const uri = uriOf(ws.file('project/r.md'));
      client.open(uri, withTable);
      const { diagnostics } = await published;
      assert.deepEqual(
        diagnostics.map((d) => d.range.start.line),
        [2, 3],
      );
      for (const d of diagnostics) assert.match(d.message, /is outside the workspace folder .*it is not read/);
      assert.match(diagnostics[0].message, /"\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd"/);
      // The outside registry's participants do not count (RA1-KE-02-A is unknown), and the parent folder's configuration, which switches that rule off, is not used.
      const own = (await client.current(uri)).diagnostics;
      assert.deepEqual(codes(own), ['participant-unknown']);
      assert.match(own[0].message, /RA1-KE-02-A/);
      const passwdUri = uriOf('/etc/passwd');
      assert.equal(client.published.get(passwdUri), undefined, 'nothing is published on /etc/passwd');
      assert.ok(![...client.published.values()].flat().some((p) => p.diagnostics.some((d) => /root:/.test(d.message))));
    } finally {
      outside.cleanup();
    }
  });

  it('editing the participant table in the document re-checks its citations', async () => {
    ws = tempWorkspace({});
    client = await TestClient.start({ folder: ws.dir });
    const uri = uriOf(ws.file('t.md'));
    client.open(uri, '| ID Number | Agency |\n| --- | --- |\n| RA1-KE-01-A | Police |\n| RA1-KE-02-A | Ministry |\n\n' + report);
    assert.deepEqual(codes((await client.current(uri)).diagnostics), []);
    client.replace(uri, '| RA1-KE-02-A | Ministry |', '| RA1-KE-03-A | Ministry |');
    assert.deepEqual(codes((await client.current(uri)).diagnostics), ['participant-uncited', 'participant-unknown']);
  });

  it('workspaceDiagnostics checks files that are not open, and follows changes on disk', async () => {
    ws = tempWorkspace({ 'a.md': 'Child pornography.\n', 'sub/b.md': 'Clean text.\n', 'node_modules/x/c.md': 'Child pornography.\n' });
    client = await TestClient.start({ folder: ws.dir, settings: { workspaceDiagnostics: true } });
    const a = await client.diagnostics(uriOf(ws.file('a.md')));
    assert.deepEqual(codes(a.diagnostics), ['terminology-avoid']);
    assert.deepEqual((await client.diagnostics(uriOf(ws.file('sub/b.md')))).diagnostics, []);
    fs.writeFileSync(ws.file('sub/b.md'), 'Sextortion.\n');
    const b = client.next(uriOf(ws.file('sub/b.md')));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(ws.file('sub/b.md')), type: 2 }] });
    assert.deepEqual(codes((await b).diagnostics), ['terminology-caution']);
    assert.equal(client.published.get(uriOf(ws.file('node_modules/x/c.md'))), undefined);
    // Turning it off clears what it published.
    const cleared = client.next(uriOf(ws.file('a.md')));
    await client.changeSettings({ workspaceDiagnostics: false });
    assert.deepEqual((await cleared).diagnostics, []);
  });
});

describe('language server: robustness', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;

  beforeEach(async () => {
    ws = tempWorkspace({});
    client = await TestClient.start({ folder: ws.dir });
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  it('a failing handler is logged in one clear line and answered; the server keeps serving', async () => {
    // In one thread (REPORT_LINT_SINGLE_THREAD) no supervisor checks the parameters first: the hover itself fails.
    await client.stop();
    client = await TestClient.start({ folder: ws.dir, env: { REPORT_LINT_SINGLE_THREAD: '1' } });
    const uri = uriOf(ws.file('r.md'));
    client.open(uri, 'Child pornography.\n');
    await client.current(uri);
    const broken = await client.request('textDocument/hover', { textDocument: { uri }, position: null });
    assert.equal(broken, null);
    const line = client.logMessages.find((l) => /hover failed/.test(l));
    assert.match(line ?? client.logMessages.join('\n'), /^report-lint: hover failed \(a bug in report-lint; details in the server's error output\): \S/);
    assert.doesNotMatch(line!, /\n\s+at /, "no stack trace in the editor's log");
    assert.ok(
      client.logs.some((l) => /hover failed: TypeError[^]*\n\s+at /.test(l)),
      'the stack is in the error output',
    );
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.match(hover.contents.value, /avoid/);
  });

  it('a binary document gets one notice instead of a hang', async () => {
    const uri = uriOf(ws.file('binary.md'));
    const bytes = Buffer.alloc(300_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    client.open(uri, bytes.toString('latin1'));
    const { diagnostics } = await client.current(uri);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /binary/);
  });

  it('checks untitled documents with the workspace configuration', async () => {
    ws.write('.reportlintrc.json', '{ "rules": { "terminology-avoid": "error" } }');
    const uri = 'untitled:Untitled-1';
    client.open(uri, 'Child pornography.\n');
    const { diagnostics } = await client.current(uri);
    assert.deepEqual(codes(diagnostics), ['terminology-avoid']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
  });

  it('a document of one huge line is checked', async () => {
    const uri = uriOf(ws.file('line.md'));
    client.open(uri, 'As said (RA1-KE-01-A) about child pornography. '.repeat(5000));
    const { diagnostics } = await client.current(uri);
    assert.equal(diagnostics.filter((d: Diagnostic) => d.code === 'terminology-avoid').length, 5000);
  });
});

describe('language server: started for other editors', function () {
  it('bin/report-lint-server.js run by hand with --help or --version says what it is, instead of waiting for an editor', () => {
    const bin = path.join(REPO, 'bin', 'report-lint-server.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', input: '', timeout: 10_000 });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: report-lint-server \[--stdio/);
    assert.match(help.stdout, /Language Server Protocol/);
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', input: '', timeout: 10_000 });
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
  });

  it('bin/report-lint-server.js speaks LSP over stdio (the default transport)', async () => {
    const ws = tempWorkspace({});
    const client = await TestClient.start({ folder: ws.dir, command: [path.join(REPO, 'bin', 'report-lint-server.js')] });
    try {
      assert.ok(client.initializeResult?.capabilities.hoverProvider);
      const uri = uriOf(ws.file('r.md'));
      client.open(uri, 'Sextortion.\n');
      assert.deepEqual(codes((await client.current(uri)).diagnostics), ['terminology-caution']);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
