// The largest article file newscast reads. Far beyond any article (16 MB of plain text is some
// 2.7 million words, ten days of speech), it keeps a mistaken input (a log, a dump, a book
// collection) from being read and parsed whole before anything can be said about it.
import { NewscastError } from '../errors.js';

export const maxArticleBytes = 16 * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Throws when `bytes` (of the input called `name`) is more than newscast reads. */
export function checkArticleSize(name: string, bytes: number): void {
  if (bytes <= maxArticleBytes) return;
  throw new NewscastError(
    'input',
    `${name} is ${bytes === Number.POSITIVE_INFINITY ? `more than ${megabytes(maxArticleBytes)}` : megabytes(bytes)}; newscast reads articles of at most ${megabytes(maxArticleBytes)}.`,
    'Split it into articles of at most 12 hours of speech each (about 116,000 words) and generate an episode from each.',
  );
}
