/**
 * The VS Code side of Report Lint: starts the language server (dist/server.js) and
 * adds the commands that need the editor (inserting citations and footnotes).
 * Every check runs in the server; this file only talks to it.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { insertBibliographyCitation } from './bibliographyCitation';
import {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type ExecuteCommandRegistrationOptions,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { citationInsertText, combineParticipantIds, shortFootnoteText } from './insertions';
import { applyFootnoteInsertion, type FootnoteInsertionResult } from './footnoteInsertion';
import { registerReportViews } from './views/reportViews';
import { registerStatusBar } from './statusBar';
import { pickMany, pickOne } from './pickers';
import { jsonSyntaxDiagnosticsFilter } from './configDiagnostics';
import { registerFixOnSave, type FixAllEdits } from './fixOnSave';
import { ruleDocsFeature } from './ruleDocs';
import {
  CLIENT_COMMANDS,
  SERVER_COMMANDS,
  SETTINGS_SECTION,
  type BibliographyInfo,
  type EditCommandResult,
  type FootnoteInfo,
  type ParticipantInfo,
} from '../../server/src/protocol';
import { CREATE_CONFIGURATION_COMMAND, createConfigurationFile } from './createConfiguration';
import { registerWalkthrough } from './walkthrough';

export interface ParticipantPickItem extends vscode.QuickPickItem {
  participant: ParticipantInfo;
}

export interface FootnotePickItem extends vscode.QuickPickItem {
  /** Undefined for "New footnote"; the footnote text to repeat for "Cite again". */
  citeAgain?: string;
}

/** The pickers, behind an object so the extension-host tests can answer them. */
export interface ReportLintUi {
  pickParticipants(items: ParticipantPickItem[]): Thenable<readonly ParticipantPickItem[] | undefined>;
  pickFootnote(items: FootnotePickItem[]): Thenable<FootnotePickItem | undefined>;
  /** A warning with buttons; answers the chosen button. */
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
}

export interface ReportLintApi {
  /** Time spent in `activate`, in milliseconds (the server starts afterwards, in the background). */
  activationMs: number;
  ui: ReportLintUi;
  /** Settles when the language server has (re)started; rejects when it could not start. */
  readonly ready: Promise<void>;
}

const OUTPUT_NAME = 'Report Lint';
/** Language ids of the reports the server checks: Markdown, Quarto, R Markdown. */
const REPORT_LANGUAGE_IDS = ['markdown', 'quarto', 'rmd'];
/** Commands this client registers itself; the server may advertise the same names for other editors. */
const OWN_COMMANDS = new Set<string>(Object.values(CLIENT_COMMANDS));

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ReportLintApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel(OUTPUT_NAME);
  context.subscriptions.push(output);
  // Benchmark aid (test/bench/workbench.ts): when the extension host sees diagnostics change.
  const timingLog = process.env.REPORT_LINT_TIMING_LOG;
  if (timingLog)
    context.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        const at = performance.timeOrigin + performance.now();
        for (const uri of e.uris) fs.appendFileSync(timingLog, `${JSON.stringify({ event: 'exthost', uri: uri.toString(), at })}\n`);
      }),
      // When the extension host learns of an edit (registered before the language client's own listener).
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        const at = performance.timeOrigin + performance.now();
        fs.appendFileSync(timingLog, `${JSON.stringify({ event: 'exthostChange', uri: e.document.uri.toString(), version: e.document.version, at })}\n`);
      }),
    );

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const ui: ReportLintUi = {
    pickParticipants: (items) =>
      pickMany(items, {
        title: 'Insert Participant Citation',
        placeHolder: 'Type an ID and press Enter, or tick several (participants of one interview are cited together)',
      }),
    pickFootnote: (items) => pickOne(items, { title: 'Insert Footnote', placeHolder: 'A new footnote, or a new reference that repeats an earlier footnote' }),
    warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  };
  const crashHandler = restartingErrorHandler(output, ui);

  const watchers = ['**/.reportlintrc.json', '**/*.csv', '**/*.json', '**/*.{bib,bibtex,yaml,yml}'].map((glob) =>
    vscode.workspace.createFileSystemWatcher(glob),
  );
  context.subscriptions.push(...watchers);

  const syntaxFilter = jsonSyntaxDiagnosticsFilter();
  const ruleDocs = ruleDocsFeature(context);
  context.subscriptions.push(syntaxFilter.disposable, ruleDocs.disposable);

  const clientOptions: LanguageClientOptions = {
    // Markdown, Quarto and R Markdown reports; bibliography files for Find References and Rename from an entry.
    documentSelector: [
      ...REPORT_LANGUAGE_IDS.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      { scheme: 'file', language: 'bibtex' },
      { scheme: 'file', pattern: '**/*.{bib,bibtex}' },
    ],
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: watchers },
    outputChannel: output,
    errorHandler: crashHandler,
    middleware: { ...timedDiagnostics(timingLog, syntaxFilter.middleware), ...timedDidChange(timingLog), ...ruleDocs.middleware },
  };
  const languageClient = new LanguageClient(SETTINGS_SECTION, OUTPUT_NAME, serverOptions, clientOptions);
  client = languageClient;
  keepServerCommandsFromClashing(languageClient);

  // Not awaited: activation must stay fast; commands wait for `ready` when they need the server.
  let ready = startServer(() => languageClient.start(), output);
  const server: Server = { client: languageClient, ready: () => ready };

  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.insertParticipantCitation, () => insertParticipantCitation(server, ui)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.insertFootnote, () => insertFootnote(server, ui)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.insertBibliographyCitation, async () => {
      const editor = activeMarkdownEditor();
      if (!editor) return;
      const info = await askServer<BibliographyInfo>(server, SERVER_COMMANDS.bibliography, editor.document.uri);
      if (info) await insertBibliographyCitation(editor, info);
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.renumberFootnotes, (arg?: unknown) => runServerCommand(server, SERVER_COMMANDS.renumberFootnotes, arg)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.fixAll, (arg?: unknown) => runServerCommand(server, SERVER_COMMANDS.fixAll, arg)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showOutput, () => output.show(true)),
    registerFixOnSave(
      REPORT_LANGUAGE_IDS,
      async (uri) => {
        // Not waiting for a server that is still starting: the save goes ahead unfixed.
        if (languageClient.state !== State.Running) return undefined;
        return (
          ((await languageClient.sendRequest(ExecuteCommandRequest.type, {
            command: SERVER_COMMANDS.fixAllEdits,
            arguments: [{ uri: uri.toString() }],
          })) as FixAllEdits | null) ?? undefined
        );
      },
      (line) => output.appendLine(line),
    ),
    vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, async () => {
      crashHandler.reset();
      output.appendLine('Restarting the Report Lint server.');
      ready = startServer(() => (languageClient.state === State.Running ? languageClient.restart() : languageClient.start()), output);
      await ready.catch(() => undefined);
    }),
  );

  // The views and the status bar follow the documents the server checks.
  const languages = REPORT_LANGUAGE_IDS;
  registerReportViews(context, { ...server, languages });
  registerStatusBar(context, { client: languageClient, languages });
  registerWalkthrough(context);
  context.subscriptions.push(vscode.commands.registerCommand(CREATE_CONFIGURATION_COMMAND, () => createConfigurationFile({ ...server, languages })));
  void vscode.commands.executeCommand('setContext', 'reportLint.active', true);

  const activationMs = performance.now() - started;
  output.appendLine(`Report Lint activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    ui,
    get ready() {
      return ready;
    },
  };
}

/** The language client and the promise of its current start. */
interface Server {
  client: LanguageClient;
  ready(): Promise<void>;
}

function startServer(start: () => Promise<void>, output: vscode.OutputChannel): Promise<void> {
  const started = start();
  started.catch((e: unknown) => output.appendLine(`The Report Lint server could not start: ${errorText(e)}`));
  return started;
}

export async function deactivate(): Promise<void> {
  if (client && client.state !== State.Stopped) await client.stop();
  client = undefined;
}

/**
 * Restarts a crashed server like the library's default handler (up to 4 times in
 * 3 minutes) but logs to the output channel instead of showing a notification per
 * crash, and tells the user once, with a way to the log, when it gives up.
 */
function restartingErrorHandler(output: vscode.OutputChannel, ui: ReportLintUi): ErrorHandler & { reset(): void } {
  const maxRestarts = 4;
  const windowMs = 3 * 60 * 1000;
  let restarts: number[] = [];
  let warned = false;
  // The user hears about a crash once per session, not once per crash.
  let toldOfRestart = false;
  return {
    reset() {
      restarts = [];
      warned = false;
    },
    error(error, _message, count): ErrorHandlerResult {
      output.appendLine(`Connection to the Report Lint server failed: ${error.message}`);
      return count !== undefined && count <= 3 ? { action: ErrorAction.Continue, handled: true } : { action: ErrorAction.Shutdown, handled: true };
    },
    closed(): CloseHandlerResult {
      const now = Date.now();
      restarts.push(now);
      restarts = restarts.filter((t) => now - t <= windowMs);
      if (restarts.length <= maxRestarts) {
        output.appendLine('The Report Lint server stopped unexpectedly; restarting it.');
        if (!toldOfRestart) {
          toldOfRestart = true;
          void ui.warn('The Report Lint server stopped unexpectedly and was restarted; checking goes on.', 'Show Output').then((choice) => {
            if (choice === 'Show Output') output.show(true);
          });
        }
        return { action: CloseAction.Restart, handled: true };
      }
      output.appendLine(
        `The Report Lint server stopped ${restarts.length} times within 3 minutes; it is not restarted again (run "Report Lint: Restart Server" to try again).`,
      );
      if (!warned) {
        warned = true;
        void ui
          .warn('Report Lint stopped checking reports: its language server crashed repeatedly. The output has the details.', 'Show Output', 'Restart Server')
          .then((choice) => {
            if (choice === 'Show Output') output.show(true);
            else if (choice === 'Restart Server') void vscode.commands.executeCommand(CLIENT_COMMANDS.restartServer);
          });
      }
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

/**
 * The language client turns every command the server advertises into a VS Code
 * command. The server advertises renumber and fix-all for other editors, but here
 * the client's own commands (which add the active document) own those names, and a
 * second registration would make the client fail to start.
 */
function keepServerCommandsFromClashing(languageClient: LanguageClient): void {
  type Registration = { id: string; registerOptions: ExecuteCommandRegistrationOptions };
  type CommandFeature = { register(data: Registration): void };
  const feature = (languageClient as unknown as { getFeature(method: string): CommandFeature | undefined }).getFeature(ExecuteCommandRequest.method);
  if (!feature) return;
  const register = feature.register.bind(feature);
  feature.register = (data) =>
    register({ ...data, registerOptions: { ...data.registerOptions, commands: data.registerOptions.commands.filter((c) => !OWN_COMMANDS.has(c)) } });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function activeMarkdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !REPORT_LANGUAGE_IDS.includes(editor.document.languageId)) {
    void vscode.window.showInformationMessage('Report Lint: open a Markdown, Quarto or R Markdown report first.');
    return undefined;
  }
  return editor;
}

async function askServer<T>(server: Server, command: string, uri: vscode.Uri, args: Record<string, unknown> = {}): Promise<T | undefined> {
  try {
    await server.ready();
    return (await server.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [{ ...args, uri: uri.toString() }] })) as T;
  } catch (e) {
    void vscode.window.showErrorMessage(`Report Lint: ${command} failed: ${errorText(e)}`, 'Show Output').then((choice) => {
      if (choice === 'Show Output') server.client.outputChannel.show(true);
    });
    return undefined;
  }
}

/** The document a server command applies to: the argument (a code action's `{uri}`, a Uri or a string) or the active editor. */
function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  if (arg && typeof arg === 'object' && typeof (arg as { uri?: unknown }).uri === 'string') return vscode.Uri.parse((arg as { uri: string }).uri);
  return activeMarkdownEditor()?.document.uri;
}

/**
 * Renumber and fix-all run in the server, which edits the document through
 * workspace/applyEdit (and explains itself when renumbering is impossible); the
 * outcome goes to the status bar, so "nothing to fix" does not interrupt.
 */
async function runServerCommand(server: Server, command: string, arg: unknown): Promise<EditCommandResult | undefined> {
  const uri = targetUri(arg);
  if (!uri) return undefined;
  const result = await askServer<EditCommandResult | null>(server, command, uri);
  if (result && typeof result.message === 'string') vscode.window.setStatusBarMessage(`Report Lint: ${result.message}`, 5000);
  return result ?? undefined;
}

async function insertParticipantCitation(server: Server, ui: ReportLintUi): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const participants = await askServer<ParticipantInfo[]>(server, SERVER_COMMANDS.participants, editor.document.uri);
  if (!participants) return;
  if (!participants.length) {
    void vscode.window.showInformationMessage(
      'Report Lint: this report has no participants yet. Add a participant table (ID column first) or name a registry file in .reportlintrc.json.',
    );
    return;
  }
  const items: ParticipantPickItem[] = participants.map((p) => ({
    label: p.id,
    description: p.agency ?? '',
    detail: [p.position, p.citations ? `cited ${p.citations} time${p.citations === 1 ? '' : 's'}` : 'not cited yet'].filter(Boolean).join(' · '),
    participant: p,
  }));
  const picked = await ui.pickParticipants(items);
  if (!picked?.length) return;
  const citation = combineParticipantIds(picked.map((p) => p.participant.id));
  const document = editor.document;
  await editor.edit((edit) => {
    for (const selection of editor.selections) {
      const before = document.lineAt(selection.start.line).text.slice(0, selection.start.character);
      edit.replace(selection, citationInsertText(before, citation));
    }
  });
}

const NEW_FOOTNOTE = 'New footnote';

async function insertFootnote(server: Server, ui: ReportLintUi): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const document = editor.document;
  const position = { line: editor.selection.active.line, character: editor.selection.active.character };
  const info = await askServer<FootnoteInfo>(server, SERVER_COMMANDS.footnoteInfo, document.uri, { position });
  if (!info) return;

  const seen = new Set<string>();
  const items: FootnotePickItem[] = [{ label: NEW_FOOTNOTE, description: `footnote ${info.nextNumber}` }];
  for (const f of info.existing) {
    const text = f.text.trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    items.push({
      label: `Cite again: ${shortFootnoteText(text)}`,
      description: `as footnote ${info.nextNumber} (repeats footnote ${f.label})`,
      citeAgain: text,
    });
  }
  const picked = items.length === 1 ? items[0] : await ui.pickFootnote(items);
  if (!picked) return;
  await applyFootnoteInsertion(
    editor,
    await askServer<FootnoteInsertionResult>(server, SERVER_COMMANDS.footnoteInsertion, document.uri, {
      position,
      text: picked.citeAgain ?? '',
      defaultStyle: vscode.workspace.getConfiguration(SETTINGS_SECTION, document.uri).get<'gfm' | 'superscript'>('defaultFootnoteStyle', 'gfm'),
    }),
    picked.citeAgain === undefined,
  );
}

/**
 * Benchmark aid (test/bench/workbench.ts): with REPORT_LINT_TIMING_LOG set, stamps when the
 * language client takes an edit up and when it has written the didChange notification.
 */
function timedDidChange(timingLog: string | undefined): Pick<Middleware, 'didChange'> {
  if (!timingLog) return {};
  const stamp = (event: string, document: vscode.TextDocument) =>
    fs.appendFileSync(
      timingLog,
      `${JSON.stringify({ event, uri: document.uri.toString(), version: document.version, at: performance.timeOrigin + performance.now() })}\n`,
    );
  return {
    async didChange(event, next) {
      stamp('clientChange', event.document);
      await next(event);
      stamp('clientSent', event.document);
    },
  };
}

/**
 * Benchmark aid (test/bench/workbench.ts): with REPORT_LINT_TIMING_LOG set, stamps when
 * the language client hands over converted diagnostics and when they are set.
 */
function timedDiagnostics(timingLog: string | undefined, inner: Pick<Middleware, 'handleDiagnostics'>): Pick<Middleware, 'handleDiagnostics'> {
  const handle = inner.handleDiagnostics;
  if (!timingLog || !handle) return inner;
  const stamp = (event: string, uri: vscode.Uri, count: number) =>
    fs.appendFileSync(timingLog, `${JSON.stringify({ event, uri: uri.toString(), at: performance.timeOrigin + performance.now(), count })}\n`);
  return {
    handleDiagnostics(uri, diagnostics, next) {
      stamp('exthostConverted', uri, diagnostics.length);
      handle(uri, diagnostics, (u, d) => {
        next(u, d);
        stamp('exthostSet', u, d?.length ?? 0);
      });
    },
  };
}
