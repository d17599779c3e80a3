/**
 * A script flattened into what the renderer does, in order: speak a run of text, keep silent,
 * or note the time of a mark. Engines only ever see `spoken`; the transcript shows `written`.
 */
export type TimelineItem = SpeechRun | Pause | Mark;

export interface SpeechRun {
  kind: 'speech';
  spoken: string;
  written: string;
  /** A voice of the chosen engine, from <voice name>; undefined means the episode's voice. */
  voice?: string;
  /** Multiplier from enclosing <prosody rate>, 1 = normal. */
  rate: number;
  /** Cut from an overlong sentence: this run starts a transcript cue of its own. */
  newCue?: true;
}

export interface Pause {
  kind: 'pause';
  seconds: number;
  /** Implied by the end of a sentence or paragraph (these merge), rather than written as <break>. */
  implicit: boolean;
}

export interface Mark {
  kind: 'mark';
  name: string;
}
