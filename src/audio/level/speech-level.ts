// Brings a stretch of narration to a loudness target with a gain and a true-peak limiter, on the
// PCM in memory, without an ffmpeg pass.
import { defaultLimiterCeilingDb } from '../loudness.js';
import { kWeight } from './k-weighting.js';
import { absoluteGateLufs, blockPowers, integratedLoudness } from './loudness-meter.js';
import { limit } from './limiter.js';
import { truePeakEnvelope } from './true-peak.js';

export interface LevelOptions {
  /** Integrated loudness wanted out, LUFS. */
  targetLufs: number;
  /** Largest true peak allowed out, dBTP; by default `defaultLimiterCeilingDb` (-2). */
  ceilingDbtp?: number;
}

export interface LeveledSpeech {
  samples: Float32Array;
  /** Gain applied before the limiter, dB. */
  gainDb: number;
  /** Integrated loudness of `samples`, LUFS (-Infinity for silence). */
  integrated: number;
}

/** Gain never goes above this, so that a stretch of near-silence is not pulled up into hiss. */
export const maxGainDb = 50;
/** How close to the target the search stops; inside the ±0.05 LU promised, with room for meters to differ. */
const toleranceLu = 0.02;
const maxTrials = 30;
/**
 * Behind a limiter loudness grows by less than a dB per dB (about 0.4 on flite's speech): the
 * first correction assumes `firstSlope`, later ones the slope between the last two trials, but
 * never less than `minSlope`, so that a limiter eating nearly all of a step still gives a finite
 * next one.
 */
const firstSlope = 0.5;
const minSlope = 0.05;

const fromDb = (db: number): number => 10 ** (db / 20);

/**
 * Integrated loudness, except that a stretch shorter than one 400 ms gating block (a one-word
 * paragraph) is measured as a single block of its own length rather than not at all, so it is
 * levelled like its neighbours.
 */
function loudnessOf(samples: Float32Array, sampleRate: number): number {
  const powers = blockPowers(samples, sampleRate);
  if (powers.length > 0 || samples.length === 0) return integratedLoudness(powers);
  let sum = 0;
  for (const value of kWeight(samples, sampleRate)) sum += value * value;
  return integratedLoudness([sum / samples.length]);
}

/** A gain tried, and the loudness it gave (its samples are not kept: they are made again for the one chosen). */
interface Trial {
  gainDb: number;
  integrated: number;
}

/**
 * The gain, then a true-peak limiter, that bring mono speech to `targetLufs` (within 0.02 LU of
 * our own meter unless more than +50 dB would be needed). Audio with nothing above the absolute
 * gate (-70 LUFS) is returned unchanged (a copy), with gain 0. Deterministic: the same input gives
 * the same bytes.
 */
export function levelSpeech(samples: Float32Array, sampleRate: number, options: LevelOptions): LeveledSpeech {
  const { targetLufs, ceilingDbtp = defaultLimiterCeilingDb } = options;
  const input = loudnessOf(samples, sampleRate);
  if (!(input > absoluteGateLufs)) return { samples: samples.slice(), gainDb: 0, integrated: input };
  const envelope = truePeakEnvelope(samples);

  const ceiling = fromDb(ceilingDbtp);
  const limited = (gainDb: number) => limit(samples, envelope, { sampleRate, inputGain: fromDb(gainDb), ceiling });
  const trial = (gainDb: number): Trial => ({ gainDb, integrated: loudnessOf(limited(gainDb), sampleRate) });

  // Without limiting, loudness follows the gain exactly, so the first trial often lands. Then a
  // secant search on the last two trials, kept inside the bracket of too quiet / too loud once
  // there is one (and halving it when the secant points outside).
  let current = trial(Math.min(maxGainDb, targetLufs - input));
  let best = current;
  let previous: Trial | undefined;
  let tooQuiet: Trial | undefined;
  let tooLoud: Trial | undefined;
  for (let count = 1; count < maxTrials; count++) {
    const error = current.integrated - targetLufs;
    if (Math.abs(error) <= toleranceLu) break;
    if (error < 0 && (!tooQuiet || current.gainDb > tooQuiet.gainDb)) tooQuiet = current;
    if (error > 0 && (!tooLoud || current.gainDb < tooLoud.gainDb)) tooLoud = current;
    const slope = previous ? (current.integrated - previous.integrated) / (current.gainDb - previous.gainDb) : firstSlope;
    let next = current.gainDb - error / Math.max(slope, minSlope);
    if (tooQuiet && tooLoud && !(next > tooQuiet.gainDb && next < tooLoud.gainDb)) {
      next = (tooQuiet.gainDb + tooLoud.gainDb) / 2;
    }
    next = Math.min(next, maxGainDb);
    // At the gain cap and still too quiet, or the bracket has closed to nothing: this is it.
    if (next === current.gainDb) break;
    previous = current;
    current = trial(next);
    if (Math.abs(current.integrated - targetLufs) < Math.abs(best.integrated - targetLufs)) best = current;
  }
  const out = limited(best.gainDb);
  return { samples: out, gainDb: best.gainDb, integrated: best.integrated };
}
