import type { Rule } from '../rule';

export const linkPlaceholder: Rule = {
  id: 'link-placeholder',
  description: 'A link whose target is empty or "#".',
  defaultSeverity: 'information',
  fixable: 'none',
  docs: {
    rationale: 'Placeholder links ("more information can be found [here](#)") survive from drafts and lead readers nowhere.',
    examples: [
      {
        title: 'Placeholder targets',
        markdown: 'The method is described [here](#) and [there]().\n',
        flags: ['[here](#)', '[there]()'],
      },
      {
        title: 'Real targets pass',
        markdown: 'The method is described [here](https://example.org/method).\n',
        flags: [],
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
  },
};
