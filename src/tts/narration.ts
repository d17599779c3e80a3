/** The spoken narration, as the render stage hands it to assembly and publishing. */
export interface Narration {
  /** Mono 16-bit WAV of the whole narration, no intro or outro. */
  wavPath: string;
  sampleRate: number;
  durationSeconds: number;
  /** Every <mark> in document order, timed from the sample count. */
  marks: TimedMark[];
  chapters: TimedChapter[];
  /** One per sentence mark: what was written (not the spoken alias), with its span. */
  sentences: TimedSentence[];
  engine: string;
  voice: string;
}

export interface TimedMark {
  name: string;
  /** Seconds from the start of the narration. */
  time: number;
}

export interface TimedChapter {
  title: string;
  /** Seconds from the start of the narration. */
  start: number;
}

export interface TimedSentence {
  text: string;
  start: number;
  end: number;
}
