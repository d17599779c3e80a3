// Loudness policy: what listeners get is -16 LUFS integrated with true peak at most -1 dBTP (what
// Apple Podcasts asks for), measured on the final MP3.
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

/** How far inside the target window the final file must be before we accept it without a retry. */
const acceptance = { integrated: 0.3, truePeakMargin: 0.2 } as const;

export function isWithinTarget(measured: Loudness): boolean {
  const tolerance = acceptance.integrated;
  const peakLimit = loudnessTarget.maxTruePeak - acceptance.truePeakMargin;
  // ebur128 prints one decimal; the epsilon keeps -16.3 vs 0.3 from failing on float error.
  const epsilon = 1e-6;
  return (
    Math.abs(measured.integrated - loudnessTarget.integrated) <= tolerance + epsilon &&
    measured.truePeak <= peakLimit + epsilon
  );
}

/** Gain that brings a clip (intro, outro) to the target; 0 for a clip too short or quiet to measure. */
export function clipGainDb(clip: Loudness): number {
  if (!(clip.integrated > -69)) return 0;
  return Math.max(-30, Math.min(30, loudnessTarget.integrated - clip.integrated));
}

export interface LevelCorrection {
  /** Gain after the limiter: exact, and safe for the peaks when it turns down. */
  afterLimiterDb: number;
  /** What is left of a boost the peaks have no room for, applied before the limiter. */
  beforeLimiterDb: number;
}

/**
 * How to correct an encoded episode that missed the target. A gain before the limiter mostly
 * changes how hard it limits (speech was measured to move by only ~0.4 dB per dB), so the
 * correction goes after it, as far as the true-peak headroom allows.
 */
export function levelCorrection(measured: Loudness): LevelCorrection {
  const wanted = loudnessTarget.integrated - measured.integrated;
  const headroom = loudnessTarget.maxTruePeak - acceptance.truePeakMargin - measured.truePeak;
  const afterLimiterDb = Math.min(wanted, headroom);
  return { afterLimiterDb, beforeLimiterDb: wanted - afterLimiterDb };
}

export interface GainTrial {
  gainDb: number;
  /** Integrated loudness after gain and limiter. */
  integrated: number;
}

/**
 * The gain that brings the limited narration to `target`, interpolated between the trials that
 * bracket it (loudness after a limiter grows more slowly than the gain, and not linearly), or
 * extrapolated from the nearest two.
 */
export function gainForTarget(trials: readonly GainTrial[], target: number): number {
  const sorted = [...trials].sort((a, b) => a.gainDb - b.gainDb);
  if (sorted.length === 0) throw new RangeError('no gain trials');
  if (sorted.length === 1) return sorted[0]!.gainDb + (target - sorted[0]!.integrated);
  let lower = sorted[0]!;
  let upper = sorted[1]!;
  for (let i = 1; i < sorted.length; i++) {
    lower = sorted[i - 1]!;
    upper = sorted[i]!;
    if (upper.integrated >= target) break;
  }
  const slope = (upper.integrated - lower.integrated) / (upper.gainDb - lower.gainDb);
  // A flat slope means the limiter eats every extra dB; fall back to a plain difference.
  if (!(slope > 0.05)) return upper.gainDb + (target - upper.integrated);
  return lower.gainDb + (target - lower.integrated) / slope;
}
