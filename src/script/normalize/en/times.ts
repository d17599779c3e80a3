import type { MatchContext, Rule } from '../types.js';
import { fullStopEndsSentence, wordBefore } from './context.js';
import { cardinal, twoDigitsAfterPause } from './number-words.js';
import { WORD_CHARACTER, stickyPattern } from './patterns.js';

/** "a.m.", "p.m.", "am", "PM": the letters are spoken apart ("p m"). */
const MERIDIEM_FORMS = String.raw`[ap]\.m\.|[AP]\.M\.|(?:[ap]\.?m|[AP]M)(?!${WORD_CHARACTER})`;
/** The same before a dash, where the dash already ends the word: "9am-5pm". */
const MERIDIEM_BEFORE_DASH = String.raw`[ap]\.m\.|[AP]\.M\.|[ap]\.?m|[AP]M`;
const MERIDIEM = String.raw`(?<meridiem>${MERIDIEM_FORMS})`;
/** Time zones or markers after which a bare four-digit number is a 24-hour clock time ("0730 GMT"). */
const CLOCK_MARKER = String.raw`(?=\s(?:GMT|UTC|ET|EST|EDT|BST|CET|CEST|local time|hours|hrs|Zulu)(?![\p{L}]))`;

/**
 * One end of a time range, its groups named with `end` ("from" or "to"): "9", "9am", "10.30",
 * "22:00", "7:30 p.m.".
 */
function rangeEnd(end: string, meridiem: string): string {
  return String.raw`(?<${end}Hours>\d{1,2})(?:(?<${end}Separator>[:.])(?<${end}Minutes>[0-5]\d))?(?:\s?(?<${end}Meridiem>${meridiem}))?`;
}

/** Words before which h:mm:ss is a time of day ("at 14:32:05"); elsewhere it is a duration ("won in 2:18:27"). */
const clockWords = new Set(['at', 'by', 'until', 'till', 'from', 'before', 'after', 'around', 'about', 'since']);

/** "2:18:27" → "two hours, eighteen minutes and twenty-seven seconds"; zero parts are left out. */
function duration(hours: string, minutes: string, seconds: string): string {
  const parts = [
    [hours, 'hour'],
    [minutes, 'minute'],
    [seconds, 'second'],
  ]
    .filter(([count]) => Number(count) !== 0)
    .map(([count = '', name]) => cardinal(String(Number(count))) + ' ' + name + (Number(count) === 1 ? '' : 's'));
  if (parts.length === 0) return 'zero seconds';
  const last = parts.pop() ?? '';
  return parts.length === 0 ? last : parts.join(', ') + ' and ' + last;
}

function meridiemWords(written: string | undefined): string {
  return written === undefined ? '' : ' ' + written.replace(/\./g, '').toLowerCase().split('').join(' ');
}

/** Keeps the sentence's full stop when "p.m." closes the sentence. */
function withSentenceStop(spoken: string, written: string | undefined, context: MatchContext): string {
  return written?.endsWith('.') && fullStopEndsSentence(context.text, context.end) ? spoken + '.' : spoken;
}

/** "7:30" → "seven thirty", "19:00" → "nineteen hundred", "7:05" → "seven oh five". */
function clockTime(hours: string, minutes: string, hasMeridiem: boolean): string {
  // The hour after midnight, as a newsreader says it: "00:01" → "one minute past midnight".
  if (Number(hours) === 0 || (Number(hours) === 24 && minutes === '00')) {
    const count = Number(minutes);
    if (count === 0) return 'midnight';
    return cardinal(String(count)) + (count === 1 ? ' minute' : ' minutes') + ' past midnight';
  }
  const hourWords = hours.length === 2 && hours.startsWith('0') ? 'oh ' + cardinal(hours.slice(1)) : cardinal(hours);
  if (minutes !== '00') return hourWords + ' ' + twoDigitsAfterPause(minutes);
  if (hasMeridiem) return hourWords;
  // On the hour with no a.m./p.m.: 24-hour style says "hundred", 12-hour style "o'clock".
  return Number(hours) > 12 || hours.startsWith('0') ? hourWords + ' hundred' : hourWords + " o'clock";
}

export const timeRules: Rule[] = [
  {
    name: 'time range',
    startsWith: 'digit',
    // "9am-5pm", "9-11am", "10.30-11.30am", "22:00-06:00", "9:30am-4pm".
    pattern: stickyPattern(String.raw`(?<![\p{N}:.,])${rangeEnd('from', MERIDIEM_BEFORE_DASH)}\s?[-–—]\s?${rangeEnd('to', MERIDIEM_FORMS)}(?![\p{N}]|[.:]\d)`),
    speak: (match, context) => {
      const groups = match.groups ?? {};
      const ends = (['from', 'to'] as const).map((end) => ({
        hours: groups[end + 'Hours'] ?? '',
        separator: groups[end + 'Separator'],
        minutes: groups[end + 'Minutes'],
        meridiem: groups[end + 'Meridiem'],
      }));
      const [from, to] = ends;
      if (from === undefined || to === undefined) return null;
      // Without a.m. or p.m. at its end, only two 24-hour clock times ("22:00-06:00") make a time range.
      const twentyFourHour = ends.every((end) => end.separator === ':' && end.meridiem === undefined);
      if (to.meridiem === undefined && !twentyFourHour) return null;
      if (ends.some((end) => Number(end.hours) > (end.meridiem === undefined && twentyFourHour ? 24 : 12))) return null;
      const say = (end: (typeof ends)[number]) =>
        (end.minutes === undefined ? cardinal(end.hours) : clockTime(end.hours, end.minutes, true)) + meridiemWords(end.meridiem);
      const spoken = twentyFourHour
        ? clockTime(from.hours, from.minutes ?? '00', false) + ' to ' + clockTime(to.hours, to.minutes ?? '00', false)
        : say(from) + ' to ' + say(to);
      return withSentenceStop(spoken, to.meridiem, context);
    },
  },
  {
    name: 'dash beside noon or midnight',
    // "noon-2pm", "9am-noon": the dash of a time range that names noon or midnight is "to".
    pattern: stickyPattern(
      String.raw`(?:(?<=\d\s?(?:[ap]\.?m\.?|[AP]M)\s?)[-–—](?=\s?(?:noon|midday|midnight)(?![A-Za-z]))|(?<=(?<![A-Za-z])(?:noon|midday|midnight)\s?)[-–—](?=\s?\d{1,2}(?:[:.][0-5]\d)?\s?[aApP]\.?[mM]))`,
    ),
    speak: () => 'to',
  },
  {
    name: 'time with seconds',
    startsWith: 'digit',
    // "at 14:32:05" (a time of day), "won in 2:18:27" (a duration).
    pattern: stickyPattern(String.raw`(?<![\p{N}:.,])(?<hours>\d{1,2}):(?<minutes>[0-5]\d):(?<seconds>[0-5]\d)(?![\p{N}:]|[.,]\d)(?:\s?${MERIDIEM})?`),
    speak: (match, context) => {
      const groups = match.groups ?? {};
      const hours = groups.hours ?? '';
      const minutes = groups.minutes ?? '';
      const seconds = groups.seconds ?? '';
      const isClock =
        groups.meridiem !== undefined ||
        clockWords.has(wordBefore(context.text, context.start).toLowerCase()) ||
        /^\s(?:GMT|UTC|BST|ET|EST|EDT|CET|local time)\b/u.test(context.text.slice(context.end, context.end + 12));
      if (!isClock) return duration(hours, minutes, seconds);
      if (Number(hours) > 24) return null;
      const secondsWords = ' and ' + cardinal(String(Number(seconds))) + (Number(seconds) === 1 ? ' second' : ' seconds');
      const hourAndMinutes = minutes === '00' ? clockTime(hours, minutes, false).replace(/ o'clock$/, '') : clockTime(hours, minutes, true);
      return withSentenceStop(hourAndMinutes + secondsWords + meridiemWords(groups.meridiem), groups.meridiem, context);
    },
  },
  {
    name: 'clock time',
    startsWith: 'digit',
    // "7:30 p.m.", "19:30", "10:05am", and with a dot for the colon "7.30pm", "17.30 GMT".
    pattern: stickyPattern(
      String.raw`(?<![\p{N}:.,])(?<hours>\d{1,2})(?:(?<colon>:)|\.(?=[0-5]\d(?:\s?[aApP]\.?[mM]|(?<marker>)${CLOCK_MARKER})))(?<minutes>[0-5]\d)(?![\p{N}:])(?:\s?${MERIDIEM})?`,
    ),
    speak: (match, context) => {
      const groups = match.groups ?? {};
      if (Number(groups.hours) > 24) return null;
      if (groups.meridiem !== undefined && Number(groups.hours) > 12) return null;
      // A dot is a time's only before a.m./p.m. or a time zone: "7.30pm", not "1.30pmx".
      if (groups.colon === undefined && groups.meridiem === undefined && groups.marker === undefined) return null;
      const spoken = clockTime(groups.hours ?? '', groups.minutes ?? '', groups.meridiem !== undefined);
      return withSentenceStop(spoken + meridiemWords(groups.meridiem), groups.meridiem, context);
    },
  },
  {
    name: 'hour with a.m. or p.m.',
    startsWith: 'digit',
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
    startsWith: 'digit',
    // "0730 GMT", "1400 local time".
    pattern: stickyPattern(String.raw`(?<![\p{N}])(?<hours>[01]\d|2[0-3])(?<minutes>[0-5]\d)${CLOCK_MARKER}`),
    speak: (match) => clockTime(match.groups?.hours ?? '', match.groups?.minutes ?? '', false),
  },
  {
    name: 'twenty-four hour clock after at',
    startsWith: 'digit',
    // "at 0800 tomorrow": a leading zero after at, from or until is a clock time, not a number.
    pattern: stickyPattern(String.raw`(?<=(?<![\p{L}])(?:at|from|until|by|before|after)\s)(?<hours>0\d)(?<minutes>[0-5]\d)(?!${WORD_CHARACTER}|[.,:]\d)`),
    speak: (match) => clockTime(match.groups?.hours ?? '', match.groups?.minutes ?? '', false),
  },
  {
    name: 'lone a.m. or p.m.',
    freeStart: true,
    // "in the a.m." — rare, but its inner full stop would otherwise look like a sentence end.
    pattern: stickyPattern(String.raw`(?<meridiem>[ap]\.m\.)`),
    speak: (match, context) => withSentenceStop(meridiemWords(match.groups?.meridiem).trim(), match.groups?.meridiem, context),
  },
];
