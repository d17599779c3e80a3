import type { Narration } from '../tts/narration.js';

/** What the episode's ID3 tags say. */
export interface EpisodeTags {
  title: string;
  /** Author: the byline, else the source, else the show. */
  artist: string;
  /** The show's name. */
  album: string;
  /** ISO date (YYYY-MM-DD) or year. */
  date?: string;
  /** Description, written as a real COMM frame. */
  comment: string;
}

export interface AssemblyRequest {
  narration: Narration;
  /** Folder holding template.json and its clips. */
  templateDir: string;
  tags: EpisodeTags;
  /** Final MP3 path; written atomically. */
  outputPath: string;
  /** Scratch folder for intermediate files; the caller removes it. */
  workDir: string;
}

export interface EpisodeChapter {
  title: string;
  /** Seconds from the start of the episode. */
  start: number;
  end: number;
}

export interface Loudness {
  /** LUFS, integrated over the whole file. */
  integrated: number;
  /** dBTP. */
  truePeak: number;
  /** LU. */
  range: number;
}

export interface AssembledEpisode {
  durationSeconds: number;
  /** Where the narration starts in the episode, in seconds. */
  narrationOffset: number;
  chapters: EpisodeChapter[];
  /** Measured on the final MP3. */
  loudness: Loudness;
}
