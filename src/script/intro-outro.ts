/** The sentences that open and close every episode. */
import type { Article } from '../article/article.js';

const monthNames = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "2023-11-21" → "November 21, 2023"; undefined for anything that is not an ISO date. */
export function spokenDate(isoDate: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  const month = monthNames[Number(match?.[2]) - 1];
  if (!match || !month) return undefined;
  return `${month} ${Number(match[3])}, ${match[1]}`;
}

export interface LineValues {
  title: string;
  show: string;
  source?: string;
  byline?: string;
  /** ISO date; spoken as "November 21, 2023". */
  date?: string;
}

/** Spoken lines when the template gives none: the default template's. */
export const defaultLines = {
  intro: ['This is {show}.', '{title}.', 'From {source}.', 'By {byline}.', 'Published {date}.'],
  outro: ['This story is from {source}.', 'Thanks for listening to {show}.'],
};

/**
 * Replaces {title}, {show}, {source}, {byline} and {date} in each of a template's lines. A line
 * that names a value the article does not have ("From {source}.") is left out whole.
 */
export function fillSpokenLines(lines: readonly string[], values: LineValues): string[] {
  const spoken: Partial<LineValues> = { ...values, date: values.date ? spokenDate(values.date) : undefined };
  return lines.flatMap((line) => {
    let missing = false;
    const text = line.replace(/\{(title|show|source|byline|date)\}/g, (_, key: keyof LineValues) => {
      const value = spoken[key]?.trim();
      if (!value) missing = true;
      return value ?? '';
    });
    // "{title}." must not become "Who won?." when the title ends a sentence itself.
    return missing ? [] : [text.replace(/([.!?…])\./gu, '$1').replace(/\s+/g, ' ').trim()];
  });
}
