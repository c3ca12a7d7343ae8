/**
 * `reportLint/outline`: what the editor's Participants and Footnotes views show for
 * one document — participants grouped by country and interview with the places
 * that cite them, and footnotes with their references and problems. Answered from
 * the document's latest check (the core's report model and findings), so the views
 * agree with the diagnostics.
 */
import type { Range } from 'vscode-languageserver';
import type { Finding } from '../core/types';
import type { OutlineCountry, OutlineFootnote, OutlineParticipant, OutlineProblem, ReportOutline } from '../protocol';
import { citations, countryNameInReport } from '../core/participants';
import { spansOverlap } from '../core/text';
import { reportMentionsWord } from '../core/model';
import { rangeOf } from './convert';
import { interviewKey, intendedIds, type CheckedDocument } from './lookup';

/** Longest definition text sent: the view shows the first words, the hover a little more. */
const TEXT_LIMIT = 200;

function byNatural(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}

export function reportOutline(checked: CheckedDocument): ReportOutline {
  return { uri: checked.doc.uri, version: checked.doc.version, participants: participantGroups(checked), footnotes: footnoteOutline(checked) };
}

function participantGroups(checked: CheckedDocument): OutlineCountry[] {
  const { analysis, model, scheme } = checked;
  const lines = model.lines;
  const cited = new Map<string, Range[]>();
  for (const token of citations(model)) {
    const range = rangeOf(lines, token);
    for (const id of new Set(intendedIds(checked, token))) {
      const list = cited.get(id);
      if (list) list.push(range);
      else cited.set(id, [range]);
    }
  }

  const countries = new Map<string, Map<string, OutlineParticipant[]>>();
  for (const entry of analysis.registry.values()) {
    const code = scheme.parseCanonical(entry.id)?.country.toUpperCase() ?? '';
    const interview = interviewKey(scheme, entry.id);
    const participant: OutlineParticipant = {
      id: entry.id,
      agency: entry.agency || undefined,
      position: entry.position || undefined,
      citations: cited.get(entry.id) ?? [],
    };
    if (entry.origin.kind === 'table') participant.tableRow = rangeOf(lines, entry.origin.idSpan);
    else {
      participant.file = entry.origin.file;
      participant.fileLine = entry.origin.line;
    }
    let interviews = countries.get(code);
    if (!interviews) countries.set(code, (interviews = new Map()));
    const list = interviews.get(interview);
    if (list) list.push(participant);
    else interviews.set(interview, [participant]);
  }

  const registry = [...analysis.registry.values()];
  return [...countries.entries()]
    .sort(([a], [b]) => byNatural(a, b))
    .map(([code, interviews]) => ({
      code,
      name: code ? countryNameInReport(code, (word) => reportMentionsWord(model, word), registry, scheme) : undefined,
      interviews: [...interviews.entries()]
        .sort(([a], [b]) => byNatural(a, b))
        .map(([key, participants]) => ({ key, participants: participants.sort((a, b) => byNatural(a.id, b.id)) })),
    }));
}

function footnoteOutline(checked: CheckedDocument): OutlineFootnote[] {
  const { model, result } = checked;
  const lines = model.lines;
  const footnoteFindings = result.findings.filter((f) => f.ruleId.startsWith('footnote-'));
  const byLabel = new Map<string, OutlineFootnote & { spans: { start: number; end: number }[]; first: number }>();
  const entry = (label: string, style: 'gfm' | 'superscript', at: number) => {
    let e = byLabel.get(label);
    if (!e) byLabel.set(label, (e = { label, style, text: '', references: [], problems: [], spans: [], first: at }));
    return e;
  };
  for (const ref of model.footnoteRefs) {
    const e = entry(ref.label, ref.style, ref.start);
    e.references.push(rangeOf(lines, ref));
    e.spans.push(ref);
  }
  for (const def of model.footnoteDefs) {
    const e = entry(def.label, def.style, def.start);
    e.spans.push(def.labelSpan);
    if (e.definition) continue;
    e.definition = rangeOf(lines, def.labelSpan);
    e.style = def.style;
    const text = model.text.slice(def.content.start, Math.min(def.content.end, def.content.start + TEXT_LIMIT * 2));
    e.text = text.replace(/\s+/g, ' ').trim().slice(0, TEXT_LIMIT);
  }
  for (const e of byLabel.values()) e.problems = problemsOn(footnoteFindings, e.spans, lines);

  const all = [...byLabel.values()];
  const numeric = all.every((e) => /^\d+$/.test(e.label));
  all.sort(numeric ? (a, b) => Number(a.label) - Number(b.label) || a.first - b.first : (a, b) => a.first - b.first);
  return all.map(({ spans: _spans, first: _first, ...footnote }) => footnote);
}

function problemsOn(findings: Finding[], spans: { start: number; end: number }[], lines: CheckedDocument['model']['lines']): OutlineProblem[] {
  return findings
    .filter((f) => spans.some((s) => spansOverlap(f, s)))
    .map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, range: rangeOf(lines, f) }));
}
