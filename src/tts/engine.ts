/** Mono 16-bit speech as an engine produced it. */
export interface Pcm {
  samples: Int16Array;
  sampleRate: number;
}

export interface Voice {
  name: string;
  /** BCP 47, e.g. "en-US". */
  language: string;
  sampleRate: number;
  /** Neural voices: how many speakers the model holds, and its quality tier (e.g. "medium"). */
  speakers?: number;
  quality?: string;
}

export interface SpeakOptions {
  voice: string;
  /** 1 is the voice's normal speed, 0.8 is 20% slower. */
  rate: number;
}

/** A text-to-speech engine. The renderer only ever asks it to speak plain text. */
export interface Engine {
  readonly name: string;
  readonly defaultVoice: string;
  /** Cheap check that the engine can run here. */
  isAvailable(): Promise<boolean>;
  /** Changes whenever the same text could sound different; part of the cache key. */
  version(): Promise<string>;
  /** For an engine whose voices are files: what identifies the voice's data (its model's size and date); part of the cache key. */
  voiceIdentity?(voice: string): Promise<string>;
  voices(): Promise<Voice[]>;
  speak(text: string, options: SpeakOptions): Promise<Pcm>;
}
