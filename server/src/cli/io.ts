import * as fs from 'node:fs';
import * as path from 'node:path';

/** Only this much is inspected for NUL bytes, as git and grep do. */
const BINARY_SNIFF_BYTES = 8192;

export type ReadResult = { ok: true; text: string; hadBom: boolean } | { ok: false; message: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a directory';
    default:
      return `cannot be read (${err.code ?? err.message})`;
  }
}

/** Reads a report as UTF-8 text; binary files and other encodings are refused, not guessed at. */
export async function readReport(file: string): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (e) {
    return { ok: false, message: describeError(e) };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, message: 'binary or not UTF-8 text; skipped' };
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, message: 'binary or not UTF-8 text; skipped' };
  }
  const hadBom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: hadBom ? text.slice(1) : text, hadBom };
}

/**
 * Replaces a file's content through a temporary file in the same directory and a
 * rename, so a crash or a full disk leaves either the old or the new file, never
 * half of one. A symbolic link is followed: its target is rewritten and the link
 * stays a link. The file's permissions are kept, and its owner and group where the
 * user may set them. The rename gives the path a new inode: other hard links to the
 * old file keep the old text (the README says so).
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  // The link's target, resolved through every level of links (fails for a dangling link).
  const target = await fs.promises.realpath(file);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.report-lint-${process.pid}-${Date.now()}.tmp`);
  let stat: fs.Stats | undefined;
  try {
    stat = await fs.promises.stat(target);
  } catch {
    stat = undefined;
  }
  const mode = stat ? stat.mode & 0o7777 : undefined;
  try {
    const handle = await fs.promises.open(temp, 'wx', mode ?? 0o644);
    try {
      // The umask may have narrowed the mode at creation: restore the original exactly.
      if (mode !== undefined) await handle.chmod(mode);
      if (stat && (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.())) {
        // Only root may give a file away; otherwise the group is kept where the user belongs to it.
        await handle.chown(stat.uid, stat.gid).catch(() => handle.chown(-1, stat.gid).catch(() => undefined));
      }
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, target);
  } catch (e) {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
