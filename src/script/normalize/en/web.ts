import type { Rule } from '../types.js';
import { digitByDigit } from './number-words.js';
import { WORD_CHARACTER, stickyPattern } from './patterns.js';

/** Top-level domains common in news credits; a dot before one of these is spoken "dot". */
const TOP_LEVEL_DOMAIN = String.raw`(?:com|org|net|gov|edu|int|mil|io|co|uk|ph|au|ca|in|info|news|tv|ai|eu|de|fr|jp|ie|nz)`;

/**
 * "Rappler.com" → "Rappler dot com", "www.bbc.co.uk/news" → "W W W dot bbc dot co dot uk slash news".
 * The scheme ("https://") is not spoken.
 */
function speakAddress(address: string): string {
  return address
    .replace(/^https?:\/\//i, '')
    .split(/([./-])/)
    .filter((part) => part !== '')
    .map((part) => {
      if (part === '.') return ' dot ';
      if (part === '/') return ' slash ';
      if (part === '-') return ' dash ';
      if (part.toLowerCase() === 'www') return 'W W W';
      // Digits inside a name are spelled one by one: "espn360" → "espn three six zero".
      return part.replace(/\d+/g, (digits) => ' ' + digitByDigit(digits) + ' ');
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export const webRules: Rule[] = [
  {
    name: 'web address',
    freeStart: true,
    pattern: stickyPattern(
      String.raw`(?<![@.])(?:https?:\/\/)?(?:[\p{L}\d-]+\.)+${TOP_LEVEL_DOMAIN}(?:\/[\p{L}\d\/-]*)?(?!${WORD_CHARACTER})`,
    ),
    speak: (match) => speakAddress(match[0]),
  },
];
