import { describe, expect, it } from 'vitest';
import { highPassFilter, shelfFilter, type Biquad } from '../../../src/audio/level/k-weighting.js';
import { blockPowers, integratedLoudness, lufsOfPower, measureIntegrated, stepLength } from '../../../src/audio/level/loudness-meter.js';
import { espeakAvailable, espeakSpeech, ffmpegLoudnessOf, fliteSpeech, paragraphs, resampled, sine } from './reference.js';

/** |H(f)| of a biquad, dB. */
function responseDb(filter: Biquad, frequency: number, sampleRate: number): number {
  const w = (2 * Math.PI * frequency) / sampleRate;
  const part = (c0: number, c1: number, c2: number) => [c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w), -c1 * Math.sin(w) - c2 * Math.sin(2 * w)] as const;
  const [nr, ni] = part(filter.b0, filter.b1, filter.b2);
  const [dr, di] = part(1, filter.a1, filter.a2);
  return 20 * Math.log10(Math.hypot(nr, ni) / Math.hypot(dr, di));
}

const kWeightingDb = (frequency: number, sampleRate: number) =>
  responseDb(shelfFilter(sampleRate), frequency, sampleRate) + responseDb(highPassFilter(sampleRate), frequency, sampleRate);

describe('K-weighting', () => {
  it('reproduces the coefficients BS.1770-4 tabulates for 48 kHz', () => {
    const shelf = shelfFilter(48000);
    const highPass = highPassFilter(48000);
    const expected = [
      [shelf.b0, 1.53512485958697], [shelf.b1, -2.69169618940638], [shelf.b2, 1.19839281085285],
      [shelf.a1, -1.69065929318241], [shelf.a2, 0.73248077421585],
      [highPass.b0, 1], [highPass.b1, -2], [highPass.b2, 1],
      [highPass.a1, -1.99004745483398], [highPass.a2, 0.99007225036621],
    ];
    for (const [actual, table] of expected) expect(Math.abs(actual! - table!)).toBeLessThan(1e-6);
  });

  it('responds at every engine rate as the 48 kHz filter does, within 0.07 dB from 40 Hz to 0.45 x the rate', () => {
    for (const sampleRate of [16000, 22050, 24000, 44100]) {
      for (let frequency = 40; frequency < 0.45 * sampleRate; frequency *= 1.1) {
        expect(Math.abs(kWeightingDb(frequency, sampleRate) - kWeightingDb(frequency, 48000))).toBeLessThan(0.07);
      }
    }
  });
});

describe('blockPowers and integratedLoudness', () => {
  it('makes a 400 ms block every 100 ms, whole blocks only', () => {
    for (const sampleRate of [16000, 22050, 44100]) {
      const step = stepLength(sampleRate);
      expect(blockPowers(new Float32Array(4 * step - 1), sampleRate)).toHaveLength(0);
      expect(blockPowers(new Float32Array(4 * step), sampleRate)).toHaveLength(1);
      expect(blockPowers(new Float32Array(10 * step + step - 1), sampleRate)).toHaveLength(7);
    }
  });

  it('reads silence, and audio shorter than one block, as -Infinity', () => {
    expect(measureIntegrated(new Float32Array(48000), 48000)).toBe(-Infinity);
    expect(measureIntegrated(sine(16000, 1000, 0.5, 0.39), 16000)).toBe(-Infinity);
    expect(integratedLoudness([])).toBe(-Infinity);
  });

  it('gates: blocks under -70 LUFS, then blocks 10 LU under the mean of the rest, are left out', () => {
    const loud = 10 ** ((-20 + 0.691) / 10);
    const quiet = 10 ** ((-35 + 0.691) / 10);
    const silent = 10 ** ((-80 + 0.691) / 10);
    expect(integratedLoudness([loud, loud, quiet, silent, silent])).toBeCloseTo(-20, 10);
    // Without the relative gate the quiet block would pull the mean down.
    expect(integratedLoudness([loud, quiet])).toBeCloseTo(-20, 10);
    expect(integratedLoudness([silent, silent])).toBe(-Infinity);
  });

  it('reads a mono 1 kHz sine at -20 dBFS as -23.0 LUFS, as ffmpeg does', async () => {
    // EBU Tech 3341 case 1 is a -23 dBFS sine in BOTH stereo channels reading -23.0 LUFS; one
    // channel alone carries half the power: 3.01 LU less.
    const tone = sine(48000, 1000, 0.1, 10);
    const ours = measureIntegrated(tone, 48000);
    expect(Math.abs(ours - -23.01)).toBeLessThan(0.1);
    expect(Math.abs(ours - (await ffmpegLoudnessOf(tone, 48000)).integrated)).toBeLessThan(0.1);
    // The same sine counted in two channels reads its own level, -20 LUFS.
    const powers = blockPowers(tone, 48000).map((power) => 2 * power);
    expect(Math.abs(integratedLoudness(powers) - -20)).toBeLessThan(0.1);
  });

  it('reads EBU Tech 3341 case 1 (997 Hz, -23 dBFS in both channels) as -23.0 LUFS at every engine rate', () => {
    for (const sampleRate of [16000, 22050, 24000, 44100, 48000]) {
      const powers = blockPowers(sine(sampleRate, 997, 10 ** (-23 / 20), 20), sampleRate).map((power) => 2 * power);
      expect(Math.abs(integratedLoudness(powers) - -23)).toBeLessThan(0.1);
    }
  });
});

describe('integrated loudness of real speech, against ffmpeg ebur128', () => {
  it('agrees within 0.1 LU on flite speech at 16000 Hz, and resampled to 22050 and 44100 Hz', async () => {
    const speech = await fliteSpeech();
    const reference = (await ffmpegLoudnessOf(speech, 16000)).integrated;
    expect(Math.abs(measureIntegrated(speech, 16000) - reference)).toBeLessThan(0.1);
    for (const sampleRate of [22050, 44100]) {
      const version = await resampled(speech, 16000, sampleRate);
      expect(Math.abs(measureIntegrated(version, sampleRate) - (await ffmpegLoudnessOf(version, sampleRate)).integrated)).toBeLessThan(0.1);
    }
  });

  it.skipIf(!espeakAvailable)('agrees within 0.1 LU on espeak-ng speech, at its own 22050 Hz', async () => {
    const speech = await espeakSpeech();
    expect(Math.abs(measureIntegrated(speech, 22050) - (await ffmpegLoudnessOf(speech, 22050)).integrated)).toBeLessThan(0.1);
  });

  it('agrees within 0.1 LU on speech with long silences and a noisy pause, where the gates decide', async () => {
    const speech = await fliteSpeech(paragraphs, 4);
    // Hum and hiss at about -50 dBFS in one pause: above the absolute gate, under the relative one.
    let seed = 1;
    const start = Math.round(speech.length / 2);
    for (let n = start - 16000; n < start + 16000; n++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      speech[n] = speech[n]! + 0.003 * (seed / 2 ** 32 - 0.5) + 0.003 * Math.sin(n * 0.04);
    }
    const ours = measureIntegrated(speech, 16000);
    expect(Math.abs(ours - (await ffmpegLoudnessOf(speech, 16000)).integrated)).toBeLessThan(0.1);
    // The gates matter here: the plain mean of every block is far lower.
    const powers = blockPowers(speech, 16000);
    const ungated = lufsOfPower(powers.reduce((sum, power) => sum + power, 0) / powers.length);
    expect(ours - ungated).toBeGreaterThan(2);
  });

  it('gates the blocks of several stretches together like one programme, within 0.1 LU', async () => {
    const stretches = await Promise.all(paragraphs.map((text) => fliteSpeech([text])));
    const joined = await fliteSpeech(paragraphs, 0);
    const combined = integratedLoudness(stretches.flatMap((stretch) => [...blockPowers(stretch, 16000)]));
    expect(Math.abs(combined - measureIntegrated(joined, 16000))).toBeLessThan(0.1);
  });
});
