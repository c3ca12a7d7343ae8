import { logFailure } from './failures';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ProjectSettings } from '../core/project';
import { MAX_REGISTRY_BYTES, MAX_REPORT_BYTES, readBoundedFile } from '../core/files';
import type { ConfigProblem } from '../core/config';
import { MAX_BIBLIOGRAPHY_BYTES, type BibProblem } from '../core/bibliography';
import { showEntriesWhenIdle } from '../core/citations';
import { timing, timingEnabled } from './timing';
import { DIAGNOSTIC_SOURCE, pathToUri, toDiagnostic, uriToPath } from './convert';
import type { Analysis, ReportWorkspace } from './analyses';
import { isMarkdown, listMarkdownFiles } from './files';

export interface DiagnosticsCapabilities {
  relatedInformation: boolean;
}

/** The diagnostic code of the one diagnostic that stands for the information-level findings beyond the limit. */
export const INFORMATION_LIMIT_CODE = 'information-limit';

/**
 * Every finding as a diagnostic, except information-level ones beyond `maxInformation`
 * (in document order): those are counted in one diagnostic where the first of them
 * is. A 1 MB report has over a thousand findings, most of them information; sending
 * and drawing them all on every keystroke is what made typing there feel slow, and
 * VS Code shows at most 1000 problems per file anyway. Quick fixes and hovers still
 * work on the findings not shown (they read the check, not the diagnostics).
 */
function diagnosticsOf(analysis: Analysis, caps: DiagnosticsCapabilities, maxInformation = Infinity): Diagnostic[] {
  if (analysis.notice) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        message: analysis.notice,
      },
    ];
  }
  const result = analysis.result;
  if (!result) return [];
  const diagnostics: Diagnostic[] = [];
  let information = 0;
  const hidden = new Map<string, number>();
  let firstHidden: Diagnostic | undefined;
  for (const f of result.findings) {
    if (f.severity === 'information' && ++information > maxInformation) {
      hidden.set(f.ruleId, (hidden.get(f.ruleId) ?? 0) + 1);
      firstHidden ??= toDiagnostic(f, result.model.lines, analysis.uri, caps);
      continue;
    }
    diagnostics.push(toDiagnostic(f, result.model.lines, analysis.uri, caps));
  }
  if (firstHidden) {
    const count = information - maxInformation;
    const byRule = [...hidden].map(([rule, n]) => `${rule} ${n}`).join(', ');
    diagnostics.push({
      range: firstHidden.range,
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: INFORMATION_LIMIT_CODE,
      message:
        `${count} more information-level finding${count === 1 ? '' : 's'} from here on ${count === 1 ? 'is' : 'are'} not shown (${byRule}): ` +
        `the editor shows ${maxInformation} per report (setting reportLint.maxInformationPerDocument). The command line (report-lint <file>) lists them all.`,
    });
  }
  // VS Code draws squiggles for the first 500 problems of a file in the order they were
  // published (and reorders by severity only beyond 1,000): past 500, the most severe
  // go first, so no warning of a long report is left without its squiggle.
  if (diagnostics.length > SQUIGGLES_DRAWN) return diagnostics.sort((a, b) => (a.severity ?? 4) - (b.severity ?? 4));
  return diagnostics;
}

/** How many problems of one file VS Code underlines (the rest are only listed in the Problems panel). */
const SQUIGGLES_DRAWN = 500;

/** Range of a configuration problem: from its column to the end of its line. */
function problemDiagnostic(problem: ConfigProblem, lines: string[] | undefined): Diagnostic {
  const line = Math.max(0, problem.line - 1);
  const character = Math.max(0, problem.column - 1);
  const text = lines?.[line] ?? '';
  const end = Math.max(character, text.replace(/\s+$/, '').length);
  return {
    range: { start: { line, character }, end: { line, character: end } },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
    // Lets an editor that validates JSON itself (VS Code) leave this one to its own validator.
    ...(problem.syntax ? { code: CONFIG_SYNTAX_CODE } : {}),
  };
}

/** The diagnostic code of "this configuration or registry file is not valid JSON". */
export const CONFIG_SYNTAX_CODE = 'invalid-json';

/**
 * Publishes diagnostics: debounced per document while typing, always for the
 * latest version; configuration problems on the configuration (or registry) file
 * itself; and, when asked, every Markdown file in the workspace folders.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Files that currently carry configuration-problem diagnostics, with what was published. */
  private readonly configPublished = new Map<string, string>();
  /** Project settings each checked file (open or on disk) was checked with. */
  private readonly projectOf = new Map<string, ProjectSettings>();
  private readonly warned = new Set<string>();
  /** Files on disk that carry diagnostics from a workspace-wide check. */
  private readonly diskPublished = new Set<string>();
  /** Files changed on disk that wait to be checked (see fileChanged). */
  private readonly changedFiles = new Set<string>();
  private scanGeneration = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: ReportWorkspace,
    private readonly caps: () => DiagnosticsCapabilities,
    private readonly ready: Promise<void>,
  ) {}

  /** Checks a document after the debounce delay; a later edit restarts the wait. */
  schedule(uri: string, delay = this.workspace.settings.debounceMs): void {
    if (timingEnabled) timing('scheduled', uri, this.documents.get(uri)?.version, { delay });
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri);
      }, delay),
    );
  }

  private async run(uri: string): Promise<void> {
    await this.ready;
    try {
      let doc = this.documents.get(uri);
      if (!doc || !isMarkdown(doc)) return;
      // The first check of a document with a BibTeX file to parse: its blocks are analysed meanwhile.
      if (timingEnabled) timing('prepareStart', uri, doc.version);
      const preparing = this.workspace.settingsFor(uri).enable ? this.workspace.prepare(doc) : undefined;
      if (preparing) {
        if (timingEnabled) timing('prepareAnalysed', uri, doc.version);
        await preparing;
        if (timingEnabled) timing('prepared', uri, doc.version);
        doc = this.documents.get(uri);
        if (!doc) return;
      }
      this.checkNow(doc);
    } catch (e) {
      logFailure(this.connection.console, `checking ${uri}`, e);
    }
  }

  /** Checks the document's current version and publishes, unless a newer version has arrived meanwhile. */
  checkNow(doc: TextDocument): void {
    if (!this.workspace.settingsFor(doc.uri).enable) {
      this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
      return;
    }
    if (timingEnabled) timing('checkStart', doc.uri, doc.version);
    const analysis = this.workspace.current(doc);
    // Analysis is synchronous today; the check keeps an older result from ever
    // replacing a newer one should it become asynchronous.
    if (!this.workspace.isCurrent(analysis, this.documents.get(doc.uri))) return;
    if (timingEnabled) timing('checkEnd', doc.uri, doc.version);
    const diagnostics = diagnosticsOf(analysis, this.caps(), this.workspace.settingsFor(doc.uri).maxInformationPerDocument);
    if (timingEnabled) timing('converted', doc.uri, doc.version, { count: diagnostics.length });
    this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    if (timingEnabled) timing('posted', doc.uri, doc.version);
    this.noteProject(doc.uri, analysis.project);
    this.refreshBibliographyProblems();
    // Hover, completion and the citation picker show entries: have them converted before they are asked for.
    showEntriesWhenIdle(analysis.result?.model.bibliography);
  }

  /** Re-checks every open Markdown document (settings or project files changed). */
  recheckOpen(): void {
    for (const doc of this.documents.all()) if (isMarkdown(doc)) this.schedule(doc.uri, 0);
  }

  /** The document was closed: stop checking it and clear what it showed. */
  closed(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.workspace.forget(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.refreshBibliographyProblems();
    this.projectOf.delete(uri);
    // With workspace diagnostics on, the file on disk is still part of the workspace.
    const file = uriToPath(uri);
    if (this.workspace.settings.workspaceDiagnostics && file && fs.existsSync(file) && this.inFolders(file)) this.checkFile(file);
    else this.refreshConfigProblems();
  }

  /** Checking was switched off: clear everything this server published. */
  clearAll(): void {
    for (const doc of this.documents.all()) if (isMarkdown(doc)) this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
    this.clearDiskDiagnostics();
    this.projectOf.clear();
    this.refreshConfigProblems();
  }

  projectsInUse(): ProjectSettings[] {
    return [...new Set(this.projectOf.values())];
  }

  private noteProject(uri: string, project: ProjectSettings): void {
    if (this.projectOf.get(uri) === project) return;
    this.projectOf.set(uri, project);
    this.refreshConfigProblems();
  }

  /** Bibliography files that carry diagnostics (duplicate keys, syntax errors), with what was published. */
  private readonly bibliographyPublished = new Map<string, string>();

  /**
   * Publishes the problems of the bibliographies open documents use on the
   * bibliography files themselves (a duplicate key is the .bib file's mistake,
   * not the report's), and clears those that are gone.
   */
  refreshBibliographyProblems(): void {
    const byFile = new Map<string, BibProblem[]>();
    for (const a of this.workspace.openAnalyses())
      for (const p of a.result?.model.bibliography?.fileProblems ?? []) {
        const list = byFile.get(p.file) ?? [];
        if (!list.some((q) => q.line === p.line && q.message === p.message)) list.push(p);
        byFile.set(p.file, list);
      }
    for (const [file, problems] of byFile) {
      const key = JSON.stringify(problems);
      if (this.bibliographyPublished.get(file) === key) continue;
      this.bibliographyPublished.set(file, key);
      const open = this.documents.get(pathToUri(file));
      const read = open ? undefined : readBoundedFile(file, MAX_BIBLIOGRAPHY_BYTES);
      const lines = open ? open.getText().split('\n') : read?.ok ? read.text.split('\n') : undefined;
      this.connection.sendDiagnostics({
        uri: pathToUri(file),
        diagnostics: problems.map((p) => ({
          ...problemDiagnostic(p, lines),
          severity: p.kind === 'duplicate-key' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
        })),
      });
    }
    for (const file of [...this.bibliographyPublished.keys()]) {
      if (byFile.has(file)) continue;
      this.bibliographyPublished.delete(file);
      this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
    }
  }

  /** Publishes configuration problems on the files they are in, and clears fixed ones. */
  refreshConfigProblems(): void {
    const byFile = new Map<string, ConfigProblem[]>();
    for (const project of new Set(this.projectOf.values()))
      for (const p of project.problems) {
        const list = byFile.get(p.file) ?? [];
        if (!list.some((q) => q.line === p.line && q.column === p.column && q.message === p.message)) list.push(p);
        byFile.set(p.file, list);
      }
    for (const [file, problems] of byFile) {
      const key = JSON.stringify(problems);
      if (this.configPublished.get(file) === key) continue;
      this.configPublished.set(file, key);
      const open = this.documents.get(pathToUri(file));
      // The file with the problem may be the FIFO or device the problem is about: read it only if it is safe to.
      const read = open ? undefined : readBoundedFile(file, MAX_REGISTRY_BYTES);
      const lines = open ? open.getText().split('\n') : read?.ok ? read.text.split('\n') : undefined;
      this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: problems.map((p) => problemDiagnostic(p, lines)) });
      // One pop-up per distinct problem (file and message), not one per save: while the
      // author edits the file, its place moves with every keystroke but it is the same problem.
      const unwarned = problems.filter((p) => !this.warned.has(`${file}\n${p.message}`));
      if (unwarned.length) {
        for (const p of unwarned) this.warned.add(`${file}\n${p.message}`);
        const first = unwarned[0];
        const more = unwarned.length > 1 ? ` (and ${unwarned.length - 1} more)` : '';
        // A notification, not a request: nothing to answer, nothing waits on it.
        void this.connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: `report-lint: ${path.basename(file)}:${first.line}:${first.column}: ${first.message}${more}`,
        });
      }
    }
    for (const file of [...this.configPublished.keys()]) {
      if (byFile.has(file)) continue;
      this.configPublished.delete(file);
      this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
    }
  }

  private inFolders(file: string): boolean {
    return this.workspace.folders.some((f) => !path.relative(f, file).startsWith('..') && !path.isAbsolute(path.relative(f, file)));
  }

  private isOpen(file: string): boolean {
    return this.documents.all().some((d) => uriToPath(d.uri) === file);
  }

  /** Checks one Markdown file on disk (workspace diagnostics) unless the editor has it open. */
  checkFile(file: string): void {
    if (this.isOpen(file)) return;
    const uri = pathToUri(file);
    // A folder whose settings turn checking off keeps no findings.
    if (!this.workspace.settingsFor(uri).enable) {
      this.fileDeleted(file);
      return;
    }
    // Not a FIFO or device that would block the server, nor a file too large to hold.
    const read = readBoundedFile(file, MAX_REPORT_BYTES);
    if (!read.ok) {
      this.fileDeleted(file);
      return;
    }
    const analysis = this.workspace.analyze(uri, read.text, null);
    this.connection.sendDiagnostics({ uri, diagnostics: diagnosticsOf(analysis, this.caps(), this.workspace.settingsFor(uri).maxInformationPerDocument) });
    this.diskPublished.add(file);
    this.noteProject(uri, analysis.project);
  }

  /**
   * Checks a file that changed on disk, after the ones already waiting: one file per
   * turn of the event loop, so a storm of changes (a branch switched under a folder
   * of reports) does not keep hovers and edits waiting until every file is checked.
   */
  fileChanged(file: string): void {
    this.changedFiles.add(file);
    if (this.changedFiles.size === 1) void this.checkChangedFiles();
  }

  private async checkChangedFiles(): Promise<void> {
    while (this.changedFiles.size) {
      await new Promise((resolve) => setImmediate(resolve));
      const [file] = this.changedFiles;
      if (file === undefined) return;
      this.changedFiles.delete(file);
      try {
        this.checkFile(file);
      } catch (e) {
        logFailure(this.connection.console, `checking ${file}`, e);
      }
    }
  }

  fileDeleted(file: string): void {
    if (this.isOpen(file)) return;
    const uri = pathToUri(file);
    if (this.diskPublished.delete(file)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
    if (this.projectOf.delete(uri)) this.refreshConfigProblems();
  }

  /**
   * Checks every Markdown file of the workspace folders, one file per turn of the
   * event loop so edits and requests are served in between; a newer scan stops an
   * older one.
   */
  async scanWorkspace(): Promise<number> {
    await this.ready;
    const generation = ++this.scanGeneration;
    if (!this.workspace.settings.workspaceDiagnostics) {
      this.clearDiskDiagnostics();
      return 0;
    }
    const files = this.workspace.folders.flatMap((f) => listMarkdownFiles(f));
    const keep = new Set(files);
    for (const file of [...this.diskPublished]) if (!keep.has(file)) this.fileDeleted(file);
    let checked = 0;
    for (const file of files) {
      await new Promise((resolve) => setImmediate(resolve));
      if (generation !== this.scanGeneration) return checked;
      try {
        this.checkFile(file);
        checked++;
      } catch (e) {
        logFailure(this.connection.console, `checking ${file}`, e);
      }
    }
    return checked;
  }

  private clearDiskDiagnostics(): void {
    for (const file of [...this.diskPublished]) {
      this.diskPublished.delete(file);
      this.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
      this.projectOf.delete(pathToUri(file));
    }
    this.refreshConfigProblems();
  }
}
