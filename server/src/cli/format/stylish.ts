import type { Severity } from '../../core/types';
import type { FileReport } from '../check';
import { displayPath } from '../files';
import { plural } from '../../core/text';
import { printable } from './printable';

export interface Painter {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
  green(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function painter(enabled: boolean): Painter {
  if (!enabled) {
    const plain = (s: string) => s;
    return { red: plain, yellow: plain, blue: plain, dim: plain, bold: plain, underline: plain, green: plain };
  }
  return { red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39), dim: sgr(2, 22), bold: sgr(1, 22), underline: sgr(4, 24), green: sgr(32, 39) };
}

const MAX_ALIGNED_MESSAGE = 100;

export const SEVERITY_LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
  fixable: number;
}

function countFindings(reports: FileReport[]): Counts {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0, fixable: 0 };
  for (const r of reports)
    for (const f of r.findings) {
      counts[f.severity]++;
      if (f.fixes.some((x) => x.safe)) counts.fixable++;
    }
  return counts;
}

/** "12 problems (3 errors, 6 warnings, 3 infos)"; hints are named only when there are some. */
function summaryText(c: Counts): string {
  const total = c.error + c.warning + c.information + c.hint;
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning'), plural(c.information, 'info')];
  if (c.hint) parts.push(plural(c.hint, 'hint'));
  return `${plural(total, 'problem')} (${parts.join(', ')})`;
}

function widest(lengths: number[]): number {
  let max = 0;
  for (const n of lengths) if (n > max) max = n;
  return max;
}

/**
 * ESLint-style report: findings grouped under each file's path, one per line as
 * `line:col  severity  message  rule-id`, then a summary and a `--fix` hint.
 */
export function formatStylish(reports: FileReport[], cwd: string, paint: Painter): string {
  const out: string[] = [];
  const colourOf: Record<Severity, (s: string) => string> = { error: paint.red, warning: paint.yellow, information: paint.blue, hint: paint.dim };
  for (const r of reports) {
    if (!r.findings.length) continue;
    out.push(paint.underline(printable(displayPath(r.file, cwd), false)));
    const rows = r.findings.map((f) => ({
      place: `${f.line}:${f.column}`,
      severity: f.severity,
      message: printable(f.message.replace(/\s*\n\s*/g, ' '), false),
      ruleId: f.ruleId,
    }));
    // A loop, not Math.max(...list): spreading a list of 100 000+ findings (a
    // multi-megabyte report) overflows the call stack.
    const placeWidth = widest(rows.map((x) => x.place.length));
    const severityWidth = widest(rows.map((x) => SEVERITY_LABEL[x.severity].length));
    // Rule ids line up after messages of ordinary length; a very long message would
    // push every id off the screen, so it is followed by two spaces only.
    const messageWidth = widest(rows.map((x) => x.message.length).filter((n) => n <= MAX_ALIGNED_MESSAGE));
    for (const x of rows) {
      const label = SEVERITY_LABEL[x.severity];
      out.push(
        `  ${paint.dim(x.place.padEnd(placeWidth))}  ${colourOf[x.severity](label)}${' '.repeat(severityWidth - label.length)}  ${x.message.padEnd(messageWidth)}  ${paint.dim(x.ruleId)}`,
      );
    }
    out.push('');
  }
  const counts = countFindings(reports);
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const checked = reports.filter((r) => r.checked).length;
  const skipped = reports.length - checked;
  if (!total && skipped) {
    // A skipped file is not a clean one: say so rather than print a green tick.
    out.push(paint.red(`✖ ${plural(skipped, 'file')} could not be checked (see above); ${plural(checked, 'file')} checked, no problems found.`));
  } else if (!total) {
    out.push(paint.green(`✔ No problems found (${plural(checked, 'file')} checked).`));
  } else {
    const colour = counts.error ? paint.red : counts.warning ? paint.yellow : paint.blue;
    out.push(colour(paint.bold(`✖ ${summaryText(counts)}`)));
    if (counts.fixable)
      out.push(
        `  ${counts.fixable === 1 ? '1 problem is' : `${counts.fixable} problems are`} fixable with ${paint.bold('--fix')} (safe fixes: ID spelling, footnote numbering).`,
      );
  }
  return out.join('\n') + '\n';
}
