import * as fs from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { MARKDOWN_EXTENSIONS } from '../core/files';

const MARKDOWN_GLOBS = MARKDOWN_EXTENSIONS.map((extension) => `**/*.${extension}`);
const IGNORED = ['**/node_modules/**', '**/.git/**'];
/**
 * Folders below a named directory that are searched: a tree nested deeper is input no
 * report folder needs (symbolic links are followed; a link back up is seen as a loop).
 */
export const MAX_FOLDER_DEPTH = 32;

export interface InputProblem {
  input: string;
  message: string;
}

/**
 * Turns command-line inputs (files, directories, glob patterns) into a sorted,
 * de-duplicated list of absolute paths. An explicitly named file is checked
 * whatever its extension; directories and globs contribute Markdown files only
 * where the pattern says so.
 */
export async function expandInputs(inputs: string[], cwd: string): Promise<{ files: string[]; problems: InputProblem[] }> {
  const found = new Set<string>();
  const problems: InputProblem[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats | undefined;
    try {
      stat = await fs.promises.stat(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      found.add(absolute);
      continue;
    }
    if (stat?.isDirectory()) {
      const matches = await glob(MARKDOWN_GLOBS, {
        cwd: absolute,
        absolute: true,
        ignore: IGNORED,
        caseSensitiveMatch: false,
        dot: false,
        deep: MAX_FOLDER_DEPTH,
      });
      if (!matches.length) problems.push({ input, message: 'no Markdown files (*.md, *.markdown, *.qmd, *.Rmd) in this directory' });
      for (const m of matches) found.add(path.normalize(m));
      continue;
    }
    if (stat) {
      problems.push({ input, message: 'not a regular file or directory' });
      continue;
    }
    if (isDynamicPattern(input)) {
      const matches = await glob([input], { cwd, absolute: true, ignore: IGNORED, onlyFiles: true, deep: MAX_FOLDER_DEPTH });
      if (!matches.length) problems.push({ input, message: 'no files match this pattern' });
      for (const m of matches) found.add(path.normalize(m));
      continue;
    }
    problems.push({ input, message: 'no such file or directory' });
  }
  // One file reached through a symbolic link as well is checked once, under its first path.
  const byRealPath = new Map<string, string>();
  for (const file of [...found].sort(comparePaths)) {
    const real = await fs.promises.realpath(file).catch(() => file);
    if (!byRealPath.has(real)) byRealPath.set(real, file);
  }
  return { files: [...byRealPath.values()], problems };
}

/** Byte-wise order, so output is the same whatever the locale. */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How a file is named in messages: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
