// A bulletin's stories in its manifest: each with where its chapter starts in the episode.
import type { EpisodeChapter } from '../audio/assembly.js';
import { headlinesChapterTitle } from '../script/bulletin.js';
import type { StoryMetadata } from '../script/metadata.js';

export interface EpisodeStory extends StoryMetadata {
  /** Where the story's chapter (the one titled by its title) starts, in seconds; absent when no chapter has that title (an edited script). */
  chapterStart?: number;
}

/**
 * Each story with its chapter's start: the next chapter, in order, titled by its title, from after
 * the Headlines chapter, so a story titled "Introduction" or "Headlines" is not taken for those
 * (an edited script without a Headlines chapter is searched from its start).
 */
export function storiesWithStarts(stories: readonly StoryMetadata[], chapters: readonly EpisodeChapter[]): EpisodeStory[] {
  let next = chapters.findIndex((chapter) => chapter.title === headlinesChapterTitle) + 1;
  return stories.map((story) => {
    const index = chapters.findIndex((chapter, position) => position >= next && chapter.title === story.title);
    if (index < 0) return { ...story };
    next = index + 1;
    return { ...story, chapterStart: chapters[index]!.start };
  });
}
