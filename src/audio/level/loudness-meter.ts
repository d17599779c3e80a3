// Gated integrated loudness of ITU-R BS.1770-4 / EBU R128, for mono PCM at any rate. Mono means one
// channel of weight 1: a full-scale 1 kHz sine reads -3 LUFS (the -23 dBFS stereo sine of EBU
// Tech 3341 reads -23 LUFS because both of its channels count), as in ffmpeg's ebur128.
import { kWeight } from './k-weighting.js';

export const absoluteGateLufs = -70;
export const relativeGateLu = -10;

/** Gating blocks are 400 ms long and start every 100 ms (75% overlap). */
const blockSteps = 4;

/** BS.1770's -0.691 makes a 997 Hz sine read its own level once K-weighting's +0.691 dB is counted. */
export function lufsOfPower(power: number): number {
  return -0.691 + 10 * Math.log10(power);
}

export function powerOfLufs(lufs: number): number {
  return 10 ** ((lufs + 0.691) / 10);
}

/** Samples in one 100 ms step (2205 at 22050 Hz). */
export function stepLength(sampleRate: number): number {
  return Math.round(sampleRate / 10);
}

/**
 * The mean square of the K-weighted signal in each gating block, in time order. Only whole blocks
 * count, as in libebur128 and ffmpeg: audio shorter than 400 ms has none, and the last < 100 ms
 * are left out. Blocks of several stretches can be concatenated and gated together with
 * `integratedLoudness` (blocks that would straddle two stretches are then missing, which matters
 * little once each stretch is a few seconds long).
 */
export function blockPowers(samples: Float32Array, sampleRate: number): Float64Array {
  const step = stepLength(sampleRate);
  const steps = Math.floor(samples.length / step);
  const weighted = kWeight(samples, sampleRate);
  // Energy of each 100 ms step once, then each block is the sum of four of them.
  const stepEnergy = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    let sum = 0;
    for (let n = i * step, end = n + step; n < end; n++) sum += weighted[n]! * weighted[n]!;
    stepEnergy[i] = sum;
  }
  const powers = new Float64Array(Math.max(0, steps - blockSteps + 1));
  for (let j = 0; j < powers.length; j++) {
    let sum = 0;
    for (let i = j; i < j + blockSteps; i++) sum += stepEnergy[i]!;
    powers[j] = sum / (blockSteps * step);
  }
  return powers;
}

/**
 * Gated loudness of a set of block powers, LUFS: the mean of the blocks above -70 LUFS sets a
 * relative gate 10 LU lower, and the blocks above both gates are averaged (as powers). -Infinity
 * when no block passes the absolute gate.
 */
export function integratedLoudness(powers: ArrayLike<number>): number {
  const absoluteGate = powerOfLufs(absoluteGateLufs);
  const meanAbove = (gate: number): number => {
    let sum = 0;
    let count = 0;
    for (let j = 0; j < powers.length; j++) {
      const power = powers[j]!;
      if (power > gate) {
        sum += power;
        count++;
      }
    }
    return count === 0 ? 0 : sum / count;
  };
  const ungated = meanAbove(absoluteGate);
  if (ungated === 0) return -Infinity;
  const relativeGate = Math.max(absoluteGate, ungated * 10 ** (relativeGateLu / 10));
  return lufsOfPower(meanAbove(relativeGate));
}

/** Integrated loudness of one stretch of mono audio, LUFS. */
export function measureIntegrated(samples: Float32Array, sampleRate: number): number {
  return integratedLoudness(blockPowers(samples, sampleRate));
}
