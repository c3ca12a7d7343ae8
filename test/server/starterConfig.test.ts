import * as assert from 'node:assert/strict';
import type { StarterConfigResult } from '../../server/src/lsp/starterConfig';
import { starterConfig } from '../../server/src/core/starterConfig';
import { TestClient, tempWorkspace, uriOf } from './helpers';

/** IDs spelt unlike the default pattern: the starter configuration must derive theirs. */
const REPORT = [
  '| Participant | Agency |',
  '| --- | --- |',
  '| UG/INT-07/B | Police |',
  '| UG/INT-08/A | Court |',
  '| TZ/INT-01/A | Police |',
  '',
  'As the police said (UG/INT-07/B).',
  '',
].join('\n');

describe('language server: reportLint/starterConfig (Create Configuration File)', function () {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: TestClient;

  beforeEach(async () => {
    ws = tempWorkspace({ 'custom.md': REPORT });
    client = await TestClient.start({ folder: ws.dir });
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  it("derives the ID pattern from the open report's table, exactly as --init does", async () => {
    const uri = uriOf(ws.file('custom.md'));
    // The editor's unsaved text counts, not the file on disk.
    const edited = REPORT.replace('| TZ/INT-01/A | Police |', '| TZ/INT-01/A | Police |\n| KE/INT-02/C | Court |');
    client.open(uri, edited);
    const result = await client.request<StarterConfigResult>('reportLint/starterConfig', { textDocument: { uri }, name: 'custom.md' });
    assert.equal(result.idPattern, 'derived');
    assert.deepEqual(result.tableIds, ['UG/INT-07/B', 'UG/INT-08/A', 'TZ/INT-01/A', 'KE/INT-02/C']);
    assert.match(result.text, /"format": "\{country\}\/INT-\{interview\}\/\{participant\}"/);
    assert.deepEqual(result, starterConfig([{ text: edited, name: 'custom.md' }]));
  });

  it('writes the default pattern when no report is open', async () => {
    const result = await client.request<StarterConfigResult>('reportLint/starterConfig', {});
    assert.equal(result.idPattern, 'default');
    assert.deepEqual(result.tableIds, []);
  });
});
