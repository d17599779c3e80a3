// The longest episode newscast makes. The narration is rendered to a 16-bit WAV, which cannot
// hold more than 4 GiB: 18.6 hours at Festival's 32 kHz. Twelve hours leaves room for a slower
// voice or rate than the estimate's.
import type { Article } from '../article/article.js';
import { NewscastError } from '../errors.js';
import { countWords, WORDS_PER_SECOND } from './duration.js';

export const maxEpisodeHours = 12;
export const maxArticleWords = Math.floor(maxEpisodeHours * 3600 * WORDS_PER_SECOND);

/** Throws, before any planning, when the article would make a longer episode than newscast can. */
export function checkArticleLength(article: Article): void {
  let words = 0;
  for (const section of article.sections) for (const paragraph of section.paragraphs) words += countWords(paragraph);
  if (words <= maxArticleWords) return;
  const hours = (words / WORDS_PER_SECOND / 3600).toFixed(1);
  throw new NewscastError(
    'input',
    `The article is about ${hours} hours of speech (${words.toLocaleString('en-US')} words); an episode is at most ${maxEpisodeHours} hours (${maxArticleWords.toLocaleString('en-US')} words).`,
    `Split it into parts of at most ${maxArticleWords.toLocaleString('en-US')} words and generate an episode from each.`,
  );
}
