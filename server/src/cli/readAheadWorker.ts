/**
 * The read-ahead thread (dist/readAheadWorker.js; see readAhead.ts). It finds the BibTeX
 * files that the reports named on the command line use, with the engine's own rules
 * (front matter, Quarto project files) and within the folders the check reads from,
 * says which files at which versions it reads (the plan), then reads each one and sends
 * it packed, as the one-file worker (core/bibtexWorker.ts) does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { packBibtex } from '../core/bibEntry';
import { bibFormatOf, loadBibtexParser, locateBibliography, type LocatedBibliography } from '../core/bibliography';
import { namedBibliographyFiles } from '../core/citations';
import { readFrontMatter } from '../core/pandoc';
import { bibliographyRoots } from './bibliographyRoots';
import { readReport } from './io';
import { readAheadId, type ReadAheadMessage } from './readAhead';

async function readAhead(reports: string[]): Promise<void> {
  const post = (message: ReadAheadMessage, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);
  const planned = new Map<string, LocatedBibliography>();
  for (const report of reports) {
    const read = await readReport(report);
    if (!read.ok) continue;
    // The folders the check allows for any report; a configuration may add its own, whose files the check then reads itself.
    const roots = bibliographyRoots(report, undefined);
    for (const named of namedBibliographyFiles(readFrontMatter(read.text), path.dirname(report), roots, report)) {
      if (bibFormatOf(named.file) !== 'bibtex') continue;
      const located = locateBibliography(named.file, roots);
      if ('stamp' in located) planned.set(readAheadId(located.absolute, located.stamp), located);
    }
  }
  post({ plan: [...planned.keys()] });
  for (const [id, located] of planned) {
    let text: string;
    try {
      text = fs.readFileSync(located.real, 'utf8');
    } catch {
      post({ id });
      continue;
    }
    try {
      // The parser's bundle is loaded once there is a file to parse (after the plan is sent).
      const packed = packBibtex(loadBibtexParser().readBibtex(text, located.absolute));
      post({ id, answer: { packed } }, [packed.places.buffer as ArrayBuffer]);
    } catch (e) {
      post({ id, answer: { error: (e as Error).message } });
    }
  }
}

void readAhead((workerData as { reports: string[] }).reports);
