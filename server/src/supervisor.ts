/**
 * Keeps the language server answering whatever a report does to the engine.
 *
 * The server proper (server.ts: connection, documents, features, the engine) runs
 * in a worker thread; this main thread only relays JSON-RPC messages between the
 * client and the worker, mirrors the open documents, and watches the checks. The
 * worker says when it starts and ends checking a document; a check that overruns
 * its time budget cannot be interrupted in JavaScript, so the worker is terminated
 * and a fresh one started: it is given the client's initialize parameters and the
 * open documents again, and told which document version could not be checked, so
 * it publishes one diagnostic saying so (and why) instead of checking it again.
 * Requests that were in flight are passed on to the new worker; the client sees
 * answers, not a frozen server.
 *
 * The supervisor is also where every client message arrives first: messages with
 * parameters the server cannot use are answered or ignored here with a clear message
 * (lsp/params.ts), and shutdown and exit are handled here, so the process ends at once
 * even while the worker is in the middle of a long check.
 */
import { Worker } from 'node:worker_threads';
import * as net from 'node:net';
import {
  ErrorCodes,
  IPCMessageReader,
  MessageType,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type Message,
  type MessageReader,
  type MessageWriter,
  type NotificationMessage,
  type RequestMessage,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkBudgetMs, type EncodedNotification, type TooSlow, type WorkerSignal } from './lsp/watchdog';
import { timing, timingEnabled } from './lsp/timing';
import { ignoredNotificationNotice, paramsProblem } from './lsp/params';
import { updateDocument } from './lsp/documents';

interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  /** Whether the writer sends JSON text (stdio, socket): then a message the worker encoded is written as it is. */
  writesJson: boolean;
}

/** A message the worker already encoded as JSON (see EncodedNotification), for the writer of a JSON stream. */
class PreEncoded {
  readonly jsonrpc = '2.0';
  constructor(readonly json: string) {}
}

/** Writes JSON-RPC to a stream, with messages the worker encoded written as they are instead of encoded again. */
function jsonStreamWriter(stream: NodeJS.WritableStream): MessageWriter {
  return new StreamMessageWriter(stream, {
    charset: 'utf-8',
    contentTypeEncoder: {
      name: 'application/json',
      encode: async (msg, options) => Buffer.from(msg instanceof PreEncoded ? msg.json : JSON.stringify(msg), options.charset),
    },
  });
}

/** The transports the supervisor relays; others (pipes) run the server in one thread. */
function transportFromArgs(argv: string[]): Transport | Promise<Transport> | undefined {
  if (argv.includes('--stdio')) return { reader: new StreamMessageReader(process.stdin), writer: jsonStreamWriter(process.stdout), writesJson: true };
  if (argv.includes('--node-ipc')) return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), writesJson: false };
  const socket = argv.find((a) => a.startsWith('--socket='));
  if (socket) {
    const port = Number(socket.slice('--socket='.length));
    return new Promise((resolve, reject) => {
      const s = net.createConnection(port, '127.0.0.1', () => resolve({ reader: new StreamMessageReader(s), writer: jsonStreamWriter(s), writesJson: true }));
      s.on('error', reject);
    });
  }
  return undefined;
}

export function canSupervise(argv: string[]): boolean {
  return argv.includes('--stdio') || argv.includes('--node-ipc') || argv.some((a) => a.startsWith('--socket='));
}

const isRequest = (m: Message): m is RequestMessage =>
  'method' in m && 'id' in m && (m as RequestMessage).id !== undefined && (m as RequestMessage).id !== null;
const isNotification = (m: Message): m is NotificationMessage => 'method' in m && !('id' in m && (m as RequestMessage).id !== undefined);
const isResponse = (m: Message): m is ResponseMessage => !('method' in m) && 'id' in m;

/** A worker generation's request ids are rewritten as "<generation>:<id>", so answers never reach a later worker. */
const REPLAY_PREFIX = 'report-lint-replay-';

export async function supervise(workerFile: string, argv: string[] = process.argv): Promise<void> {
  const transport = await transportFromArgs(argv);
  if (!transport) throw new Error('no transport to supervise');
  const { reader, writer, writesJson } = transport;

  let initializeParams: unknown;
  let initialized = false;
  let lastConfiguration: NotificationMessage | undefined;
  let shutdownRequested = false;
  const documents = new Map<string, TextDocument>();
  /** Client requests the current worker has not answered yet, to pass on to its successor. */
  const pending = new Map<string | number, RequestMessage>();
  const tooSlow: TooSlow[] = [];

  let generation = 0;
  let worker: Worker;
  let watch: { timer: NodeJS.Timeout; uri: string; version: number | null } | undefined;

  const send = (m: Message) => void writer.write(m);
  /** A notification the worker encoded: as it is to a JSON stream; IPC sends objects, so it is read back first. */
  const sendEncoded = (m: EncodedNotification): Promise<void> =>
    writer.write(writesJson ? (new PreEncoded(m.reportLintEncoded) as unknown as Message) : JSON.parse(m.reportLintEncoded));
  let crashes: number[] = [];
  /** The worker ends itself when the editor's process is gone; then there is nobody to restart it for. */
  const clientAlive = () => {
    const pid = (initializeParams as { processId?: unknown } | undefined)?.processId;
    if (typeof pid !== 'number') return true;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  function start(replay: boolean): void {
    generation++;
    const mine = generation;
    worker = new Worker(workerFile, { argv: argv.slice(2), workerData: { reportLintWorker: true, tooSlow } });
    worker.on('message', (m: Message | WorkerSignal | EncodedNotification) => {
      if (mine !== generation) return;
      if ('reportLint' in m) return signal(m);
      if ('reportLintEncoded' in m) {
        if (!timingEnabled || m.method !== 'textDocument/publishDiagnostics') return void sendEncoded(m);
        timing('relayed', m.uri ?? '', m.version);
        return void sendEncoded(m).then(() => timing('written', m.uri ?? '', m.version));
      }
      if (isRequest(m)) {
        // Server → client request: tag its id with the generation.
        send({ ...m, id: `${mine}:${m.id}` } as RequestMessage);
      } else if (isResponse(m)) {
        if (typeof m.id === 'string' && m.id.startsWith(REPLAY_PREFIX)) return; // answer to our replayed initialize
        if (m.id !== null) pending.delete(m.id);
        send(m);
      } else if (timingEnabled && (m as NotificationMessage).method === 'textDocument/publishDiagnostics') {
        const p = (m as NotificationMessage).params as { uri: string; version?: number };
        timing('relayed', p.uri, p.version);
        void writer.write(m).then(() => timing('written', p.uri, p.version));
      } else send(m);
    });
    worker.on('error', (e) => {
      if (mine !== generation) return;
      process.stderr.write(`report-lint: the server worker failed: ${e.stack ?? e}\n`);
    });
    worker.on('exit', (code) => {
      if (mine !== generation) return;
      if (!clientAlive()) process.exit(code);
      crashes = crashes.filter((t) => Date.now() - t < 60_000);
      crashes.push(Date.now());
      if (crashes.length > 5) {
        process.stderr.write('report-lint: the server worker stopped five times in a minute; giving up\n');
        process.exit(1);
      }
      // A crash (out of memory, a bug): start again with the documents as they are.
      clearWatch();
      process.stderr.write(`report-lint: the server worker stopped (code ${code}); starting a new one\n`);
      restart();
    });
    if (!replay) return;
    if (initializeParams !== undefined) worker.postMessage({ jsonrpc: '2.0', id: `${REPLAY_PREFIX}${mine}`, method: 'initialize', params: initializeParams });
    if (initialized) worker.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
    if (lastConfiguration) worker.postMessage(lastConfiguration);
    for (const doc of documents.values())
      worker.postMessage({
        jsonrpc: '2.0',
        method: 'textDocument/didOpen',
        params: { textDocument: { uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.getText() } },
      });
    for (const request of pending.values()) worker.postMessage(request);
  }

  function restart(): void {
    const old = worker;
    start(true);
    void old.terminate();
  }

  function clearWatch(): void {
    if (watch) clearTimeout(watch.timer);
    watch = undefined;
  }

  function signal(m: WorkerSignal): void {
    if (m.reportLint === 'checking') {
      clearWatch();
      const budget = m.budgetMs ?? checkBudgetMs(m.chars);
      const started = Date.now();
      watch = {
        uri: m.uri,
        version: m.version,
        timer: setTimeout(() => {
          watch = undefined;
          tooSlow.push({ uri: m.uri, version: m.version, chars: m.chars, budgetMs: budget, elapsedMs: Date.now() - started });
          // Only the latest versions matter; keep the list short.
          if (tooSlow.length > 50) tooSlow.splice(0, tooSlow.length - 50);
          restart();
        }, budget),
      };
    } else if (m.reportLint === 'checked') clearWatch();
  }

  function mirror(m: NotificationMessage): void {
    // The fields of didOpen, didChange and didClose that are read below.
    const p = m.params as {
      textDocument: { uri: string; languageId: string; version: number; text: string };
      contentChanges: Parameters<typeof TextDocument.update>[1];
    };
    switch (m.method) {
      case 'textDocument/didOpen':
        documents.set(p.textDocument.uri, TextDocument.create(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text));
        break;
      case 'textDocument/didChange': {
        const doc = documents.get(p.textDocument.uri);
        if (doc) documents.set(doc.uri, updateDocument(doc, p.contentChanges, p.textDocument.version));
        break;
      }
      case 'textDocument/didClose':
        documents.delete(p.textDocument.uri);
        break;
      case 'workspace/didChangeConfiguration':
        lastConfiguration = m;
        break;
      case 'initialized':
        initialized = true;
        break;
    }
  }

  /** Documents changed without having been opened, told once each (a client's bug: its edits are not seen). */
  const changedUnopened = new Set<string>();
  function unopenedProblem(m: NotificationMessage): string | undefined {
    if (m.method === 'textDocument/didOpen') changedUnopened.delete((m.params as { textDocument: { uri: string } }).textDocument.uri);
    if (m.method !== 'textDocument/didChange') return undefined;
    const uri = (m.params as { textDocument: { uri: string } }).textDocument.uri;
    if (documents.has(uri) || changedUnopened.has(uri)) return undefined;
    changedUnopened.add(uri);
    return 'the document was never opened (no textDocument/didOpen), so its changes are not seen';
  }

  /** Answers a client request here, without the worker. */
  const answer = (request: RequestMessage, result: unknown) => send({ jsonrpc: '2.0', id: request.id, result } as ResponseMessage);
  const refuse = (request: RequestMessage, code: number, message: string) =>
    send({ jsonrpc: '2.0', id: request.id, error: { code, message: `${request.method}: ${message}` } } as ResponseMessage);

  reader.listen((m: Message) => {
    if (isRequest(m)) {
      if (initializeParams === undefined && m.method !== 'initialize')
        return refuse(m, ErrorCodes.ServerNotInitialized, 'the server is not initialized yet (send initialize first)');
      if (shutdownRequested) return refuse(m, ErrorCodes.InvalidRequest, 'the server is shutting down (shutdown was requested)');
      // Nothing to save: answered here at once, also while the worker is busy with a long check.
      if (m.method === 'shutdown') {
        shutdownRequested = true;
        return answer(m, null);
      }
      const problem = paramsProblem(m.method, m.params);
      if (problem) return refuse(m, ErrorCodes.InvalidParams, problem);
      if (m.method === 'initialize') initializeParams = m.params;
      pending.set(m.id as string | number, m);
      worker.postMessage(m);
    } else if (isResponse(m)) {
      // An answer to a worker's request: only the generation that asked gets it.
      const id = String(m.id ?? '');
      const colon = id.indexOf(':');
      if (colon < 0 || Number(id.slice(0, colon)) !== generation) return;
      const raw = id.slice(colon + 1);
      worker.postMessage({ ...m, id: /^\d+$/.test(raw) ? Number(raw) : raw });
    } else if (isNotification(m)) {
      // The worker need not be waited for (see above), nor its last check.
      if (m.method === 'exit') process.exit(shutdownRequested ? 0 : 1);
      if (shutdownRequested) return;
      const problem = paramsProblem(m.method, m.params) ?? unopenedProblem(m);
      if (problem) {
        send({
          jsonrpc: '2.0',
          method: 'window/logMessage',
          params: { type: MessageType.Warning, message: ignoredNotificationNotice(m.method, m.params, problem) },
        } as NotificationMessage);
        return;
      }
      if (timingEnabled && m.method === 'textDocument/didChange') {
        const p = m.params as { textDocument: { uri: string; version: number } };
        timing('received', p.textDocument.uri, p.textDocument.version);
      }
      // The worker first: mirroring an edit into a long report's copy (kept only to replay it to a
      // successor) costs a millisecond or more, and tens when it brings a garbage collection; the
      // worker applies the edit on its own thread meanwhile, so no keystroke waits for the copy.
      worker.postMessage(m);
      try {
        mirror(m);
      } catch (e) {
        process.stderr.write(`report-lint: ${m.method}: ${(e as Error).message}\n`);
      }
    }
  });
  reader.onClose(() => process.exit(1));
  watchClientProcess(argv);
  start(false);
}

/** Ends the server when the editor that started it is gone (`--clientProcessId`), as vscode-languageserver does. */
function watchClientProcess(argv: string[]): void {
  const arg = argv.find((a) => a.startsWith('--clientProcessId='));
  const index = argv.indexOf('--clientProcessId');
  const pid = Number(arg ? arg.split('=')[1] : index >= 0 ? argv[index + 1] : NaN);
  if (!Number.isInteger(pid)) return;
  setInterval(() => {
    try {
      process.kill(pid, 0);
    } catch {
      process.exit(1);
    }
  }, 3000).unref();
}
