import * as path from 'node:path';
import { footnoteKey } from '../core/footnotes';
import {
  LSPErrorCodes,
  ResponseError,
  type DefinitionParams,
  type Location,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { IdToken } from '../core/model';
import type { RegistryEntry } from '../core/registry';
import type { TextEdit as CoreTextEdit } from '../core/types';
import { editsKeepingColumns } from '../core/tableEdits';
import { fileLineRange, location, pathToUri, rangeOf } from './convert';
import {
  citationsOf,
  footnoteDefLabelAt,
  footnoteRefAt,
  idTokenAt,
  intendedIds,
  offsetAt,
  participantIndexAt,
  participantLetterOffsets,
  type CheckedDocument,
} from './lookup';
import { append } from '../core/text';

function entryLocation(checked: CheckedDocument, entry: RegistryEntry): Location {
  return entry.origin.kind === 'table'
    ? location(checked.doc.uri, checked.model.lines, entry.origin.idSpan)
    : { uri: pathToUri(entry.origin.file), range: fileLineRange(entry.origin.line) };
}

/** The IDs a request at this token is about: the participant under the cursor in a combined ID, else all. */
function targetIds(checked: CheckedDocument, token: IdToken, offset: number): string[] {
  const ids = intendedIds(checked, token);
  if (ids.length < 2) return ids;
  const i = participantIndexAt(token, offset);
  return i === undefined ? ids : [ids[i]];
}

/** Table keys (or registry rows) that define `id`. */
function definitionsOf(checked: CheckedDocument, id: string): Location[] {
  const { model } = checked;
  const out: Location[] = [];
  for (const e of [...model.tableRegistry, ...model.externalRegistry]) if (e.id === id) out.push(entryLocation(checked, e));
  return out;
}

export function definition(checked: CheckedDocument, params: DefinitionParams): Location[] | null {
  const { model, doc } = checked;
  const offset = offsetAt(checked, params.position);
  const token = idTokenAt(model, offset);
  if (token) {
    // On the table's own key the definition is the row itself; editors then offer references.
    if (token.inRegistryTable) return [location(doc.uri, model.lines, token)];
    const out = targetIds(checked, token, offset).flatMap((id) => {
      const entry = checked.analysis.registry.get(id);
      return entry ? [entryLocation(checked, entry)] : [];
    });
    return out.length ? out : null;
  }
  const ref = footnoteRefAt(model, offset);
  if (ref) {
    const defs = model.footnoteDefs.filter((d) => footnoteKey(d.label) === footnoteKey(ref.label));
    return defs.length ? defs.map((d) => location(doc.uri, model.lines, d.labelSpan)) : null;
  }
  // From a definition back to where it is referenced.
  const def = footnoteDefLabelAt(model, offset);
  if (def) {
    const refs = model.footnoteRefs.filter((r) => footnoteKey(r.label) === footnoteKey(def.label));
    return refs.length ? refs.map((r) => location(doc.uri, model.lines, r)) : null;
  }
  return null;
}

export function references(checked: CheckedDocument, params: ReferenceParams): Location[] | null {
  const { model, doc } = checked;
  const offset = offsetAt(checked, params.position);
  const includeDeclaration = params.context?.includeDeclaration ?? true;
  const token = idTokenAt(model, offset);
  if (token) {
    const ids = targetIds(checked, token, offset);
    const out: Location[] = [];
    const seen = new Set<number>();
    for (const id of ids) {
      if (includeDeclaration) append(out, definitionsOf(checked, id));
      for (const t of citationsOf(checked, id)) {
        if (seen.has(t.start)) continue;
        seen.add(t.start);
        out.push(location(doc.uri, model.lines, t));
      }
    }
    return out;
  }
  const label = footnoteRefAt(model, offset)?.label ?? footnoteDefLabelAt(model, offset)?.label;
  if (label === undefined) return null;
  const out: Location[] = [];
  if (includeDeclaration)
    for (const d of model.footnoteDefs) if (footnoteKey(d.label) === footnoteKey(label)) out.push(location(doc.uri, model.lines, d.labelSpan));
  for (const r of model.footnoteRefs) if (footnoteKey(r.label) === footnoteKey(label)) out.push(location(doc.uri, model.lines, r));
  return out;
}

function fail(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/** The participant a rename at this position is about, with the table entry it must have. */
function renameTarget(checked: CheckedDocument, offset: number): { token: IdToken; id: string; entry: RegistryEntry } {
  const token = idTokenAt(checked.model, offset);
  if (!token) throw fail('Put the cursor on a participant ID to rename it.');
  const ids = intendedIds(checked, token);
  if (!ids.length) throw fail(`"${token.raw}" is not a complete participant ID; fix it first.`);
  let id = ids[0];
  if (ids.length > 1) {
    const i = participantIndexAt(token, offset);
    if (i === undefined) throw fail(`${token.raw} names ${ids.length} participants: put the cursor on the letter of the one to rename.`);
    id = ids[i];
  }
  const entry = checked.analysis.registry.get(id);
  if (!entry) throw fail(`${id} is not in the participant table, so there is nothing to rename; add it to the table or correct the citation.`);
  if (entry.origin.kind === 'file')
    throw fail(
      `${id} is defined in ${path.basename(entry.origin.file)} (line ${entry.origin.line}), which other reports may share: rename it there and in each report.`,
    );
  return { token, id, entry };
}

export function prepareRename(checked: CheckedDocument, params: PrepareRenameParams): { range: Range; placeholder: string } {
  const offset = offsetAt(checked, params.position);
  const { token, id } = renameTarget(checked, offset);
  return { range: rangeOf(checked.model.lines, token), placeholder: id };
}

/**
 * Renames a participant: the table key and every citation. Inside a combined
 * citation ("RA1-MW-01-A&B") only the participant's letter changes, which is
 * possible only while the new ID stays in the same interview.
 */
export function rename(checked: CheckedDocument, params: RenameParams): WorkspaceEdit {
  const { model, scheme, doc } = checked;
  const offset = offsetAt(checked, params.position);
  const { id } = renameTarget(checked, offset);
  const newId = params.newName.trim();
  if (!scheme.isCanonical(newId)) {
    const example = scheme.parseCanonical(id) ? id : scheme.config.format;
    throw fail(`"${newId}" is not a participant ID in the configured form (like ${example}).`);
  }
  if (newId === id) return { changes: { [doc.uri]: [] } };
  if (checked.analysis.registry.has(newId)) throw fail(`${newId} is already in the participant table; renaming ${id} to it would merge two participants.`);
  const oldParts = scheme.parseCanonical(id)!;
  const newParts = scheme.parseCanonical(newId)!;
  const sameInterview =
    oldParts.activity === newParts.activity && oldParts.country === newParts.country && Number(oldParts.interview) === Number(newParts.interview);

  // model.ids holds the table keys as well as the citations.
  const edits: CoreTextEdit[] = [];
  for (const token of model.ids) {
    const ids = intendedIds(checked, token);
    const i = ids.indexOf(id);
    if (i < 0) continue;
    const line = model.lines.positionAt(token.start).line + 1;
    if (ids.length === 1) {
      edits.push({ start: token.start, end: token.end, newText: newId });
      continue;
    }
    if (!sameInterview)
      throw fail(
        `${id} is cited together with others as ${token.raw} (line ${line}); ${newId} is from another interview, so that citation cannot be renamed. Split it by hand first.`,
      );
    const letters = participantLetterOffsets(token);
    if (!letters) throw fail(`Cannot find the participant letters of ${token.raw} (line ${line}); rename it by hand.`);
    edits.push({ start: letters[i], end: letters[i] + 1, newText: newParts.participants[0] });
  }
  // A key no citation search sees (the cells of an HTML table are not searched) is renamed where the table writes it.
  const entry = checked.analysis.registry.get(id);
  if (entry?.origin.kind === 'table') {
    const key = entry.origin.idSpan;
    if (!edits.some((e) => e.start <= key.start && key.start < e.end)) {
      if (model.text.slice(key.start, key.end) !== id)
        throw fail(
          `${id} is written as part of "${model.text.slice(key.start, key.end)}" in its table (line ${model.lines.positionAt(key.start).line + 1}): rename it there by hand.`,
        );
      edits.push({ start: key.start, end: key.end, newText: newId });
    }
  }
  // In a grid, simple or multiline table the new ID must fit its column (see tableEdits.ts).
  const kept = editsKeepingColumns(model.text, model.tables, edits);
  if (!kept) throw fail(`${newId} does not fit the column of ${id} in the table (its columns are read by position): widen the column first.`);
  return { changes: { [doc.uri]: kept.map((e) => ({ range: rangeOf(model.lines, e), newText: e.newText })) } };
}
