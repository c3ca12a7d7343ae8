/**
 * The folders a report's bibliography may be read from when the CLI checks it. A module
 * without the engine: the read-ahead (readAhead.ts) uses it before the engine is loaded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function isRepositoryRoot(dir: string): boolean {
  return fs.existsSync(path.join(dir, '.git'));
}

/** The repository a file is in (the nearest folder above it with `.git`), if any. */
function repositoryOf(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ;) {
    if (isRepositoryRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Folders a report's bibliography may be read from: the working directory, the
 * folder of the configuration that applies, the report's own folder and the repository it is
 * in; never anything above them that the user did not point at.
 */
export function bibliographyRoots(file: string, configFile: string | undefined, projectRoot?: string): string[] {
  const roots = [process.cwd(), path.dirname(file)];
  if (configFile) roots.push(path.dirname(configFile));
  if (projectRoot) roots.push(projectRoot);
  // A chapter checked from its own folder still gets its Quarto project's _quarto.yml and bibliography, if they are in its repository.
  const repository = repositoryOf(file);
  if (repository) roots.push(repository);
  return roots;
}
