// The episode cut into segments that are encoded on their own (in parallel, and kept in a cache so
// an edit re-encodes only what it touched), then joined frame by frame into one MP3.
//
// A cut falls only where everything is silent: at the end of a long pause in the narration (a
// paragraph or chapter break), outside every clip. So each segment is self-contained, joins are
// clean, and a segment's content depends on its own stretch of narration alone.
//
// Each separately encoded segment occupies whole MP3 frames (1152 samples) plus one frame of
// encoder delay, so a segment is shortened at its end (inside the pause) to land the next one on
// the frame grid within half a frame of where the pause would end: pauses at cuts are exact to
// ±13 ms, and every time inside a segment (marks, chapters, cues) is exact to the sample.
import type { Span } from './bed-envelope.js';
import type { Silence } from './narration-pcm.js';

/** Samples per MPEG-1 Layer III frame. */
export const mp3FrameSamples = 1152;

/** Only pauses at least this long are cut at: paragraph and chapter breaks, not sentence ones. */
export const minCutPauseSeconds = 0.6;
/** Clips must end this far before a cut (the segment's end may be shortened by up to a frame). */
const clipGuardSeconds = 0.1;

export interface SegmentPlanInput {
  episodeRate: number;
  narrationRate: number;
  narrationSamples: number;
  /** Where narration sample 0 sits on the planned timeline, in episode samples. */
  narrationStart: number;
  /** The planned episode length, episode samples. */
  totalSamples: number;
  /** Where the template's clips sound on the planned timeline: no cut falls inside one. */
  clipSpans: Span[];
  /** Digital silences in the narration (narration samples). */
  silences: Silence[];
}

export interface PlannedSegment {
  /** The narration samples [from, to) it carries. */
  from: number;
  to: number;
  /** Where it starts on the planned timeline (episode samples, maybe fractional): clips are placed relative to it. */
  plannedStart: number;
  /** Where narration sample `from` sits inside it, episode samples. */
  narrationOffset: number;
  /** Episode samples to encode. */
  length: number;
}

/**
 * Cuts at every long pause that no clip overlaps. Every segment but the last is a whole number of
 * frames long, one frame shorter than its planned span (rounded to the nearest frame), since the
 * encoder adds one frame of delay in front of the next.
 */
export function planSegments(input: SegmentPlanInput): PlannedSegment[] {
  const { episodeRate, narrationRate, narrationStart } = input;
  const toEpisode = (narrationSample: number) => narrationStart + (narrationSample * episodeRate) / narrationRate;
  const guard = clipGuardSeconds * episodeRate;
  const cuts = input.silences
    .filter((silence) => silence.start > 0 && silence.end < input.narrationSamples)
    .filter((silence) => silence.end - silence.start >= minCutPauseSeconds * narrationRate)
    .map((silence) => silence.end)
    .filter((cut) => {
      const at = toEpisode(cut);
      return input.clipSpans.every((clip) => clip.end <= at - guard || clip.start >= at);
    });

  const bounds = [0, ...cuts, input.narrationSamples];
  const segments: PlannedSegment[] = [];
  for (let index = 0; index + 1 < bounds.length; index++) {
    const from = bounds[index]!;
    const to = bounds[index + 1]!;
    const plannedStart = index === 0 ? 0 : toEpisode(from);
    const last = index + 2 === bounds.length;
    const span = (last ? input.totalSamples : toEpisode(to)) - plannedStart;
    const length = last ? lastSegmentLength(Math.round(span)) : Math.max(1, Math.round(span / mp3FrameSamples) - 1) * mp3FrameSamples;
    segments.push({ from, to, plannedStart, narrationOffset: index === 0 ? narrationStart : 0, length });
  }
  return segments;
}

/**
 * ffmpeg's LAME header caps the end padding it declares at 1681 samples, so a stream 1–46
 * samples past a whole frame would decode up to 46 samples long: the last segment gets that much
 * more silence instead, and the episode's length is exact.
 */
function lastSegmentLength(samples: number): number {
  const past = samples % mp3FrameSamples;
  return past >= 1 && past <= 46 ? samples + 47 - past : samples;
}
