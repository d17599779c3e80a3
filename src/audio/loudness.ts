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
 * Where the limiter holds (true) peaks before encoding. LAME at low bitrates raises true peak by up
 * to ~1 dB (more on clipped input), so this sits 1 dB under the limit.
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
 * How much quieter LAME makes the audio, LU: loudness is measured on the mix going into the
 * encoder, so the mix aims this much above the target. Measured here with ffmpeg's libmp3lame on
 * flite speech at 64, 96 and 128 kb/s (0.5 LU each) and on a 1 kHz tone (0.4 LU).
 */
export const encoderLossDb = 0.5;

/** Gain that brings a clip (intro, outro) to `target`; 0 for a clip too short or quiet to measure. */
export function clipGainDb(clip: Loudness, target: number): number {
  if (!(clip.integrated > -69)) return 0;
  return Math.max(-30, Math.min(30, target - clip.integrated));
}
