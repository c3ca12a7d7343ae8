import * as fs from 'node:fs';
import * as path from 'node:path';
import packageJson from '../../package.json';
import { RULES } from './core/rules';
import { ReportChecker, uniqueConfigProblems, uniqueOutsideFiles, type FileReport } from './cli/check';
import { checkOnThreads, serveChecks, threadCount } from './cli/threads';
import { displayPath, expandInputs } from './cli/files';
import { parseOptions, UsageError, USAGE, type CliOptions } from './cli/options';
import { formatStylish, painter, SEVERITY_LABEL } from './cli/format/stylish';
import { formatJson } from './cli/format/json';
import { formatSarif } from './cli/format/sarif';
import { formatCompact } from './cli/format/compact';
import { formatGithub } from './cli/format/github';
import { printable } from './cli/format/printable';
import { readReport } from './cli/io';
import { starterConfig, type StarterConfigSource } from './core/starterConfig';
import { CONFIG_FILE_NAME } from './core/project';
import { realPath } from './core/files';
import { sharedBibliographyCache } from './core/citations';
import type { BibtexReadAhead } from './core/bibliography';

/**
 * The Node API travels in the CLI's bundle, so the package carries one copy of the
 * engine for both; dist/api.js only hands this object out (see scripts/build.mjs).
 */
export * as api from './api';

/** Where the CLI writes and what it knows of its surroundings (tests may replace it). */
export interface CliEnvironment {
  cwd: string;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
}

const pkg = packageJson as { version: string; homepage?: string };
const VERSION = pkg.version;
/** The README, whose `#rule-id` anchors document each rule (SARIF helpUri). */
const README_URL = (pkg.homepage ?? 'https://github.com/report-lint/report-lint').replace(/#.*$/, '');

/** The bundle lives in dist/, the samples beside it in the package. */
function builtInSamplePath(): string {
  return path.join(__dirname, '..', 'samples', 'sample-report.md');
}

function defaultEnvironment(): CliEnvironment {
  return { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env };
}

function listRules(): string {
  const width = Math.max(...RULES.map((r) => r.id.length));
  return (
    RULES.map((r) => `${r.id.padEnd(width)}  ${SEVERITY_LABEL[r.defaultSeverity].padEnd(7)}  ${r.fixable === 'safe' ? 'fix' : '   '}  ${r.description}`).join(
      '\n',
    ) + '\n'
  );
}

/**
 * `report-lint [options] [files…]`. Resolves with the exit code: 0 clean, 1 findings
 * at warning or above, 2 usage, file or configuration errors. Never throws for bad
 * input: every problem is reported with its file (and place) and the other files
 * are still checked. `readAhead`: BibTeX files already being read (cli/readAhead.ts).
 */
export async function main(argv: string[], environment: CliEnvironment = defaultEnvironment(), readAhead?: BibtexReadAhead): Promise<number> {
  // The BibTeX files bin/report-lint.js started reading before it loaded this bundle (cli/readAhead.ts).
  if (readAhead) sharedBibliographyCache.readAhead = readAhead;
  try {
    return await run(argv, environment);
  } catch (e) {
    // Per-file problems are reported where they happen; this is a bug in report-lint itself.
    environment.stderr.write(`report-lint: internal error: ${(e as Error).message ?? e} (set REPORT_LINT_DEBUG=1 for the stack trace)\n`);
    if (environment.env.REPORT_LINT_DEBUG) environment.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return 2;
  }
}

/** Reports read to find a participant table for --init: a folder of hundreds adds nothing but time. */
const INIT_MAX_REPORTS = 200;

/** `--init`: writes the starter configuration; never overwrites a file. */
async function init(options: CliOptions, { cwd, stdout, stderr }: CliEnvironment): Promise<number> {
  const complain = (message: string) => stderr.write(`report-lint: ${message}\n`);
  const target = path.resolve(cwd, options.config ?? CONFIG_FILE_NAME);
  const shown = displayPath(target, cwd);
  if (fs.existsSync(target)) {
    complain(`${shown} already exists; --init does not overwrite it (rename or delete it first)`);
    return 2;
  }
  const { files, problems } = await expandInputs(options.inputs.length ? options.inputs : ['.'], cwd);
  // Without named inputs, a folder with no reports yet still gets a starter file.
  if (options.inputs.length) for (const p of problems) complain(`${p.input}: ${p.message}`);
  if (options.inputs.length && problems.length) return 2;
  const sources: StarterConfigSource[] = [];
  for (const file of files.slice(0, INIT_MAX_REPORTS)) {
    const read = await readReport(file);
    if (read.ok) sources.push({ text: read.text, name: displayPath(file, cwd) });
    else complain(`${displayPath(file, cwd)}: ${read.message}`);
  }
  const starter = starterConfig(sources);
  try {
    // "wx": a file created meanwhile is not overwritten either.
    await fs.promises.writeFile(target, starter.text, { encoding: 'utf8', flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    complain(code === 'EEXIST' ? `${shown} already exists; --init does not overwrite it` : `${shown} could not be written (${code ?? (e as Error).message})`);
    return 2;
  }
  stdout.write(`Wrote ${shown}: ${starter.summary}.\n`);
  return 0;
}

async function run(argv: string[], environment: CliEnvironment): Promise<number> {
  const { cwd, stdout, stderr } = environment;
  const complain = (message: string) => stderr.write(`report-lint: ${printable(message)}\n`);
  // Names and messages quote the reports, bibliographies and file names, which may hold terminal escapes.
  const shownPath = (file: string) => printable(displayPath(file, cwd), false);

  let options: CliOptions;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    complain(e.message);
    stderr.write('Run "report-lint --help" for usage.\n');
    return 2;
  }
  if (options.help) {
    stdout.write(USAGE);
    return 0;
  }
  if (options.version) {
    stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (options.listRules) {
    stdout.write(listRules());
    return 0;
  }
  if (options.init) return init(options, environment);

  let inputs = options.inputs;
  const demonstration = !inputs.length;
  if (demonstration) {
    if (options.fix) {
      complain('--fix needs the files to change; it never rewrites the built-in sample');
      return 2;
    }
    const sample = builtInSamplePath();
    const quarto = path.join(path.dirname(sample), 'quarto-report.qmd');
    stderr.write(
      `report-lint: no files given, so checking the built-in sample report ${sample} and the Quarto sample ${quarto} with its bibliography (their mistakes are deliberate: this demonstration exits 0)\n`,
    );
    inputs = [sample, quarto];
  }

  let exitCode = 0;
  const { files, problems: inputProblems } = await expandInputs(inputs, cwd);
  for (const p of inputProblems) complain(`${p.input}: ${p.message}`);
  if (inputProblems.length) exitCode = 2;
  if (!files.length) {
    if (!inputProblems.length) complain('no files to check');
    return 2;
  }
  // Findings written over a report being checked would lose the author's text.
  if (options.output !== undefined) {
    const output = realPath(path.resolve(cwd, options.output));
    const clash = files.find((f) => realPath(f) === output);
    if (clash !== undefined) {
      complain(
        `--output ${options.output} is ${shownPath(clash)}, one of the reports to check: name another file for the findings (nothing was checked or written)`,
      );
      return 2;
    }
  }

  const checkOptions = { cwd, config: options.config, registries: options.registries, ruleOverrides: options.ruleOverrides, fix: options.fix };
  const threads = threadCount(files.length, environment.env.REPORT_LINT_THREADS);
  if (typeof threads !== 'number') {
    complain(threads.problem);
    return 2;
  }
  // Threads run this bundle again (dist/cli.js); from the TypeScript sources (tests in-process) the check stays here.
  const reports =
    threads > 1 && __filename.endsWith('.js')
      ? await checkOnThreads(files, checkOptions, __filename, threads)
      : await new ReportChecker(checkOptions).checkAll(files);

  const configProblems = uniqueConfigProblems(reports);
  for (const p of configProblems) stderr.write(`${shownPath(p.file)}:${p.line}:${p.column}: configuration error: ${printable(p.message)}\n`);
  if (configProblems.length) exitCode = 2;
  // Read because the user ran the CLI, but never silently: the language server refuses these.
  for (const o of uniqueOutsideFiles(reports))
    stderr.write(
      `report-lint: note: ${o.configFile ? shownPath(o.configFile) : 'the configuration'} names ${printable(o.file, false)}, outside its repository; reading it\n`,
    );
  // A broken or duplicated bibliography entry is a finding about the bibliography, not a usage error.
  const bibliographyProblems = uniqueConfigProblems(reports, true);
  for (const p of bibliographyProblems) stderr.write(`${shownPath(p.file)}:${p.line}:${p.column}: bibliography: ${printable(p.message)}\n`);
  for (const r of reports)
    if (r.error) {
      stderr.write(`${shownPath(r.file)}: ${printable(r.error)}\n`);
      exitCode = 2;
    }

  // The report on standard output stays machine-readable: the log of fixes then goes to stderr.
  const reportOnStdout = options.output === undefined;
  const fixLog = options.format === 'stylish' || !reportOnStdout ? stdout : stderr;
  const applied = reports.flatMap((r) => r.applied.map((a) => `${shownPath(r.file)}:${a.line}  ${a.ruleId}  ${printable(a.title, false)}`));
  if (options.fix) fixLog.write(applied.length ? `Fixed:\n${applied.map((l) => `  ${l}\n`).join('')}\n` : 'Nothing to fix automatically.\n\n');

  const shown: FileReport[] = options.quiet ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : reports;
  let text: string;
  switch (options.format) {
    case 'json':
      text = formatJson(shown, cwd);
      break;
    case 'sarif':
      text = formatSarif(shown, RULES, configProblems, cwd, { version: VERSION, informationUri: README_URL });
      break;
    case 'compact':
      text = formatCompact(shown, cwd);
      break;
    case 'github':
      text = formatGithub(shown, configProblems, bibliographyProblems, cwd);
      break;
    default: {
      const noColor = environment.env.NO_COLOR !== undefined && environment.env.NO_COLOR !== '';
      const colour = options.color ?? (reportOnStdout && stdout.isTTY === true && !noColor);
      text = formatStylish(shown, cwd, painter(colour));
    }
  }
  if (options.output !== undefined) {
    try {
      await fs.promises.writeFile(path.resolve(cwd, options.output), text, 'utf8');
    } catch (e) {
      complain(`${options.output}: the report could not be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return 2;
    }
  } else stdout.write(text);

  if (exitCode || demonstration) return exitCode;
  const errors = shown.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = options.quiet ? 0 : shown.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0) + bibliographyProblems.length;
  return errors > 0 || warnings > options.maxWarnings ? 1 : 0;
}

// In a checking thread started by checkOnThreads: serve its reports (nothing happens on the main thread).
serveChecks();
