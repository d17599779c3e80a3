import { describe, expect, it } from 'vitest';
import { limit, limiterGain } from '../../../src/audio/level/limiter.js';
import { truePeak, truePeakEnvelope } from '../../../src/audio/level/true-peak.js';
import { dB, fliteSpeech, sine } from './reference.js';

const sampleRate = 16000;
const ceiling = 10 ** (-2 / 20);
const lookAhead = 80; // 5 ms at 16 kHz

describe('limiter', () => {
  it('holds the true peak of speech boosted by 20 dB under the ceiling', async () => {
    const speech = await fliteSpeech();
    const out = limit(speech, truePeakEnvelope(speech), { sampleRate, inputGain: 10, ceiling });
    expect(dB(truePeak(out))).toBeLessThanOrEqual(-2 + 0.02);
    // And it did have work to do.
    expect(dB(10 * truePeak(speech))).toBeGreaterThan(10);
  });

  it('turns down over the 5 ms before a peak, reaches exactly the gain it needs on it, and recovers over ~80 ms', () => {
    // An envelope at -20 dBTP with a 2 ms burst at 0 dBTP.
    const envelope = new Float32Array(sampleRate).fill(0.1);
    const burstStart = 8000;
    const burstEnd = 8032;
    envelope.fill(1, burstStart, burstEnd);
    const gain = limiterGain(envelope, { sampleRate, inputGain: 1, ceiling });
    expect(gain.findIndex((value) => value < 1)).toBe(burstStart - lookAhead + 1);
    for (let n = burstStart - lookAhead + 1; n < burstStart; n++) expect(gain[n]!).toBeLessThan(gain[n - 1]!);
    // Each sample also answers for the interval before it, so the burst's gain holds one sample longer.
    for (let n = burstStart; n <= burstEnd; n++) expect(gain[n]).toBeCloseTo(ceiling, 6);
    // One time constant later (after the look-ahead's averaging) about 63% of the way back up.
    const recovered = (gain[burstEnd + lookAhead + 0.08 * sampleRate]! - ceiling) / (1 - ceiling);
    expect(recovered).toBeGreaterThan(0.6);
    expect(recovered).toBeLessThan(0.68);
    expect(gain.subarray(0, burstStart - lookAhead + 1).every((value) => value === 1)).toBe(true);
    expect(gain[gain.length - 1]).toBeGreaterThan(0.999);
  });

  it('changes gain smoothly: no step larger than the look-ahead ramp, so no click', async () => {
    const speech = await fliteSpeech();
    const gain = limiterGain(truePeakEnvelope(speech), { sampleRate, inputGain: 20, ceiling });
    let largestStep = 0;
    for (let n = 1; n < gain.length; n++) largestStep = Math.max(largestStep, Math.abs(gain[n]! - gain[n - 1]!));
    expect(largestStep).toBeLessThanOrEqual(1 / lookAhead + 1e-6);
  });

  it('is the plain gain where nothing reaches the ceiling', async () => {
    const speech = await fliteSpeech();
    const out = limit(speech, truePeakEnvelope(speech), { sampleRate, inputGain: 0.5, ceiling });
    expect(Buffer.from(out.buffer).equals(Buffer.from(speech.map((value) => value * 0.5).buffer))).toBe(true);
  });

  it('meets a peak on the very first sample', () => {
    const signal = sine(sampleRate, 440, 0.1, 0.5);
    signal[0] = 1;
    const out = limit(signal, truePeakEnvelope(signal), { sampleRate, inputGain: 1, ceiling });
    expect(dB(truePeak(out))).toBeLessThanOrEqual(-2 + 0.02);
  });

  it('is deterministic', async () => {
    const speech = await fliteSpeech();
    const options = { sampleRate, inputGain: 12, ceiling };
    const first = limit(speech, truePeakEnvelope(speech), options);
    const second = limit(speech, truePeakEnvelope(speech), options);
    expect(Buffer.from(first.buffer).equals(Buffer.from(second.buffer))).toBe(true);
  });
});
