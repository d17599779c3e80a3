// The whole episode's loudness from the logs of its separately encoded segments: BS.1770 gating
// (EBU R128) applied to all their 400 ms blocks together, EBU Tech 3342 loudness range, and the
// highest true peak. Blocks that would straddle a cut are missing; cuts fall in long pauses,
// where the blocks are gated out anyway.
import type { Loudness } from './assembly.js';
import type { LoudnessLog } from './ffmpeg.js';
import { absoluteGateLufs, integratedLoudness, lufsOfPower, powerOfLufs } from './level/loudness-meter.js';

/** ebur128 reports this for a programme with nothing above the absolute gate. */
const silentLoudness = -70;
/** Tech 3342 gates short-term loudness 20 LU under its mean. */
const rangeRelativeGateLu = -20;
/** 27 blocks of 400 ms, 100 ms apart, span the 3 s of a short-term window. */
const blocksPerShortTerm = 27;

export function programmeLoudness(logs: readonly LoudnessLog[]): Loudness {
  const blocks = logs.flatMap((log) => log.momentary).map(powerOfLufs);
  const integrated = integratedLoudness(blocks);
  return {
    integrated: Number.isFinite(integrated) ? integrated : silentLoudness,
    range: loudnessRange(shortTermLoudness(blocks)),
    truePeak: Math.max(...logs.map((log) => log.truePeak)),
  };
}

/**
 * Short-term (3 s) loudness every 100 ms, from the block powers of all segments in order, so its
 * windows reach across the cuts as a listener hears them (each segment's own 3 s windows would
 * stop at its edges and miss the pauses between paragraphs).
 */
function shortTermLoudness(blocks: number[]): number[] {
  const values: number[] = [];
  let sum = 0;
  for (let i = 0; i < blocks.length; i++) {
    sum += blocks[i]!;
    if (i >= blocksPerShortTerm) sum -= blocks[i - blocksPerShortTerm]!;
    if (i >= blocksPerShortTerm - 1) values.push(lufsOfPower(sum / blocksPerShortTerm));
  }
  return values;
}

/** Tech 3342: the spread between the 10th and 95th percentiles of the gated short-term loudness. */
function loudnessRange(shortTerm: number[]): number {
  const audible = shortTerm.filter((value) => value > absoluteGateLufs);
  if (audible.length === 0) return 0;
  const meanPower = audible.reduce((sum, value) => sum + powerOfLufs(value), 0) / audible.length;
  const kept = audible.filter((value) => value > lufsOfPower(meanPower) + rangeRelativeGateLu).sort((a, b) => a - b);
  const at = (fraction: number) => kept[Math.round(fraction * (kept.length - 1))]!;
  return at(0.95) - at(0.1);
}
