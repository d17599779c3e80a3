import type { Rule } from '../types.js';
import { cardinal, modelNumber, pluralOfNumberWords } from './number-words.js';
import { WORD_CHARACTER, stickyPattern } from './patterns.js';
import { speakLetters } from './acronyms.js';

/** Words after which a bare number is a model or flight number: "Boeing 737", "Flight 370". */
const modelMakers = String.raw`Boeing|Airbus|Embraer|Bombardier|Cessna|Tupolev|Ilyushin|Antonov|Sukhoi|[Ff]light`;

/** One part of a code such as "MH17" or "F-35A": letters, digits, or a joining hyphen. */
const codePart = /\p{L}+|\d+|-/gu;

/**
 * Reads a letters-and-digits code: "AC-130" → "A C one thirty", "MH17" → "M H seventeen",
 * "COVID-19" → "Covid nineteen", "F-16s" → "F sixteens", "MiG-29" → "MiG twenty-nine".
 * A lowercase word joined by a hyphen stays a word: "COVID-19-related" → "Covid nineteen-related".
 */
function speakCode(code: string): string | null {
  const parts = code.match(codePart) ?? [];
  const words: string[] = [];
  let joinWithHyphen = false;
  for (const [index, part] of parts.entries()) {
    if (part === '-') {
      joinWithHyphen = true;
      continue;
    }
    const isLast = index === parts.length - 1;
    let spoken: string;
    if (/^\d+$/.test(part)) spoken = modelNumber(part);
    else if (part === 's' && isLast && words.length > 0 && /\d$/.test(parts[index - 1] ?? '')) {
      // A plural s glued to the number: "F-16s".
      words.push(pluralOfNumberWords(words.pop() ?? ''));
      continue;
    } else if (/^\p{Ll}/u.test(part) && joinWithHyphen && words.length > 0) {
      words.push((words.pop() ?? '') + '-' + part);
      joinWithHyphen = false;
      continue;
    } else spoken = /^\p{Lu}+$/u.test(part) ? speakLetters(part) : part;
    words.push(spoken);
    joinWithHyphen = false;
  }
  return words.join(' ');
}

export const modelRules: Rule[] = [
  {
    name: 'model number after maker',
    // "Boeing 737", "Airbus 380s", "flight 370", "Boeing 737-800", "the 737 MAX".
    pattern: stickyPattern(
      String.raw`(?:(?<=(?:${modelMakers})\s)|(?<![\p{L}\p{N}.,])(?=\d{3}\sMAX\b))(?<number>\d{2,4})(?:-(?<variant>\d{1,3}))?(?<plural>s)?(?!${WORD_CHARACTER})`,
    ),
    speak: (match) => {
      const groups = match.groups ?? {};
      let spoken = modelNumber(groups.number ?? '');
      if (groups.variant !== undefined) spoken += ' ' + modelNumber(groups.variant);
      return groups.plural === undefined ? spoken : pluralOfNumberWords(spoken);
    },
  },
  {
    name: 'letters and digits code',
    // A word that starts with a capital, mixes letters and digits, and may use hyphens:
    // "AC-130", "F-16", "MH17", "A320", "COVID-19", "H5N1", "G7", "Su-35".
    pattern: stickyPattern(
      String.raw`(?<!${WORD_CHARACTER})(?=\p{Lu})(?<code>\p{L}+-?\d+(?:-?\p{Lu}+\d*|-?\d+)*(?:s|-\p{Ll}+)?)(?!${WORD_CHARACTER}|[.,]\d)`,
    ),
    speak: (match) => {
      const code = match.groups?.code ?? '';
      // A capitalized word before a number is a name, not a code ("Windows-11" aside): only
      // short letter prefixes (up to five letters) or all-capital prefixes make a code.
      const prefix = /^\p{L}+/u.exec(code)?.[0] ?? '';
      if (prefix.length > 5 && prefix !== prefix.toUpperCase()) return null;
      return speakCode(code);
    },
  },
  {
    name: 'digits and capitals',
    // "5G", "3D", "2FA": a number with a few capitals glued after it.
    pattern: stickyPattern(String.raw`(?<!${WORD_CHARACTER})(?<digits>\d{1,3})(?<letters>\p{Lu}{1,3})(?!${WORD_CHARACTER})`),
    speak: (match) => cardinal(match.groups?.digits ?? '') + ' ' + speakLetters(match.groups?.letters ?? ''),
  },
];
