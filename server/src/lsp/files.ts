import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/project';
import { isMarkdownPath, MARKDOWN_EXTENSIONS } from '../core/files';

/** Languages the server checks whatever the document's name (an untitled Quarto document has none). */
const MARKDOWN_LANGUAGES = new Set(['markdown', 'quarto', 'rmd']);

export function isMarkdown(doc: { uri: string; languageId: string }): boolean {
  return MARKDOWN_LANGUAGES.has(doc.languageId) || isMarkdownPath(doc.uri);
}

/** A file the server must re-read the project for when it changes (configuration, registries, bibliographies, Quarto metadata). */
export function isProjectFile(filePath: string): boolean {
  return path.basename(filePath) === CONFIG_FILE_NAME || /\.(csv|json|bib|bibtex|ya?ml)$/i.test(filePath);
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.vscode-test']);

/** Bounds of a workspace walk: a folder tree is input too (a clone can nest folders thousands deep or hold millions). */
export interface WalkLimits {
  /** Markdown files listed at most. */
  files: number;
  /** Folders below the root that are entered at most (deeper ones are not read). */
  depth: number;
  /** Directory entries looked at, at most (files of every kind and folders). */
  entries: number;
}

export const DEFAULT_WALK_LIMITS: Readonly<WalkLimits> = Object.freeze({ files: 10_000, depth: 32, entries: 200_000 });

/**
 * Markdown files under a folder (hidden and dependency folders skipped), in a stable
 * order: depth first, names sorted. Walked with an explicit stack, never through
 * symbolic links (a link to a parent folder is a loop), within `limits`.
 */
export function listMarkdownFiles(root: string, limits: Partial<WalkLimits> = {}): string[] {
  const { files, depth: maxDepth, entries: maxEntries } = { ...DEFAULT_WALK_LIMITS, ...limits };
  const out: string[] = [];
  let seen = 0;
  // Each frame: a folder's sorted entries and the next one to look at.
  const stack: { dir: string; entries: fs.Dirent[]; next: number; depth: number }[] = [];
  const enter = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    stack.push({ dir, entries, next: 0, depth });
  };
  enter(root, 0);
  while (stack.length && out.length < files && seen < maxEntries) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const e = frame.entries[frame.next++];
    seen++;
    // Dirent types come from lstat: a symbolic link is neither a directory nor a file here.
    if (e.isDirectory()) {
      if (frame.depth < maxDepth && !e.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(e.name)) enter(path.join(frame.dir, e.name), frame.depth + 1);
    } else if (e.isFile() && isMarkdownPath(e.name)) out.push(path.join(frame.dir, e.name));
  }
  return out;
}

/** Globs the server asks the client to watch (when the client can be asked). */
export const WATCHED_GLOBS = [
  `**/${CONFIG_FILE_NAME}`,
  '**/*.csv',
  '**/*.json',
  `**/*.{${MARKDOWN_EXTENSIONS.join(',')}}`,
  // Bibliographies (BibTeX, CSL-YAML) and Quarto's _quarto.yml and _metadata.yml.
  '**/*.{bib,bibtex,yaml,yml}',
];
