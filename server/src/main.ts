/**
 * Entry of dist/server.js. Over stdio, IPC or a socket the server runs in a worker
 * thread under a supervisor (supervisor.ts), so no check can stop it answering;
 * in the worker, or with REPORT_LINT_SINGLE_THREAD=1, it runs the server itself.
 */
import { isMainThread } from 'node:worker_threads';
import { canSupervise, supervise } from './supervisor';

if (isMainThread && canSupervise(process.argv) && !process.env.REPORT_LINT_SINGLE_THREAD) {
  supervise(__filename).catch((e: Error) => {
    process.stderr.write(`report-lint: the language server could not start: ${e.message}\n`);
    process.exit(1);
  });
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./server');
}
