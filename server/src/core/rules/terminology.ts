import type { RuleContext } from '../rule';
import type { Fix } from '../types';
import { BUILTIN_TERMINOLOGY, matchCase, type TermCategory } from '../terminology';

/** Shared by terminology-avoid and terminology-caution: they differ only in category. */
export function checkTerminology(category: TermCategory) {
  return ({ model, config, report }: RuleContext) => {
    for (const t of model.terms) {
      if (t.entry.category !== category) continue;
      let severity: 'hint' | undefined;
      if (t.exempt) {
        if (config.terminologyInQuotations !== 'hint' || (t.exempt !== 'quotation' && t.exempt !== 'mention')) continue;
        severity = 'hint';
      }
      // A hint inside a quotation offers no replacement.
      const fixes: Fix[] = severity
        ? []
        : t.entry.preferred.map((p, i) => {
            const newText = matchCase(t.text, p);
            return { title: `Replace with "${newText}"`, edits: [{ start: t.start, end: t.end, newText }], safe: false, preferred: i === 0 };
          });
      const source = t.entry.source ? BUILTIN_TERMINOLOGY.sources[t.entry.source.ref] : undefined;
      const instead = t.entry.preferred.length ? ` Prefer ${t.entry.preferred.map((p) => `"${p}"`).join(' or ')}.` : '';
      const lead = category === 'avoid' ? 'avoid' : 'use with care';
      report({
        start: t.start,
        end: t.end,
        severity,
        message: `"${t.text.replace(/\s+/g, ' ')}": ${lead} — ${t.entry.reason}${instead}${severity ? ' (inside a quotation)' : ''}`,
        fixes,
        data: {
          entryId: t.entry.id,
          category,
          reason: t.entry.reason,
          preferred: t.entry.preferred,
          source: source ? { ...t.entry.source, title: source.title, year: source.year, publisher: source.publisher } : t.entry.source,
          exempt: t.exempt,
        },
      });
    }
  };
}
