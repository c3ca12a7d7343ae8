/**
 * What the server needs in the parameters of each message an editor sends, checked
 * before any feature reads them. Editors other than VS Code (and plugins written in
 * an afternoon) send what they send: a request with a missing field is answered with
 * InvalidParams naming the field, and a malformed notification is ignored with one
 * log line, instead of a failure deep inside a feature (a stack trace in the editor's
 * log) or a copy of a document that no longer matches the editor's.
 */
import { OUTLINE_REQUEST } from '../protocol';

type Fields = Record<string, unknown>;
/** A check of one part of the parameters: a description of the problem, or undefined. */
type Check = (params: Fields) => string | undefined;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWholeNumber = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function positionProblem(v: unknown, name: string): string | undefined {
  return isObject(v) && isWholeNumber(v.line) && isWholeNumber(v.character)
    ? undefined
    : `${name} must be a position {line, character} of whole numbers from 0`;
}

function rangeProblem(v: unknown, name: string): string | undefined {
  return isObject(v) ? (positionProblem(v.start, `${name}.start`) ?? positionProblem(v.end, `${name}.end`)) : `${name} must be a range {start, end}`;
}

const documentUri: Check = (p) =>
  isObject(p.textDocument) && typeof p.textDocument.uri === 'string' ? undefined : 'textDocument.uri must be a string (the document URI)';
const position: Check = (p) => positionProblem(p.position, 'position');

const openedDocument: Check = (p) => {
  const d = p.textDocument as Fields;
  if (typeof d.languageId !== 'string') return 'textDocument.languageId must be a string';
  if (typeof d.version !== 'number' || !Number.isInteger(d.version)) return 'textDocument.version must be a whole number';
  return typeof d.text === 'string' ? undefined : 'textDocument.text must be a string (the document text)';
};

const contentChanges: Check = (p) => {
  const version = (p.textDocument as Fields).version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return 'textDocument.version must be a whole number';
  if (!Array.isArray(p.contentChanges)) return 'contentChanges must be a list of changes';
  for (const [i, c] of p.contentChanges.entries()) {
    if (!isObject(c) || typeof c.text !== 'string') return `contentChanges[${i}].text must be a string`;
    if (c.range !== undefined) {
      const problem = rangeProblem(c.range, `contentChanges[${i}].range`);
      if (problem) return problem;
    }
  }
  return undefined;
};

const fileChanges: Check = (p) => {
  if (!Array.isArray(p.changes)) return 'changes must be a list of file changes';
  const bad = p.changes.findIndex((c) => !isObject(c) || typeof c.uri !== 'string' || ![1, 2, 3].includes(c.type as number));
  return bad < 0 ? undefined : `changes[${bad}] must be {uri, type} with a string URI and a type of 1, 2 or 3`;
};

const folderChanges: Check = (p) => {
  const e = p.event;
  const folders = (v: unknown) => Array.isArray(v) && v.every((f) => isObject(f) && typeof f.uri === 'string');
  return isObject(e) && folders(e.added) && folders(e.removed) ? undefined : 'event must be {added, removed}, lists of folders with a string URI';
};

const cancelledId: Check = (p) => (typeof p.id === 'number' || typeof p.id === 'string' ? undefined : 'id must be the number or string of a request');

const CHECKS: Record<string, Check[]> = {
  initialize: [(p) => (isObject(p.capabilities) ? undefined : 'capabilities must be an object (the client capabilities)')],
  'textDocument/hover': [documentUri, position],
  'textDocument/completion': [documentUri, position],
  'textDocument/definition': [documentUri, position],
  'textDocument/references': [documentUri, position],
  'textDocument/prepareRename': [documentUri, position],
  'textDocument/rename': [documentUri, position, (p) => (typeof p.newName === 'string' ? undefined : 'newName must be a string')],
  'textDocument/codeAction': [
    documentUri,
    (p) => rangeProblem(p.range, 'range'),
    (p) => (isObject(p.context) && Array.isArray(p.context.diagnostics) ? undefined : 'context must be {diagnostics: [...]}'),
  ],
  'codeAction/resolve': [],
  'workspace/executeCommand': [
    (p) => (typeof p.command === 'string' ? undefined : 'command must be a string'),
    (p) => (p.arguments === undefined || Array.isArray(p.arguments) ? undefined : 'arguments must be a list'),
  ],
  [OUTLINE_REQUEST]: [documentUri],
  'textDocument/didOpen': [documentUri, openedDocument],
  'textDocument/didChange': [documentUri, contentChanges],
  'textDocument/didClose': [documentUri],
  'textDocument/didSave': [documentUri],
  'workspace/didChangeWatchedFiles': [fileChanges],
  'workspace/didChangeWorkspaceFolders': [folderChanges],
  'workspace/didChangeConfiguration': [],
  '$/cancelRequest': [cancelledId],
};

/** Why the parameters of a message cannot be used, or undefined (also for messages not checked here). */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const checks = CHECKS[method];
  if (!checks) return undefined;
  if (!isObject(params)) return 'the parameters must be an object';
  for (const check of checks) {
    const problem = check(params);
    if (problem) return problem;
  }
  return undefined;
}

/** The log line for a notification ignored because of `problem`: which document, and what that means for it. */
export function ignoredNotificationNotice(method: string, params: unknown, problem: string): string {
  const uri = isObject(params) && isObject(params.textDocument) && typeof params.textDocument.uri === 'string' ? params.textDocument.uri : undefined;
  const consequence =
    method === 'textDocument/didChange' && uri
      ? ` The edit was not applied, so the server's copy of the document may differ from the editor's: close and reopen it.`
      : '';
  return `report-lint: ignored ${method}${uri ? ` for ${uri}` : ''} from the editor: ${problem}.${consequence}`;
}
