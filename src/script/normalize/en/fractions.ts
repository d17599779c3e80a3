import type { Rule } from '../types.js';
import { cardinal, ordinal } from './number-words.js';
import { stickyPattern } from './patterns.js';

/** Unicode vulgar fractions → [numerator, denominator]. */
const vulgarFractions: Record<string, [number, number]> = {
  '½': [1, 2], '⅓': [1, 3], '⅔': [2, 3], '¼': [1, 4], '¾': [3, 4], '⅕': [1, 5], '⅖': [2, 5],
  '⅗': [3, 5], '⅘': [4, 5], '⅙': [1, 6], '⅚': [5, 6], '⅛': [1, 8], '⅜': [3, 8], '⅝': [5, 8], '⅞': [7, 8],
};

/** Number pairs with a slash that are names, not fractions. */
const slashNames: Record<string, string> = { '24/7': 'twenty-four seven', '9/11': 'nine eleven' };

/** Largest denominator read as a fraction; "7/32" is a fraction, "11/21" is not. */
const largestDenominator = 32;

/** "three quarters", "one half", "five eighths". */
function fractionWords(numerator: number, denominator: number): string {
  const plural = numerator !== 1;
  const name = denominator === 2 ? (plural ? 'halves' : 'half') : denominator === 4 ? 'quarter' : ordinal(String(denominator)).replace(/^one /, ''); // "hundredth", not "one hundredth"
  const noun = plural && denominator !== 2 ? name + 's' : name;
  return cardinal(String(numerator)) + ' ' + noun;
}

/** "2 1/2" → "two and a half"; "1 3/4" → "one and three quarters". */
function mixedNumber(whole: string, numerator: number, denominator: number): string {
  const part = numerator === 1 ? (denominator === 2 ? 'a half' : 'a ' + fractionWords(1, denominator).replace(/^one /, '')) : fractionWords(numerator, denominator);
  return cardinal(whole) + ' and ' + part;
}

export const fractionRules: Rule[] = [
  {
    name: 'vulgar fraction',
    // "½", "1½", "2 ¾".
    pattern: stickyPattern(String.raw`(?<![\p{N}])(?:(?<whole>\d+)\s?)?(?<fraction>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])`),
    speak: (match) => {
      const [numerator, denominator] = vulgarFractions[match.groups?.fraction ?? ''] ?? [0, 0];
      if (denominator === 0) return null;
      const whole = match.groups?.whole;
      return whole === undefined ? fractionWords(numerator, denominator) : mixedNumber(whole, numerator, denominator);
    },
  },
  {
    name: 'slash fraction',
    startsWith: 'digit',
    // "1/2", "3/4", "2 1/2", "1/3rd", "2/3rds", "1/100th", and slash names such as "24/7".
    pattern: stickyPattern(
      String.raw`(?<![\p{N}/.,])(?:(?<whole>\d+)\s)?(?<numerator>\d{1,3})/(?<denominator>\d{1,4})(?<suffix>st|nd|rd|th|rds|ths)?(?![\p{L}\p{M}\p{N}/]|[.,]\d)`,
    ),
    speak: (match) => {
      const groups = match.groups ?? {};
      const written = `${groups.numerator}/${groups.denominator}`;
      const hasSuffix = groups.suffix !== undefined;
      if ((groups.denominator ?? '').length > 3 && !hasSuffix) return null;
      if (groups.whole === undefined && !hasSuffix && slashNames[written] !== undefined) return slashNames[written] ?? null;
      const numerator = Number(groups.numerator);
      const denominator = Number(groups.denominator);
      // An ordinal suffix ("1/3rd", "1/100th") says it is a fraction, however large the denominator.
      const isFraction = numerator > 0 && numerator < denominator && (denominator <= largestDenominator || hasSuffix);
      if (hasSuffix && !isFraction) return null;
      if (isFraction) {
        return groups.whole === undefined ? fractionWords(numerator, denominator) : mixedNumber(groups.whole, numerator, denominator);
      }
      // Not a fraction (a ratio or a score): say both numbers around "slash".
      if (groups.whole !== undefined) return null;
      return cardinal(groups.numerator ?? '') + ' slash ' + cardinal(groups.denominator ?? '');
    },
  },
];
