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

/** Ends a line with a full stop unless it already ends a sentence. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]["”’)]?$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function introSentences(article: Article, showName: string): string[] {
  const sentences = [`This is ${showName}.`, asSentence(article.title)];
  if (article.source) sentences.push(asSentence(`From ${article.source}`));
  if (article.byline) sentences.push(asSentence(`By ${article.byline}`));
  const date = article.date ? spokenDate(article.date) : undefined;
  if (date) sentences.push(`Published ${date}.`);
  return sentences;
}

export function outroSentences(article: Article, showName: string): string[] {
  const sentences = article.source ? [asSentence(`This story is from ${article.source}`)] : [];
  sentences.push(asSentence(`Thanks for listening to ${showName}`));
  return sentences;
}
