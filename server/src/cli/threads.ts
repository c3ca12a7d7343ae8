/**
 * Checking many reports on several threads. Each report is checked on its own, so a
 * folder's reports can be shared among worker threads that each run a ReportChecker
 * of their own (a CPU-bound check of a 50 KB report takes ~30 ms; a folder of 120 spent
 * its time on one core of several). A thread is given the next report when it sends
 * back the previous one's FileReport (plain data), so the results keep the files'
 * order and a slow report does not hold up the others.
 *
 * The workers are the CLI's own bundle started again (`CHECK_WORKER` in workerData):
 * the package carries one copy of the engine.
 */
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ReportChecker, type CheckOptions, type FileReport } from './check';

/** Marks workerData for a checking thread. */
export const CHECK_WORKER = 'reportLintCheckWorker';

/** Below this many files the threads' start (~0.1 s each: loading the engine) costs more than it saves. */
export const MIN_FILES_FOR_THREADS = 8;
/** More threads than this gain little: reading files and writing the output stay on one thread. */
const MAX_THREADS = 8;

interface Job {
  index: number;
  file: string;
}
type Answer = { index: number; report: FileReport };

/**
 * How many threads check `fileCount` files: `REPORT_LINT_THREADS` if set (1: none),
 * else one per core for folders of at least MIN_FILES_FOR_THREADS files. Returns a
 * message instead when the variable is not a whole number.
 */
export function threadCount(fileCount: number, setting: string | undefined): number | { problem: string } {
  if (setting !== undefined && setting.trim() !== '') {
    const n = Number(setting);
    if (!Number.isInteger(n) || n < 1) return { problem: `REPORT_LINT_THREADS must be a whole number of 1 or more (it is "${setting}")` };
    return Math.min(n, MAX_THREADS, fileCount);
  }
  if (fileCount < MIN_FILES_FOR_THREADS) return 1;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, MAX_THREADS, Math.floor(fileCount / 4)));
}

/**
 * Checks `files` on `threads` worker threads running `script` (the CLI bundle). A thread
 * that fails (cannot start, or dies on a report) costs only the report it held: that
 * report gets an error, and the rest go to the other threads, or to this one when none
 * is left.
 */
export async function checkOnThreads(files: string[], options: CheckOptions, script: string, threads: number): Promise<FileReport[]> {
  const results = new Array<FileReport | undefined>(files.length);
  let next = 0;
  const takeJob = (): Job | undefined => (next < files.length ? { index: next, file: files[next++] } : undefined);

  const runThread = () =>
    new Promise<void>((resolve) => {
      let current: Job | undefined;
      let settled = false;
      const worker = new Worker(script, { workerData: { [CHECK_WORKER]: true, options } });
      const finish = () => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        resolve();
      };
      const give = () => {
        current = takeJob();
        if (current) worker.postMessage(current);
        else finish();
      };
      worker.on('message', (answer: Answer) => {
        results[answer.index] = answer.report;
        give();
      });
      const fail = (reason: string) => {
        if (current && !results[current.index]) results[current.index] = failedReport(current.file, reason);
        current = undefined;
        finish();
      };
      worker.on('error', (e) => fail(`internal error while checking: ${e.message}`));
      worker.on('exit', (code) => fail(`internal error while checking: the checking thread stopped (exit code ${code})`));
      worker.on('online', give);
    });

  await Promise.all(Array.from({ length: Math.min(threads, files.length) }, runThread));
  // Reports no thread took (every thread failed): checked here.
  const missing = results.flatMap((r, i) => (r ? [] : [i]));
  if (missing.length) {
    const checker = new ReportChecker(options);
    for (const i of missing) results[i] = await checker.checkFile(files[i]);
  }
  return results as FileReport[];
}

function failedReport(file: string, error: string): FileReport {
  return { file, findings: [], configProblems: [], applied: [], checked: false, error };
}

/** In a checking thread: checks each report the main thread sends, and sends its FileReport back. */
export function serveChecks(): void {
  if (isMainThread || !parentPort || !(workerData as Record<string, unknown> | null)?.[CHECK_WORKER]) return;
  const port = parentPort;
  const checker = new ReportChecker((workerData as { options: CheckOptions }).options);
  port.on('message', (job: Job) => {
    void checker.checkFile(job.file).then((report) => port.postMessage({ index: job.index, report } satisfies Answer));
  });
}
