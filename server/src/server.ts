/**
 * The report-lint language server. A thin layer over the engine in ./core (the CLI
 * uses the same engine): each LSP feature lives in ./lsp. The transport comes from
 * the command line (`--stdio`, `--node-ipc`, `--socket=`); the VS Code client uses IPC.
 * The server reads files in the workspace and never touches the network.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type DidChangeWorkspaceFoldersParams,
  type InitializeParams,
  type InitializeResult,
  type PrepareRenameParams,
  type ReferenceParams,
  type RenameParams,
} from 'vscode-languageserver/node';
import { DOCUMENT_UPDATES } from './lsp/documents';
import { createServerConnection } from './lsp/watchdog';
import { now, timing, timingEnabled } from './lsp/timing';
import { logFailure } from './lsp/failures';
import { CONFIG_FILE_NAME } from './core/project';
import { isMarkdownPath } from './core/files';
import { pathToUri, uriToPath } from './lsp/convert';
import { DiagnosticsPublisher } from './lsp/diagnostics';
import { codeActions, FIX_ALL_KIND, isFixAllData, resolveFixAll, type EditCapabilities } from './lsp/codeActions';
import { hover } from './lsp/hover';
import { completion, COMPLETION_TRIGGER_CHARACTERS } from './lsp/completion';
import { definition, prepareRename, references, rename } from './lsp/definition';
import {
  COMMAND_NAMES,
  fixAll,
  fixAllEditsOf,
  footnoteInfo,
  footnoteInsertion,
  participants,
  positionArgument,
  renumberFootnotes,
  uriArgument,
} from './lsp/commands';
import { checkedDocument, openOrDiskDocument, type CheckedDocument } from './lsp/lookup';
import {
  bibliographyInfo,
  citationCompletion,
  citationDefinition,
  citationHover,
  citationPrepareRename,
  citationReferences,
  citationRename,
} from './lsp/citations';
import { rangeOf } from './lsp/convert';
import { reportOutline } from './lsp/outline';
import { ReportWorkspace } from './lsp/analyses';
import { OUTLINE_REQUEST, SERVER_COMMANDS, SETTINGS_SECTION, STATS_REQUEST } from './protocol';
import { isMarkdown, isProjectFile, WATCHED_GLOBS } from './lsp/files';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './lsp/settings';
import { STARTER_CONFIG_REQUEST, starterConfigFor } from './lsp/starterConfig';

const connection = createServerConnection();
const documents = new TextDocuments(DOCUMENT_UPDATES);
const workspace = new ReportWorkspace();

let resolveReady: () => void = () => {};
/** Settings have been read once: checks wait for it so the first diagnostics already honour them. */
const ready = new Promise<void>((resolve) => (resolveReady = resolve));
/**
 * Some clients never send `initialized`: after this long without it, checking starts with the
 * settings of initializationOptions rather than never (hovers were answered, diagnostics never came).
 */
const INITIALIZED_GRACE_MS = 3000;
let initializedGrace: NodeJS.Timeout | undefined;
let readyWithoutInitialized = false;

const client = {
  configuration: false,
  dynamicWatchers: false,
  dynamicConfiguration: false,
  workspaceFolders: false,
  relatedInformation: false,
  documentChanges: false,
  resolveCodeActionEdit: false,
  applyEdit: false,
};
let initializationSettings: Settings = { ...DEFAULT_SETTINGS };
const editCaps = (): EditCapabilities => ({
  documentChanges: client.documentChanges,
  relatedInformation: client.relatedInformation,
  resolveEdit: client.resolveCodeActionEdit,
  applyEdit: client.applyEdit,
});
const publisher = new DiagnosticsPublisher(connection, documents, workspace, () => ({ relatedInformation: client.relatedInformation }), ready);

/**
 * Runs a handler so that a bug in it is logged and answered with `fallback`
 * instead of taking the server down. Deliberate errors (ResponseError: a rename
 * that cannot be done) go to the client as they are.
 */
function guard<P, R>(name: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params: P, token?: CancellationToken) => {
    // Cancelled while it waited behind a long check or request (the editor moved on): not computed at all.
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `report-lint: ${name} was cancelled by the editor.`);
    const started = timingEnabled ? now() : 0;
    try {
      return await handler(params);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      logFailure(connection.console, name, e);
      return fallback;
    } finally {
      if (timingEnabled) timing('handled', '', null, { handler: name, ms: now() - started });
    }
  };
}

/** Same for notifications (nothing to answer). */
function guardNotification<P>(name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  const run = guard(name, undefined, handler);
  return (params: P) => void run(params);
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  client.configuration = !!caps.workspace?.configuration;
  client.dynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  client.dynamicConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  client.workspaceFolders = !!caps.workspace?.workspaceFolders;
  client.relatedInformation = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
  client.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
  client.resolveCodeActionEdit = !!caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit');
  client.applyEdit = !!caps.workspace?.applyEdit;

  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [pathToUri(params.rootPath)] : []);
  workspace.setFolders(folders);
  const fromOptions = readSettings(params.initializationOptions);
  initializationSettings = fromOptions.settings;
  for (const p of fromOptions.problems) connection.console.warn(`report-lint: initializationOptions: ${p}`);
  workspace.applySettings(initializationSettings);
  initializedGrace = setTimeout(() => {
    readyWithoutInitialized = true;
    connection.console.warn('report-lint: the editor has not sent "initialized"; checking with the settings of initializationOptions.');
    resolveReady();
  }, INITIALIZED_GRACE_MS);

  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: client.resolveCodeActionEdit },
      executeCommandProvider: { commands: COMMAND_NAMES },
      workspace: { workspaceFolders: { supported: true, changeNotifications: client.workspaceFolders } },
    },
    serverInfo: { name: 'report-lint' },
  };
});

/** The unscoped settings and each workspace folder's (folder path → settings). */
interface PulledSettings {
  settings: Settings;
  byFolder?: Map<string, Settings>;
}

/**
 * Reads `reportLint` settings: the client's answer over initializationOptions over
 * defaults, once without a scope and once per workspace folder (scopeUri), since
 * rules, enable, registries and terminologyInQuotations may differ per folder.
 */
async function pullSettings(pushed?: unknown): Promise<PulledSettings> {
  const folders = workspace.folders;
  let raw: unknown[] = [pushed];
  let answered = false;
  if (client.configuration) {
    try {
      const items = [{ section: SETTINGS_SECTION }, ...folders.map((f) => ({ section: SETTINGS_SECTION, scopeUri: pathToUri(f) }))];
      const answer = await Promise.race([
        connection.workspace.getConfiguration(items),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5000)),
      ]);
      if (Array.isArray(answer)) {
        raw = answer;
        answered = true;
      }
    } catch (e) {
      connection.console.warn(`report-lint: could not read settings: ${(e as Error).message}`);
    }
  }
  const read = (value: unknown, where: string) => {
    const { settings, problems } = readSettings(value, initializationSettings);
    for (const p of problems) connection.console.warn(`report-lint: settings${where}: ${p}`);
    return settings;
  };
  const settings = read(raw[0], '');
  if (!answered) return { settings };
  const byFolder = new Map(folders.map((f, i) => [f, raw[i + 1] === undefined || raw[i + 1] === null ? settings : read(raw[i + 1], ` of ${f}`)]));
  return { settings, byFolder };
}

function applySettings({ settings: next, byFolder }: PulledSettings): void {
  const before = workspace.settings;
  const changed = workspace.applySettings(next, byFolder);
  if (!next.enable && ![...(byFolder?.values() ?? [])].some((s) => s.enable)) {
    publisher.clearAll();
    return;
  }
  // Documents in folders that turn checking off get their diagnostics cleared by the recheck.
  if (changed) publisher.recheckOpen();
  if (changed || before.workspaceDiagnostics !== next.workspaceDiagnostics) void publisher.scanWorkspace();
}

connection.onInitialized(
  guardNotification('initialized', async () => {
    clearTimeout(initializedGrace);
    if (client.dynamicConfiguration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    if (client.dynamicWatchers)
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch(() => undefined);
    // The change is read from the event itself: asking the client for its folders again failed with
    // clients that answer workspace/workspaceFolders with an error, and some send the event without
    // declaring folder support. Registered here, after vscode-languageserver's own handler (set up
    // during initialize for clients that declare it), which this one replaces.
    connection.onNotification(
      DidChangeWorkspaceFoldersNotification.type,
      guardNotification('workspace folders', async ({ event }: DidChangeWorkspaceFoldersParams) => {
        workspace.changeFolders(
          event.added.map((f) => f.uri),
          event.removed.map((f) => f.uri),
        );
        // A new folder brings its own settings.
        const pulled = await pullSettings();
        workspace.applySettings(pulled.settings, pulled.byFolder);
        publisher.recheckOpen();
        void publisher.scanWorkspace();
      }),
    );
    try {
      const pulled = await pullSettings();
      // Checks that started without `initialized` are done again if the settings differ.
      if (readyWithoutInitialized) applySettings(pulled);
      else workspace.applySettings(pulled.settings, pulled.byFolder);
    } finally {
      resolveReady();
    }
    if (workspace.settings.workspaceDiagnostics) void publisher.scanWorkspace();
  }),
);

connection.onDidChangeConfiguration(
  guardNotification('didChangeConfiguration', async (params) => {
    // Clients without workspace/configuration push the settings in the notification.
    applySettings(await pullSettings(params.settings));
  }),
);

/** A configuration or registry file in use changed: every report may check differently now. */
function projectFilesChanged(): void {
  workspace.invalidate();
  publisher.recheckOpen();
  if (workspace.settings.workspaceDiagnostics) void publisher.scanWorkspace();
}

function isRelevantProjectFile(file: string): boolean {
  if (path.basename(file) === CONFIG_FILE_NAME) return true;
  if (!isProjectFile(file)) return false;
  const inUse = [...workspace.openAnalyses().map((a) => a.project), ...publisher.projectsInUse()];
  const bibliographies = workspace.openAnalyses().flatMap((a) => a.result?.model.bibliography?.sources.map((s) => s.file) ?? []);
  if (bibliographies.includes(file) || /^_(?:quarto|metadata)\.ya?ml$/.test(path.basename(file))) return true;
  return inUse.some((p) => p.registryFiles.includes(file)) || workspace.settingsRegistries().includes(file);
}

connection.onDidChangeWatchedFiles(
  guardNotification('didChangeWatchedFiles', (params) => {
    let project = false;
    for (const change of params.changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      if (isRelevantProjectFile(file)) project = true;
      else if (isMarkdownPath(file) && workspace.settings.workspaceDiagnostics) {
        if (change.type === FileChangeType.Deleted) publisher.fileDeleted(file);
        else publisher.fileChanged(file);
      }
    }
    if (project) projectFilesChanged();
  }),
);

/** Version each document was opened at: TextDocuments reports the opening as a content change too. */
const openedAt = new Map<string, number>();

documents.onDidOpen(
  guardNotification('didOpen', ({ document }) => {
    if (!isMarkdown(document)) return;
    openedAt.set(document.uri, document.version);
    // The document's line offsets are read on its first edit, by a loop over the whole text (about
    // 12 ms at 1 MB before the loop is optimised): read them now, while the first check runs anyway.
    void document.lineCount;
    publisher.schedule(document.uri, 0);
  }),
);

documents.onDidChangeContent(
  guardNotification('didChange', ({ document }) => {
    if (openedAt.get(document.uri) === document.version || !isMarkdown(document)) return;
    publisher.schedule(document.uri);
  }),
);

documents.onDidClose(
  guardNotification('didClose', ({ document }) => {
    openedAt.delete(document.uri);
    if (isMarkdown(document)) publisher.closed(document.uri);
  }),
);

documents.onDidSave(
  guardNotification('didSave', ({ document }) => {
    // Clients that watch no files still tell us when a configuration or registry file is saved.
    const file = uriToPath(document.uri);
    if (file && isRelevantProjectFile(file)) projectFilesChanged();
  }),
);

function current(uri: string): CheckedDocument | undefined {
  return checkedDocument(documents, workspace, uri);
}

/** A request about one document: answered from its latest check, or `fallback` when it is not open. */
function onDocument<P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, handler: (checked: CheckedDocument, params: P) => R) {
  return guard(name, fallback, (params: P) => {
    const checked = current(params.textDocument.uri);
    return checked ? handler(checked, params) : fallback;
  });
}

/**
 * Where a request about a bibliography key points: a report (checked) or a
 * bibliography file open in the editor (references and rename start there too).
 */
function keyRequestTarget(params: { textDocument: { uri: string }; position: { line: number; character: number } }) {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || !workspace.settingsFor(doc.uri).enable) return undefined;
  return { checked: current(params.textDocument.uri), doc, offset: doc.offsetAt(params.position) };
}

connection.onHover(
  onDocument('hover', null, (checked, params) => {
    const cited = citationHover(checked, checked.model.lines.offsetAt(params.position), workspace);
    if (cited) return { contents: { kind: MarkupKind.Markdown, value: cited.value }, range: rangeOf(checked.model.lines, cited.span) };
    return hover(checked, params);
  }),
);
connection.onCompletion(
  onDocument('completion', null, (checked, params) => {
    const offset = checked.model.lines.offsetAt(params.position);
    const lineStart = checked.model.lines.offsetAt({ line: params.position.line, character: 0 });
    return citationCompletion(checked, offset, checked.model.text.slice(lineStart, offset)) ?? completion(checked, params);
  }),
);
connection.onDefinition(
  onDocument(
    'definition',
    null,
    (checked, params) => citationDefinition(checked, checked.model.lines.offsetAt(params.position), documents) ?? definition(checked, params),
  ),
);
connection.onReferences(
  guard('references', null, (params: ReferenceParams) => {
    const target = keyRequestTarget(params);
    if (!target) return null;
    const cited = citationReferences(target, workspace, documents, params.context?.includeDeclaration ?? true);
    if (cited) return cited;
    return target.checked ? references(target.checked, params) : null;
  }),
);
connection.onPrepareRename(
  guard('prepareRename', null, (params: PrepareRenameParams) => {
    const target = keyRequestTarget(params);
    if (!target) return null;
    return citationPrepareRename(target) ?? (target.checked ? prepareRename(target.checked, params) : null);
  }),
);
connection.onRenameRequest(
  guard('rename', null, (params: RenameParams) => {
    const target = keyRequestTarget(params);
    if (!target) return null;
    return citationRename(target, params.newName, workspace, documents) ?? (target.checked ? rename(target.checked, params) : null);
  }),
);
connection.onRequest(OUTLINE_REQUEST, onDocument('outline', null, reportOutline));
connection.onRequest(
  STARTER_CONFIG_REQUEST,
  guard('starterConfig', null, (params: unknown) => starterConfigFor(documents, params as Parameters<typeof starterConfigFor>[1])),
);
connection.onCodeAction(onDocument('codeAction', [], (checked, params: CodeActionParams) => codeActions(checked, params, editCaps())));
// A failure answers the action as it came (without an edit), never an error dialog.
connection.onCodeActionResolve((action: CodeAction) =>
  guard('codeActionResolve', action, (a: CodeAction) => (isFixAllData(a.data) ? resolveFixAll(current(a.data.reportLintFixAll.uri), a, editCaps()) : a))(
    action,
  ),
);

connection.onExecuteCommand(
  guard('executeCommand', null, async (params) => {
    const uri = uriArgument(params.arguments);
    if (!COMMAND_NAMES.includes(params.command)) throw new ResponseError(-32601, `Unknown command ${params.command}.`);
    if (!uri) throw new ResponseError(-32602, `${params.command} needs the document URI as its argument.`);
    const checked = openOrDiskDocument(documents, workspace, uri);
    if (!checked)
      throw new ResponseError(-32602, `${uri} is not a Markdown report report-lint can check (not open, not found, binary, or checking is disabled).`);
    switch (params.command) {
      case SERVER_COMMANDS.participants:
        return participants(checked);
      case SERVER_COMMANDS.footnoteInfo:
        return footnoteInfo(checked, positionArgument(params.arguments));
      case SERVER_COMMANDS.footnoteInsertion:
        return footnoteInsertion(checked, params.arguments);
      case SERVER_COMMANDS.fixAllEdits:
        return fixAllEditsOf(checked);
      case SERVER_COMMANDS.bibliography:
        return bibliographyInfo(checked);
      case SERVER_COMMANDS.renumberFootnotes:
        return renumberFootnotes(connection, checked, editCaps());
      case SERVER_COMMANDS.fixAll:
        return fixAll(connection, checked, editCaps());
    }
    return null;
  }),
);

/** For benchmarks and diagnosis: the server's memory and what it holds. */
connection.onRequest(
  STATS_REQUEST,
  guard('stats', null, () => ({
    memory: process.memoryUsage(),
    /** The whole server process (supervisor and worker): benchmarks divide it by the keystrokes. */
    cpu: process.cpuUsage(),
    openDocuments: documents.all().length,
    analyses: workspace.openAnalyses().length,
  })),
);

documents.listen(connection);
connection.listen();
