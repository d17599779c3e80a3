// The episode's whole ID3v2.3 tag, built by node-id3: text tags, a real COMM comment, one CHAP
// frame per chapter and a top-level, ordered CTOC listing them. ffmpeg could write the CHAPs but no
// CTOC, and writes the comment as TXXX, so one writer for everything is simpler.
import NodeID3 from 'node-id3';
import type { EpisodeChapter, EpisodeTags } from './assembly.js';

export function chapterElementId(index: number): string {
  return `chp${index + 1}`;
}

export function buildId3Tag(tags: EpisodeTags, chapters: readonly EpisodeChapter[], durationSeconds: number): Buffer {
  const id3: NodeID3.Tags = {
    title: tags.title,
    artist: tags.artist,
    album: tags.album,
    genre: 'Podcast',
    comment: { language: 'eng', text: tags.comment },
    length: String(Math.round(durationSeconds * 1000)),
    ...dateFrames(tags.date),
  };
  if (chapters.length > 0) {
    id3.chapter = chapters.map((chapter, index) => ({
      elementID: chapterElementId(index),
      startTimeMs: Math.round(chapter.start * 1000),
      // node-id3 silently drops a chapter whose end is 0.
      endTimeMs: Math.max(1, Math.round(chapter.end * 1000)),
      tags: { title: chapter.title },
    }));
    id3.tableOfContents = [
      {
        elementID: 'toc',
        isOrdered: true, // node-id3 marks the first CTOC as top-level
        elements: chapters.map((_, index) => chapterElementId(index)),
      },
    ];
  }
  return NodeID3.create(id3);
}

/** ID3v2.3 has no full-date frame: TYER holds the year, TDAT the day as DDMM. */
function dateFrames(date: string | undefined): Pick<NodeID3.Tags, 'year' | 'date'> {
  const match = date ? /^(\d{4})(?:-(\d{2})-(\d{2}))?/.exec(date) : null;
  if (!match) return {};
  const [, year, month, day] = match;
  return month && day ? { year, date: `${day}${month}` } : { year };
}
