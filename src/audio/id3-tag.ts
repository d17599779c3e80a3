// The episode's whole ID3v2.3 tag, built by node-id3: text tags, a real COMM comment, one CHAP
// frame per chapter and a top-level, ordered CTOC listing them. ffmpeg could write the CHAPs but no
// CTOC, and writes the comment as TXXX, so one writer for everything is simpler.
import NodeID3 from 'node-id3';
import type { EpisodeChapter, EpisodeTags } from './assembly.js';

export function chapterElementId(index: number): string {
  return `chp${index + 1}`;
}

export interface CoverArt {
  mime: 'image/jpeg' | 'image/png';
  bytes: Buffer;
}

export function buildId3Tag(
  tags: EpisodeTags,
  chapters: readonly EpisodeChapter[],
  durationSeconds: number,
  cover?: CoverArt,
): Buffer {
  const language = iso639_2(tags.language);
  const id3: NodeID3.Tags = {
    title: tags.title,
    artist: tags.artist,
    album: tags.album,
    genre: 'Podcast',
    comment: { language, text: tags.comment },
    language,
    length: String(Math.round(durationSeconds * 1000)),
    ...dateFrames(tags.date),
  };
  if (tags.url) {
    // WOAS is "official audio source webpage"; WXXX repeats it with a description for readers
    // that only show user-defined links.
    id3.audioSourceUrl = tags.url;
    id3.userDefinedUrl = [{ description: 'Article', url: tags.url }];
  }
  if (cover) {
    id3.image = { mime: cover.mime, type: { id: 3, name: 'front cover' }, description: 'Cover', imageBuffer: cover.bytes };
  }
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

/** ID3 (TLAN, COMM) wants ISO 639-2 three-letter codes; shows are configured with BCP 47 ("en-US"). */
const threeLetterCodes: Record<string, string> = {
  en: 'eng', de: 'deu', fr: 'fra', es: 'spa', it: 'ita', nl: 'nld', pt: 'por', sv: 'swe', da: 'dan', no: 'nor',
  nb: 'nob', fi: 'fin', pl: 'pol', cs: 'ces', ru: 'rus', uk: 'ukr', tr: 'tur', ar: 'ara', zh: 'zho', ja: 'jpn',
  ko: 'kor', hi: 'hin', id: 'ind', tl: 'tgl', fil: 'fil', el: 'ell', he: 'heb', hu: 'hun', ro: 'ron',
};

export function iso639_2(language: string | undefined): string {
  const primary = (language ?? 'en').toLowerCase().split('-')[0]!;
  return primary.length === 3 ? primary : (threeLetterCodes[primary] ?? 'und');
}
