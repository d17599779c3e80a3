/** Reading dates as news articles write them. */

const monthNames = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

/** "Jan", "Jan.", "January", "Sept" → 1-12, or undefined. */
function monthNumber(word: string): number | undefined {
  const key = word.toLowerCase().replace(/\.$/, '');
  if (key.length < 3) return undefined;
  const index = monthNames.findIndex((name) => name.startsWith(key) || (key === 'sept' && name === 'september'));
  return index === -1 ? undefined : index + 1;
}

const month = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const monthDayYear = new RegExp(String.raw`${month}\s+(\d{1,2}),?\s+(\d{4})`, 'i');
const dayMonthYear = new RegExp(String.raw`(\d{1,2})\s+${month},?\s+(\d{4})`, 'i');
const isoDate = /(\d{4})-(\d{2})-(\d{2})/;

/** A date with a year at the end of a text, e.g. a photo caption's "…, January 13, 2020." */
export const endsWithDate = new RegExp(
  String.raw`(?:${monthDayYear.source}|${dayMonthYear.source}|${isoDate.source})[.)]?\s*$`,
  'i',
);

/** The first full date (with a year) in `text`, as ISO 8601 YYYY-MM-DD. */
export function findIsoDate(text: string): string | undefined {
  const mdy = monthDayYear.exec(text);
  if (mdy) return toIso(mdy[3], monthNumber(mdy[1] ?? ''), mdy[2]);
  const dmy = dayMonthYear.exec(text);
  if (dmy) return toIso(dmy[3], monthNumber(dmy[2] ?? ''), dmy[1]);
  const iso = isoDate.exec(text);
  if (iso) return toIso(iso[1], Number(iso[2]), iso[3]);
  return undefined;
}

function toIso(year: string | undefined, monthOfYear: number | undefined, day: string | undefined): string | undefined {
  const y = Number(year);
  const d = Number(day);
  if (!monthOfYear || monthOfYear > 12 || !(d >= 1 && d <= 31) || !(y >= 1000)) return undefined;
  const date = new Date(Date.UTC(y, monthOfYear - 1, d));
  if (date.getUTCDate() !== d) return undefined; // e.g. February 30
  return date.toISOString().slice(0, 10);
}

/**
 * A paragraph that is nothing but a publication date, as exports put under the headline:
 * "November 21, 2023", "Published 21 Nov 2023, 10:15 GMT", "Updated: 2023-11-21",
 * "Last updated on 3 March 2025 at 9.15am".
 */
export function parseDateLine(paragraph: string): string | undefined {
  if (paragraph.length > 80) return undefined;
  const rest = paragraph
    .replace(timestampOpening, '')
    .replace(/^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*/i, '');
  const withoutDate = rest
    .replace(monthDayYear, '')
    .replace(dayMonthYear, '')
    .replace(isoDate, '')
    .replace(/\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b/i, '') // a time, maybe a zone
    .replace(/\b(?:at|on)\b|[\s,.|–—-]+/gi, '');
  return withoutDate === '' ? findIsoDate(rest) : undefined;
}

/** "Updated", "Last updated on", "Published:", "First published" before a time stamp. */
const timestampOpening = /^(?:(?:last\s+)?(?:published|updated|posted|modified)|first published)(?:\s+on)?:?\s*/i;

/**
 * A page's time stamp, with or without a date: a date line ("3 March 2025, 14:32 GMT"), or a
 * short "Updated …" / "Published …" line of nothing but a time ("Updated 14:32 GMT", "Updated 2
 * hours ago"; not "Updated guidance for 2025 exams"). Never a chapter title, never read.
 */
export function isTimestamp(text: string): boolean {
  if (parseDateLine(text) !== undefined) return true;
  if (text.length > 80) return false;
  const rest = text.replace(timestampOpening, '').replace(/^at\s+/i, '');
  if (text.length <= 60 && rest !== text && /\d/.test(rest) && timeWords.test(rest)) return true;
  // Times ("10:05 p.m. EST", a zone in capitals: "09:30 Mass" is no time stamp) and numeric dates
  // out, what is left is a date line ("Updated 14:32 GMT, 9 March 2024") or nothing ("11/18/19 11:04 PM").
  const withoutTimes = rest.replace(timeWithZone, ' ').replace(numericDate, ' ');
  if (parseDateLine(withoutTimes.replace(/^[\s,|–—-]+|[\s,|–—-]+$/g, '')) !== undefined) return true;
  return withoutTimes !== text && withoutTimes.replace(/[\s,.|–—-]+/g, '') === '';
}

/** A time of day, maybe with its zone in capitals: "11:04 PM EST", "4:14 p.m.", "10.05". */
const timeWithZone = /\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[aApP]\.?[mM]\.?)?(?:\s*[A-Z]{2,4}\b)?/g;
const numericDate = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g;

/** Whether a line holds a date or a time anywhere: "By Jane Roe - 11/18/19 11:04 PM EST", "Nov. 20", "2 hours ago". */
export function hasDateOrTime(text: string): boolean {
  return (
    /\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?/i.test(text) ||
    /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(text) ||
    /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b/.test(text) ||
    /\b\d+ (?:minutes?|hours?|days?) ago\b/i.test(text)
  );
}

/** Nothing but times, numbers and the words around them: "14:32 GMT", "2 hours ago", "9.15am today". */
const timeWords = /^(?:[\d:.,\s]|[ap]\.?m\b\.?|\b(?:GMT|BST|UTC|[ECMP][SD]?T|CES?T|IST|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|ago|today|yesterday|at|on)\b)+$/i;
