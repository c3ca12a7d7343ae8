/**
 * Which entries of a quick pick match what the author typed, best first. Kept free
 * of the `vscode` module so plain mocha tests can check it (test/core/pickMatch.test.ts).
 *
 * VS Code filters quick pick rows itself but does not tell the extension which rows
 * it shows; this ranks them the way an author reads the list: the exact entry, then
 * entries starting with the text, containing it, containing its characters in order
 * (VS Code's fuzzy match: "ke02" finds RA1-KE-02-A), then matches in the description
 * or detail.
 */
import { charactersInOrder } from '../../server/src/core/text';

export interface PickText {
  label: string;
  description?: string;
  detail?: string;
}

export interface MatchOptions {
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

export function matchingItems<T extends PickText>(items: readonly T[], typed: string, options: MatchOptions = {}): T[] {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...items];
  const whole = words.join(' ');
  const ranked: { item: T; rank: number; index: number }[] = [];
  items.forEach((item, index) => {
    const rank = rankOf(item, words, whole, options);
    if (rank !== undefined) ranked.push({ item, rank, index });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.item);
}

function rankOf(item: PickText, words: string[], whole: string, options: MatchOptions): number | undefined {
  const label = stripIcons(item.label).toLowerCase();
  if (label === whole) return 0;
  if (label.startsWith(whole)) return 1;
  if (words.every((w) => label.includes(w))) return 2;
  if (words.every((w) => charactersInOrder(w, label))) return 3;
  const extra = [options.matchOnDescription ? item.description : undefined, options.matchOnDetail ? item.detail : undefined]
    .filter((s): s is string => !!s)
    .map((s) => stripIcons(s).toLowerCase());
  const all = [label, ...extra].join(' ');
  if (extra.length && words.every((w) => all.includes(w))) return 4;
  return undefined;
}

/** Labels may carry codicons (`$(account) RA1-KE-01-A`); they are not typed. */
function stripIcons(text: string): string {
  return text.replace(/\$\([\w-]+(?:~[\w-]+)?\)\s*/g, '');
}
