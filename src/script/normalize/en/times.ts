import type { MatchContext, Rule } from '../types.js';
import { fullStopEndsSentence } from './context.js';
import { cardinal, twoDigitsAfterPause } from './number-words.js';
import { WORD_CHARACTER, stickyPattern } from './patterns.js';

/** "a.m.", "p.m.", "am", "PM": the letters are spoken apart ("p m"). */
const MERIDIEM = String.raw`(?<meridiem>[ap]\.m\.|[ap]\.m(?![\p{L}])|[AP]\.M\.|[ap]m(?!${WORD_CHARACTER})|[AP]M(?!${WORD_CHARACTER}))`;
/** Time zones or markers after which a bare four-digit number is a 24-hour clock time ("0730 GMT"). */
const CLOCK_MARKER = String.raw`(?=\s(?:GMT|UTC|ET|EST|EDT|BST|CET|CEST|local time|hours|hrs|Zulu)(?![\p{L}]))`;

function meridiemWords(written: string | undefined): string {
  return written === undefined ? '' : ' ' + written.replace(/\./g, '').toLowerCase().split('').join(' ');
}

/** Keeps the sentence's full stop when "p.m." closes the sentence. */
function withSentenceStop(spoken: string, written: string | undefined, context: MatchContext): string {
  return written?.endsWith('.') && fullStopEndsSentence(context.text, context.end) ? spoken + '.' : spoken;
}

/** "7:30" → "seven thirty", "19:00" → "nineteen hundred", "7:05" → "seven oh five". */
function clockTime(hours: string, minutes: string, hasMeridiem: boolean): string {
  const hourWords = hours.length === 2 && hours.startsWith('0') ? 'oh ' + cardinal(hours.slice(1)) : cardinal(hours);
  if (minutes !== '00') return hourWords + ' ' + twoDigitsAfterPause(minutes);
  if (hasMeridiem) return hourWords;
  // On the hour with no a.m./p.m.: 24-hour style says "hundred", 12-hour style "o'clock".
  return Number(hours) > 12 || hours.startsWith('0') ? hourWords + ' hundred' : hourWords + " o'clock";
}

export const timeRules: Rule[] = [
  {
    name: 'clock time',
    // "7:30 p.m.", "19:30", "10:05am".
    pattern: stickyPattern(String.raw`(?<![\p{N}:])(?<hours>\d{1,2}):(?<minutes>[0-5]\d)(?![\p{N}:])(?:\s?${MERIDIEM})?`),
    speak: (match, context) => {
      const groups = match.groups ?? {};
      if (Number(groups.hours) > 24) return null;
      const spoken = clockTime(groups.hours ?? '', groups.minutes ?? '', groups.meridiem !== undefined);
      return withSentenceStop(spoken + meridiemWords(groups.meridiem), groups.meridiem, context);
    },
  },
  {
    name: 'hour with a.m. or p.m.',
    // "10 a.m.", "6pm".
    pattern: stickyPattern(String.raw`(?<![\p{N}:.,])(?<hours>\d{1,2})\s?${MERIDIEM}`),
    speak: (match, context) => {
      const groups = match.groups ?? {};
      if (Number(groups.hours) > 12) return null;
      return withSentenceStop(cardinal(groups.hours ?? '') + meridiemWords(groups.meridiem), groups.meridiem, context);
    },
  },
  {
    name: 'twenty-four hour clock',
    // "0730 GMT", "1400 local time".
    pattern: stickyPattern(String.raw`(?<![\p{N}])(?<hours>[01]\d|2[0-3])(?<minutes>[0-5]\d)${CLOCK_MARKER}`),
    speak: (match) => clockTime(match.groups?.hours ?? '', match.groups?.minutes ?? '', false),
  },
  {
    name: 'lone a.m. or p.m.',
    // "in the a.m." — rare, but its inner full stop would otherwise look like a sentence end.
    pattern: stickyPattern(String.raw`(?<![\p{L}\p{N}])(?<meridiem>[ap]\.m\.)`),
    speak: (match, context) => withSentenceStop(meridiemWords(match.groups?.meridiem).trim(), match.groups?.meridiem, context),
  },
];
