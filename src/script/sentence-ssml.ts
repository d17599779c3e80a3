/**
 * The one place where a sentence of article text becomes SSML. The text normalizer
 * (src/script/normalize/) plugs in here to turn "$1.13bn" into <sub alias="…">…</sub>.
 */
import { escapeXmlText } from './xml.js';

export function sentenceSsml(text: string): string {
  return escapeXmlText(text);
}
