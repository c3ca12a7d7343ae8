/** Types for the parts of Citation.js the BibTeX parser uses (the packages ship none). */
declare module '@citation-js/core/lib/util/grammar.js' {
  export class Grammar {
    constructor(rules: object, state?: object);
  }
}

declare module '@citation-js/core/lib/util/translator.js' {
  export class Translator {
    constructor(props: object[]);
  }
}

declare module '@citation-js/plugin-bibtex/lib/input/file.js' {
  /** One entry as written: its fields' values are the raw BibTeX (LaTeX) text, @string abbreviations resolved. */
  export interface RawBibtexEntry {
    type: string;
    label: string;
    properties: Record<string, string | number>;
    annotations?: Record<string, Record<string, string>>;
  }
  /** The file's entries; throws a SyntaxError at the first error. */
  export function parse(text: string): RawBibtexEntry[];
  /** The grammar that `parse` runs; after a parse its state holds the @string abbreviations it defined. */
  export const bibtexGrammar: { state: { strings: Record<string, string | number> } };
}

declare module '@citation-js/plugin-bibtex/lib/input/entries.js' {
  import type { RawBibtexEntry } from '@citation-js/plugin-bibtex/lib/input/file.js';
  /** CSL-JSON items (LaTeX to Unicode, names, dates), one per entry, crossref and xdata resolved among the entries given. */
  export function parse(entries: RawBibtexEntry[]): Record<string, unknown>[];
}

declare module '@citation-js/plugin-bibtex/lib/input/constants.js' {
  /** The abbreviations every BibTeX file has (the months). */
  export const defaultStrings: Record<string, string>;
}
