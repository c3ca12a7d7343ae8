import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Root } from 'mdast';

/**
 * remark with only the GFM footnote and table extensions: the rules need nothing
 * else from GFM, and leaving out autolink literals and strikethrough makes the parse
 * measurably faster (see `npm run bench`).
 */
const processor = unified()
  .use(remarkParse)
  .data('micromarkExtensions', [gfmFootnote(), gfmTable()])
  .data('fromMarkdownExtensions', [gfmFootnoteFromMarkdown(), gfmTableFromMarkdown()]);

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}
