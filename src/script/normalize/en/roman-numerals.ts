import type { Rule } from '../types.js';
import { cardinal, ordinal } from './number-words.js';
import { wordBefore } from './context.js';
import { WORD_CHARACTER, stickyPattern } from './patterns.js';

/** After these words a numeral is a count: "World War II" → "two", "Super Bowl LVII". */
const countingWords = new Set(
  (
    'War Part Phase Chapter Act Title Stage Section Article Volume Vol Book Level Class Grade Type ' +
    'Category Round Season Episode Bowl Vatican Apollo Gemini Mark Mk Schedule Tier Division Unit ' +
    'Step Pillar Annex Appendix Protocol Rocky Star'
  ).split(' '),
);

/** Given names that take a regnal "the first": a lone "I" or "V" after other names is left alone. */
const regnalNames = new Set(
  (
    'Elizabeth Charles James Henry Edward George William Mary Richard Peter Catherine Nicholas ' +
    'Alexander Napoleon Frederick Louis Philip Felipe Juan Carlos Francis Leo Pius John Paul Benedict ' +
    'Gregory Victor Ferdinand Wilhelm Harald Olav Gustaf Willem Albert Baudouin Constantine Ivan'
  ).split(' '),
);

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
    // "Henry VIII", "Pope John Paul II's", "World War I": capitals I V X L C D M after a capitalized word.
    pattern: stickyPattern(String.raw`(?<=\p{Lu}\p{Ll}+ )(?<numeral>[IVXLCDM]{1,7})(?<possessive>['’]s)?(?!${WORD_CHARACTER})`),
    speak: (match, context) => {
      const numeral = match.groups?.numeral ?? '';
      const value = romanValue(numeral);
      if (value === null) return null;
      const previous = wordBefore(context.text, context.start);
      const isCount = countingWords.has(previous);
      // A one-letter numeral needs strong context: "I" is a pronoun, "X" a company, "C" a grade.
      if (numeral.length === 1 && !isCount && !regnalNames.has(previous)) return null;
      if (!isCount && value > largestNumeralAfterName) return null;
      const possessive = match.groups?.possessive ?? '';
      return (isCount ? cardinal(String(value)) : 'the ' + ordinal(String(value))) + possessive;
    },
  },
];
