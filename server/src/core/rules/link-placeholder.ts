import { md, type Rule } from '../rule';

export const linkPlaceholder: Rule<'link-placeholder'> = {
  id: 'link-placeholder',
  description: 'A link whose target is empty or "#", inline or through a reference definition.',
  defaultSeverity: 'information',
  fixable: 'none',
  docs: {
    rationale:
      'Placeholder links ("more information can be found [here](#)") survive from drafts and lead readers nowhere. Reference-style links (full `[text][id]`, collapsed `[text][]`, shortcut `[text]`) are reported at the link when the definition they use points to `#`, to `<>` or to nothing (`[id]:` with no destination, which Markdown renders as text, so the link is broken either way). Labels match as in CommonMark, ignoring case. A bracketed phrase with no definition of that name is plain text and is not reported.',
    examples: [
      {
        title: 'Placeholder targets',
        markdown: md`
          The method is described [here](#) and [there]().
        `,
        flags: ['[here](#)', '[there]()'],
        messages: ['Link "here" has no target ("#").', 'Link "there" has no target (empty).'],
      },
      {
        title: 'Reference-style links whose definition is a placeholder',
        markdown: md`
          See [the method][m], [the survey][] and [the annex].

          [m]: #
          [The Survey]: <>
          [the annex]:
        `,
        flags: ['[the method][m]', '[the survey][]', '[the annex]'],
        messages: [
          'Link "the method" has no target: its definition on line 3 is "#".',
          'Link "the survey" has no target: its definition on line 4 is empty.',
          'Link "the annex" has no target: its definition on line 5 is empty.',
        ],
      },
      {
        title: 'Real targets pass',
        markdown: md`
          The method is described [here](https://example.org/method) and [in the annex][annex] [sic].

          [annex]: https://example.org/annex
        `,
        flags: [],
        messages: [],
      },
    ],
  },
  check({ model, report }) {
    for (const link of model.links) {
      const url = link.url.trim();
      if (url !== '' && url !== '#') continue;
      const label = model.text.slice(link.textSpan.start, link.textSpan.end);
      report({ start: link.start, end: link.end, message: `Link "${label}" has no target (${url === '' ? 'empty' : '"#"'}).`, data: { url } });
    }
    // The first definition of a label wins, as in CommonMark.
    const definitions = new Map<string, { url: string; start: number }>();
    for (const d of model.linkDefs) if (!definitions.has(d.key)) definitions.set(d.key, d);
    for (const ref of model.linkRefs) {
      if (ref.image) continue;
      const def = definitions.get(ref.key);
      const url = def?.url.trim();
      if (url === undefined || (url !== '' && url !== '#')) continue;
      const label = model.text.slice(ref.textSpan.start, ref.textSpan.end);
      const line = model.lines.positionAt(def!.start).line + 1;
      report({
        start: ref.start,
        end: ref.end,
        message: `Link "${label}" has no target: its definition on line ${line} is ${url === '' ? 'empty' : '"#"'}.`,
        data: { url },
      });
    }
  },
};
