/**
 * Everything that puts article text into XML goes through here, so no text can break the
 * script's markup: text is escaped with ssml-builder's escape, attribute values with our own
 * (ssml-builder leaves those raw), and characters XML 1.0 forbids are removed first.
 */
import { callSsmlBuilder } from './ssml-builder.js';

/**
 * C0 controls other than tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF.
 * (The `u` flag makes a surrogate class match only unpaired halves, so emoji survive.) Also DEL
 * and the C1 controls: XML 1.0 allows them but discourages them, XML 1.1 and feed readers do not,
 * and in text they are only what a mis-decoded page leaves behind (and terminal commands).
 */
const invalidXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/** Removes the characters that XML 1.0 does not allow anywhere, even escaped. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(invalidXmlChars, '');
}

/** Escapes text for element content: & < > " ' become entities. */
export function escapeXmlText(text: string): string {
  const clean = stripInvalidXmlChars(text);
  if (clean === '') return '';
  return callSsmlBuilder((speech) => speech.say(clean));
}

const attributeEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Kept as character references because a parser would turn raw ones into spaces.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes a value for a quoted attribute (either quote style), e.g. a mark's name. */
export function escapeXmlAttribute(value: string): string {
  return stripInvalidXmlChars(value).replace(/[&<>"'\t\n\r]/g, (char) => attributeEntities[char] ?? char);
}
