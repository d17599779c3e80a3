import type { Rule } from '../types.js';
import { stickyPattern } from './patterns.js';

/** Symbols said as words wherever they stand (numbers around them are read by other rules). */
const symbolWords: Record<string, string> = {
  '&': 'and',
  '@': 'at',
  '%': 'percent',
  '+': 'plus',
  '=': 'equals',
  '§': 'section',
  '°': 'degrees',
  '±': 'plus or minus',
};

export const symbolRules: Rule[] = [
  {
    name: 'number sign',
    // "#1" → "number one"; "#MeToo" → "hashtag MeToo".
    pattern: stickyPattern(String.raw`#(?=[\p{L}\p{N}])`),
    speak: (_match, context) => (/\d/.test(context.text[context.end] ?? '') ? 'number' : 'hashtag'),
  },
  {
    name: 'approximately',
    // "~500" → "about five hundred".
    pattern: stickyPattern(String.raw`~(?=\d)`),
    speak: () => 'about',
  },
  {
    name: 'symbol',
    pattern: stickyPattern(String.raw`[&@%+=§°±]`),
    speak: (match) => symbolWords[match[0]] ?? null,
  },
];
