import countries from './data/countries.json';
import { DEFAULT_ID_SCHEME, IdScheme, type IdSchemeConfig } from './participantIds';
import { ID_HEADER } from './registry';
import { ReportLinter } from './engine';
import { RULES } from './rules';

/**
 * The starter `.reportlintrc.json`: one implementation for `report-lint --init`
 * and the editor's Create Configuration File command. It writes every setting a
 * project usually changes, with comments, and a participant-ID pattern derived
 * from the IDs of the report's own participant table, so a study whose IDs are
 * not spelt like the default (`RA1-KE-05-A`) starts from a pattern that fits.
 */

export interface StarterConfigSource {
  /** The report's text. */
  text: string;
  /** How to name the report in the file's comments (a workspace-relative path). */
  name?: string;
}

export interface StarterConfig {
  /** The JSONC text to write to `.reportlintrc.json`. */
  text: string;
  /**
   * Where the participant-ID pattern came from: `derived` from the table IDs,
   * `default` (the table IDs fit the default pattern, or there is no table), or
   * `fallback` (the table IDs could not be turned into a pattern).
   */
  idPattern: 'derived' | 'default' | 'fallback';
  /** The participant IDs found in the reports' participant tables. */
  tableIds: string[];
  /** One sentence for the user: what the file holds and why. */
  summary: string;
}

/** Cells longer than this are prose, not IDs; it also bounds the work per cell. */
const MAX_ID_LENGTH = 40;
/** Enough IDs to see the shape; a registry-sized table adds nothing. */
const MAX_IDS = 5000;
/** An ID: letters and digits, parts joined by single separators (no spaces: they make a loose ID). */
const ID_SHAPE = /^[A-Za-z0-9]+(?:[-_./:][A-Za-z0-9]+)*$/;
const KNOWN_COUNTRY_CODES = new Set(Object.keys((countries as { countries: Record<string, string> }).countries));

/**
 * The first-column cells of the report's participant tables (tables whose first
 * header names an ID column), whatever their spelling: the scheme is what we are
 * looking for, so the default pattern cannot be used to recognise them.
 */
export function participantTableIds(text: string): string[] {
  const { model } = new ReportLinter().lint(text);
  const ids: string[] = [];
  for (const table of model.tables) {
    if (!table.header.length || !ID_HEADER.test(table.header[0].text)) continue;
    for (const row of table.rows) {
      // Emphasis or code around an ID (`**RA1-KE-05-A**`) is markup, not part of it.
      const cell = (row.cells[0]?.text ?? '').trim().replace(/^[*_`]+|[*_`]+$/g, '');
      if (cell && cell.length <= MAX_ID_LENGTH && ids.length < MAX_IDS) ids.push(cell);
    }
  }
  return ids;
}

type Token = { kind: 'letters' | 'digits'; value: string } | { kind: 'separator'; value: string };

function tokenize(id: string): Token[] {
  return (id.match(/[A-Za-z]+|\d+|[-_./:]/g) ?? []).map((value) =>
    /^[A-Za-z]/.test(value) ? { kind: 'letters', value } : /^\d/.test(value) ? { kind: 'digits', value } : { kind: 'separator', value },
  );
}

/** Token kinds with the separators spelt out: IDs of one scheme share it ("L D - L - D - L"). */
function shapeOf(tokens: Token[]): string {
  return tokens.map((t) => (t.kind === 'separator' ? t.value : t.kind === 'letters' ? 'L' : 'D')).join(' ');
}

function lengthQuantifier(values: string[]): string {
  // A loop, not Math.min(...list): a table of 200,000 rows would overflow the call stack.
  let min = Infinity;
  let max = 0;
  for (const v of values) {
    min = Math.min(min, v.length);
    max = Math.max(max, v.length);
  }
  return min === max ? (min === 1 ? '' : `{${min}}`) : `{${min},${max}}`;
}

function letterClass(values: string[]): string {
  if (values.every((v) => v === v.toUpperCase())) return '[A-Z]';
  if (values.every((v) => v === v.toLowerCase())) return '[a-z]';
  return '[A-Za-z]';
}

type Part = 'activity' | 'country' | 'interview' | 'participant';

/**
 * A pattern and format that accept every given ID, with the parts the engine
 * needs (country, interview, participant; activity when there is a number
 * before the country). Undefined when the IDs do not share one shape or do not
 * have those parts: a wrong guess would flag every citation, so we do not guess.
 */
export function deriveIdScheme(ids: readonly string[]): IdSchemeConfig | undefined {
  const usable = ids.filter((id) => id.length <= MAX_ID_LENGTH && ID_SHAPE.test(id)).slice(0, MAX_IDS);
  if (!usable.length) return undefined;
  const byShape = new Map<string, Token[][]>();
  for (const id of usable) {
    const tokens = tokenize(id);
    const shape = shapeOf(tokens);
    byShape.set(shape, [...(byShape.get(shape) ?? []), tokens]);
  }
  const [rows] = [...byShape.values()].sort((a, b) => b.length - a.length);
  // Most IDs must agree; a table of mixed spellings has no one pattern to offer.
  if (rows.length * 5 < usable.length * 4) return undefined;

  const width = rows[0].length;
  const column = (i: number) => rows.map((r) => r[i].value);
  const varies = (i: number) => new Set(column(i)).size > 1;
  const positions = [...Array(width).keys()].filter((i) => rows[0][i].kind !== 'separator');
  const kind = (i: number) => rows[0][i].kind;

  const roles = new Map<number, Part>();
  const participant = positions[positions.length - 1];
  roles.set(participant, 'participant');
  const interview = positions.filter((i) => i < participant && kind(i) === 'digits').pop();
  if (interview === undefined) return undefined;
  roles.set(interview, 'interview');
  // The country: letters before the interview number that differ from row to row,
  // or are country codes, or are two or three letters long (nearest wins ties).
  const score = (i: number) =>
    (varies(i) ? 4 : 0) +
    (column(i).every((v) => KNOWN_COUNTRY_CODES.has(v.toUpperCase())) ? 2 : 0) +
    (rows[0][i].value.length <= 3 && rows[0][i].value.length >= 2 ? 1 : 0);
  const countryCandidates = positions.filter((i) => i < interview && kind(i) === 'letters');
  if (!countryCandidates.length) return undefined;
  const country = countryCandidates.reduce((best, i) => (score(i) >= score(best) ? i : best));
  roles.set(country, 'country');
  const activity = positions.filter((i) => i < country && kind(i) === 'digits').pop();
  if (activity !== undefined) roles.set(activity, 'activity');

  let pattern = '';
  let format = '';
  for (let i = 0; i < width; i++) {
    const values = column(i);
    const role = roles.get(i);
    if (role) {
      const source =
        kind(i) === 'digits' ? (role === 'activity' ? '\\d+' : `\\d${lengthQuantifier(values)}`) : `${letterClass(values)}${lengthQuantifier(values)}`;
      pattern += `(?<${role}>${source})`;
      format += `{${role}}`;
    } else if (varies(i)) {
      // A part that changes but is none of the four cannot be written back by the format.
      return undefined;
    } else {
      const literal = values[0];
      pattern += literal === '.' ? '\\.' : literal;
      format += literal;
    }
  }
  const scheme: IdSchemeConfig = { pattern, format };
  let compiled: IdScheme;
  try {
    compiled = new IdScheme(scheme);
  } catch {
    return undefined;
  }
  return rows.every((r) => compiled.isCanonical(r.map((t) => t.value).join(''))) ? scheme : undefined;
}

const defaultScheme = new IdScheme(DEFAULT_ID_SCHEME);

/** A comment as `//` lines of at most about 90 characters. */
function wrapComment(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 86) {
      lines.push(`${indent}// ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${indent}// ${line}`);
  return lines;
}

/** Builds the starter configuration from the open report (or the reports of a folder). */
export function starterConfig(sources: readonly StarterConfigSource[]): StarterConfig {
  const tableIds: string[] = [];
  const named: string[] = [];
  for (const s of sources) {
    const ids = participantTableIds(s.text);
    if (ids.length && s.name) named.push(s.name);
    for (const id of ids) if (tableIds.length < MAX_IDS) tableIds.push(id);
  }
  const from = named.length ? ` in ${named.length === 1 ? named[0] : `${named.length} reports`}` : '';
  const example = tableIds[0];

  let scheme: IdSchemeConfig = DEFAULT_ID_SCHEME;
  let idPattern: StarterConfig['idPattern'] = 'default';
  let comment: string;
  if (!tableIds.length) {
    comment =
      'No participant table (a table whose first column is headed "ID", "Participant" or "Code") was found, so this is the default pattern: edit it to match your IDs.';
  } else if (tableIds.every((id) => defaultScheme.isCanonical(id))) {
    comment = `The ${tableIds.length} IDs of the participant table${from} (such as ${example}) follow the default pattern.`;
  } else {
    const derived = deriveIdScheme(tableIds);
    if (derived) {
      scheme = derived;
      idPattern = 'derived';
      comment = `Derived from the ${tableIds.length} IDs of the participant table${from} (such as ${example}). Named groups: country, interview and participant (and activity); "format" writes the canonical spelling that fixes offer.`;
    } else {
      idPattern = 'fallback';
      comment = `The IDs of the participant table${from} (such as ${example}) do not share one shape with a country, an interview number and a participant, so this is the default pattern: edit it to match your IDs.`;
    }
  }

  const ruleWidth = Math.max(...RULES.map((r) => r.id.length));
  const ruleLines = RULES.map((r, i) => {
    const entry = `${JSON.stringify(r.id)}: ${JSON.stringify(r.defaultSeverity)}${i < RULES.length - 1 ? ',' : ''}`;
    return `    ${entry.padEnd(ruleWidth + 18)}// ${r.description}`;
  });
  const text = [
    `// Report Lint configuration for the reports in this folder and below.`,
    `// JSON with comments. Every setting is optional; delete what you do not need.`,
    `{`,
    ...wrapComment(`Participant IDs. ${comment}`, '  '),
    `  "participantIds": {`,
    `    "pattern": ${JSON.stringify(scheme.pattern)},`,
    `    "format": ${JSON.stringify(scheme.format)}`,
    `  },`,
    ``,
    `  // Participant lists (CSV or JSON with an ID column), relative to this file,`,
    `  // for IDs that are not in the report's own participant table.`,
    `  "registries": [],`,
    ``,
    `  // Severity per rule: "error", "warning", "information", "hint" or "off".`,
    `  "rules": {`,
    ...ruleLines,
    `  },`,
    ``,
    `  // Phrases in which discouraged words are legitimate (official names, titles of laws).`,
    `  "allowedPhrases": [],`,
    ``,
    `  // Terminology inside quotations (participants' own words): "off" or "hint".`,
    `  "terminologyInQuotations": "off"`,
    `}`,
    ``,
  ].join('\n');
  const summary =
    idPattern === 'derived'
      ? `participant-ID pattern derived from ${tableIds.length} IDs in the participant table${from}`
      : idPattern === 'default' && tableIds.length
        ? `the ${tableIds.length} IDs in the participant table${from} follow the default participant-ID pattern`
        : idPattern === 'default'
          ? 'no participant table found; the default participant-ID pattern is written for you to edit'
          : `the participant table IDs${from} did not fit one pattern; the default participant-ID pattern is written for you to edit`;
  return { text, idPattern, tableIds, summary };
}
