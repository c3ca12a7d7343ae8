/**
 * Reading a report's BibTeX files ahead. The CLI's entry (bin/report-lint.js) calls this
 * small bundle (dist/readAhead.js) before it loads the engine: when a report named on
 * the command line may use a bibliography, a thread (readAheadWorker.ts) starts finding
 * and parsing its BibTeX files at once, while this thread loads the engine and analyses
 * the report. The check takes a file read ahead only at the version it finds on disk
 * (BibliographyCache.prefetch); anything else it reads itself, as without the read-ahead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { BibtexReadAhead, BibtexWorkerAnswer } from '../core/bibliography';
import { isInside } from '../core/files';
import { frontMatterSpan } from '../core/frontMatterSpan';
import { bibliographyRoots } from './bibliographyRoots';
import { OPTION_SPEC } from './optionSpec';

/** What the read-ahead thread sends: first the plan (which files, at which versions: see readAheadId), then one message per planned file (without an answer when it could not be read). */
export type ReadAheadMessage = { plan: string[] } | { id: string; answer?: BibtexWorkerAnswer };

export function readAheadId(file: string, stamp: string): string {
  return `${file}\0${stamp}`;
}

/** Reports looked at; a long list of files is read by the check itself after these. */
const MAX_REPORTS = 32;
/** Front matter that names a bibliography comes first in a report. */
const HEAD_BYTES = 64 * 1024;

/** Larger Quarto metadata files are not read (as the engine reads them). */
const MAX_METADATA_BYTES = 1_000_000;

/** A BibTeX file name as front matter may write it (unquoted or quoted, without spaces). */
const BIBTEX_NAME = /[^\s"'[\]{},:#]+\.bib(?:tex)?(?![\w.])/gi;

/**
 * Whether a report may use a BibTeX file: its front matter names one that exists beside
 * it, or it is in a Quarto project whose metadata files mention one (in the folders the
 * check reads from). Only
 * decides whether the thread is started (it costs ~50 ms of CPU even when it finds
 * nothing to read); which files the report uses, the thread finds out as the check does.
 */
function mayUseBibtex(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(HEAD_BYTES);
      const text = head.toString('utf8', 0, fs.readSync(fd, head, 0, HEAD_BYTES, 0));
      const span = frontMatterSpan(text);
      const frontMatter = span ? text.slice(span.yaml.start, span.yaml.end) : '';
      if (frontMatter.includes('bibliography'))
        for (const [name] of frontMatter.matchAll(BIBTEX_NAME)) if (fs.existsSync(path.resolve(path.dirname(file), name))) return true;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  // In a Quarto project, _quarto.yml or a folder's _metadata.yml may name one: any of them mentioning a .bib.
  const roots = bibliographyRoots(file, undefined);
  let mentioned = false;
  for (let dir = path.dirname(file); roots.some((r) => isInside(r, dir)); dir = path.dirname(dir)) {
    for (const name of ['_metadata.yml', '_metadata.yaml', '_quarto.yml', '_quarto.yaml']) {
      const metadata = path.join(dir, name);
      const stat = fs.statSync(metadata, { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.size > MAX_METADATA_BYTES) continue;
      mentioned ||= /\.bib/i.test(fs.readFileSync(metadata, 'utf8'));
      if (name.startsWith('_quarto')) return mentioned;
    }
    if (path.dirname(dir) === dir) break;
  }
  return false;
}

class ReadAhead implements BibtexReadAhead {
  /** Files (with versions) the thread reads, once it has said so. */
  private plan: Set<string> | undefined;
  private ended = false;
  private readonly answers = new Map<string, BibtexWorkerAnswer | undefined>();
  private readonly waiting = new Map<string, ((answer: BibtexWorkerAnswer | undefined) => void)[]>();

  constructor(private readonly worker: Worker) {
    // The thread keeps the process alive only while the check waits for it.
    worker.unref();
    worker.on('message', (m: ReadAheadMessage) => {
      if ('plan' in m) {
        this.plan = new Set(m.plan);
        for (const id of [...this.waiting.keys()]) if (!this.plan.has(id)) this.settle(id, undefined);
      } else this.settle(m.id, m.answer);
    });
    const end = () => {
      this.ended = true;
      for (const id of [...this.waiting.keys()]) this.settle(id, undefined);
    };
    worker.once('error', end);
    worker.once('exit', end);
  }

  take(file: string, stamp: string): Promise<BibtexWorkerAnswer | undefined> | undefined {
    const id = readAheadId(file, stamp);
    if (this.answers.has(id)) {
      const answer = this.answers.get(id);
      this.answers.delete(id);
      return Promise.resolve(answer);
    }
    if (this.ended || (this.plan && !this.plan.has(id))) return undefined;
    this.worker.ref();
    return new Promise((resolve) => {
      const list = this.waiting.get(id) ?? [];
      list.push(resolve);
      this.waiting.set(id, list);
    });
  }

  private settle(id: string, answer: BibtexWorkerAnswer | undefined): void {
    const list = this.waiting.get(id);
    if (list) {
      this.waiting.delete(id);
      for (const resolve of list) resolve(answer);
    } else this.answers.set(id, answer);
    if (!this.waiting.size) this.worker.unref();
  }
}

/**
 * Starts reading ahead the BibTeX files of the reports `argv` names (files, not folders
 * or patterns), when one may use a BibTeX file; undefined when none does.
 */
export function startReadAhead(argv: string[], cwd = process.cwd()): BibtexReadAhead | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTION_SPEC });
  } catch {
    return undefined;
  }
  const v = parsed.values;
  if (v.help || v.version || v['list-rules'] || v.init) return undefined;
  const reports: string[] = [];
  for (const input of parsed.positionals.slice(0, MAX_REPORTS)) {
    const file = path.resolve(cwd, input);
    try {
      if (!fs.statSync(file).isFile()) continue;
    } catch {
      continue;
    }
    if (mayUseBibtex(file)) reports.push(file);
  }
  const script = path.join(__dirname, 'readAheadWorker.js');
  if (!reports.length || !fs.existsSync(script)) return undefined;
  return new ReadAhead(new Worker(script, { workerData: { reports } }));
}
