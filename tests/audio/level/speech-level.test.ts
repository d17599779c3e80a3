import { describe, expect, it } from 'vitest';
import { measureIntegrated } from '../../../src/audio/level/loudness-meter.js';
import { levelSpeech, maxGainDb } from '../../../src/audio/level/speech-level.js';
import { truePeak } from '../../../src/audio/level/true-peak.js';
import { mp3EncoderOptions, mp3Presets } from '../../../src/audio/mp3-presets.js';
import { dB, encodeMp3, espeakAvailable, espeakSpeech, ffmpegLoudness, ffmpegLoudnessOf, fliteSpeech, resampled, write16BitWav } from './reference.js';

const target = -16;
const ceiling = -2;

const sameBytes = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('levelSpeech', () => {
  it('brings flite speech (16 kHz, 20 dB peak-to-loudness) to -16 LUFS under -2 dBTP, as ffmpeg measures it at 44.1 kHz', async () => {
    const speech = await fliteSpeech();
    const input = measureIntegrated(speech, 16000);
    // The fixture is what makes this hard: its peaks sit ~20 dB over its loudness, so reaching
    // -16 LUFS under -2 dBTP means limiting.
    expect(dB(truePeak(speech)) - input).toBeGreaterThan(18);

    const result = levelSpeech(speech, 16000, { targetLufs: target, ceilingDbtp: ceiling });
    expect(Math.abs(result.integrated - target)).toBeLessThanOrEqual(0.05);
    expect(dB(truePeak(result.samples))).toBeLessThanOrEqual(ceiling + 0.02);
    expect(result.gainDb).toBeGreaterThan(target - input + 1);
    expect(result.samples).toHaveLength(speech.length);

    // The narration as the render stage writes it (16-bit), resampled to the episode's rate by ffmpeg.
    const wav = write16BitWav(result.samples, 16000);
    const atEpisodeRate = await ffmpegLoudness(wav, ['aresample=44100']);
    expect(Math.abs(atEpisodeRate.integrated - target)).toBeLessThanOrEqual(0.1);
    expect(atEpisodeRate.truePeak).toBeLessThanOrEqual(ceiling + 0.2);

    // What LAME does to it at 64 kb/s: only loose bounds (it scales CBR input by 0.95).
    const mp3 = await ffmpegLoudness(await encodeMp3(wav, mp3EncoderOptions(mp3Presets.speech)));
    expect(Math.abs(mp3.integrated - target)).toBeLessThan(1);
    expect(mp3.truePeak).toBeLessThan(0);
  });

  it('levels speech at 44100 Hz (resampled) and espeak-ng’s 22050 Hz the same way', async () => {
    const cases: [Float32Array, number][] = [[await resampled(await fliteSpeech(), 16000, 44100), 44100]];
    if (espeakAvailable) cases.push([await espeakSpeech(), 22050]);
    for (const [speech, sampleRate] of cases) {
      const result = levelSpeech(speech, sampleRate, { targetLufs: target, ceilingDbtp: ceiling });
      const reference = await ffmpegLoudnessOf(result.samples, sampleRate);
      expect(Math.abs(reference.integrated - target)).toBeLessThanOrEqual(0.1);
      expect(reference.truePeak).toBeLessThanOrEqual(ceiling + 0.2);
    }
  });

  it('is deterministic and leaves its input alone', async () => {
    const speech = await fliteSpeech();
    const copy = speech.slice();
    const first = levelSpeech(speech, 16000, { targetLufs: target });
    const second = levelSpeech(speech, 16000, { targetLufs: target });
    expect(sameBytes(first.samples, second.samples)).toBe(true);
    expect(second.gainDb).toBe(first.gainDb);
    expect(sameBytes(speech, copy)).toBe(true);
  });

  it('uses the -2 dBTP limiter ceiling by default', async () => {
    const result = levelSpeech(await fliteSpeech(), 16000, { targetLufs: target });
    expect(dB(truePeak(result.samples))).toBeLessThanOrEqual(-2 + 0.02);
    expect(dB(truePeak(result.samples))).toBeGreaterThan(-2.3);
  });

  it('returns silence as silence, and near-silence untouched, with gain 0', () => {
    const silence = levelSpeech(new Float32Array(32000), 16000, { targetLufs: target });
    expect(silence.gainDb).toBe(0);
    expect(silence.integrated).toBe(-Infinity);
    expect(dB(truePeak(silence.samples))).toBe(-Infinity);
    expect(silence.samples.every((value) => value === 0)).toBe(true);

    // Hiss at about -80 dBFS: nothing above the absolute gate.
    let seed = 7;
    const hiss = Float32Array.from({ length: 32000 }, () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return 2e-4 * (seed / 2 ** 32 - 0.5);
    });
    const result = levelSpeech(hiss, 16000, { targetLufs: target });
    expect(result.gainDb).toBe(0);
    expect(sameBytes(result.samples, hiss)).toBe(true);
    expect(result.samples).not.toBe(hiss);

    expect(levelSpeech(new Float32Array(0), 16000, { targetLufs: target }).samples).toHaveLength(0);
  });

  it('brings down a clip whose peaks are already over the ceiling, even when its loudness is on target', async () => {
    const speech = await fliteSpeech();
    // Peaks at +0.5 dBTP (past full scale, as float audio can be).
    const boost = 10 ** ((0.5 - dB(truePeak(speech))) / 20);
    const hot = speech.map((value) => value * boost);
    const loudness = measureIntegrated(hot, 16000);
    const result = levelSpeech(hot, 16000, { targetLufs: loudness, ceilingDbtp: ceiling });
    expect(dB(truePeak(result.samples))).toBeLessThanOrEqual(ceiling + 0.02);
    expect(Math.abs(result.integrated - loudness)).toBeLessThanOrEqual(0.05);
    // The limiter took loudness away, which a little gain gave back.
    expect(result.gainDb).toBeGreaterThan(0);
    const reference = await ffmpegLoudnessOf(result.samples, 16000);
    expect(Math.abs(reference.integrated - loudness)).toBeLessThanOrEqual(0.1);
    expect(reference.truePeak).toBeLessThanOrEqual(ceiling + 0.2);
  });

  it('levels a clip shorter than one 400 ms block, measured as one block of its own length', async () => {
    const speech = await fliteSpeech(['Yes.']);
    const start = speech.findIndex((value) => Math.abs(value) > 0.01);
    const word = speech.slice(start, start + 0.3 * 16000);
    const result = levelSpeech(word, 16000, { targetLufs: target, ceilingDbtp: ceiling });
    expect(result.samples).toHaveLength(word.length);
    expect(Math.abs(result.integrated - target)).toBeLessThanOrEqual(0.05);
    expect(dB(truePeak(result.samples))).toBeLessThanOrEqual(ceiling + 0.02);
    expect(result.gainDb).toBeGreaterThan(5);
  });

  it(`never applies more than +${maxGainDb} dB`, async () => {
    const speech = await fliteSpeech();
    // About -68 LUFS: still above the absolute gate, but 52 dB from the target.
    const cut = 10 ** ((-68 - measureIntegrated(speech, 16000)) / 20);
    const faint = speech.map((value) => value * cut);
    const result = levelSpeech(faint, 16000, { targetLufs: target });
    expect(result.gainDb).toBe(maxGainDb);
    expect(result.integrated).toBeLessThan(target - 1);
  });
});
