/*
 * Office files are XML inside: contract text must lose the characters XML 1.0 cannot hold, or Word
 * and Excel refuse the whole file.
 */

/** Characters XML 1.0 cannot hold (C0 controls other than tab, line feed and carriage return; lone surrogates; U+FFFE/F). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: it finds the characters XML cannot hold, control characters among them
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text from a contract or report made safe for an Office document (Word, Excel): no characters XML cannot hold, bounded length. */
export function officeText(text: string, max = Number.POSITIVE_INFINITY): string {
  const clean = text.replace(NOT_XML, '\uFFFD').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}
