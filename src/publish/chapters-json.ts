import type { EpisodeChapter } from '../audio/assembly.js';

/** Podcasting 2.0 JSON chapters, version 1.2 (podcastindex.org namespace, chapters.md). */
export function chaptersJson(chapters: EpisodeChapter[]): string {
  const document = {
    version: '1.2.0',
    chapters: chapters.map((chapter) => ({
      startTime: round(chapter.start),
      endTime: round(chapter.end),
      title: chapter.title,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
