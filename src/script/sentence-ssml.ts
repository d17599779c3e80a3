/**
 * The one place where a sentence of article text becomes SSML: what the normalizer rewrites
 * ("$1.13bn") becomes <sub alias="one point one three billion dollars">$1.13bn</sub>, so a
 * person editing the script sees both what was written and what will be said.
 */
import { normalize } from './normalize/index.js';
import { escapeXmlAttribute, escapeXmlText, stripInvalidXmlChars } from './xml.js';

export function sentenceSsml(text: string, language = 'en'): string {
  return normalize(stripInvalidXmlChars(text), language)
    .map(({ written, spoken }) =>
      written === spoken ? escapeXmlText(written) : `<sub alias="${escapeXmlAttribute(spoken.trim())}">${escapeXmlText(written)}</sub>`,
    )
    .join('');
}
