import * as jsonc from 'jsonc-parser';

/**
 * jsonc-parser's error codes in words an author understands
 * (`PropertyNameExpected` → "expected a property name").
 */
const MESSAGES: Record<jsonc.ParseErrorCode, string> = {
  [jsonc.ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [jsonc.ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [jsonc.ParseErrorCode.PropertyNameExpected]: 'expected a property name (in double quotes)',
  [jsonc.ParseErrorCode.ValueExpected]: 'expected a value',
  [jsonc.ParseErrorCode.ColonExpected]: 'expected a colon (:) after the property name',
  [jsonc.ParseErrorCode.CommaExpected]: 'expected a comma (,) between entries',
  [jsonc.ParseErrorCode.CloseBraceExpected]: 'expected a closing brace (})',
  [jsonc.ParseErrorCode.CloseBracketExpected]: 'expected a closing bracket (])',
  [jsonc.ParseErrorCode.EndOfFileExpected]: 'expected the end of the file (text after the closing brace)',
  [jsonc.ParseErrorCode.InvalidCommentToken]: 'invalid comment',
  [jsonc.ParseErrorCode.UnexpectedEndOfComment]: 'a comment is not closed (*/ missing)',
  [jsonc.ParseErrorCode.UnexpectedEndOfString]: 'a string is not closed (" missing)',
  [jsonc.ParseErrorCode.UnexpectedEndOfNumber]: 'a number ends too early',
  [jsonc.ParseErrorCode.InvalidUnicode]: 'invalid \\u escape in a string',
  [jsonc.ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape (\\) in a string',
  [jsonc.ParseErrorCode.InvalidCharacter]: 'invalid character in a string (control characters must be escaped)',
};

/** "invalid JSON: expected a property name (in double quotes)". */
export function jsonSyntaxMessage(error: jsonc.ParseError | undefined): string {
  return `invalid JSON: ${error ? (MESSAGES[error.error] ?? 'syntax error') : 'the file is empty'}`;
}
