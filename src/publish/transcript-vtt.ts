import { decodeHTML } from 'entities';
import { splitLongText } from '../common/long-text.js';
import type { TimedSentence } from '../tts/narration.js';

/** A cue holds at most about two caption lines and ten seconds; a longer sentence gets several. */
const maxCueCharacters = 160;
const maxCueSeconds = 10;

/** WebVTT transcript: one cue per spoken sentence (more for a long one), its times already in episode seconds. */
export function transcriptVtt(sentences: readonly TimedSentence[]): string {
  const cues = sentences.flatMap(cueSpans).map((sentence, index) =>
    [
      String(index + 1),
      `${timestamp(sentence.start)} --> ${timestamp(sentence.end)}`,
      escapeCueText(sentence.text),
    ].join('\n'),
  );
  return ['WEBVTT', ...cues].join('\n\n') + '\n';
}

/**
 * A sentence cut into cues at clauses (else words) within both limits. The renderer has already
 * timed each stretch of an overlong sentence from its own samples (see maxRunCharacters), so the
 * time within one is shared out by characters over seconds, not minutes.
 */
function cueSpans(sentence: TimedSentence): TimedSentence[] {
  const { text, start, end } = sentence;
  const duration = end - start;
  // Less one character: a piece's length leaves out the space after it, its time does not.
  const fitsTime = duration > maxCueSeconds ? Math.floor((text.length * maxCueSeconds) / duration) - 1 : Infinity;
  const pieces = splitLongText(text, Math.max(1, Math.min(maxCueCharacters, fitsTime)));
  if (pieces.length === 1) return [sentence];
  let offset = 0;
  return pieces.map((piece) => {
    const pieceStart = start + (duration * offset) / text.length;
    offset += piece.length;
    return { text: piece.trim(), start: pieceStart, end: start + (duration * offset) / text.length };
  });
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

/** One cue read back from a transcript.vtt. */
export interface TranscriptCue {
  start: number;
  end: number;
  text: string;
}

/** The cues of a WebVTT file such as transcriptVtt writes (the site's pages show them as text). */
export function parseTranscriptVtt(vtt: string): TranscriptCue[] {
  const cues: TranscriptCue[] = [];
  for (const block of vtt.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timing = lines.findIndex((line) => line.includes('-->'));
    if (timing < 0) continue;
    const [start, end] = lines[timing]!.split('-->').map((part) => parseTimestamp(part.trim().split(/\s/)[0] ?? ''));
    const text = decodeHTML(lines.slice(timing + 1).join(' ').replace(/<[^>]*>/g, '')).trim();
    if (start === undefined || end === undefined || Number.isNaN(start) || Number.isNaN(end) || !text) continue;
    cues.push({ start, end, text });
  }
  return cues;
}

/** HH:MM:SS.mmm or MM:SS.mmm to seconds (NaN when it is neither). */
function parseTimestamp(text: string): number {
  const match = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/.exec(text);
  if (!match) return Number.NaN;
  const [, hours = '0', minutes, seconds, millis] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(millis) / 1000;
}
