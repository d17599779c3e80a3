import type { Rule } from '../types.js';
import { fullStopEndsSentence } from './context.js';
import { cardinal, ordinal, year } from './number-words.js';
import { WORD_CHARACTER, stickyPattern } from './patterns.js';

const monthNames = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Written month (full or wire-style abbreviation) → its full name. */
const monthsByWriting: Record<string, string> = {
  Jan: 'January', Feb: 'February', Mar: 'March', Apr: 'April', Jun: 'June', Jul: 'July',
  Aug: 'August', Sep: 'September', Sept: 'September', Oct: 'October', Nov: 'November', Dec: 'December',
};
for (const name of monthNames) monthsByWriting[name] = name;

/** Lower-case writings that are ordinary words ("may", "march", "mar"): only capitalised ones are months. */
const wordsNotMonths = new Set(['may', 'march', 'mar']);

/**
 * A word that may be a month: "July", "JULY", "july", "Sept.", "Oct"; a full stop only after
 * the endings of abbreviations ("July." ends a sentence). The pattern only takes the word's shape
 * (an alternation of every month in three cases cost ~1 ms to compile per pattern); monthName decides.
 */
const MONTH_NAMES = String.raw`[A-Za-z]{3,9}(?:(?<=[A-Za-z](?:an|eb|ar|pr|un|ul|ug|ep|pt|ct|ov|ec|AN|EB|AR|PR|UN|UL|UG|EP|PT|CT|OV|EC))\.)?`;
const MONTH = String.raw`(?<month>${MONTH_NAMES})`;
/** A day of the month, with an optional ordinal suffix: "21", "21st". */
const DAY = String.raw`(?<day>\d{1,2})(?:st|nd|rd|th)?`;
/** An optional year after the date, with or without a comma: ", 2023". */
const OPTIONAL_YEAR = String.raw`(?:,?\s(?<year>\d{4})(?!${WORD_CHARACTER}|[.,]\d))?`;
/** Nothing glued after the day ("May 5km" is not a date). */
const DAY_END = String.raw`(?![\p{L}\p{M}\p{N}:%]|[.,]\d)`;

/**
 * The full name of a written month, or null: in title case, capitals or lower case (lower-case
 * "may", "march" and "mar" are words); only an abbreviation takes a full stop ("Sept.", not "July.").
 */
function monthName(written: string | undefined): string | null {
  const bare = (written ?? '').replace(/\.$/, '');
  const titleCase = bare.charAt(0).toUpperCase() + bare.slice(1).toLowerCase();
  if (bare !== titleCase && bare !== bare.toUpperCase() && bare !== bare.toLowerCase()) return null;
  if (bare === bare.toLowerCase() && wordsNotMonths.has(bare)) return null;
  const month = monthsByWriting[titleCase];
  if (month === undefined || (month === titleCase && written !== bare)) return null;
  return month;
}

function isDay(day: string | undefined): boolean {
  const value = Number(day);
  return value >= 1 && value <= 31;
}

/**
 * "2023" → ", twenty twenty-three", or "" with no year: a newsreader pauses before the year whether
 * the writer put a comma there or not ("the twenty-fifth of July, twenty twenty-four").
 */
function yearTail(yearDigits: string | undefined): string {
  if (yearDigits === undefined) return '';
  return ', ' + year(yearDigits);
}

/** Two-digit years in numeric dates: 23 → 2023, 98 → 1998. */
function fullYear(digits: string): string {
  if (digits.length === 4) return digits;
  return (Number(digits) < 50 ? '20' : '19') + digits;
}

/** Abbreviated weekdays; those that are also words ("The Sun", "Sat") only with a comma or full stop. */
const weekdays: Record<string, string> = {
  Mon: 'Monday', Tue: 'Tuesday', Tues: 'Tuesday', Wed: 'Wednesday', Thu: 'Thursday', Thur: 'Thursday',
  Thurs: 'Thursday', Fri: 'Friday', Sat: 'Saturday', Sun: 'Sunday',
};
const weekdaysThatAreWords = new Set(['Mon', 'Wed', 'Sat', 'Sun']);

export const dateRules: Rule[] = [
  {
    name: 'abbreviated weekday',
    freeStart: true,
    // "Tues 5 March", "Thurs, 4 July", "Sun, 5 June", "Sat, March 5": a weekday before a date.
    pattern: stickyPattern(
      String.raw`(?<weekday>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?<stop>\.)?(?=(?<comma>,)?\s(?:\d{1,2}(?:st|nd|rd|th)?\s[A-Za-z]|[A-Z][a-z]{2,8}\.?\s\d))`,
    ),
    speak: (match) => {
      const groups = match.groups ?? {};
      const written = groups.weekday ?? '';
      if (weekdaysThatAreWords.has(written) && groups.stop === undefined && groups.comma === undefined) return null;
      return weekdays[written] ?? null;
    },
  },
  {
    name: 'month day year',
    // "November 21", "Nov. 21, 2023", "January 13, 2020", "November 21-23", "July 26-August 11".
    pattern: stickyPattern(
      String.raw`${MONTH}\s(?<day>\d{1,2})(?:st|nd|rd|th)?(?:[-–](?:(?<lastMonth>${MONTH_NAMES})\s)?(?<lastDay>\d{1,2})(?:st|nd|rd|th)?)?${DAY_END}${OPTIONAL_YEAR}`,
    ),
    speak: (match) => {
      const groups = match.groups ?? {};
      const month = monthName(groups.month);
      if (month === null || !isDay(groups.day)) return null;
      if (groups.lastDay !== undefined && !isDay(groups.lastDay)) return null;
      const lastMonth = groups.lastMonth === undefined ? '' : (monthName(groups.lastMonth) ?? '') + ' ';
      const lastDay = groups.lastDay === undefined ? '' : ' to ' + lastMonth + ordinal(groups.lastDay);
      const days = ordinal(groups.day ?? '') + lastDay;
      return month + ' ' + days + yearTail(groups.year);
    },
  },
  {
    name: 'day month year',
    startsWith: 'digit',
    // "21 November 2023", "the 5th of May", "3 Oct.", "25-27 July", "from 1 to 3 May", "between 2 and 4 June".
    pattern: stickyPattern(
      String.raw`${DAY}(?:(?<joiner>[-–]|\sto\s|\sand\s)(?<lastDay>\d{1,2})(?:st|nd|rd|th)?)?\s(?:of\s)?${MONTH}(?!\p{L}|\p{M})${OPTIONAL_YEAR}`,
    ),
    speak: (match, context) => {
      const groups = match.groups ?? {};
      const month = monthName(groups.month);
      if (month === null || !isDay(groups.day)) return null;
      if (groups.lastDay !== undefined && !isDay(groups.lastDay)) return null;
      // "on 21 November" → "on the twenty-first of November"; after "the" no second "the".
      const article = /\bthe\s*$/iu.test(context.text.slice(Math.max(0, context.start - 5), context.start)) ? '' : 'the ';
      const joiner = groups.joiner?.trim() === 'and' ? ' and the ' : ' to the ';
      const lastDay = groups.lastDay === undefined ? '' : joiner + ordinal(groups.lastDay);
      const spoken = article + ordinal(groups.day ?? '') + lastDay + ' of ' + month + yearTail(groups.year);
      const endsWithAbbreviation = groups.year === undefined && (groups.month ?? '').endsWith('.');
      return endsWithAbbreviation && fullStopEndsSentence(context.text, context.end) ? spoken + '.' : spoken;
    },
  },
  {
    name: 'ISO date',
    freeStart: true,
    startsWith: 'digit',
    // "2023-11-21", "2023/11/21".
    pattern: stickyPattern(String.raw`(?<year>\d{4})(?<separator>[-/])(?<month>\d{2})\k<separator>(?<day>\d{2})(?!${WORD_CHARACTER})`),
    speak: (match) => {
      const groups = match.groups ?? {};
      const month = monthNames[Number(groups.month) - 1];
      if (month === undefined || !isDay(groups.day)) return null;
      return month + ' ' + ordinal(groups.day ?? '') + yearTail(groups.year);
    },
  },
  {
    name: 'numeric date',
    freeStart: true,
    startsWith: 'digit',
    // "11/21/2023" (month first, since 21 cannot be a month), "21/11/2023", "25.07.2024" and
    // "25-07-2024" (day first, said the British way).
    pattern: stickyPattern(
      String.raw`(?<![/.,-])(?<first>\d{1,2})(?<separator>[/.-])(?<second>\d{1,2})\k<separator>(?<year>\d{4}|(?<=\/\d{1,2}\/)\d{2})(?![\p{L}\p{M}\p{N}/]|[.,-]\d)`,
    ),
    speak: (match) => {
      const groups = match.groups ?? {};
      const first = Number(groups.first);
      const second = Number(groups.second);
      const separator = groups.separator ?? '/';
      const yearWords = year(fullYear(groups.year ?? ''));
      // Dots are only ever day first ("31.12.2023"); a slash or dash is day first when the first part cannot be a month.
      const dayFirst = (separator === '.' && second <= 12) || (first > 12 && second <= 12);
      // The same number twice (1/1/2024) reads the same either way.
      const monthFirst = !dayFirst && first <= 12 && (second > 12 || second === first);
      if (!dayFirst && !monthFirst) {
        // Both could be the month (5/6/2023): say the parts, do not guess the date.
        return separator === '/' ? [cardinal(groups.first ?? ''), cardinal(groups.second ?? ''), yearWords].join(' slash ') : null;
      }
      const [monthIndex, day] = dayFirst ? [second, groups.first ?? ''] : [first, groups.second ?? ''];
      const month = monthNames[monthIndex - 1];
      if (month === undefined || !isDay(day)) return null;
      return dayFirst ? 'the ' + ordinal(day) + ' of ' + month + ', ' + yearWords : month + ' ' + ordinal(day) + ', ' + yearWords;
    },
  },
  {
    name: 'month and year',
    // "in Aug 2024", "JUNE 2022": a month and a year with no day.
    pattern: stickyPattern(String.raw`${MONTH}\s(?<year>\d{4})(?!${WORD_CHARACTER}|[.,]\d)`),
    speak: (match) => {
      const month = monthName(match.groups?.month);
      return month === null ? null : month + ' ' + year(match.groups?.year ?? '');
    },
  },
];
