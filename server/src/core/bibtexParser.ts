/**
 * BibTeX/BibLaTeX, read with Citation.js (@citation-js/plugin-bibtex) in its two steps.
 * A check needs the keys, where they are written, duplicates and syntax errors: the
 * plugin's file parse gives those (`readBibtex`: each entry with its fields as written,
 * plain data that a worker thread can send). Converting an entry to what it is shown
 * with (LaTeX to Unicode, names, dates: `cslItem`) costs more than the parse, and most
 * entries are never shown: the engine asks for it when something reads the entry
 * (hover, completion, the picker, did-you-mean), once (see BibtexEntry in bibliography.ts).
 *
 * A module of its own: the build makes it one bundle (dist/bibtex.js) that the engine
 * loads only when a report names a BibTeX file, and that the CLI's worker thread runs
 * (dist/bibtexWorker.js).
 */
import * as path from 'node:path';
import { bibtexGrammar, parse as parseFile, type RawBibtexEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parse as toCsl } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import { defaultStrings } from '@citation-js/plugin-bibtex/lib/input/constants.js';
import { lineOf, lineStarts, MAX_PROBLEMS_PER_FILE, type BibProblem, type ReadBibtex } from './bibEntry';

/** Braces nest no deeper than this: the parser's grammar recurses once per level, and a file may be hostile. */
export const MAX_BIBTEX_NESTING = 64;

/** Entries parsed together; a part that has an error is parsed again entry by entry, so an error costs only its own entry. */
const ENTRIES_PER_PARSE = 50;

/**
 * The fields an entry is shown with, and those they come from through `crossref`. Only
 * these are converted: abstracts, notes and keywords would take most of the time.
 */
const SHOWN_FIELDS = new Set([
  'author',
  'editor',
  'title',
  'subtitle',
  'journaltitle',
  'journal',
  'booktitle',
  'maintitle',
  'publisher',
  'institution',
  'organization',
  'school',
  'url',
  'doi',
  'date',
  'year',
  'month',
  'crossref',
  'language',
  'langid',
]);

/**
 * The CSL item of an entry, from the fields it is shown with: `chain` is the entry and
 * the entries it inherits from through `crossref`, in that order (the last one's crossref
 * is not followed). Empty when the converter cannot read it.
 */
export function cslItem(chain: RawBibtexEntry[]): Record<string, unknown> {
  const given = chain.map((e, i) => {
    const properties: Record<string, string | number> = {};
    for (const [field, value] of Object.entries(e.properties)) if (SHOWN_FIELDS.has(field)) properties[field] = value;
    if (i === chain.length - 1) delete properties.crossref;
    return { type: e.type, label: e.label, properties };
  });
  try {
    // Titles as written: Citation.js does not sentence-case them (its default), which is for printing, not for finding a work.
    return toCsl(given)[0] ?? {};
  } catch {
    return {};
  }
}

/** A run of the file that is parsed on its own: from a line starting with "@" up to the next such line. */
interface Chunk {
  start: number;
  end: number;
}

function chunksOf(text: string): Chunk[] {
  const cuts = [0];
  const entryStart = /^[ \t]*@/gm;
  for (let m = entryStart.exec(text); m; m = entryStart.exec(text)) if (m.index > 0) cuts.push(m.index);
  return cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? text.length }));
}

/** Where braces in text[start, end) first nest deeper than MAX_BIBTEX_NESTING (as the parser counts them: "\{" is text), or -1. */
function tooDeepAt(text: string, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) {
      if (++depth > MAX_BIBTEX_NESTING) return i;
    } else if (c === 125 && depth > 0) depth--;
  }
  return -1;
}

/** `value` as a BibTeX literal that the parser reads back as exactly `value`, if there is one. */
function literal(value: string | number): string | undefined {
  const s = String(value);
  let depth = 0;
  let i = 0;
  for (; i < s.length && depth >= 0; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) depth++;
    else if (c === 125) depth--;
  }
  // Braces balanced (a value read from braces always is), and no backslash escaping the closing brace.
  if (depth === 0 && i === s.length) return `{${s}}`;
  // A quoted value may hold a lone "}".
  if (!/["{]/.test(s)) return `"${s}"`;
  return undefined;
}

/**
 * The @string abbreviations of the file, as the parser resolved them, with where each
 * was defined: a part of the file parsed on its own gets, in front, the abbreviations
 * it uses that were defined before it.
 */
class Abbreviations {
  private readonly defined = new Map<string, { at: number; value: string | number }[]>();

  /**
   * Reads the abbreviations of @string entries (a run of them, read in one parse, counts as
   * defined where the run starts); false when the parser rejects them, which the parse of
   * their part of the file reports.
   */
  learn(text: string, run: Chunk[]): boolean {
    const source = run.map((c) => text.slice(c.start, c.end)).join('\n');
    const at = run[0].start;
    const prefix = this.prefixFor(source, at);
    try {
      parseFile(prefix.text + source);
    } catch {
      return false;
    }
    for (const [name, value] of Object.entries(bibtexGrammar.state.strings)) {
      const before = prefix.values.get(name) ?? (Object.hasOwn(defaultStrings, name) ? defaultStrings[name] : undefined);
      if (value === before) continue;
      const list = this.defined.get(name) ?? [];
      list.push({ at, value });
      this.defined.set(name, list);
    }
    return true;
  }

  /** @string definitions, one line, of the abbreviations `source` names that are defined before `at`. */
  prefixFor(source: string, at: number): { text: string; values: Map<string, string | number> } {
    const values = new Map<string, string | number>();
    if (!this.defined.size) return { text: '', values };
    const parts: string[] = [];
    for (const m of source.matchAll(/[=#][ \t\r\n]*([A-Za-z_][\w:+-]*)/g)) {
      const name = m[1].toLowerCase();
      if (values.has(name)) continue;
      const definitions = this.defined.get(name);
      if (!definitions) continue;
      let value: string | number | undefined;
      for (const d of definitions) if (d.at < at) value = d.value;
      const written = value === undefined ? undefined : literal(value);
      if (value === undefined || written === undefined) continue;
      values.set(name, value);
      parts.push(`@string{${name} = ${written}}`);
    }
    return { text: parts.length ? `${parts.join(' ')}\n` : '', values };
  }
}

/** Token names of the parser's messages, in words. */
const TOKEN_WORDS: Record<string, string> = {
  rbrace: '"}"',
  lbrace: '"{"',
  comma: '","',
  equals: '"="',
  quote: "'\"'",
  hash: '"#"',
  label: 'the entry key',
  identifier: 'a field name',
  dataEntryType: 'an entry type',
  otherEntryType: 'an entry type',
  number: 'a number',
  text: 'text',
};

/** The offset in `source` of a 1-based line and column, or undefined when the line is not in it. */
function offsetOf(source: string, line: number, column: number): number | undefined {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf('\n', at);
    if (next < 0) return undefined;
    at = next + 1;
  }
  return Math.min(at + column - 1, source.length);
}

/**
 * Turns what the parser threw on one entry into a problem: where (the parser says line
 * and column; the end of the entry when it ran out of text) and why, in words.
 */
function problemOf(e: unknown, text: string, chunk: Chunk, prefix: string, last: boolean, starts: number[], file: string): BibProblem {
  const source = text.slice(chunk.start, chunk.end);
  const name = path.basename(file);
  const problem = (offset: number, reason: string): BibProblem => ({
    file,
    ...lineOf(starts, chunk.start + offset),
    message: `${name}: ${reason}`,
    kind: 'invalid',
  });
  const message = e instanceof Error ? e.message : String(e);
  const key = /^\s*@\s*[A-Za-z_][\w:+-]*\s*[{(]\s*([^,\s]+)\s*,/.exec(source)?.[1];
  const entry = key ? `entry "${key}"` : 'the entry';
  // The lexer's regular expressions run out of stack on megabytes of one field.
  if (e instanceof RangeError) return problem(0, `${entry} cannot be read: it is too long or nests too deeply`);
  const at = /at line (\d+) col (\d+)/.exec(message);
  const prefixLines = (prefix.match(/\n/g) ?? []).length;
  const offset = at ? offsetOf(source, Number(at[1]) - prefixLines, Number(at[2])) : undefined;
  const expected = /expected "(\w+)", got (EOF|"(\w+)")/.exec(message);
  const end = source.trimEnd().length;
  if (offset === undefined || offset >= end) {
    // The parser ran out of text: the entry is not closed before the next one (or the end of the file).
    const wanted = !expected ? 'more' : expected[1] === 'text' ? `a closing "}" or '"'` : (TOKEN_WORDS[expected[1]] ?? expected[1]);
    return problem(
      Math.max(0, end - 1),
      `expected ${wanted} before ${last ? 'the end of the file' : 'the next entry'}: a brace or quote of ${entry} is not closed`,
    );
  }
  const found = /^(?:[A-Za-z_][\w:+-]*|-?\d+|\S)/.exec(source.slice(offset))?.[0] ?? source[offset];
  const where = key ? ` (${entry})` : '';
  if (expected) return problem(offset, `expected ${TOKEN_WORDS[expected[1]] ?? expected[1]} but found "${found}"${where}`);
  return problem(offset, `unexpected "${found}"${where}`);
}

/** Where the key of each parsed entry is written: they come in file order, each after "@type{". */
function placeKeys(text: string, raw: RawBibtexEntry[], from: number): { entry: RawBibtexEntry; keySpan: { start: number; end: number } }[] {
  const head = /@[ \t\r\n]*([A-Za-z_][\w:+-]*)[ \t\r\n]*[{(][ \t\r\n]*/g;
  head.lastIndex = from;
  return raw.map((entry) => {
    for (let m = head.exec(text); m; m = head.exec(text)) {
      if (/^(?:string|preamble|comment)$/i.test(m[1])) continue;
      const start = m.index + m[0].length;
      return { entry, keySpan: text.startsWith(entry.label, start) ? { start, end: start + entry.label.length } : { start: m.index, end: m.index } };
    }
    return { entry, keySpan: { start: from, end: from } };
  });
}

/** Reads the entries (keys, where they are written, fields as written) and the problems of a BibTeX file. */
export function readBibtex(text: string, file: string): ReadBibtex {
  const problems: BibProblem[] = [];
  const starts = lineStarts(text);
  const chunks = chunksOf(text);
  const abbreviations = new Abbreviations();
  // @string entries in runs of a part's size; a run the parser rejects, entry by entry (the first hundred such).
  const stringChunks = chunks.filter((c) => /^[ \t]*@[ \t\r\n]*string[ \t\r\n]*[{(]/i.test(text.slice(c.start, c.start + 100)));
  let rejected = 0;
  for (let r = 0; r < stringChunks.length; r += ENTRIES_PER_PARSE) {
    const run = stringChunks.slice(r, r + ENTRIES_PER_PARSE);
    if (abbreviations.learn(text, run)) continue;
    for (const c of run) if (rejected < MAX_PROBLEMS_PER_FILE && !abbreviations.learn(text, [c])) rejected++;
  }

  const placed: ReturnType<typeof placeKeys> = [];
  const parseAlone = (c: Chunk, last: boolean) => {
    const deep = tooDeepAt(text, c.start, c.end);
    if (deep >= 0) {
      const reason = `braces nest more than ${MAX_BIBTEX_NESTING} levels deep; the entry is not read`;
      problems.push({ file, ...lineOf(starts, deep), message: `${path.basename(file)}: ${reason}`, kind: 'invalid' });
      return;
    }
    const source = text.slice(c.start, c.end);
    const prefix = abbreviations.prefixFor(source, c.start).text;
    try {
      for (const p of placeKeys(text, parseFile(prefix + source), c.start)) placed.push(p);
    } catch (e) {
      problems.push(problemOf(e, text, c, prefix, last, starts, file));
    }
  };
  for (let g = 0; g < chunks.length; g += ENTRIES_PER_PARSE) {
    if (problems.length >= MAX_PROBLEMS_PER_FILE) {
      // Enough problems to say what is wrong: the rest is read in one parse if it can be, else not at all (bounded time on a file broken throughout).
      const start = chunks[g].start;
      if (tooDeepAt(text, start, text.length) < 0) {
        const source = text.slice(start);
        try {
          for (const p of placeKeys(text, parseFile(abbreviations.prefixFor(source, start).text + source), start)) placed.push(p);
        } catch {
          // Not read: the problems found so far are reported.
        }
      }
      break;
    }
    const group = chunks.slice(g, g + ENTRIES_PER_PARSE);
    const start = group[0].start;
    const end = group[group.length - 1].end;
    // Unclosed braces add up across entries: a part whose braces nest too deep is parsed entry by entry, where each is bounded.
    if (tooDeepAt(text, start, end) < 0) {
      const source = text.slice(start, end);
      try {
        for (const p of placeKeys(text, parseFile(abbreviations.prefixFor(source, start).text + source), start)) placed.push(p);
        continue;
      } catch {
        // Parsed again entry by entry below, so that the error costs only its own entry.
      }
    }
    group.forEach((c, i) => parseAlone(c, g + i === chunks.length - 1));
  }

  // Problems in file order (an entry-by-entry parse reports as it goes; depth problems come first otherwise).
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { entries: placed.map(({ entry, keySpan }) => ({ raw: entry, keySpan, line: lineOf(starts, keySpan.start).line })), problems };
}
