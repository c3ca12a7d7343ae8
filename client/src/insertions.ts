/**
 * Text decisions of the client's insert commands, kept free of the `vscode` module
 * so plain mocha tests can check them (test/core/clientInsertions.test.ts).
 */

/** A participant ID whose last part is a single participant letter: `RA1-MW-01-A`. */
const SINGLE_PARTICIPANT = /^(.*-)([A-Z])$/;

/**
 * The citation text for picked participants. Participants of one interview share
 * everything but the final letter and are cited in the combined form
 * (`RA1-MW-01-A&B`, letters sorted); different interviews are joined with `; `.
 * IDs in another shape (a project's own scheme) are cited as they are.
 */
export function combineParticipantIds(ids: readonly string[]): string {
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  for (const id of ids) {
    const m = SINGLE_PARTICIPANT.exec(id);
    const key = m ? m[1] : `\u0000${id}`;
    if (!groups.has(key)) {
      groups.set(key, []);
      order.push(key);
    }
    groups.get(key)!.push(m ? m[2] : id);
  }
  return order
    .map((key) => {
      const members = groups.get(key)!;
      if (key.startsWith('\u0000')) return members[0];
      const letters = [...new Set(members)].sort();
      return `${key}${letters.join('&')}`;
    })
    .join('; ');
}

/** Index of the `(` left open before the end of `textBefore`, or -1 when every `(` is closed. */
export function unclosedParenthesis(textBefore: string): number {
  const open: number[] = [];
  for (let i = 0; i < textBefore.length; i++) {
    if (textBefore[i] === '(') open.push(i);
    else if (textBefore[i] === ')') open.pop();
  }
  return open.length ? open[open.length - 1] : -1;
}

/**
 * What to type at the cursor to cite `citation`. Outside parentheses: `(ID)`, after a
 * space when the cursor follows a word.
 * Inside an open parenthesis only the ID, separated by `; ` from anything already
 * cited there (`(RA1-MW-02-A` + cursor → `; RA1-MW-03-A`).
 */
export function citationInsertText(lineTextBeforeCursor: string, citation: string): string {
  const paren = unclosedParenthesis(lineTextBeforeCursor);
  // "agreed|." becomes "agreed (ID)."; after a space or an opening bracket no space is added.
  if (paren < 0) return `${/[^\s([]$/.test(lineTextBeforeCursor) ? ' ' : ''}(${citation})`;
  const inside = lineTextBeforeCursor.slice(paren + 1);
  if (!inside.trim()) return citation;
  if (/[;,]$/.test(inside)) return ` ${citation}`;
  // "(see " or "(RA1-MW-02-A; " already ends with a separator.
  if (/\s$/.test(inside)) return citation;
  return `; ${citation}`;
}

/** A footnote text shortened for a one-line picker label. */
export function shortFootnoteText(text: string, max = 80): string {
  // Show what a reader sees: link text without its target, no emphasis markers.
  const flat = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
