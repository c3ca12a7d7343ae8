import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/project';
import { isMarkdownPath, MARKDOWN_EXTENSIONS } from '../core/files';

export function isMarkdown(doc: { uri: string; languageId: string }): boolean {
  return doc.languageId === 'markdown' || isMarkdownPath(doc.uri);
}

/** A file the server must re-read the project for when it changes (configuration, registries, bibliographies, Quarto metadata). */
export function isProjectFile(filePath: string): boolean {
  return path.basename(filePath) === CONFIG_FILE_NAME || /\.(csv|json|bib|bibtex|ya?ml)$/i.test(filePath);
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.vscode-test']);

/** Markdown files under a folder (hidden and dependency folders skipped), in a stable order. */
export function listMarkdownFiles(root: string, limit = 10_000): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (out.length >= limit) return;
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(e.name)) walk(path.join(dir, e.name));
      } else if (e.isFile() && isMarkdownPath(e.name)) out.push(path.join(dir, e.name));
    }
  };
  walk(root);
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
