import type { Rule } from '../types.js';
import { cardinal, ordinal } from './number-words.js';
import { wordBefore } from './context.js';
import { WORD_CHARACTER, stickyPattern } from './patterns.js';

/** After these words a numeral is a count: "World War II" → "two", "Super Bowl LVII" (any case). */
const countingWords = new Set(
  (
    'War Part Phase Chapter Act Title Stage Section Article Volume Vol Book Level Class Grade Type ' +
    'Category Round Season Episode Bowl Vatican Apollo Gemini Mark Mk Schedule Tier Division Unit ' +
    'Step Pillar Annex Appendix Protocol Rocky Star Auto Artemis Saturn Voyager Pioneer Mariner'
  )
    .toLowerCase()
    .split(' '),
);

/** Given names that take a regnal "the first": a lone "I" or "V" after other names is left alone. */
const regnalNames = new Set(
  (
    'Elizabeth Charles James Henry Edward George William Mary Richard Peter Catherine Nicholas ' +
    'Alexander Napoleon Frederick Louis Philip Felipe Juan Carlos Francis Leo Pius John Paul Benedict ' +
    'Gregory Victor Ferdinand Wilhelm Harald Olav Gustaf Willem Albert Baudouin Constantine Ivan ' +
    'Carl Haakon Margrethe Frederik Christian Leopold Alfonso Umberto Ludwig Otto Pedro Manuel Isabella ' +
    'Anne Victoria Harold Stephen Edmund Ethelred Robert Kenneth Innocent Urban Clement Boniface Sixtus ' +
    'Julius Ramesses Rameses Ramses Thutmose Amenhotep Ptolemy Cleopatra Mehmed Suleiman Selim Murad ' +
    'Abdullah Hussein Mohammed Muhammad Rama Tsar Sigismund Casimir Vladimir Dmitry Fyodor'
  ).split(' '),
);

/** Titles of rulers: a numeral one or two words after them is regnal ("King Abdullah II"). */
const rulerTitles = new Set(
  'King Queen Pope Emperor Empress Tsar Czar Tsarina Sultan Pharaoh Prince Princess Kaiser Shah Emir Duke Archduke'.split(' '),
);

/** The (up to) three words before `index`, nearest last. */
function wordsBefore(text: string, index: number): string[] {
  return text
    .slice(Math.max(0, index - 60), index)
    .split(/\s+/u)
    .filter((word) => word !== '')
    .slice(-3);
}

const isCapitalized = (word: string | undefined) => word !== undefined && /^\p{Lu}/u.test(word);
/** A word that may be part of a person's name: capitalised, not in capitals, not possessive ("NASA's"). */
const isNamePart = (word: string | undefined) => word !== undefined && /^\p{Lu}\p{Ll}+$/u.test(word);

const numeralValues: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The value of a Roman numeral, or null if it is not written the standard way ("IIII", "VX"). */
export function romanValue(numeral: string): number | null {
  let total = 0;
  for (let index = 0; index < numeral.length; index++) {
    const value = numeralValues[numeral[index] ?? ''] ?? 0;
    const next = numeralValues[numeral[index + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total > 0 && toRoman(total) === numeral ? total : null;
}

function toRoman(value: number): string {
  const steps: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let rest = value;
  let numeral = '';
  for (const [stepValue, letters] of steps) {
    while (rest >= stepValue) {
      numeral += letters;
      rest -= stepValue;
    }
  }
  return numeral;
}

/** Largest numeral read after a name; bigger ones ("DC", "MD", "CV") are initialisms. */
const largestNumeralAfterName = 89;

export const romanNumeralRules: Rule[] = [
  {
    name: 'roman numeral',
    // "Henry VIII", "Pope John Paul II's", "World War I", "WORLD WAR II", "stage IV": capitals
    // I V X L C D M after a capitalized word or a counting word.
    pattern: stickyPattern(String.raw`(?<=\p{L}{2} )(?<numeral>[IVXLCDM]{1,7})(?<possessive>['’]s)?(?!${WORD_CHARACTER})`),
    speak: (match, context) => {
      const numeral = match.groups?.numeral ?? '';
      const value = romanValue(numeral);
      if (value === null) return null;
      const words = wordsBefore(context.text, context.start);
      const previous = wordBefore(context.text, context.start);
      const possessive = match.groups?.possessive ?? '';
      const asCount = cardinal(String(value)) + possessive;
      const asOrdinal = 'the ' + ordinal(String(value)) + possessive;
      // Alone, only I, V and X are numerals ("Type C" is a plug); after a lower-case word they are
      // words ("this season I", "type C").
      if (numeral.length === 1 && (!/^[IVX]$/u.test(numeral) || !isCapitalized(previous))) return null;
      if (countingWords.has(previous.toLowerCase())) return asCount;
      if (!isCapitalized(previous)) return null;
      // Monarchs and popes: "Henry VIII", "King Abdullah II", "King Carl XVI Gustaf".
      const afterRuler = words.slice(-3, -1).some((word) => rulerTitles.has(word));
      if (regnalNames.has(previous) || afterRuler) return value > largestNumeralAfterName ? null : asOrdinal;
      // A one-letter numeral needs strong context: "I" is a pronoun, "X" a name ("Malcolm X").
      // "V" after a title of two or more words is a sequel: "Grand Theft Auto V".
      const afterTwoCapitalized = isCapitalized(words.at(-1)) && isCapitalized(words.at(-2));
      if (numeral.length === 1) return numeral === 'V' && afterTwoCapitalized ? asCount : null;
      if (value > largestNumeralAfterName) return null;
      // After a full name, II and III are a person's: "Martin Luther King III" → "the third".
      if (value <= 3 && isNamePart(words.at(-1)) && isNamePart(words.at(-2))) return asOrdinal;
      // Elsewhere a title of a work or an event counts: "Final Fantasy VII", "WrestleMania XL".
      return asCount;
    },
  },
];
