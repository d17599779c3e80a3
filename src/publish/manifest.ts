import type { EpisodeChapter, EpisodeParts, Loudness } from '../audio/assembly.js';
import type { LeftOutStory } from '../script/metadata.js';
import type { EpisodeStory } from './stories.js';

/** episode.json: everything a feed or a newsroom system needs to know about one episode. */
export interface EpisodeManifest {
  title: string;
  slug: string;
  show: string;
  byline?: string;
  source?: string;
  date?: string;
  /** The article's address, when known. */
  url?: string;
  /** BCP 47 language of the speech. */
  language?: string;
  description: string;
  durationSeconds: number;
  chapters: EpisodeChapter[];
  engine: string;
  voice: string;
  template: string;
  /** MP3 preset: speech, standard or stereo. */
  preset?: string;
  loudness: Loudness;
  /** Where intro, speech, outro and music bed sit, in seconds. */
  parts?: EpisodeParts;
  /** A bulletin's stories, in the order read (`newscast bulletin`). */
  stories?: EpisodeStory[];
  /** A bulletin's articles left out because they could not be read (`--skip-bad`). */
  leftOut?: LeftOutStory[];
  /** File names relative to the episode folder. */
  files: {
    audio: string;
    script: string;
    chapters: string;
    transcript: string;
    /** cover.jpg or cover.png. */
    cover?: string;
  };
  audioBytes: number;
  /** sha-256 (hex) of each file in `files`, so a reader can check the folder is the one this manifest describes. */
  checksums?: Record<string, string>;
  /** The article this episode was made from (src/script/article-hash.ts); absent in episodes made before it was recorded. */
  articleHash?: string;
  generatedAt: string;
  generator: string;
}
