import type { Rule } from '../types.js';
import { cardinal, decimal, modelNumber, pluralOfNumberWords } from './number-words.js';
import { WORD_CHARACTER, stickyPattern } from './patterns.js';
import { speakLetters } from './acronyms.js';
import { looksLikeYear } from './quantities.js';

/** Words after which a bare number is a model or flight number: "Boeing 737", "Flight 370". */
const modelMakers = String.raw`Boeing|Airbus|Embraer|Bombardier|Cessna|Tupolev|Ilyushin|Antonov|Sukhoi|[Ff]light|Xbox|Porsche|Peugeot|Nokia|Ferrari|Fiat`;

/** Video resolutions, read as their makers say them: "1080p" → "ten eighty p". */
const RESOLUTION = '240|360|480|540|576|720|1080|1440|2160|4320';
/** Words after "4k" that make it a screen resolution, not four thousand. */
/** A length after "width x height" that makes it a plot or a room, not a screen. */
const LENGTH_AFTER = /^\s?(?:mm|cm|m|km|ft|feet|foot|in|inch|inches|yards?|miles?|(?:milli|centi|kilo)?(?:metres?|meters?))(?![\p{L}\p{N}])/u;
const SCREEN_WORDS = 'TVs?|video|videos|streaming|streams?|resolution|screens?|displays?|monitors?|footage|cameras?|content|HDR|Ultra|UHD|version|broadcasts?';

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

/** "CH₄" → "C H four": each element's letters, then its count. */
function speakFormula(formula: string): string {
  const subscriptDigits = '₀₁₂₃₄₅₆₇₈₉';
  return (formula.match(/[A-Z][a-z]?|[₀-₉]+/gu) ?? [])
    .map((part) =>
      /^[₀-₉]/u.test(part)
        ? cardinal([...part].map((character) => String(subscriptDigits.indexOf(character))).join(''))
        : part.toUpperCase().split('').join(' '),
    )
    .join(' ');
}

export const modelRules: Rule[] = [
  {
    name: 'model number after maker',
    startsWith: 'digit',
    // "Boeing 737", "Airbus 380s", "flight 370", "Boeing 737-800", "the 737 MAX".
    pattern: stickyPattern(
      String.raw`(?:(?<=(?:${modelMakers})\s)|(?<![\p{L}\p{N}.,])(?=\d{3}\sMAX\b))(?<number>\d{2,4})(?:-(?<variant>\d{1,3}))?(?<plural>s)?(?!${WORD_CHARACTER}|[.,]\d)`,
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
    freeStart: true,
    // A word that starts with a capital, mixes letters and digits, and may use hyphens:
    // "AC-130", "F-16", "MH17", "A320", "COVID-19", "H5N1", "G7", "Su-35".
    pattern: stickyPattern(
      String.raw`(?=\p{Lu})(?<code>\p{L}+-?\d+(?:-?\p{Lu}+\d*|-?\d+)*(?:s|neo|ceo|-\p{Ll}+)?)(?!${WORD_CHARACTER}|[.,]\d)`,
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
    name: 'chemical formula',
    freeStart: true,
    // "CO₂", "NO₂", "H₂O", "CH₄": elements and subscript counts, spelled out.
    pattern: stickyPattern(String.raw`(?=[A-Z][A-Za-z]*[₀-₉])(?<formula>(?:[A-Z][a-z]?[₀-₉]*){1,6})(?!${WORD_CHARACTER})`),
    speak: (match) => speakFormula(match.groups?.formula ?? ''),
  },
  {
    name: 'particulate matter',
    freeStart: true,
    // "PM2.5", "PM10": particle sizes in air-quality reports.
    pattern: stickyPattern(String.raw`PM(?<size>2\.5|10|1)(?!${WORD_CHARACTER}|[.,]\d)`),
    speak: (match) => 'P M ' + decimal(match.groups?.size ?? ''),
  },
  {
    name: 'model number after capitals',
    startsWith: 'digit',
    // "RTX 4090", "RX 7900": four digits after a product line in capitals are read in pairs
    // (a year keeps the year rule: "the BBC 2005 review").
    pattern: stickyPattern(String.raw`(?<=(?<!${WORD_CHARACTER})\p{Lu}{2,5}\s)(?<digits>\d{4})(?!${WORD_CHARACTER}|[.,]\d)`),
    speak: (match) => {
      const digits = match.groups?.digits ?? '';
      return looksLikeYear(digits) ? null : modelNumber(digits);
    },
  },
  {
    name: 'digits and capitals',
    freeStart: true,
    startsWith: 'digit',
    // "5G", "3D", "2FA", "777X", "7950X": a number with a few capitals glued after it.
    pattern: stickyPattern(String.raw`(?<digits>\d{1,4})(?<letters>\p{Lu}{1,3})(?!${WORD_CHARACTER})`),
    speak: (match) => {
      const letters = match.groups?.letters ?? '';
      // Eras are not model letters: "500BC", "2000AD".
      if (/^(?:AD|BC|BCE|CE)$/u.test(letters)) return null;
      return modelNumber(match.groups?.digits ?? '') + ' ' + speakLetters(letters);
    },
  },
];

/** Ahead of money and numbers: "1080p" is not pence, "4k TV" not four thousand. */
export const resolutionRules: Rule[] = [
  {
    name: 'video resolution',
    freeStart: true,
    startsWith: 'digit',
    // "1080p", "720p", "1080i".
    pattern: stickyPattern(String.raw`(?<![.,])(?<digits>${RESOLUTION})(?<scan>[pi])(?!${WORD_CHARACTER})`),
    speak: (match) => modelNumber(match.groups?.digits ?? '') + ' ' + (match.groups?.scan ?? ''),
  },
  {
    name: 'screen size in pixels',
    freeStart: true,
    startsWith: 'digit',
    // "1920x1080", "3440 x 1440": width by height, each read like a resolution.
    pattern: stickyPattern(String.raw`(?<![.,])(?<width>\d{3,4})\s?[x×]\s?(?<height>\d{3,4})(?!${WORD_CHARACTER}|[.,]\d)`),
    speak: (match, context) => {
      const width = match.groups?.width ?? '';
      const height = match.groups?.height ?? '';
      // A length after it makes it a plot or a room, read as plain numbers: "a 150 x 300 metre plot".
      const lengthFollows = LENGTH_AFTER.test(context.text.slice(context.end, context.end + 16));
      const speak = lengthFollows ? cardinal : modelNumber;
      return speak(width) + ' by ' + speak(height);
    },
  },
  {
    name: '4K or 8K screen',
    freeStart: true,
    startsWith: 'digit',
    // "4k streaming", "an 8k TV" (capital "4K" is read by the digits-and-capitals rule).
    pattern: stickyPattern(String.raw`(?<![.,])(?<digits>[48])k(?=\s(?:${SCREEN_WORDS})(?!${WORD_CHARACTER}))`),
    speak: (match) => cardinal(match.groups?.digits ?? '') + ' K',
  },
];
