// A look-ahead true-peak limiter over a whole stretch of audio held in memory. It works from the
// 4x-oversampled peak envelope (true-peak.ts), so it holds peaks between samples too, at the
// signal's own rate. Since peaks scale with the signal, one envelope serves every input gain: a
// caller trying several gains computes it once.

export interface LimiterOptions {
  sampleRate: number;
  /** Linear gain applied before the limiter (the envelope is of the signal without it). */
  inputGain: number;
  /** Largest true peak allowed out, linear. */
  ceiling: number;
  /** How long before a peak the gain starts to come down. */
  lookAheadSeconds?: number;
  /** Time constant of the gain's return to unity after a peak. */
  releaseSeconds?: number;
}

const defaultLookAheadSeconds = 0.005;
const defaultReleaseSeconds = 0.08;

/**
 * The limiter's gain for each sample (at most 1), from the signal's true-peak envelope. Every
 * sample's gain is at most what its own neighbourhood's peak requires, so no peak passes the
 * ceiling; on the way down the gain falls linearly over the look-ahead (no step, so no click),
 * and it comes back up exponentially.
 */
export function limiterGain(envelope: Float32Array, options: LimiterOptions): Float32Array {
  const length = envelope.length;
  const lookAhead = Math.max(1, Math.round((options.lookAheadSeconds ?? defaultLookAheadSeconds) * options.sampleRate));
  const releaseStep = 1 - Math.exp(-1 / ((options.releaseSeconds ?? defaultReleaseSeconds) * options.sampleRate));

  // held[n]: the least gain needed by samples n .. n + lookAhead - 1. Most samples need none, so
  // each one that does lowers the gains of the look-ahead before it, stopping where an earlier
  // sample already asked for as little: that one's look-ahead reaches further back, so the rest
  // is covered already.
  // envelope[i] covers [i, i + 1); a point between i and i + 1 is scaled by a mix of the gains at
  // i and i + 1, so each sample also answers for the interval before it.
  const allowed = options.ceiling / options.inputGain;
  // Single precision: a gain's rounding (a few parts in 10^8) is far below anything audible.
  const held = new Float32Array(length).fill(1);
  for (let i = 0; i < length; i++) {
    const peak = Math.max(envelope[i]!, i > 0 ? envelope[i - 1]! : 0);
    if (!(peak > allowed)) continue;
    const need = allowed / peak;
    for (let k = i; k > i - lookAhead && k >= 0 && held[k]! > need; k--) held[k] = need;
  }

  // Release: down at once, back up with a one-pole; never above `held`, so still safe.
  // Attack: the mean of the last `lookAhead` released gains. Each of them covers sample n in its
  // look-ahead, so the mean is at most what sample n needs, and a step down becomes a ramp that ends on the
  // peak. Before the first sample the window repeats the first gain (which covers the first
  // `lookAhead` samples), so a peak at the very start is met from sample 0.
  const gain = new Float32Array(length);
  if (length === 0) return gain;
  let released = held[0]!;
  let sum = released * lookAhead;
  for (let n = 0; n < length; n++) {
    released = held[n]! <= released ? held[n]! : released + (held[n]! - released) * releaseStep;
    held[n] = released;
    if (n > 0) sum += released - held[Math.max(0, n - lookAhead)]!;
    gain[n] = sum / lookAhead;
  }
  return gain;
}

/** `inputGain * samples`, limited: the output of the limiter. */
export function limit(samples: Float32Array, envelope: Float32Array, options: LimiterOptions): Float32Array {
  const gain = limiterGain(envelope, options);
  const out = new Float32Array(samples.length);
  for (let n = 0; n < samples.length; n++) out[n] = samples[n]! * options.inputGain * gain[n]!;
  return out;
}
