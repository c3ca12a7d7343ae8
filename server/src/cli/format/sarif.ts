import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigProblem } from '../../core/config';
import type { Rule } from '../../core/rule';
import type { Severity } from '../../core/types';
import type { CliRange, FileReport } from '../check';
import { displayPath } from '../files';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export interface ToolInfo {
  version: string;
  /** The README; rule help is its `#rule-id` anchor. */
  informationUri: string;
}

function region(r: CliRange) {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** Inside the working directory: a relative URI against %SRCROOT%; elsewhere an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(file).href };
}

function notification(p: ConfigProblem, cwd: string) {
  return {
    level: 'error' as const,
    message: { text: `configuration error: ${p.message}` },
    locations: [
      { physicalLocation: { artifactLocation: artifactLocation(path.resolve(cwd, p.file), cwd), region: { startLine: p.line, startColumn: p.column } } },
    ],
  };
}

/**
 * SARIF 2.1.0 for code-scanning tools: every rule in `tool.driver.rules`, each
 * result pointing at its rule by id and index, safe fixes as SARIF fixes, and
 * configuration problems and skipped files as invocation notifications.
 */
export function formatSarif(reports: FileReport[], rules: Rule[], configProblems: ConfigProblem[], cwd: string, tool: ToolInfo): string {
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const results = [];
  for (const r of reports) {
    const location = artifactLocation(r.file, cwd);
    for (const f of r.findings) {
      const safeFixes = f.fixes.filter((x) => x.safe);
      results.push({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(f) } }],
        ...(safeFixes.length
          ? {
              fixes: safeFixes.map((x) => ({
                description: { text: x.title },
                artifactChanges: [
                  { artifactLocation: location, replacements: x.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })) },
                ],
              })),
            }
          : {}),
      });
    }
  }
  const skipped = reports.filter((r) => r.error);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'report-lint',
            informationUri: tool.informationUri,
            version: tool.version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.docs.rationale },
              helpUri: `${tool.informationUri}#${rule.id}`,
              defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
              properties: { fixable: rule.fixable },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: configProblems.length === 0 && skipped.length === 0,
            toolConfigurationNotifications: configProblems.map((p) => notification(p, cwd)),
            toolExecutionNotifications: skipped.map((r) => ({
              level: 'error' as const,
              message: { text: `${displayPath(r.file, cwd)}: ${r.error}` },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(r.file, cwd) } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
