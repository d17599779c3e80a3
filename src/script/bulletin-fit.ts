/**
 * Fitting a bulletin into a length (`--max-minutes`): each story keeps its first paragraphs. Every
 * story keeps at least its first; then, story by story in turn, each gains its next paragraph while
 * the estimate still fits, so the cut falls evenly rather than on the last stories alone.
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
 * at least one each, then one more per story in turn while it fits.
 */
export function fitParagraphs(stories: readonly number[][], budgetSeconds: number): number[] {
  const kept = stories.map((seconds) => Math.min(1, seconds.length));
  let used = stories.reduce((sum, seconds) => sum + (seconds[0] ?? 0), 0);
  for (let grew = true; grew; ) {
    grew = false;
    stories.forEach((seconds, index) => {
      const next = seconds[kept[index]!];
      if (next === undefined || used + next > budgetSeconds) return;
      used += next;
      kept[index]!++;
      grew = true;
    });
  }
  return kept;
}
