// A segment goes through ffmpeg exactly as long as planned: k whole frames of input make k + 1
// frames of MP3 (LAME's delay frame), the number the segment planner counts on.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMp3Stream } from '../../src/audio/mp3-join.js';
import { mp3Presets } from '../../src/audio/mp3-presets.js';
import { encodeSegments } from '../../src/audio/segment-encoder.js';

describe('encodeSegments', () => {
  it('encodes k frames of input as k + 1 frames, with the meter beside the encoder rather than in its way', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'newscast-segment-encoder-'));
    const narrationRate = 16000;
    const tone = Float32Array.from({ length: 3 * narrationRate }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / narrationRate));
    writeFileSync(join(folder, 'tone.f32'), new Uint8Array(tone.buffer));
    const lengths = [20, 51, 101].map((frames) => frames * 1152);
    const jobs = lengths.map((length, index) => ({
      narrationPath: join(folder, 'tone.f32'),
      narrationRate,
      narrationOffset: 0,
      clips: [],
      master: '',
      length,
      outputPath: join(folder, `segment-${index}.mp3`),
    }));
    const logs = await encodeSegments(jobs, mp3Presets.speech);
    for (const [index, job] of jobs.entries()) {
      const stream = parseMp3Stream(readFileSync(job.outputPath));
      expect(stream.frameOffsets.length).toBe(job.length / 1152 + 1);
      expect(stream.decodedSamples).toBe(job.length);
      expect(logs[index]!.momentary.length).toBeGreaterThan(0);
    }
  }, 30_000);
});
