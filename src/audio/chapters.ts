// Narration chapters (times in narration seconds) → episode chapters (times in episode seconds).
import type { TimedChapter } from '../tts/narration.js';
import type { EpisodeChapter } from './assembly.js';

/** ID3 CTOC stores its entry count in one byte. */
export const maxChapters = 255;

/**
 * Chapter starts move to where the narration sits in the episode, except the first chapter, which starts at 0 so
 * it covers the intro. Each chapter ends where the next begins; the last ends with the episode.
 * Chapters that would not move time forward are merged into the one before (their title is
 * dropped), and chapters past the 255th are merged into the 255th.
 */
export function episodeChapters(
  narrationChapters: readonly TimedChapter[],
  toEpisodeSeconds: (narrationSeconds: number) => number,
  episodeDuration: number,
): EpisodeChapter[] {
  const starts: { title: string; start: number }[] = [];
  for (const chapter of narrationChapters) {
    const start = starts.length === 0 ? 0 : toEpisodeSeconds(chapter.start);
    const previous = starts.at(-1);
    if (previous && start <= previous.start) continue;
    if (start >= episodeDuration) break;
    starts.push({ title: chapter.title, start });
  }
  return starts.slice(0, maxChapters).map((chapter, index, kept) => ({
    title: chapter.title,
    start: chapter.start,
    end: kept[index + 1]?.start ?? episodeDuration,
  }));
}
