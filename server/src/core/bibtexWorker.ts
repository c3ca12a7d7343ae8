/**
 * A worker thread that reads one BibTeX file (dist/bibtexWorker.js): the CLI starts it
 * before analysing a report, so the parse and the analysis run at the same time. It
 * answers once, with the entries' keys, places and fields as written (packed: see
 * PackedBibtex) and the problems, or with why the parser gave up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readBibtex } from './bibtexParser';
import { packBibtex } from './bibEntry';

const { text, file } = workerData as { text: string; file: string };
try {
  const packed = packBibtex(readBibtex(text, file));
  parentPort?.postMessage({ packed }, [packed.places.buffer as ArrayBuffer]);
} catch (e) {
  parentPort?.postMessage({ error: (e as Error).message });
}
