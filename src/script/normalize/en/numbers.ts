import type { Rule } from '../types.js';
import { cardinal, decimal, ordinal, pluralOfNumberWords, twoDigitsAfterPause, year } from './number-words.js';
import { FREE_START, NUMBER, RANGE_DASH, TOKEN_END, WORD_CHARACTER, stickyPattern } from './patterns.js';
import { looksLikeYear, speakYearRange } from './quantities.js';

/** Short magnitudes glued to a bare number: "5bn" (money has its own rule). */
const magnitudeWords: Record<string, string> = { bn: 'billion', tn: 'trillion', k: 'thousand' };

/** Cardinals, decimals, ordinals, years, decades, ranges and negative numbers. */
export const numberRules: Rule[] = [
  {
    name: 'decade',
    freeStart: true,
    // "1990s", "the '90s", "in their 30s": digits plus a plural s (an apostrophe may stand before two digits).
    pattern: stickyPattern(String.raw`(?<apostrophe>['’])?(?<digits>\d+)s(?!${WORD_CHARACTER})`),
    speak: (match) => {
      const digits = match.groups?.digits ?? '';
      const apostrophe = match.groups?.apostrophe !== undefined;
      if (apostrophe && digits.length !== 2) return null;
      // "100s of people", "1000s": hundreds, thousands.
      const roundWords: Record<string, string> = { '100': 'hundreds', '1000': 'thousands', '1000000': 'millions' };
      if (!apostrophe && roundWords[digits] !== undefined) return roundWords[digits] ?? null;
      const words = digits.length === 4 && looksLikeYear(digits) ? year(digits) : cardinal(digits);
      return pluralOfNumberWords(words);
    },
  },
  {
    name: 'possessive number',
    freeStart: true,
    startsWith: 'digit',
    // "2020's election", "the 737's engines": a number followed by 's.
    pattern: stickyPattern(String.raw`(?<digits>\d+)(?<possessive>['’]s)(?!${WORD_CHARACTER})`),
    speak: (match) => {
      const digits = match.groups?.digits ?? '';
      return (looksLikeYear(digits) ? year(digits) : cardinal(digits)) + (match.groups?.possessive ?? '');
    },
  },
  {
    name: 'abbreviated year',
    freeStart: true,
    // "the class of '98", "since '05": an apostrophe and two digits standing alone.
    pattern: stickyPattern(String.raw`['’](?<digits>\d{2})(?![\p{L}\p{M}\p{N}'’])`),
    speak: (match) => twoDigitsAfterPause(match.groups?.digits ?? ''),
  },
  {
    name: 'ordinal',
    startsWith: 'digit',
    // "21st", "2nd", "100th", "1,000th".
    pattern: stickyPattern(String.raw`(?<digits>\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th|ST|ND|RD|TH)(?!${WORD_CHARACTER})`),
    speak: (match) => ordinal(match.groups?.digits ?? ''),
  },
  {
    name: 'emergency number',
    startsWith: 'digit',
    // "Call 911": said digit by digit.
    pattern: stickyPattern(String.raw`(?<![\p{N}.,])911${TOKEN_END}`),
    speak: () => 'nine one one',
  },
  {
    name: 'ratio',
    startsWith: 'digit',
    // "a 3:1 majority" (clock times such as "7:30" are read by the time rules first).
    pattern: stickyPattern(String.raw`(?<![\p{N}:.,])(?<first>\d+):(?<second>\d+)(?![\p{N}:]|[.,]\d)`),
    speak: (match) => cardinal(match.groups?.first ?? '') + ' to ' + cardinal(match.groups?.second ?? ''),
  },
  {
    name: 'version number',
    startsWith: 'digit',
    // "1.2.3", "192.168.0.1": several dotted parts, read part by part.
    pattern: stickyPattern(String.raw`\d+(?:\.\d+){2,}(?![\p{L}\p{N}])`),
    speak: (match) => match[0].split('.').map(cardinal).join(' point '),
  },
  {
    name: 'year range with a slash',
    startsWith: 'digit',
    // "the 2023/24 season", "2010/11", "1939/45": a later year after a slash.
    pattern: stickyPattern(String.raw`(?<![\p{N}.,/])(?<first>1\d{3}|20\d{2})\/(?<second>\d{2}|\d{4})(?![\p{N}/]|[.,]\d)`),
    speak: (match) => speakYearRange(match.groups?.first ?? '', match.groups?.second ?? ''),
  },
  {
    name: 'range',
    startsWith: 'digit',
    // "2010-2014", "5-7", "10–12": two numbers joined by a dash.
    pattern: stickyPattern(String.raw`(?<first>${NUMBER})${RANGE_DASH}(?<second>${NUMBER})${TOKEN_END}`),
    speak: (match) => {
      const first = match.groups?.first ?? '';
      const second = match.groups?.second ?? '';
      const years = speakYearRange(first, second);
      if (years !== null) return years;
      // A falling pair such as "won 3-1" is a score, read "three-one".
      const isScore = /^\d+$/.test(first) && /^\d+$/.test(second) && Number(first) >= Number(second);
      return decimal(first) + (isScore ? '-' : ' to ') + decimal(second);
    },
  },
  {
    name: 'year',
    startsWith: 'digit',
    // "in 2014", "1066": four digits from 1010 to 2099 with no thousands comma.
    pattern: stickyPattern(String.raw`(?<digits>1\d\d\d|20\d\d)${TOKEN_END}`),
    speak: (match) => (looksLikeYear(match.groups?.digits ?? '') ? year(match.groups?.digits ?? '') : null),
  },
  {
    name: 'negative number',
    // "-5", "−3.5" (minus sign), only where the dash is not joining words.
    pattern: stickyPattern(String.raw`${FREE_START}[-−](?<number>${NUMBER})${TOKEN_END}`),
    speak: (match) => 'minus ' + decimal(match.groups?.number ?? ''),
  },
  {
    name: 'number with magnitude',
    startsWith: 'digit',
    // "5bn people", "20k runners".
    pattern: stickyPattern(String.raw`(?<number>${NUMBER})(?<magnitude>bn|tn|k)(?!${WORD_CHARACTER})`),
    speak: (match) => decimal(match.groups?.number ?? '') + ' ' + (magnitudeWords[match.groups?.magnitude ?? ''] ?? ''),
  },
  {
    name: 'number',
    startsWith: 'digit',
    // "2,500", "3.5", "66", and any other run of digits.
    pattern: stickyPattern(String.raw`${NUMBER}(?![\p{N}])`),
    speak: (match) => decimal(match[0]),
  },
];
