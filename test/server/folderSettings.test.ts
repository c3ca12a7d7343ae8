import * as assert from 'node:assert/strict';
import { codes, TestClient, tempWorkspace, uriOf } from './helpers';

/** The same report in two workspace folders whose settings differ. */
const REPORT = [
  '| ID | Agency |',
  '| --- | --- |',
  '| RA1-KE-01-A | Police |',
  '| RA1-KE-02-A | Children’s Services |',
  '',
  'The analyst agreed (RA1-KE-01-A). So did a prosecutor (RA1-KE-09-A).',
  '',
  'Devices hold child pornography.',
  '',
].join('\n');

describe('language server: settings per workspace folder', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;
  let strict: string;
  let relaxed: string;

  beforeEach(async () => {
    ws = tempWorkspace({
      'strict/notes.md': REPORT,
      'strict/registry/people.csv': 'ID,Agency\nRA1-KE-09-A,Prosecutions\n',
      'relaxed/notes.md': REPORT,
      // The same relative path in the other folder names a file that must not be used for strict/.
      'relaxed/registry/people.csv': 'ID,Agency\nRA1-KE-07-A,Someone else\n',
    });
    client = await TestClient.start({ folder: ws.file('strict'), moreFolders: [ws.file('relaxed')] });
    client.folderSettings = {
      [uriOf(ws.file('strict'))]: { rules: { 'participant-uncited': 'error' }, registries: ['registry/people.csv'] },
      [uriOf(ws.file('relaxed'))]: { rules: { 'terminology-avoid': 'off' } },
    };
    await client.changeSettings({});
    strict = uriOf(ws.file('strict/notes.md'));
    relaxed = uriOf(ws.file('relaxed/notes.md'));
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  /** Waits for diagnostics of `uri` with exactly these codes and severities (fails by timeout otherwise). */
  const published = (uri: string, expected: Record<string, number>) =>
    client.diagnostics(
      uri,
      (p) =>
        JSON.stringify(Object.fromEntries(p.diagnostics.map((d) => [d.code, d.severity]).sort())) ===
        JSON.stringify(Object.fromEntries(Object.entries(expected).sort())),
    );

  it("checks each report with its own folder's rules and registries", async () => {
    client.open(strict, REPORT);
    client.open(relaxed, REPORT);
    // strict: uncited is an error (1), RA1-KE-09-A comes from the folder's registry, the term is a warning (2).
    await published(strict, { 'participant-uncited': 1, 'terminology-avoid': 2 });
    // relaxed: uncited at its default (information, 3), RA1-KE-09-A unknown (error), no terminology.
    await published(relaxed, { 'participant-uncited': 3, 'participant-unknown': 1 });
  });

  it('turns checking off for one folder only', async () => {
    client.folderSettings[uriOf(ws.file('relaxed'))] = { enable: false };
    await client.changeSettings({});
    client.open(strict, REPORT);
    client.open(relaxed, REPORT);
    await published(strict, { 'participant-uncited': 1, 'terminology-avoid': 2 });
    const off = await published(relaxed, {});
    assert.deepEqual(codes(off.diagnostics), []);
  });
});
