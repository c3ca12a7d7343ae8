import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { fixSafe } from '../core/engine';
import { watched } from './watchdog';
import type { Finding } from '../core/types';
import { blockAt, type ReportModel } from '../core/model';
import { rangeOf, rangesIntersect, toDiagnostic, toLspEdits } from './convert';
import type { CheckedDocument } from './lookup';
import { SERVER_COMMANDS } from '../protocol';

export const FIX_ALL_KIND = 'source.fixAll.reportLint';
const FIX_ALL_TITLE = 'Fix all safe report-lint problems';

export interface EditCapabilities {
  /** The client accepts versioned documentChanges (and so rejects edits made for an older version). */
  documentChanges: boolean;
  relatedInformation: boolean;
  /** The client resolves a code action's edit lazily (codeAction/resolve), as VS Code does. */
  resolveEdit?: boolean;
  /** The client applies edits the server sends (workspace/applyEdit); undefined: assumed, as before. */
  applyEdit?: boolean;
}

/** What a lazily resolved fix-all action carries until it is picked. */
export interface FixAllData {
  reportLintFixAll: { uri: string; version: number | null };
}

export function isFixAllData(data: unknown): data is FixAllData {
  const d = (data as FixAllData | undefined)?.reportLintFixAll;
  return !!d && typeof d.uri === 'string';
}

export function workspaceEdit(checked: CheckedDocument, edits: LspTextEdit[], caps: EditCapabilities): WorkspaceEdit {
  const { uri, version } = checked.analysis;
  return caps.documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
}

/**
 * The safe fixes of the whole document as small edits, so the editor keeps the
 * cursor, selections and folding elsewhere. Safe fixes keep the line count, so
 * changed lines are paired one to one; otherwise one edit covers the changed middle.
 */
export function fixAllEdits(checked: CheckedDocument): { edits: LspTextEdit[]; applied: number; stopped?: boolean } {
  const { analysis, model } = checked;
  const before = model.text;
  // Fix-all re-checks the report once per pass: no pass starts after one check's budget, and the
  // supervisor stops the whole at twice that (a pass that hangs), as it stops a check.
  const budget = analysis.budgetMs;
  const {
    text: after,
    applied,
    stopped,
  } = watched(
    analysis.uri,
    analysis.version,
    before.length,
    () => fixSafe(analysis.linter, before, analysis.project.registry, analysis.uri, undefined, {}, budget),
    2 * budget,
  );
  const more = stopped ? { stopped } : {};
  if (after === before) return { edits: [], applied: 0, ...more };
  return { edits: minimalEdits(before, after).map((e) => ({ range: rangeOf(model.lines, e), newText: e.newText })), applied: applied.length, ...more };
}

/** Edits turning `before` into `after`: the differing middle, split by line when lines pair up. */
export function minimalEdits(before: string, after: string): { start: number; end: number; newText: string }[] {
  const [start, endBefore, endAfter] = changedMiddle(before, after, 0, before.length, 0, after.length);
  if (start === endBefore && start === endAfter) return [];
  const oldLines = before.slice(start, endBefore).split('\n');
  const newLines = after.slice(start, endAfter).split('\n');
  if (oldLines.length !== newLines.length) return [{ start, end: endBefore, newText: after.slice(start, endAfter) }];
  const edits: { start: number; end: number; newText: string }[] = [];
  let o = start;
  let n = start;
  for (let i = 0; i < oldLines.length; i++) {
    const ol = oldLines[i].length;
    const nl = newLines[i].length;
    if (oldLines[i] !== newLines[i]) {
      const [s, eb, ea] = changedMiddle(before, after, o, o + ol, n, n + nl);
      edits.push({ start: s, end: eb, newText: after.slice(n + (s - o), ea) });
    }
    o += ol + 1;
    n += nl + 1;
  }
  return edits;
}

/**
 * The common prefix and suffix of before[b0,b1) and after[a0,a1) (same start
 * offset: a0 - b0 is the shift so far) → [start in before, end in before, end in after].
 */
function changedMiddle(before: string, after: string, b0: number, b1: number, a0: number, a1: number): [number, number, number] {
  let i = 0;
  while (b0 + i < b1 && a0 + i < a1 && before.charCodeAt(b0 + i) === after.charCodeAt(a0 + i)) i++;
  let eb = b1;
  let ea = a1;
  while (eb > b0 + i && ea > a0 + i && before.charCodeAt(eb - 1) === after.charCodeAt(ea - 1)) {
    eb--;
    ea--;
  }
  let start = b0 + i;
  // Never split a surrogate pair: widen to whole characters.
  if (start > b0 && isLowSurrogate(before.charCodeAt(start))) start--;
  if (eb < b1 && isLowSurrogate(before.charCodeAt(eb))) {
    eb++;
    ea++;
  }
  return [start, eb, ea];
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Inline directive that silences one rule where the finding is:
 * - in a table, disable/enable comments around the table (a comment line inside a
 *   table would end it; around a grid, simple or multiline table, after and before
 *   a blank line, as such a table must be a block of its own);
 * - on the first line of a block, a disable-next-line comment on its own line above,
 *   with the line's indentation;
 * - elsewhere (a later line of a paragraph or list, or a superscript footnote
 *   definition, which must start its block), a disable-line comment at the end of
 *   the line, which does not split the paragraph.
 */
function disableEdits(model: ReportModel, finding: Finding): { title: string; edits: { start: number; end: number; newText: string }[] } {
  const rule = finding.ruleId;
  const lines = model.lines;
  const line = lines.positionAt(finding.start).line;
  const indentOf = (l: number) => /^[ \t]*/.exec(lines.lineText(l))?.[0] ?? '';
  const table = model.tables.find((t) => t.start <= finding.start && finding.start < t.end);
  if (table) {
    const first = lines.positionAt(table.start).line;
    const firstStart = lines.offsetAt({ line: first, character: 0 });
    const last = lines.positionAt(table.end).line;
    const lastEnd = lines.offsetAt({ line: last, character: 0 }) + lines.lineText(last).length;
    const indent = indentOf(first);
    // A grid, simple or multiline table is one only as a block of its own: a blank line between it and the comments.
    const gap = table.aligned ? '\n' : '';
    return {
      title: `Disable report-lint ${rule} for this table`,
      edits: [
        { start: firstStart, end: firstStart, newText: `${indent}<!-- report-lint-disable ${rule} -->\n${gap}` },
        { start: lastEnd, end: lastEnd, newText: `\n${gap}${indent}<!-- report-lint-enable ${rule} -->` },
      ],
    };
  }
  const title = `Disable report-lint ${rule} for this line`;
  const lineStart = lines.offsetAt({ line, character: 0 });
  const block = blockAt(model, finding.start);
  const firstLineOfBlock = !block || lines.positionAt(block.start).line === line;
  if (firstLineOfBlock && !block?.isSuperscriptDefinition) {
    return { title, edits: [{ start: lineStart, end: lineStart, newText: `${indentOf(line)}<!-- report-lint-disable-next-line ${rule} -->\n` }] };
  }
  const lineEnd = lineStart + lines.lineText(line).length;
  return { title, edits: [{ start: lineEnd, end: lineEnd, newText: ` <!-- report-lint-disable-line ${rule} -->` }] };
}

/** Findings whose quick fixes one code action request gets at most (see codeActions). */
const MAX_FINDINGS_PER_REQUEST = 500;

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Fills in the edit of a fix-all action offered without one (see codeActions). */
export function resolveFixAll(checked: CheckedDocument | undefined, action: CodeAction, caps: EditCapabilities): CodeAction {
  if (!checked || !isFixAllData(action.data) || checked.analysis.version !== action.data.reportLintFixAll.version) return action;
  const all = fixAllEdits(checked);
  return { ...action, edit: workspaceEdit(checked, all.edits, caps) };
}

export function codeActions(checked: CheckedDocument, params: CodeActionParams, caps: EditCapabilities): CodeAction[] {
  const { result, model, doc } = checked;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const edit = (edits: { start: number; end: number; newText: string }[]) => workspaceEdit(checked, toLspEdits(model.lines, edits), caps);

  if (wants(only, CodeActionKind.QuickFix)) {
    // The editor asks at every cursor move: only findings whose offsets can meet the range are
    // converted (a superset: offsetAt keeps position order), then matched exactly as diagnostics.
    const from = model.lines.offsetAt(params.range.start);
    const to = model.lines.offsetAt(params.range.end);
    // A range over thousands of findings (a selection of a long report, a lightbulb plugin asking for
    // a whole 1 MB line) gets the fixes of the first ones: 45,000 actions took 3 s to build and no
    // editor shows such a menu; Fix All covers the rest.
    const hits: { finding: Finding; diagnostic: Diagnostic }[] = [];
    for (const finding of result.findings) {
      if (hits.length === MAX_FINDINGS_PER_REQUEST) break;
      if (finding.end < from || finding.start > to) continue;
      const diagnostic = toDiagnostic(finding, model.lines, doc.uri, caps);
      if (rangesIntersect(diagnostic.range, params.range)) hits.push({ finding, diagnostic });
    }
    for (const { finding, diagnostic } of hits)
      for (const fix of finding.fixes)
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred ?? false,
          edit: edit(fix.edits),
        });

    const disabled = new Set<string>();
    for (const { finding, diagnostic } of hits) {
      const d = disableEdits(model, finding);
      const key = `${finding.ruleId}:${d.edits[0].start}`;
      if (disabled.has(key)) continue;
      disabled.add(key);
      actions.push({ title: d.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(d.edits) });
    }

    // From the light bulb, offer the whole-document fix next to a safe one when there is more to fix.
    const safeHere = hits.some((x) => x.finding.fixes.some((f) => f.safe));
    const safeCount = result.findings.filter((f) => f.fixes.some((x) => x.safe)).length;
    if (!only && safeHere && safeCount > 1) {
      if (caps.resolveEdit) {
        // Computing the edits re-checks the whole document up to ten times (a second or more for a
        // long report), and the editor asks for code actions at every cursor move: only when picked.
        const data: FixAllData = { reportLintFixAll: { uri: checked.analysis.uri, version: checked.analysis.version } };
        actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, data });
      } else if (caps.applyEdit) {
        // An editor that does not resolve code actions but applies the server's edits: the same
        // work is left to the Fix All command, run only when picked (computing it here cost
        // 0.2–0.6 s at every cursor move on a 3,000-paragraph report).
        const command = { title: FIX_ALL_TITLE, command: SERVER_COMMANDS.fixAll, arguments: [checked.analysis.uri] };
        actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, command });
      } else {
        const all = fixAllEdits(checked);
        if (all.edits.length) actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, edit: workspaceEdit(checked, all.edits, caps) });
      }
    }
  }

  // On save ("editor.codeActionsOnSave") and from the Source Action menu.
  if (only && wants(only, FIX_ALL_KIND)) {
    const all = fixAllEdits(checked);
    if (all.edits.length) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: workspaceEdit(checked, all.edits, caps) });
  }
  return actions;
}
