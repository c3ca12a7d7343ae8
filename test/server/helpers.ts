/**
 * A minimal LSP client for protocol tests and the benchmark: spawns the bundled
 * server (`node dist/server.js --stdio`), speaks real JSON-RPC to it, answers its
 * requests (configuration from a test-controlled settings object, applyEdit,
 * registrations) and records what it publishes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ApplyWorkspaceEditParams,
  type TextEdit,
  type WorkspaceEdit,
  type Diagnostic,
  type InitializeResult,
  ErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server.js');
export const SAMPLES = path.join(REPO, 'samples');
export const SHARED_SAMPLES = path.resolve(REPO, '..', 'shared', 'samples');

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** A fresh temporary workspace folder, removed by `cleanup`. */
export function tempWorkspace(files: Record<string, string> = {}): {
  dir: string;
  file: (name: string) => string;
  write: (name: string, text: string) => string;
  cleanup: () => void;
} {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-lsp-')));
  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { dir, file: (name) => path.join(dir, name), write, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface StartOptions {
  folder: string;
  /** The `reportLint` section answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** false: the client does not answer workspace/configuration (like some editors). */
  configuration?: boolean;
  /** Extra arguments for node (`--cpu-prof` when profiling the benchmark). */
  nodeArgs?: string[];
  /** Start through this script with these arguments instead of `dist/server.js --stdio`. */
  command?: string[];
  /** Extra environment variables for the server. */
  env?: Record<string, string>;
  /** More workspace folders after `folder` (a multi-root workspace). */
  moreFolders?: string[];
  /** false: the client does not apply edits the server sends (no workspace/applyEdit). */
  applyEdit?: boolean;
  /** The client resolves code action edits lazily (codeAction/resolve), as VS Code does. */
  codeActionResolve?: boolean;
  /** `ipc`: the server is started with --node-ipc and spoken to over Node's IPC channel, as VS Code starts it. */
  transport?: 'stdio' | 'ipc';
  /**
   * A client unlike VS Code: it declares no capabilities beyond text synchronisation (no
   * workspace/configuration, no dynamic registration, no workspace folders) and names the
   * folder by `rootUri` only, or nothing at all (`'none'`).
   */
  minimal?: 'rootUri' | 'none';
  /** With `minimal`: the client never sends `initialized` (as some do not). */
  withoutInitialized?: boolean;
}

const SERVER_TO_CLIENT_REQUESTS = [
  'workspace/configuration',
  'client/registerCapability',
  'client/unregisterCapability',
  'workspace/workspaceFolders',
  'workspace/applyEdit',
  'window/showMessageRequest',
  'window/showDocument',
  'window/workDoneProgress/create',
  'workspace/semanticTokens/refresh',
  'workspace/diagnostic/refresh',
  'workspace/inlayHint/refresh',
  'workspace/codeLens/refresh',
];

interface Waiter {
  uri: string;
  test: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class TestClient {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  /** window/logMessage messages and the server's error output. */
  readonly logs: string[] = [];
  /** window/logMessage messages only. */
  readonly logMessages: string[] = [];
  readonly shownMessages: string[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** Methods of the requests the server sent (a minimal client answers none of them). */
  readonly serverRequests: string[] = [];
  /** What the client answers to workspace/applyEdit (the test then applies it itself). */
  applyEditResult = { applied: true };
  /** Folder URI → that folder's own `reportLint` settings (answered for a scopeUri inside it). */
  folderSettings: Record<string, Record<string, unknown>> = {};
  initializeResult?: InitializeResult;
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, TextDocument>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    public settings: Record<string, unknown>,
  ) {}

  static async start(options: StartOptions): Promise<TestClient> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    const ipc = options.transport === 'ipc';
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...(options.command ?? [SERVER, ipc ? '--node-ipc' : '--stdio'])], {
      cwd: options.folder,
      stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const connection = ipc
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (d: Buffer) => client.logs.push(d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = client.published.get(p.uri) ?? [];
      list.push(p);
      client.published.set(p.uri, list);
      client.waiters = client.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.test(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
      client.logMessages.push(p.message);
    });
    connection.onNotification('window/showMessage', (p: { message: string }) => client.shownMessages.push(p.message));
    // What a client that supports none of them answers to the requests a server may send.
    for (const method of SERVER_TO_CLIENT_REQUESTS)
      connection.onRequest(method, () => {
        client.serverRequests.push(method);
        throw new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
      });
    const folders = [options.folder, ...(options.moreFolders ?? [])].map((f) => ({ uri: uriOf(f), name: path.basename(f) }));
    if (options.minimal) {
      connection.listen();
      client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: options.minimal === 'rootUri' ? uriOf(options.folder) : null,
        initializationOptions: options.initializationOptions,
        capabilities: { textDocument: { synchronization: {} } },
      });
      if (!options.withoutInitialized) await connection.sendNotification('initialized', {});
      return client;
    }
    // Like VS Code: a folder's own settings over the workspace's, when asked with the folder as scope.
    const scoped = (scopeUri?: string) => ({ ...client.settings, ...(scopeUri ? client.folderSettings[scopeUri] : undefined) });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) =>
      p.items.map((i) => (i.section === 'reportLint' ? scoped(i.scopeUri) : i.section ? null : { reportLint: scoped(i.scopeUri) })),
    );
    connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      client.registrations.push(...p.registrations);
      return null;
    });
    connection.onRequest('workspace/workspaceFolders', () => folders);
    connection.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      client.appliedEdits.push(p);
      return client.applyEditResult;
    });
    connection.onRequest('window/showMessageRequest', () => null);
    connection.listen();
    client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: uriOf(options.folder),
      workspaceFolders: folders,
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: options.configuration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
          workspaceEdit: { documentChanges: true },
          applyEdit: options.applyEdit ?? true,
        },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          rename: { prepareSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            isPreferredSupport: true,
            ...(options.codeActionResolve ? { resolveSupport: { properties: ['edit'] }, dataSupport: true } : {}),
          },
        },
        window: {},
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Opens a document (version 1). */
  open(uri: string, text: string, languageId = 'markdown'): void {
    this.versions.set(uri, 1);
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  text(uri: string): string {
    return this.texts.get(uri)!.getText();
  }

  version(uri: string): number {
    return this.versions.get(uri)!;
  }

  /**
   * Sends edits as incremental changes (one didChange); returns the new version.
   * Edits are given against the current text and sent from the last to the first,
   * so each range is still valid when the server applies it.
   */
  edit(uri: string, edits: TextEdit[]): number {
    const doc = this.texts.get(uri)!;
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    const version = this.version(uri) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, TextDocument.create(uri, doc.languageId, version, TextDocument.applyEdits(doc, edits)));
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return version;
  }

  /** Replaces the first occurrence of `find` (after `from`) by `replacement`. */
  replace(uri: string, find: string, replacement: string, from = 0): number {
    const doc = this.texts.get(uri)!;
    const at = doc.getText().indexOf(find, from);
    if (at < 0) throw new Error(`"${find}" is not in ${uri}`);
    return this.edit(uri, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + find.length) }, newText: replacement }]);
  }

  /** Applies a WorkspaceEdit for `uri` (either form) as an incremental change. */
  applyWorkspaceEdit(uri: string, edit: WorkspaceEdit): number {
    return this.edit(uri, editsFor(edit, uri));
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the first publication for `uri` that passes `test` (already received ones count). */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15_000): Promise<PublishDiagnosticsParams> {
    const seen = (this.published.get(uri) ?? []).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, test, resolve: (p) => (clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const last = this.published.get(uri)?.at(-1);
        reject(
          new Error(
            `no matching diagnostics for ${uri} (last: ${last ? `version ${last.version}, ${last.diagnostics.map((d) => d.code).join(', ')}` : 'none'})\n${this.logs.join('\n')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Diagnostics of the current version of an open document. */
  current(uri: string): Promise<PublishDiagnosticsParams> {
    const v = this.version(uri);
    return this.diagnostics(uri, (p) => p.version === v);
  }

  /** The next publication for `uri` after the ones received so far. */
  next(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const already = new Set(this.published.get(uri) ?? []);
    return this.diagnostics(uri, (p) => !already.has(p) && test(p));
  }

  /** Tells the server the settings changed (it pulls them with workspace/configuration). */
  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

/** The text edits a WorkspaceEdit makes to one document, whichever form it uses. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const out: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const c of edit.documentChanges ?? []) if ('textDocument' in c && c.textDocument.uri === uri) out.push(...(c.edits as TextEdit[]));
  return out;
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

/** 1-based line of a diagnostic (as EXPECTED.md and the CLI count). */
export function line(d: Diagnostic): number {
  return d.range.start.line + 1;
}

export function readSample(name: string): string {
  return fs.readFileSync(path.join(SAMPLES, name), 'utf8');
}

/** Waits until `condition` holds (for notifications that follow the one awaited). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
