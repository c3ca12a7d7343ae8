/**
 * How the engine reads files it is pointed at (configuration, registries,
 * bibliographies, reports on disk): bounded, regular files only, and whether a
 * file lies inside a folder (symbolic links followed). Which files are reports.
 * No engine imports, so every module that reads files can use it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** File name extensions (any case) of the reports checked when a folder is: Markdown, Quarto and R Markdown (CLI, workspace diagnostics). */
export const MARKDOWN_EXTENSIONS = ['md', 'markdown', 'qmd', 'rmd'];

const MARKDOWN_FILE = new RegExp(`\\.(?:${MARKDOWN_EXTENSIONS.join('|')})$`, 'i');

/** Whether a path or URI names a Markdown report by its extension. */
export function isMarkdownPath(pathOrUri: string): boolean {
  return MARKDOWN_FILE.test(pathOrUri);
}

/** Larger configuration files are refused: a real one is a few kilobytes. */
export const MAX_CONFIG_BYTES = 1_000_000;
/** Larger registry files are refused: a study's participant list is far smaller. */
export const MAX_REGISTRY_BYTES = 20_000_000;

/** Reports read from disk by the language server (not open in the editor): above this they are not read. */
export const MAX_REPORT_BYTES = 30_000_000;

export type FileRead = { ok: true; text: string } | { ok: false; reason: string };

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;
}

/**
 * Reads a file named by configuration (or found as one): only a regular file of at
 * most `maxBytes`. A FIFO would block the read forever, a device such as
 * /dev/zero never ends, and a huge file would exhaust memory. The file is opened
 * without blocking and checked on the open descriptor, so it cannot be swapped for
 * something else between the check and the read.
 */
export function readBoundedFile(file: string, maxBytes: number): FileRead {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? ' (no such file)' : code === 'EACCES' || code === 'EPERM' ? ' (permission denied)' : '';
    return { ok: false, reason: `cannot be read: ${code ?? (e as Error).message}${why}` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      const kind = stat.isDirectory()
        ? 'a directory'
        : stat.isFIFO()
          ? 'a FIFO (named pipe)'
          : stat.isCharacterDevice() || stat.isBlockDevice()
            ? 'a device'
            : stat.isSocket()
              ? 'a socket'
              : 'not a regular file';
      return { ok: false, reason: `is ${kind}, not a regular file` };
    }
    if (stat.size > maxBytes) return { ok: false, reason: `is too large (${megabytes(stat.size)}; the limit is ${megabytes(maxBytes)})` };
    // Read at most one byte past the limit: the file may grow after the check.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return { ok: false, reason: `is too large (more than ${megabytes(maxBytes)})` };
    return { ok: true, text: buffer.subarray(0, length).toString('utf8') };
  } catch (e) {
    return { ok: false, reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  } finally {
    fs.closeSync(fd);
  }
}

/** The real path of a file or folder (symbolic links followed); the path itself when it does not exist. */
export function realPath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

/** Whether `file` (symbolic links followed) lies inside `folder`. */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(realPath(folder), realPath(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
