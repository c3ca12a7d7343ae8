/**
 * A worker thread that parses one BibTeX file, or one part of a large one
 * (dist/bibtexWorker.js): the CLI starts it before analysing a report, so the parse
 * and the analysis run at the same time. It answers once, with the parse or with
 * why the parser gave up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseBibtex, type BibtexPart } from './bibtexParser';

const { text, file, part } = workerData as { text: string; file: string; part?: BibtexPart };
try {
  parentPort?.postMessage({ parsed: parseBibtex(text, file, part) });
} catch (e) {
  parentPort?.postMessage({ error: (e as Error).message });
}
