/**
 * The worker's side of the supervisor (../supervisor.ts): it tells the main thread
 * when a check starts and ends, and learns at start which document versions a
 * previous worker could not check in time.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import {
  createConnection,
  PortMessageReader,
  PortMessageWriter,
  ProposedFeatures,
  type Connection,
  type Message,
  type NotificationMessage,
} from 'vscode-languageserver/node';

/** A document version whose check overran its budget (the worker was replaced). */
export interface TooSlow {
  uri: string;
  /** null: a file on disk (workspace diagnostics). */
  version: number | null;
  chars: number;
  budgetMs: number;
  elapsedMs: number;
}

export type WorkerSignal = { reportLint: 'checking'; uri: string; version: number | null; chars: number; budgetMs?: number } | { reportLint: 'checked' };

/**
 * A diagnostics notification the worker has already written as JSON. Posting the
 * string costs a copy; posting the object cost a structured clone of every diagnostic
 * (a 1 MB report publishes hundreds on each keystroke) and the supervisor then encoded
 * it again. The supervisor writes the JSON as it is (see supervisor.ts).
 */
export interface EncodedNotification {
  reportLintEncoded: string;
  method: string;
  uri?: string;
  version?: number | null;
}

/** Posts diagnostics to the supervisor as JSON (see EncodedNotification), other messages as they are. */
class WorkerMessageWriter extends PortMessageWriter {
  constructor(private readonly target: MessagePort) {
    super(target);
  }

  override write(msg: Message): Promise<void> {
    const notification = msg as NotificationMessage;
    if (notification.method !== 'textDocument/publishDiagnostics') return super.write(msg);
    const params = notification.params as { uri?: string; version?: number | null } | undefined;
    try {
      this.target.postMessage({
        reportLintEncoded: JSON.stringify(msg),
        method: notification.method,
        uri: params?.uri,
        version: params?.version,
      } satisfies EncodedNotification);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

const data = (workerData ?? {}) as { reportLintWorker?: boolean; tooSlow?: TooSlow[] };
const inWorker = !!data.reportLintWorker && parentPort !== null;

/**
 * How long one check may take before the server gives up on it: three seconds plus
 * three per million characters (the engine checks about a million characters a
 * second cold on a slow machine). The `reportLint.checkBudgetMs` setting of the
 * document's folder (`setting`), else REPORT_LINT_CHECK_BUDGET_MS, sets a fixed
 * budget (tests use a small one).
 */
export function checkBudgetMs(chars: number, setting?: number): number {
  if (setting !== undefined && setting > 0) return setting;
  const fixed = Number(process.env.REPORT_LINT_CHECK_BUDGET_MS);
  if (Number.isFinite(fixed) && fixed > 0) return fixed;
  return 3000 + Math.round(chars * 0.003);
}

/** The connection to the client: through the supervisor when running in its worker, else from the command line. */
export function createServerConnection(): Connection {
  if (inWorker) return createConnection(ProposedFeatures.all, new PortMessageReader(parentPort!), new WorkerMessageWriter(parentPort!));
  return createConnection(ProposedFeatures.all);
}

/** Why a version is not checked, if a previous worker ran out of time on it. */
export function tooSlowNotice(uri: string, version: number | null): string | undefined {
  const slow = data.tooSlow?.find((s) => s.uri === uri && s.version === version);
  if (!slow) return undefined;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const size = slow.chars >= 1e6 ? `${(slow.chars / 1e6).toFixed(1)} million characters` : `${Math.max(1, Math.round(slow.chars / 1000))} thousand characters`;
  return (
    `Report Lint could not check this report in time: the check was stopped after ${seconds(slow.elapsedMs)} (the limit for ${size} is ${seconds(slow.budgetMs)}) ` +
    'so that the editor stays responsive. Something in the text makes the checker slow (a construct it reads in more than linear time); hovers and fixes are unavailable until the next edit is checked. ' +
    'Please report it, with the report if you can.'
  );
}

/** Runs a check under the supervisor's watch (a no-op outside the worker), within `budgetMs` (by default a check's). */
export function watched<T>(uri: string, version: number | null, chars: number, check: () => T, budgetMs?: number): T {
  if (!inWorker) return check();
  parentPort!.postMessage({ reportLint: 'checking', uri, version, chars, ...(budgetMs !== undefined ? { budgetMs } : {}) } satisfies WorkerSignal);
  try {
    return check();
  } finally {
    parentPort!.postMessage({ reportLint: 'checked' } satisfies WorkerSignal);
  }
}
