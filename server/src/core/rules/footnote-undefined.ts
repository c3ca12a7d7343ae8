import { md, type Rule } from '../rule';
import { blockEndAt, footnoteKey, labelText } from '../footnotes';

export const footnoteUndefined: Rule<'footnote-undefined'> = {
  id: 'footnote-undefined',
  description: 'A footnote reference with no definition.',
  defaultSeverity: 'error',
  fixable: 'suggestion',
  docs: {
    rationale:
      'A reference without a definition leaves a claim unsourced. Both styles are checked: GFM `[^1]` and superscript `¹` (in documents that define at least one superscript footnote). Editorial brackets such as `[a written report]` are not references. GFM labels are matched as GitHub and remark match them: ignoring case and runs of spaces.',
    examples: [
      {
        title: 'GFM reference without a definition',
        markdown: md`
          The law was amended in 2019.[^1] Officials confirmed it [in writing].
        `,
        flags: ['[^1]'],
        messages: ['Footnote 1 is referenced but never defined.'],
        fixed: md`
          The law was amended in 2019.[^1] Officials confirmed it [in writing].

          [^1]: TODO: source.
        `,
      },
      {
        title: 'Superscript reference without a definition',
        markdown: md`
          The law was amended in 2019.¹ A later decree followed.²

          ¹ Government. (2019). The amendment.
        `,
        flags: ['²'],
        messages: ['Footnote 2 is referenced but never defined.'],
      },
      {
        title: 'Labels are case-insensitive, as on GitHub: [^ncmec] refers to [^NCMEC]',
        markdown: md`
          Reports rose.[^ncmec] They fell.[^Who]

          [^NCMEC]: NCMEC. (2022). CyberTipline data.
          [^WHO]: WHO. (2020). Report.
        `,
        flags: [],
        messages: [],
      },
      {
        title: 'Editorial brackets and units are not references',
        markdown: md`
          An area of 40 m² was searched [by the police].
        `,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, report }) {
    const PLAIN_LABEL = /^[\p{L}\p{N}_.:-]+$/u;
    const defined = new Set(model.footnoteDefs.map((d) => footnoteKey(d.label)));
    const reported = new Set<string>();
    for (const ref of model.footnoteRefs) {
      if (defined.has(footnoteKey(ref.label))) continue;
      const first = !reported.has(footnoteKey(ref.label));
      reported.add(footnoteKey(ref.label));
      // A stub goes at the end (GFM) or after the citing paragraph (superscript, as Word/PDF pastes do).
      const at = ref.style === 'gfm' ? model.text.length : blockEndAt(model, ref.start);
      const lead = ref.style === 'gfm' ? (model.text.endsWith('\n') ? '\n' : '\n\n') : '\n\n';
      const tail = ref.style === 'gfm' ? '\n' : '';
      const stub = `${lead}${ref.style === 'gfm' ? `${labelText(ref.label, 'gfm')}:` : labelText(ref.label, 'superscript')} TODO: source.${tail}`;
      report({
        start: ref.start,
        end: ref.end,
        message: `Footnote ${ref.label} is referenced but never defined.`,
        // A label with brackets, carets or backslashes would not read back as a definition.
        fixes:
          first && PLAIN_LABEL.test(ref.label)
            ? [{ title: `Add a definition for footnote ${ref.label}`, edits: [{ start: at, end: at, newText: stub }], safe: false, preferred: true }]
            : [],
        data: { label: ref.label },
      });
    }
  },
};
