/**
 * Rule documentation offline: the pages docs/rules/<id>.md ship inside the
 * extension and open in VS Code's Markdown preview, without a network.
 * - "Report Lint: Explain Rule" (a rule picked by typing its id or words, or the
 *   id given by a link);
 * - an "Explain <rule>" link added to the hover of every Report Lint diagnostic.
 * (The rule link of each diagnostic in the Problems panel is the local page too:
 * the server sets it.)
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { pickOne } from './pickers';
import { CLIENT_COMMANDS } from '../../server/src/protocol';

export const EXPLAIN_RULE_COMMAND = CLIENT_COMMANDS.explainRule;
const SOURCE = 'report-lint';

interface RuleSummary {
  id: string;
  description: string;
}

/** The rules, as the manifest's generated `reportLint.rules` setting lists them. */
function rulesOf(extension: vscode.ExtensionContext): RuleSummary[] {
  const properties = (
    extension.extension.packageJSON as {
      contributes?: { configuration?: { properties?: Record<string, { properties?: Record<string, { markdownDescription?: string }> }> } };
    }
  ).contributes?.configuration?.properties?.['reportLint.rules']?.properties;
  return Object.entries(properties ?? {}).map(([id, p]) => ({ id, description: (p.markdownDescription ?? '').replace(/\s*Default: `\w+`\.$/, '') }));
}

export function ruleDocsFeature(context: vscode.ExtensionContext): { middleware: Pick<Middleware, 'provideHover'>; disposable: vscode.Disposable } {
  const rules = rulesOf(context);
  const known = new Set(rules.map((r) => r.id));

  async function explainRule(ruleId?: unknown): Promise<boolean> {
    let id = typeof ruleId === 'string' ? ruleId : undefined;
    if (!id) {
      const picked = await pickOne(
        rules.map((r) => ({ label: r.id, detail: r.description })),
        { title: 'Explain Rule', placeHolder: 'Type a rule id or words of what it checks, then Enter' },
      );
      id = picked?.label;
    }
    if (!id) return false;
    if (!known.has(id)) {
      void vscode.window.showInformationMessage(`Report Lint: there is no rule "${id}".`);
      return false;
    }
    const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
    try {
      await vscode.workspace.fs.stat(page);
    } catch {
      void vscode.window.showErrorMessage(`Report Lint: the documentation of ${id} is missing from this installation (${page.fsPath}).`);
      return false;
    }
    // The Markdown preview (built into VS Code); the page as text where it is disabled.
    try {
      await vscode.commands.executeCommand('markdown.showPreview', page);
    } catch {
      await vscode.window.showTextDocument(page, { preview: true });
    }
    return true;
  }

  const middleware: Pick<Middleware, 'provideHover'> = {
    async provideHover(document, position, token, next) {
      const hover = await next(document, position, token);
      const ids = new Set<string>();
      for (const d of vscode.languages.getDiagnostics(document.uri)) {
        if (d.source !== SOURCE || !d.range.contains(position)) continue;
        const code = typeof d.code === 'object' ? d.code.value : d.code;
        if (typeof code === 'string' && known.has(code)) ids.add(code);
      }
      if (!ids.size) return hover;
      const links = new vscode.MarkdownString(
        [...ids]
          .map((id) => `[Explain ${id}](command:${EXPLAIN_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([id]))} "Open the documentation of ${id}")`)
          .join(' · '),
      );
      // Only this command may run from the link.
      links.isTrusted = { enabledCommands: [EXPLAIN_RULE_COMMAND] };
      return hover ? new vscode.Hover([...hover.contents, links], hover.range) : new vscode.Hover(links);
    },
  };
  return { middleware, disposable: vscode.commands.registerCommand(CLIENT_COMMANDS.explainRule, explainRule) };
}
