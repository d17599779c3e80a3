import type { EpisodeChapter, Loudness } from '../audio/assembly.js';

/** episode.json: everything a feed or a newsroom system needs to know about one episode. */
export interface EpisodeManifest {
  title: string;
  slug: string;
  show: string;
  byline?: string;
  source?: string;
  date?: string;
  description: string;
  durationSeconds: number;
  chapters: EpisodeChapter[];
  engine: string;
  voice: string;
  template: string;
  loudness: Loudness;
  /** File names relative to the episode folder. */
  files: {
    audio: string;
    script: string;
    chapters: string;
    transcript: string;
  };
  audioBytes: number;
  generatedAt: string;
  generator: string;
}
