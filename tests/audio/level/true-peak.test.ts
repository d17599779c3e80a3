import { describe, expect, it } from 'vitest';
import { truePeak, truePeakEnvelope } from '../../../src/audio/level/true-peak.js';
import { dB, espeakAvailable, espeakSpeech, ffmpegLoudnessOf, fliteSpeech, resampled, sine } from './reference.js';

describe('true peak', () => {
  it('finds the peak between samples of a sine at fs/4 with 45° phase (samples 3 dB under it), as ffmpeg does', async () => {
    for (const sampleRate of [16000, 48000]) {
      const tone = sine(sampleRate, sampleRate / 4, 0.5, 3, Math.PI / 4);
      let samplePeak = 0;
      for (const value of tone) samplePeak = Math.max(samplePeak, Math.abs(value));
      expect(dB(samplePeak)).toBeCloseTo(dB(0.5) - 3.01, 1);
      expect(Math.abs(dB(truePeak(tone)) - dB(0.5))).toBeLessThan(0.05);
      expect(Math.abs(dB(truePeak(tone)) - (await ffmpegLoudnessOf(tone, sampleRate)).truePeak)).toBeLessThan(0.2);
    }
  });

  it('is within 0.05 dB of a sine’s amplitude wherever its peaks fall, up to 0.4 x the rate', () => {
    for (const ratio of [0.01, 0.05, 0.13, 0.21, 0.29, 0.33, 0.37, 0.4]) {
      for (const phase of [0, 0.3, 1.1, 2.5]) {
        const tone = sine(16000, ratio * 16000 + 3.7, 0.7, 1, phase);
        expect(Math.abs(dB(truePeak(tone)) - dB(0.7))).toBeLessThan(0.05);
      }
    }
  });

  it('agrees with ffmpeg within 0.2 dB on speech at 16000, 22050 (resampled) and 44100 Hz', async () => {
    const speech = await fliteSpeech();
    expect(Math.abs(dB(truePeak(speech)) - (await ffmpegLoudnessOf(speech, 16000)).truePeak)).toBeLessThan(0.2);
    for (const sampleRate of [22050, 44100]) {
      const version = await resampled(speech, 16000, sampleRate);
      expect(Math.abs(dB(truePeak(version)) - (await ffmpegLoudnessOf(version, sampleRate)).truePeak)).toBeLessThan(0.2);
    }
  });

  it.skipIf(!espeakAvailable)('agrees with ffmpeg within 0.2 dB on espeak-ng speech (22050 Hz)', async () => {
    const speech = await espeakSpeech();
    expect(Math.abs(dB(truePeak(speech)) - (await ffmpegLoudnessOf(speech, 22050)).truePeak)).toBeLessThan(0.2);
  });

  it('gives an envelope at least as large as each sample, that scales with the signal', async () => {
    const speech = await fliteSpeech();
    const envelope = truePeakEnvelope(speech);
    expect(envelope).toHaveLength(speech.length);
    const louder = truePeakEnvelope(speech.map((value) => value * 4));
    let under = 0;
    let scaleError = 0;
    for (let n = 0; n < speech.length; n++) {
      under = Math.max(under, Math.abs(speech[n]!) - envelope[n]!);
      scaleError = Math.max(scaleError, Math.abs(louder[n]! - 4 * envelope[n]!));
    }
    expect(under).toBe(0);
    expect(scaleError).toBeLessThan(1e-6);
  });

  it('reads silence and nothing as 0', () => {
    expect(truePeak(new Float32Array(1000))).toBe(0);
    expect(truePeak(new Float32Array(0))).toBe(0);
  });
});
