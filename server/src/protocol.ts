/**
 * What the VS Code client and the language server say to each other beyond LSP
 * itself: command ids, custom requests and the shapes of their answers. Both sides
 * import this one module (its imports are types only, so the client bundle takes
 * nothing else from the server), so they cannot drift apart. Other editors call the
 * same commands (see the README).
 */
import type { Range } from 'vscode-languageserver-protocol';
import type { Severity } from './core/types';

/** The settings section both sides read (`reportLint.*`). */
export const SETTINGS_SECTION = 'reportLint';

/** Commands the server executes (workspace/executeCommand), each taking the document URI. */
export const SERVER_COMMANDS = {
  renumberFootnotes: 'reportLint.renumberFootnotes',
  fixAll: 'reportLint.fixAll',
  participants: 'reportLint.participants',
  footnoteInfo: 'reportLint.footnoteInfo',
  /** The document's bibliography entries, for the Insert Bibliography Citation picker. */
  bibliography: 'reportLint.bibliography',
  /** The edits of Insert Footnote at a position: reference, renumbering and definition in one step. */
  footnoteInsertion: 'reportLint.footnoteInsertion',
  /** The safe fixes as edits, not applied (fix on save). */
  fixAllEdits: 'reportLint.fixAllEdits',
} as const;

/** Commands the VS Code extension contributes (package.json `contributes.commands`). */
export const CLIENT_COMMANDS = {
  insertParticipantCitation: 'reportLint.insertParticipantCitation',
  insertFootnote: 'reportLint.insertFootnote',
  insertBibliographyCitation: 'reportLint.insertBibliographyCitation',
  renumberFootnotes: SERVER_COMMANDS.renumberFootnotes,
  fixAll: SERVER_COMMANDS.fixAll,
  showOutput: 'reportLint.showOutput',
  restartServer: 'reportLint.restartServer',
  explainRule: 'reportLint.explainRule',
} as const;

/** A custom request for benchmarks and diagnosis: the server's memory and what it holds. */
export const STATS_REQUEST = 'reportLint/stats';

/** What `reportLint.participants` answers: one entry per participant of the report's registry. */
export interface ParticipantInfo {
  id: string;
  agency?: string;
  position?: string;
  country?: string;
  /** How many citations in the document stand for this participant. */
  citations: number;
  /** The ID without its participant letter ("RA1-MW-01"): participants of one interview share it. */
  interview: string;
  /** 1-based line of the table row (undefined for registry-file entries). */
  line?: number;
  /** The registry file it comes from (undefined for the document's own table). */
  file?: string;
}

/** What `reportLint.footnoteInfo` answers. */
export interface FootnoteInfo {
  /** The style new footnotes should follow ('mixed' documents: the style most definitions use). */
  style: 'gfm' | 'superscript' | 'none';
  nextNumber: number;
  existing: { label: string; text: string; line: number }[];
}

/** What `reportLint.renumberFootnotes` and `reportLint.fixAll` answer. */
export interface EditCommandResult {
  applied: boolean;
  /** Why nothing was applied, or what was. */
  message: string;
}

/** `reportLint/outline`: the Participants and Footnotes views of one document. */
export const OUTLINE_REQUEST = 'reportLint/outline';

export interface OutlineParticipant {
  id: string;
  agency?: string;
  position?: string;
  /** Every citation that stands for this participant (a combined `A&B` counts for both). */
  citations: Range[];
  /** The ID cell of its participant-table row, when the document's own table defines it. */
  tableRow?: Range;
  /** The registry file that defines it otherwise (absolute path) and its 1-based line. */
  file?: string;
  fileLine?: number;
}

export interface OutlineInterview {
  /** The ID without its participant letter (`RA1-KE-01`). */
  key: string;
  participants: OutlineParticipant[];
}

export interface OutlineCountry {
  /** The country code of the IDs (`KE`); empty for IDs the scheme cannot split. */
  code: string;
  /** The country's name as the report or the registry gives it, else ISO 3166. */
  name?: string;
  interviews: OutlineInterview[];
}

export interface OutlineProblem {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
}

export interface OutlineFootnote {
  label: string;
  style: 'gfm' | 'superscript';
  /** The definition's text (whitespace collapsed); empty when it has no definition. */
  text: string;
  /** The first definition's label (undefined: the footnote is not defined). */
  definition?: Range;
  references: Range[];
  /** Footnote findings on its references or definitions. */
  problems: OutlineProblem[];
}

export interface ReportOutline {
  uri: string;
  /** The document version the outline describes. */
  version: number;
  participants: OutlineCountry[];
  footnotes: OutlineFootnote[];
}

/** What `reportLint.bibliography` answers. */
export interface BibliographyPickEntry {
  key: string;
  authors: string[];
  year?: string;
  title?: string;
  container?: string;
  /** "Smith & Doe 2020". */
  authorYear: string;
  /** How many times this document cites it. */
  citations: number;
}

export interface BibliographyInfo {
  /** False when the document names no bibliography. */
  hasBibliography: boolean;
  entries: BibliographyPickEntry[];
  /** Bibliography files that could not be used, with the reason. */
  problems: string[];
  /** The document's citations written in the text (`@key says`) and in brackets (`[@key]`): its citation style. */
  narrativeCitations: number;
  bracketedCitations: number;
}
