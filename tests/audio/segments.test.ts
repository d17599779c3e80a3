import { describe, expect, it } from 'vitest';
import { mp3FrameCount } from '../../src/audio/mp3-join.js';
import { mp3FrameSamples, planSegments, type SegmentPlanInput } from '../../src/audio/segments.js';

// Narration at 16 kHz, episode at 44.1 kHz: one narration second is 44100 episode samples.
const base: SegmentPlanInput = {
  episodeRate: 44100,
  narrationRate: 16000,
  narrationSamples: 30 * 16000,
  narrationStart: 3 * 44100,
  totalSamples: 36 * 44100,
  clipSpans: [
    { start: 0, end: 3.6 * 44100 },
    { start: 33 * 44100, end: 36 * 44100 },
  ],
  silences: [],
};
const pause = (fromSecond: number, seconds: number) => ({ start: fromSecond * 16000, end: (fromSecond + seconds) * 16000 });

describe('planSegments', () => {
  it('keeps an episode without long pauses whole', () => {
    const segments = planSegments({ ...base, silences: [pause(10, 0.4), pause(20, 0.4)] });
    expect(segments).toEqual([{ from: 0, to: base.narrationSamples, plannedStart: 0, narrationOffset: base.narrationStart, length: base.totalSamples }]);
  });

  it('cuts where sound starts again after each long pause, and nowhere inside a clip', () => {
    // The pause ending at 0.5 s of narration is still under the intro (3 + 0.5 < 3.6 + guard).
    const silences = [pause(0.2, 0.3), pause(9, 0.85), pause(15, 0.5), pause(20, 0.85)];
    const segments = planSegments({ ...base, silences });
    expect(segments.map((segment) => [segment.from, segment.to])).toEqual([
      [0, 9.85 * 16000],
      [9.85 * 16000, 20.85 * 16000],
      [20.85 * 16000, 30 * 16000],
    ]);
    expect(segments.map((segment) => segment.narrationOffset)).toEqual([base.narrationStart, 0, 0]);
    expect(segments[1]!.plannedStart).toBeCloseTo(base.narrationStart + 9.85 * 44100, 6);
  });

  it('puts every cut within half a frame of where its pause would end, once the encoder adds its frame', () => {
    const segments = planSegments({ ...base, silences: [pause(9, 0.85), pause(20, 0.85)] });
    let start = 0;
    for (const [index, segment] of segments.entries()) {
      expect(Math.abs(start - segment.plannedStart)).toBeLessThanOrEqual((index * mp3FrameSamples) / 2);
      if (index + 1 < segments.length) expect(segment.length % mp3FrameSamples).toBe(0);
      start += mp3FrameCount(segment.length) * mp3FrameSamples;
    }
  });

  it('never cuts in a trailing silence, and keeps the last segment clear of the padding ffmpeg cannot declare', () => {
    const segments = planSegments({ ...base, totalSamples: 1152 * 1000 + 10, silences: [pause(29, 1)] });
    expect(segments).toHaveLength(1);
    expect(segments[0]!.length % mp3FrameSamples).toBe(47);
  });
});
