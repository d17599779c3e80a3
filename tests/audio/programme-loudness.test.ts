// The episode's loudness from its segments' ebur128 logs, against ebur128 on the whole: real
// speech with digital silence between paragraphs (which ebur128 logs as "nan"), split at a pause.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loudnessLogFilter, parseLoudnessLog } from '../../src/audio/ffmpeg.js';
import { programmeLoudness } from '../../src/audio/programme-loudness.js';
import type { Narration } from '../../src/tts/narration.js';
import { makeNarration, newsSections } from './speech-fixture.js';

const run = promisify(execFile);
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

/** ebur128's log of a stretch of the WAV (seconds), and its own summary of that stretch. */
async function logOf(path: string, from: number, to: number) {
  const { stderr } = await run(ffmpeg, ['-hide_banner', '-nostdin', '-i', path, '-af', `atrim=${from}:${to},asetpts=PTS-STARTPTS,aresample=44100,${loudnessLogFilter('s')}`, '-f', 'null', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const number = (pattern: RegExp) => Number(pattern.exec(summary)?.[1]);
  return { log: parseLoudnessLog(stderr, 's'), integrated: number(/I:\s+(-?[\d.]+) LUFS/), range: number(/LRA:\s+(-?[\d.]+) LU/), peak: number(/Peak:\s+(-?[\d.]+) dBFS/) };
}

describe('parseLoudnessLog', () => {
  it('counts a block of digital silence, which ebur128 prints as nan, as silence', () => {
    const line = (t: number, m: string) => `[ebur128@s @ 0x1] t: ${t}  TARGET:-23 LUFS    M:${m} S: -18.3     I: -16.0 LUFS       LRA:   2.0 LU`;
    const stderr = [line(0.3, '-20.0'), line(0.4, '-20.0'), line(0.5, '  nan'), line(0.6, '-inf'), '[ebur128@s @ 0x1] Summary:', '    Peak:       -2.5 dBFS'].join('\n');
    expect(parseLoudnessLog(stderr, 's')).toEqual({ momentary: [-20, -Infinity, -Infinity], truePeak: -2.5 });
  });
});

describe('programmeLoudness', () => {
  let narration: Narration;
  beforeAll(async () => {
    narration = await makeNarration(join(mkdtempSync(join(tmpdir(), 'newscast-programme-')), 'speech.wav'), newsSections);
  }, 60_000);

  it('reads a whole stretch as ebur128 does', async () => {
    const whole = await logOf(narration.wavPath, 0, narration.durationSeconds);
    const measured = programmeLoudness([whole.log]);
    expect(Math.abs(measured.integrated - whole.integrated)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(measured.range - whole.range)).toBeLessThanOrEqual(0.5);
    expect(measured.truePeak).toBe(whole.peak);
  }, 30_000);

  it('adds up segments cut at a pause to the loudness of the whole', async () => {
    // The second chapter starts after 0.8 s of silence: cut there, as the assembly does.
    const cut = narration.chapters[1]!.start;
    const whole = await logOf(narration.wavPath, 0, narration.durationSeconds);
    const first = await logOf(narration.wavPath, 0, cut);
    const second = await logOf(narration.wavPath, cut, narration.durationSeconds);
    const combined = programmeLoudness([first.log, second.log]);
    expect(Math.abs(combined.integrated - whole.integrated)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(combined.range - whole.range)).toBeLessThanOrEqual(0.5);
    expect(combined.truePeak).toBe(Math.max(first.peak, second.peak));
  }, 30_000);
});
