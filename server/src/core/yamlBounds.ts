/**
 * YAML from reports and their bibliographies may be hostile. The `yaml` package
 * parses to tokens without recursion but composes the document recursively: `[[[[…`
 * or `- - - - …` some thousands deep overflows the call stack (which `yaml` catches,
 * but V8 can die outright when a regular expression is compiled at that depth).
 * Front matter and CSL bibliographies nest a handful of levels, so deeper input is
 * refused before it is composed. Aliases are safe as the engine reads them: nodes'
 * `toJSON()` without a context leaves an alias unexpanded, so `&a [*a, *a …]` chains
 * ("billion laughs") cost nothing.
 */
import { Document, Parser, parseDocument, YAMLParseError, type CST, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

export const MAX_YAML_NESTING = 64;

/** The offset of the first collection nested deeper than `max` in `text`, or undefined. Linear, no recursion. */
export function yamlTooDeepAt(text: string, max = MAX_YAML_NESTING): number | undefined {
  for (const document of new Parser().parse(text)) {
    const stack: { token: CST.Token; depth: number }[] = [{ token: document, depth: 0 }];
    while (stack.length) {
      const { token, depth } = stack.pop()!;
      if (token.type === 'document') {
        if (token.value) stack.push({ token: token.value, depth });
      } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
        if (depth + 1 > max) return token.offset;
        for (const item of token.items) {
          if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
          if (item.value) stack.push({ token: item.value, depth: depth + 1 });
        }
      }
    }
  }
  return undefined;
}

/**
 * `parseDocument` of the `yaml` package, or, for input nested deeper than
 * {@link MAX_YAML_NESTING}, an empty document with one error (code
 * RESOURCE_EXHAUSTION) at the first collection too deep.
 */
export function parseBoundedYaml(text: string, options: ParseOptions & DocumentOptions & SchemaOptions = {}): Document {
  const at = yamlTooDeepAt(text);
  if (at === undefined) return parseDocument(text, options);
  const doc = new Document(null, options);
  doc.errors.push(new YAMLParseError([at, at + 1], 'RESOURCE_EXHAUSTION', `collections nested more than ${MAX_YAML_NESTING} levels deep`));
  return doc;
}
