// Loudness policy: what listeners get is -16 LUFS integrated with true peak at most -1 dBTP (what
// Apple Podcasts asks for), in the final MP3.
import type { Loudness } from './assembly.js';

export const loudnessTarget = {
  integrated: -16,
  /** Allowed distance from `integrated`, LU. */
  tolerance: 0.5,
  maxTruePeak: -1,
} as const;

/**
 * Where the limiter holds (true) peaks before encoding, 1 dB under the limit: LAME's quantization
 * can add a few tenths to a peak (its 0.95 scale takes 0.45 dB off first).
 */
export const defaultLimiterCeilingDb = -2;

/** Oversampling of the limiter, so it also catches peaks between samples (2x measured as safe as
 * 4x here, true peak within 0.1 dB, at about half the cost). */
const limiterOversampling = 2;

/** A look-ahead peak limiter run at twice the rate (an approximation of a true-peak limiter). */
export function truePeakLimiter(ceilingDb: number, sampleRate: number): string {
  const limit = 10 ** (ceilingDb / 20);
  return [
    `aresample=${sampleRate * limiterOversampling}`,
    // level=0: alimiter otherwise "auto-levels" its output back up to 0 dBFS.
    `alimiter=limit=${limit.toFixed(5)}:attack=5:release=80:level=0`,
    `aresample=${sampleRate}`,
  ].join(',');
}

export function volumeFilter(gainDb: number): string {
  return `volume=${gainDb.toFixed(3)}dB`;
}

/**
 * How much quieter LAME makes the audio, dB: its CBR presets scale the input by 0.95 (the
 * `scale` column of abr_switch_map in LAME's presets.c). Measured: 0.45 dB off sines from 500 Hz to
 * 6 kHz and off flite speech, at 64, 96, 128 and 320 kb/s. Loudness is measured on the mix going
 * into the encoder, so the mix aims this much above the target and reports this much less.
 */
export const encoderLossDb = -20 * Math.log10(0.95);

/** Gain that brings a clip (intro, outro) to `target`; 0 for a clip too short or quiet to measure. */
export function clipGainDb(clip: Loudness, target: number): number {
  if (!(clip.integrated > -69)) return 0;
  return Math.max(-30, Math.min(30, target - clip.integrated));
}
