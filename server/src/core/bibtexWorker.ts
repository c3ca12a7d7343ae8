/**
 * A worker thread that parses one BibTeX file (dist/bibtexWorker.js): the CLI starts
 * it before analysing a report, so the parse and the analysis run at the same time.
 * It answers once, with the parse or with why the parser gave up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseBibtex } from './bibtexParser';

const { text, file } = workerData as { text: string; file: string };
try {
  parentPort?.postMessage({ parsed: parseBibtex(text, file) });
} catch (e) {
  parentPort?.postMessage({ error: (e as Error).message });
}
