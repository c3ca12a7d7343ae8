import { md, type Rule } from '../rule';
import { checkTerminology } from './terminology';

export const terminologyAvoid: Rule<'terminology-avoid'> = {
  id: 'terminology-avoid',
  description: "A term the Terminology Guidelines say to avoid, in the author's own words.",
  defaultSeverity: 'warning',
  fixable: 'suggestion',
  docs: {
    rationale:
      'The 2016 Terminology Guidelines ask authors to avoid terms that trivialise abuse or suggest a child consented. Words that are not the author\'s own are left alone: direct quotations (with the quotation marks of any language: “…”, „…“, «…», »…«, ‹…›, ‚…‘, 「…」, 『…』, nested, or reopened at each paragraph of a long quotation), single-quoted mentions, code, TeX math (`$…$`, `$$…$$`) and URLs, titles of cited works in footnotes (by emphasis or link text, and by the structure of a reference when conversion dropped the italics: the sentence after an APA/Harvard author and year, a Chicago author, or a Vancouver author list; also in a reference list outside footnotes), and official names of laws and mandates (a Title Case run with the name of an instrument, cut at "and the", "in the"… so that a heading about an Act is not itself a name). Image alt text, image titles and figure captions (also in HTML `<figcaption>` and `alt`, and a Quarto chunk\'s `fig-cap`, `fig-alt`, `fig-subcap`, `tbl-cap` and `tbl-subcap` options, and knitr\'s `fig.cap`, `fig.alt` and `fig.subcap`) are the author\'s words and are checked; file names, link destinations, reference labels, Pandoc/Quarto attributes (`{#fig-id .class}`) and cross-references (`@fig-id`) are not. A term broken by a soft hyphen, a zero-width character, any Unicode dash or space, or spelt with a PDF ligature (ﬃ), as converted text has them, is still the term; the finding covers the characters as written. Some entries apply only in context (an age under 18 for "young woman", a child for "had sex with"); the data README lists them.',
    examples: [
      {
        title: "The author's own words are flagged; the fix keeps the capitalisation",
        markdown: md`
          Child pornography was found on the device.
        `,
        flags: ['Child pornography'],
        messages: [
          '"Child pornography": avoid — \'Pornography\' suggests adult content made by consenting people; for children it hides that each image is a record of a child being abused or exploited. The second replacement, CSEM, is broader than CSAM: it also covers sexualised material that does not show abuse, so use it only where that breadth is meant. Prefer "child sexual abuse material (CSAM)" or "child sexual exploitation material (CSEM)".',
        ],
        fixed: md`
          Child sexual abuse material (CSAM) was found on the device.
        `,
      },
      {
        title: "Quotations, mentions and official names are not the author's words",
        markdown: md`
          An officer said: “we call it child pornography”. The term ‘child pornography’ is outdated. Indonesia ratified the Optional Protocol to the Convention on the Rights of the Child on the sale of children, child prostitution and child pornography.
        `,
        flags: [],
        messages: [],
      },
      {
        title: 'Text from Word or PDF: a soft hyphen or zero-width space inside a word, or a non-breaking hyphen, is still the term',
        markdown: md`
          Officers seized child porno­graphy and reported child‑sex tourism.
        `,
        flags: ['child porno\u00ADgraphy', 'child\u2011sex tourism'],
        messages: [
          '"child porno­graphy": avoid — \'Pornography\' suggests adult content made by consenting people; for children it hides that each image is a record of a child being abused or exploited. The second replacement, CSEM, is broader than CSAM: it also covers sexualised material that does not show abuse, so use it only where that breadth is meant. Prefer "child sexual abuse material (CSAM)" or "child sexual exploitation material (CSEM)".',
          '"child‑sex tourism": avoid — Makes the abuse sound like a kind of tourism on offer; the act is sexual exploitation of a child, and many offenders are not tourists at all. Both \'in travel and tourism\' and the longer \'in the context of travel and tourism\' are in use; the acronym is SECTT for either. Prefer "sexual exploitation of children in travel and tourism (SECTT)" or "sexual exploitation of children in the context of travel and tourism" or "sexual exploitation of children in travel and tourism".',
        ],
        fixed: md`
          Officers seized child sexual abuse material (CSAM) and reported sexual exploitation of children in travel and tourism (SECTT).
        `,
      },
      {
        title: 'Quotation marks of other languages, nested quotations and quotations over several paragraphs are quotations too',
        markdown:
          'Un juge a dit : « nous voyons de la child pornography, “child pornography” partout ».\n\nEin Beamter sagte: „Das ist child pornography.“\n\nA mother said: “We had never heard of child pornography.\n\n“Now we know what child pornography is.”\n\nWe wrote child pornography.\n',
        flags: ['child pornography'],
        messages: [
          '"child pornography": avoid — \'Pornography\' suggests adult content made by consenting people; for children it hides that each image is a record of a child being abused or exploited. The second replacement, CSEM, is broader than CSAM: it also covers sexualised material that does not show abuse, so use it only where that breadth is meant. Prefer "child sexual abuse material (CSAM)" or "child sexual exploitation material (CSEM)".',
        ],
      },
      {
        title: "A heading about an Act is the author's words; the official name is only the words that form it",
        markdown: md`
          ## Child Pornography and the Films and Publications Act

          The Anti-Child Pornography Act of 2009 and Law No. 44 of 2008 on Pornography are official names.
        `,
        flags: ['Child Pornography'],
        messages: [
          '"Child Pornography": avoid — \'Pornography\' suggests adult content made by consenting people; for children it hides that each image is a record of a child being abused or exploited. The second replacement, CSEM, is broader than CSAM: it also covers sexualised material that does not show abuse, so use it only where that breadth is meant. Prefer "child sexual abuse material (CSAM)" or "child sexual exploitation material (CSEM)".',
        ],
      },
      {
        title: 'Titles of cited works in reference-list footnotes (APA, Harvard, Chicago, Vancouver) are not rewritten, in any case',
        markdown: md`
          Laws differ.[^1] Offenders vary.[^2] Courts disagree.[^3]

          [^1]: Doe, J., & Roe, K. (2014). Child pornography laws compared: A review. Academic Press.
          [^2]: Smith AB, Jones C. Child pornography offenders: a cohort study. Lancet. 2014;12(3):45-67.
          [^3]: Doe, Jane. Child Pornography and the Courts. London: Routledge, 2016. We say child sexual abuse material, not child pornography.
        `,
        flags: ['child pornography'],
        messages: [
          '"child pornography": avoid — \'Pornography\' suggests adult content made by consenting people; for children it hides that each image is a record of a child being abused or exploited. The second replacement, CSEM, is broader than CSAM: it also covers sexualised material that does not show abuse, so use it only where that breadth is meant. Prefer "child sexual abuse material (CSAM)" or "child sexual exploitation material (CSEM)".',
        ],
      },
      {
        title: "Image alt text and figure captions are the author's words; file names are not",
        markdown: md`
          ![Child pornography reports, 2019–2021](img/child-pornography.png)

          <figure><img src="child-pornography.png" alt="Chart"><figcaption>Child pornography reports</figcaption></figure>
        `,
        flags: ['Child pornography', 'Child pornography'],
        messages: [
          '"Child pornography": avoid — \'Pornography\' suggests adult content made by consenting people; for children it hides that each image is a record of a child being abused or exploited. The second replacement, CSEM, is broader than CSAM: it also covers sexualised material that does not show abuse, so use it only where that breadth is meant. Prefer "child sexual abuse material (CSAM)" or "child sexual exploitation material (CSEM)".',
          '"Child pornography": avoid — \'Pornography\' suggests adult content made by consenting people; for children it hides that each image is a record of a child being abused or exploited. The second replacement, CSEM, is broader than CSAM: it also covers sexualised material that does not show abuse, so use it only where that breadth is meant. Prefer "child sexual abuse material (CSAM)" or "child sexual exploitation material (CSEM)".',
        ],
      },
      {
        title: 'Context decides some terms: "had sex with" a child is abuse, and the fix keeps the object',
        markdown: md`
          The court found that he had sex with a 14-year-old. He had sex with his wife.
        `,
        flags: ['had sex with'],
        messages: [
          '"had sex with": avoid — Describes sexual activity between an adult and a child as ordinary sex, as if between equals; a child cannot consent to it, so name it as abuse. The fix keeps the object (\'sexually abused a 14-year-old\'). Flagged only before a child, a minor or an age under 18. Prefer "sexually abused".',
        ],
        fixed: md`
          The court found that he sexually abused a 14-year-old. He had sex with his wife.
        `,
      },
    ],
  },
  check: checkTerminology('avoid'),
};
