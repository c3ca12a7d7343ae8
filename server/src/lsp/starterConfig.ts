/**
 * `reportLint/starterConfig`: the text of a starter `.reportlintrc.json` for the
 * editor's Create Configuration File command, built by the same core function as
 * the CLI's `--init` from the open report's participant table.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { starterConfig, type StarterConfig } from '../core/starterConfig';

export const STARTER_CONFIG_REQUEST = 'reportLint/starterConfig';

export interface StarterConfigParams {
  /** The open report to derive the participant-ID pattern from (none: the default pattern). */
  textDocument?: { uri: string };
  /** How the file's comments name the report (a workspace-relative path). */
  name?: string;
}

export type StarterConfigResult = StarterConfig;

export function starterConfigFor(documents: TextDocuments<TextDocument>, params: StarterConfigParams | undefined): StarterConfigResult {
  const uri = params?.textDocument?.uri;
  const doc = uri ? documents.get(uri) : undefined;
  const name = typeof params?.name === 'string' ? params.name : undefined;
  return starterConfig(doc ? [{ text: doc.getText(), name }] : []);
}
