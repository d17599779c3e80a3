/** Small, exact operations on mono 16-bit speech. */

/** Below this (about -42 dBFS) a sample counts as the silence engines pad their output with. */
const silenceThreshold = 256;
/** Kept around speech so soft onsets ("f", "s") and decays are not clipped. */
const keepBeforeSeconds = 0.03;
const keepAfterSeconds = 0.06;

/**
 * Cuts an engine's own leading and trailing silence, so the pauses the script asks for are the
 * pauses the listener hears (flite pads every utterance with ~0.2 s on each side).
 */
export function trimSilence(samples: Int16Array, sampleRate: number): Int16Array {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]!) < silenceThreshold) first++;
  if (first === samples.length) return samples.subarray(0, 0);
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]!) < silenceThreshold) last--;
  const start = Math.max(0, first - Math.round(keepBeforeSeconds * sampleRate));
  const end = Math.min(samples.length, last + 1 + Math.round(keepAfterSeconds * sampleRate));
  return samples.subarray(start, end);
}

/** Linear resampling: only used when a <voice> switch lands on a voice with another rate. */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return samples;
  const length = Math.round((samples.length * to) / from);
  const out = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const position = (i * from) / to;
    const left = Math.floor(position);
    const right = Math.min(left + 1, samples.length - 1);
    const weight = position - left;
    out[i] = Math.round(samples[left]! * (1 - weight) + samples[right]! * weight);
  }
  return out;
}

/** Whole samples for a duration; marks and pauses are placed on this grid. */
export function secondsToSamples(seconds: number, sampleRate: number): number {
  return Math.round(seconds * sampleRate);
}

/** Float samples in -1..1 (a neural model's output, one array per run) joined as 16-bit, clipped. */
export function floatRunsToPcm(runs: Float32Array[]): Int16Array {
  const samples = new Int16Array(runs.reduce((sum, run) => sum + run.length, 0));
  let offset = 0;
  for (const run of runs) {
    for (let i = 0; i < run.length; i++) samples[offset + i] = Math.max(-32768, Math.min(32767, Math.round(run[i]! * 32767)));
    offset += run.length;
  }
  return samples;
}
