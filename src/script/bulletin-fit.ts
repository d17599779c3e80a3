/**
 * Fitting a bulletin into a length (`--max-minutes`): each story keeps its first paragraphs, cut
 * evenly (every story its first, then its second, …) rather than dropping the last stories, and
 * where one more paragraph does not fit for all, the first stories get it.
 */
import type { Article } from '../article/article.js';
import { speakingSeconds } from './duration.js';
import { splitSentences } from './sentences.js';

/** About the pauses the renderer makes after a sentence and (in addition) after a paragraph. */
const sentencePauseSeconds = 0.4;
const paragraphPauseSeconds = 0.45;

/** What `--max-minutes` took from a story. */
export interface StoryCut {
  title: string;
  kept: number;
  paragraphs: number;
}

export function paragraphCount(article: Article): number {
  return article.sections.reduce((sum, section) => sum + section.paragraphs.length, 0);
}

/** The article with only its first `count` paragraphs; a section keeps its heading while it keeps a paragraph. */
export function firstParagraphs(article: Article, count: number): Article {
  let left = count;
  const sections = article.sections.flatMap((section) => {
    const paragraphs = section.paragraphs.slice(0, Math.max(0, left));
    left -= paragraphs.length;
    return paragraphs.length > 0 ? [{ ...section, paragraphs }] : [];
  });
  return { ...article, sections };
}

/** Estimated seconds of each paragraph, a section's spoken heading counted with its first paragraph. */
export function paragraphSeconds(article: Article): number[] {
  return article.sections.flatMap((section) =>
    section.paragraphs.map((paragraph, index) => {
      const heading = index === 0 && section.heading ? estimate(section.heading) : 0;
      return heading + estimate(paragraph);
    }),
  );
}

function estimate(text: string): number {
  return speakingSeconds(text) + splitSentences(text).length * sentencePauseSeconds + paragraphPauseSeconds;
}

/**
 * How many paragraphs each story keeps so that the kept paragraphs' estimate fits `budgetSeconds`:
 * at least one each; as many levels (n paragraphs from every story that has them) as fit; then
 * one more paragraph for each story from the first while the next still fits. More budget never
 * keeps less of any story.
 */
export function fitParagraphs(stories: readonly number[][], budgetSeconds: number): number[] {
  const keep = (level: number) => stories.map((seconds) => Math.min(seconds.length, level));
  const cost = (kept: number[]) => kept.reduce((sum, count, index) => sum + stories[index]!.slice(0, count).reduce((a, b) => a + b, 0), 0);
  const longest = Math.max(0, ...stories.map((seconds) => seconds.length));
  let level = 1;
  while (level < longest && cost(keep(level + 1)) <= budgetSeconds) level++;
  const kept = keep(level);
  let used = cost(kept);
  for (const [index, seconds] of stories.entries()) {
    const next = seconds[kept[index]!];
    if (next === undefined) continue;
    if (used + next > budgetSeconds) break;
    used += next;
    kept[index]!++;
  }
  return kept;
}
