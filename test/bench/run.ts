/**
 * `npm run bench`: builds, then runs every benchmark section in turn and prints
 * its figures. `npm run bench -- cli` runs only the named sections. A section is
 * a module of this folder exporting an async function; one that is not there
 * (yet) is skipped with a note.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Section {
  name: string;
  /** Module in this folder, without extension. */
  module: string;
  run: string;
}

const SECTIONS: Section[] = [
  { name: 'cli', module: 'cli', run: 'benchCli' },
  { name: 'lsp', module: 'lsp', run: 'benchLsp' },
  { name: 'parser', module: 'parser', run: 'benchParser' },
  // Several minutes: code-server + Chromium (installed on first use, see test/e2e/README.md).
  { name: 'workbench', module: 'workbench', run: 'benchWorkbench' },
  { name: 'quarto', module: 'quarto', run: 'benchQuarto' },
  { name: 'api', module: 'api', run: 'benchApi' },
  { name: 'hostile', module: 'hostile', run: 'benchHostile' },
];

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
  if (unknown.length) {
    console.error(`unknown benchmark section(s): ${unknown.join(', ')} (known: ${SECTIONS.map((s) => s.name).join(', ')})`);
    return 2;
  }
  let failed = 0;
  for (const section of SECTIONS) {
    if (wanted.length && !wanted.includes(section.name)) continue;
    const file = path.join(__dirname, `${section.module}.ts`);
    if (!fs.existsSync(file)) {
      console.log(`\n(${section.name}: ${path.relative(process.cwd(), file)} is not there; skipped)`);
      continue;
    }
    try {
      const mod = (await import(file)) as Record<string, () => Promise<unknown>>;
      await mod[section.run]();
    } catch (e) {
      failed++;
      console.error(`\n${section.name} benchmark failed: ${(e as Error).stack ?? e}`);
    }
  }
  return failed ? 1 : 0;
}

main().then((code) => (process.exitCode = code));
