import type { TimedSentence } from '../tts/narration.js';

/** WebVTT transcript: one cue per spoken sentence, its times already in episode seconds. */
export function transcriptVtt(sentences: readonly TimedSentence[]): string {
  const cues = sentences.map((sentence, index) =>
    [
      String(index + 1),
      `${timestamp(sentence.start)} --> ${timestamp(sentence.end)}`,
      escapeCueText(sentence.text),
    ].join('\n'),
  );
  return ['WEBVTT', ...cues].join('\n\n') + '\n';
}

/** HH:MM:SS.mmm, as WebVTT requires hours for long episodes. */
export function timestamp(seconds: number): string {
  const millis = Math.round(seconds * 1000);
  const hours = Math.floor(millis / 3_600_000);
  const minutes = Math.floor((millis % 3_600_000) / 60_000);
  const secs = Math.floor((millis % 60_000) / 1000);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}.${pad(millis % 1000, 3)}`;
}

/** Cue text is a small markup language: "&", "<" and ">" (hence "-->") must be escaped. */
function escapeCueText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s*\n\s*/g, ' ');
}
