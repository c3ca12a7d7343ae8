/**
 * The Participants and Footnotes views in the Explorer: the active report's
 * participants grouped by country and interview, and its footnotes, as the language
 * server's `reportLint/outline` request describes them. They follow the active
 * editor and refresh as the document changes.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { OutlineCountry, OutlineFootnote, OutlineInterview, OutlineParticipant, OutlineProblem, ReportOutline } from '../../../server/src/protocol';
import { OUTLINE_REQUEST } from '../../../server/src/protocol';
import { countryLabel, footnoteDescription, footnoteLabel, groupDescription, participantDescription } from './outlineText';
import { plural } from '../../../server/src/core/text';

export const PARTICIPANTS_VIEW = 'reportLint.participants';
export const FOOTNOTES_VIEW = 'reportLint.footnotes';
/** Wait after new diagnostics before asking again (several may follow one another while typing). */
const TYPING_DELAY_MS = 300;

export interface OutlineServer {
  client: LanguageClient;
  ready(): Promise<void>;
  /** The languages the server checks. */
  languages: readonly string[];
}

/** The active report's outline, fetched when it may have changed and a view is visible. */
class OutlineSource implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  outline: ReportOutline | undefined;
  /** Why there is no outline (shown as the views' message). */
  message: string | undefined = 'Open a Markdown report to see its participants and footnotes.';
  document: vscode.TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  /** The document version the outline was fetched for; a refresh for it again is skipped unless the server re-checked (`stale`). */
  private fetched: { document: vscode.TextDocument; version: number } | undefined;
  private stale = true;
  private readonly disposables: vscode.Disposable[] = [];
  visible: () => boolean = () => true;

  constructor(private readonly server: OutlineServer) {
    this.disposables.push(
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      // Every check publishes diagnostics, after an edit (once the server's debounce is over) as after a
      // change of settings or registry files: the outline is asked for then, once per check. Asking on
      // each edit as well fetched a long report's outline twice, before and after its check.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.document && e.uris.some((u) => u.toString() === this.document!.uri.toString())) {
          this.stale = true;
          this.schedule(TYPING_DELAY_MS);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.document) this.schedule(0);
      }),
    );
  }

  /** The document the views describe: the active editor's report, else the last one while it stays visible. */
  private target(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active && this.server.languages.includes(active.languageId)) return active;
    const previous = this.document;
    if (previous && !previous.isClosed && vscode.window.visibleTextEditors.some((e) => e.document === previous)) return previous;
    return undefined;
  }

  schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    if (!this.visible()) return;
    const generation = ++this.generation;
    const document = this.target();
    if (!document) {
      this.set(undefined, undefined, 'Open a Markdown report to see its participants and footnotes.');
      return;
    }
    // Switching back to the same version, or a view becoming visible, needs no new outline.
    if (!this.stale && this.fetched?.document === document && this.fetched.version === document.version && this.document === document) return;
    const version = document.version;
    this.stale = false;
    let outline: ReportOutline | null = null;
    let message: string | undefined;
    try {
      await this.server.ready();
      outline = await this.server.client.sendRequest<ReportOutline | null>(OUTLINE_REQUEST, { textDocument: { uri: document.uri.toString() } });
      if (!outline) message = 'Report Lint is not checking this document (is checking turned off?).';
    } catch (e) {
      message = `The Report Lint server could not answer: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (generation !== this.generation) return; // a newer refresh is under way
    this.fetched = outline ? { document, version } : undefined;
    this.set(document, outline ?? undefined, message);
  }

  private set(document: vscode.TextDocument | undefined, outline: ReportOutline | undefined, message: string | undefined): void {
    this.document = document;
    this.outline = outline;
    this.message = message;
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

type ParticipantNode =
  | { kind: 'country'; country: OutlineCountry }
  | { kind: 'interview'; interview: OutlineInterview }
  | { kind: 'participant'; participant: OutlineParticipant }
  | { kind: 'citation'; participant: OutlineParticipant; range: OutlineRange; index: number };

type FootnoteNode =
  | { kind: 'footnote'; footnote: OutlineFootnote }
  | { kind: 'reference'; footnote: OutlineFootnote; range: OutlineRange; index: number }
  | { kind: 'problem'; footnote: OutlineFootnote; problem: OutlineProblem; index: number };

type OutlineRange = OutlineParticipant['citations'][number];

function toRange(r: OutlineRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** A command that opens `uri` with `range` selected. */
function revealCommand(uri: vscode.Uri, range: OutlineRange, title = 'Go to'): vscode.Command {
  return { title, command: 'vscode.open', arguments: [uri, { selection: toRange(range), preserveFocus: false } satisfies vscode.TextDocumentShowOptions] };
}

/** The line's text around a range, for a citation or reference row. */
function lineExcerpt(document: vscode.TextDocument | undefined, r: OutlineRange): string {
  if (!document || r.start.line >= document.lineCount) return '';
  const text = document.lineAt(r.start.line).text;
  const from = Math.max(0, r.start.character - 40);
  const to = Math.min(text.length, r.end.character + 40);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).trim()}${to < text.length ? '…' : ''}`;
}

const SEVERITY_ICON: Record<OutlineProblem['severity'], vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  information: new vscode.ThemeIcon('info'),
  hint: new vscode.ThemeIcon('lightbulb'),
};

class ParticipantsProvider implements vscode.TreeDataProvider<ParticipantNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly source: OutlineSource) {
    source.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: ParticipantNode): ParticipantNode[] {
    const outline = this.source.outline;
    if (!outline) return [];
    if (!node) return outline.participants.map((country) => ({ kind: 'country', country }));
    if (node.kind === 'country') return node.country.interviews.map((interview) => ({ kind: 'interview', interview }));
    if (node.kind === 'interview') return node.interview.participants.map((participant) => ({ kind: 'participant', participant }));
    if (node.kind === 'participant')
      return node.participant.citations.map((range, index) => ({ kind: 'citation', participant: node.participant, range, index }));
    return [];
  }

  getTreeItem(node: ParticipantNode): vscode.TreeItem {
    const uri = this.source.document?.uri;
    const expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.kind) {
      case 'country': {
        const item = new vscode.TreeItem(countryLabel(node.country), expanded);
        item.id = `country:${node.country.code}`;
        item.description = groupDescription(node.country);
        item.iconPath = new vscode.ThemeIcon('globe');
        return item;
      }
      case 'interview': {
        const item = new vscode.TreeItem(node.interview.key, expanded);
        item.id = `interview:${node.interview.key}`;
        item.description = groupDescription(node.interview);
        item.iconPath = new vscode.ThemeIcon('comment-discussion');
        return item;
      }
      case 'participant': {
        const p = node.participant;
        const cited = p.citations.length > 0;
        const item = new vscode.TreeItem(p.id, cited ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `participant:${p.id}`;
        item.description = participantDescription(p);
        item.contextValue = cited ? 'participant' : 'participant.uncited';
        item.iconPath = cited ? new vscode.ThemeIcon('person') : SEVERITY_ICON.warning;
        const tooltip = new vscode.MarkdownString();
        tooltip.appendMarkdown(`**${p.id}**`);
        if (p.agency) tooltip.appendText(`\n${p.agency}`);
        if (p.position) tooltip.appendText(`\n${p.position}`);
        tooltip.appendText(`\n${cited ? `Cited ${plural(p.citations.length, 'time')}: click to see the citations.` : 'Not cited in this report.'}`);
        if (p.file) tooltip.appendText(`\nListed in ${vscode.workspace.asRelativePath(p.file)}${p.fileLine ? `, line ${p.fileLine}` : ''}.`);
        item.tooltip = tooltip;
        if (uri) item.command = participantCommand(uri, p);
        return item;
      }
      case 'citation': {
        const item = new vscode.TreeItem(`Line ${node.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
        item.id = `citation:${node.participant.id}:${node.index}`;
        item.description = lineExcerpt(this.source.document, node.range);
        item.iconPath = new vscode.ThemeIcon('quote');
        if (uri) item.command = revealCommand(uri, node.range, 'Go to the citation');
        return item;
      }
    }
  }
}

/**
 * Clicking a participant: its citations in a peek view (one citation: straight
 * there); an uncited participant: its row in the participant table or registry file.
 */
function participantCommand(uri: vscode.Uri, p: OutlineParticipant): vscode.Command | undefined {
  if (p.citations.length > 1) {
    const locations = p.citations.map((r) => new vscode.Location(uri, toRange(r)));
    return { title: 'Show the citations', command: 'reportLint.showCitations', arguments: [uri, toRange(p.citations[0]).start, locations] };
  }
  if (p.citations.length === 1) return revealCommand(uri, p.citations[0], 'Go to the citation');
  if (p.tableRow) return revealCommand(uri, p.tableRow, 'Go to the table row');
  if (p.file) {
    const line = Math.max(0, (p.fileLine ?? 1) - 1);
    return revealCommand(vscode.Uri.file(p.file), { start: { line, character: 0 }, end: { line, character: 0 } }, 'Go to the registry entry');
  }
  return undefined;
}

class FootnotesProvider implements vscode.TreeDataProvider<FootnoteNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly source: OutlineSource) {
    source.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: FootnoteNode): FootnoteNode[] {
    const outline = this.source.outline;
    if (!outline) return [];
    if (!node) return outline.footnotes.map((footnote) => ({ kind: 'footnote', footnote }));
    if (node.kind !== 'footnote') return [];
    const f = node.footnote;
    return [
      ...f.problems.map((problem, index): FootnoteNode => ({ kind: 'problem', footnote: f, problem, index })),
      ...f.references.map((range, index): FootnoteNode => ({ kind: 'reference', footnote: f, range, index })),
    ];
  }

  getTreeItem(node: FootnoteNode): vscode.TreeItem {
    const uri = this.source.document?.uri;
    switch (node.kind) {
      case 'footnote': {
        const f = node.footnote;
        const hasChildren = f.references.length + f.problems.length > 0;
        const item = new vscode.TreeItem(footnoteLabel(f), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `footnote:${f.label}`;
        item.description = footnoteDescription(f);
        const worst = (['error', 'warning', 'information', 'hint'] as const).find((s) => f.problems.some((p) => p.severity === s));
        item.iconPath = worst ? SEVERITY_ICON[worst] : new vscode.ThemeIcon('note');
        item.contextValue = f.problems.length ? 'footnote.problem' : 'footnote';
        const tooltip = new vscode.MarkdownString();
        tooltip.appendText(f.definition ? f.text || '(empty definition)' : 'This footnote has no definition.');
        for (const p of f.problems) tooltip.appendText(`\n\n${p.ruleId}: ${p.message}`);
        item.tooltip = tooltip;
        const target = f.definition ?? f.references[0];
        if (uri && target) item.command = revealCommand(uri, target, f.definition ? 'Go to the definition' : 'Go to the reference');
        return item;
      }
      case 'reference': {
        const item = new vscode.TreeItem(`Reference, line ${node.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
        item.id = `footnote:${node.footnote.label}:ref:${node.index}`;
        item.description = lineExcerpt(this.source.document, node.range);
        item.iconPath = new vscode.ThemeIcon('references');
        if (uri) item.command = revealCommand(uri, node.range, 'Go to the reference');
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(node.problem.message, vscode.TreeItemCollapsibleState.None);
        item.id = `footnote:${node.footnote.label}:problem:${node.index}`;
        item.description = node.problem.ruleId;
        item.tooltip = `${node.problem.ruleId}: ${node.problem.message}`;
        item.iconPath = SEVERITY_ICON[node.problem.severity];
        if (uri) item.command = revealCommand(uri, node.problem.range, 'Go to the problem');
        return item;
      }
    }
  }
}

/** Registers both views and what they need; everything is disposed with the extension. */
export function registerReportViews(context: vscode.ExtensionContext, server: OutlineServer): { refresh(): void } {
  const source = new OutlineSource(server);
  const participants = vscode.window.createTreeView(PARTICIPANTS_VIEW, { treeDataProvider: new ParticipantsProvider(source), showCollapseAll: true });
  const footnotes = vscode.window.createTreeView(FOOTNOTES_VIEW, { treeDataProvider: new FootnotesProvider(source), showCollapseAll: true });
  source.visible = () => participants.visible || footnotes.visible;

  const describe = () => {
    const outline = source.outline;
    const name = source.document ? vscode.workspace.asRelativePath(source.document.uri) : undefined;
    const all = outline?.participants.flatMap((c) => c.interviews.flatMap((i) => i.participants)) ?? [];
    const uncited = all.filter((p) => !p.citations.length).length;
    participants.description = name;
    footnotes.description = name;
    participants.message = source.message ?? (outline && !all.length ? 'This report has no participant table and no registry entries.' : undefined);
    footnotes.message = source.message ?? (outline && !outline.footnotes.length ? 'This report has no footnotes.' : undefined);
    participants.badge = uncited ? { value: uncited, tooltip: `${plural(uncited, 'participant')} not cited` } : undefined;
    const withProblems = outline?.footnotes.filter((f) => f.problems.length).length ?? 0;
    footnotes.badge = withProblems ? { value: withProblems, tooltip: `${plural(withProblems, 'footnote')} with problems` } : undefined;
  };
  source.onDidChange(describe);
  describe();

  context.subscriptions.push(
    source,
    participants,
    footnotes,
    participants.onDidChangeVisibility(() => source.schedule(0)),
    footnotes.onDidChangeVisibility(() => source.schedule(0)),
    vscode.commands.registerCommand('reportLint.showCitations', (uri: vscode.Uri, position: vscode.Position, locations: vscode.Location[]) =>
      vscode.commands.executeCommand('editor.action.showReferences', uri, position, locations),
    ),
  );
  source.schedule(0);
  return { refresh: () => source.schedule(0) };
}
