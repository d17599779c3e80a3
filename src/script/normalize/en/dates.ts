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

/** A month: full names first so "June" is not read as "Jun" + "e". "Mar." needs its dot (mar is a word). */
const MONTH_NAMES = String.raw`January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?`;
const MONTH = String.raw`(?<month>${MONTH_NAMES})`;
/** A day of the month, with an optional ordinal suffix: "21", "21st". */
const DAY = String.raw`(?<day>\d{1,2})(?:st|nd|rd|th)?`;
/** An optional year after the date, with or without a comma: ", 2023". */
const OPTIONAL_YEAR = String.raw`(?:(?<yearSeparator>,?\s)(?<year>\d{4})(?!${WORD_CHARACTER}|[.,]\d))?`;
/** Nothing glued after the day ("May 5km" is not a date). */
const DAY_END = String.raw`(?![\p{L}\p{M}\p{N}:%]|[.,]\d)`;

function monthName(written: string | undefined): string | null {
  return monthsByWriting[(written ?? '').replace(/\.$/, '')] ?? null;
}

function isDay(day: string | undefined): boolean {
  const value = Number(day);
  return value >= 1 && value <= 31;
}

/** "2023" → ", twenty twenty-three" keeping the writer's comma, or "" with no year. */
function yearTail(separator: string | undefined, yearDigits: string | undefined): string {
  if (yearDigits === undefined) return '';
  return (separator?.startsWith(',') ? ', ' : ' ') + year(yearDigits);
}

/** Two-digit years in numeric dates: 23 → 2023, 98 → 1998. */
function fullYear(digits: string): string {
  if (digits.length === 4) return digits;
  return (Number(digits) < 50 ? '20' : '19') + digits;
}

export const dateRules: Rule[] = [
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
      return month + ' ' + days + yearTail(groups.yearSeparator, groups.year);
    },
  },
  {
    name: 'day month year',
    // "21 November 2023", "the 5th of May", "3 Oct.".
    pattern: stickyPattern(String.raw`${DAY}\s(?:of\s)?${MONTH}(?![\p{L}\p{M}])${OPTIONAL_YEAR}`),
    speak: (match, context) => {
      const groups = match.groups ?? {};
      const month = monthName(groups.month);
      if (month === null || !isDay(groups.day)) return null;
      // "on 21 November" → "on the twenty-first of November"; after "the" no second "the".
      const article = /\bthe\s*$/iu.test(context.text.slice(Math.max(0, context.start - 5), context.start)) ? '' : 'the ';
      const spoken = article + ordinal(groups.day ?? '') + ' of ' + month + yearTail(groups.yearSeparator, groups.year);
      const endsWithAbbreviation = groups.year === undefined && (groups.month ?? '').endsWith('.');
      return endsWithAbbreviation && fullStopEndsSentence(context.text, context.end) ? spoken + '.' : spoken;
    },
  },
  {
    name: 'ISO date',
    // "2023-11-21".
    pattern: stickyPattern(String.raw`(?<![\p{L}\p{N}])(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?!${WORD_CHARACTER})`),
    speak: (match) => {
      const groups = match.groups ?? {};
      const month = monthNames[Number(groups.month) - 1];
      if (month === undefined || !isDay(groups.day)) return null;
      return month + ' ' + ordinal(groups.day ?? '') + ', ' + year(groups.year ?? '');
    },
  },
  {
    name: 'numeric date',
    // "11/21/2023" (month first, since 21 cannot be a month) or "21/11/2023" (day first).
    pattern: stickyPattern(String.raw`(?<![\p{L}\p{N}/])(?<first>\d{1,2})/(?<second>\d{1,2})/(?<year>\d{4}|\d{2})(?![\p{L}\p{M}\p{N}/])`),
    speak: (match) => {
      const groups = match.groups ?? {};
      const first = Number(groups.first);
      const second = Number(groups.second);
      const yearWords = year(fullYear(groups.year ?? ''));
      let monthIndex: number;
      let day: string;
      if (first > 12 && second <= 12) [monthIndex, day] = [second, groups.first ?? ''];
      else if (second > 12 && first <= 12) [monthIndex, day] = [first, groups.second ?? ''];
      // Both could be the month (5/6/2023): say the parts, do not guess the date.
      else return [cardinal(groups.first ?? ''), cardinal(groups.second ?? ''), yearWords].join(' slash ');
      const month = monthNames[monthIndex - 1];
      if (month === undefined || !isDay(day)) return null;
      return month + ' ' + ordinal(day) + ', ' + yearWords;
    },
  },
];
