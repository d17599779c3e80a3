import type { Narration, TimedSentence } from '../tts/narration.js';
import type { Template } from './template.js';
import type { Mp3PresetName } from './mp3-presets.js';

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
  /** BCP 47 language of the speech, e.g. "en"; default: the template's. */
  language?: string;
  /** The article's address, when known (WOAS and WXXX). */
  url?: string;
}

export interface AssemblyRequest {
  narration: Narration;
  /** The episode's template, as `resolveTemplate` gives it: clips, gaps, bed, preset, cover. */
  template: Template;
  /** Overrides the template's output preset. */
  preset?: Mp3PresetName;
  tags: EpisodeTags;
  /** Final MP3 path; written atomically. The cover is written beside it as cover.jpg or cover.png. */
  outputPath: string;
  /** Scratch folder for intermediate files; the caller removes it. */
  workDir: string;
  /** Where encoded segments are kept between runs (see assemble.ts); none: encode everything. */
  cacheFolder?: string;
  /** ffmpeg runs at once; default 1. */
  jobs?: number;
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

/** Where a part of the episode sits, in episode seconds. */
export interface PartSpan {
  start: number;
  end: number;
}

export interface EpisodeParts {
  intro?: PartSpan;
  /** From the narration's start to its last sentence's end. */
  speech: PartSpan;
  outro?: PartSpan;
  bed?: PartSpan;
  /** A bulletin's transition clips between stories. */
  transitions?: PartSpan[];
}

export interface AssembledEpisode {
  durationSeconds: number;
  /** Where the narration starts in the episode, in seconds. */
  narrationOffset: number;
  chapters: EpisodeChapter[];
  /** The narration's sentences, timed in episode seconds. */
  sentences: TimedSentence[];
  /** Measured on the mix as it went into the encoder (see loudness.ts). */
  loudness: Loudness;
  parts: EpisodeParts;
  preset: Mp3PresetName;
  /** The cover's file name beside the MP3 (cover.jpg or cover.png). */
  coverFile: string;
}
