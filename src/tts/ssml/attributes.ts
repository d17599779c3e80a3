/** SSML attribute values the renderer understands, with the limits it enforces. */

export const sentencePauseSeconds = 0.4;
export const paragraphPauseSeconds = 0.85;
/** A longer break is almost certainly a typo ("9999s") and would pad the episode with dead air. */
export const maxBreakSeconds = 10;

const breakStrengths: Record<string, number> = {
  none: 0,
  'x-weak': 0.1,
  weak: 0.2,
  medium: sentencePauseSeconds,
  strong: paragraphPauseSeconds,
  'x-strong': 1.2,
};

/** Seconds of a <break>, from its time or strength; throws a plain message on nonsense. */
export function breakSeconds(time: string | undefined, strength: string | undefined): number {
  if (time !== undefined) {
    const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s)\s*$/.exec(time);
    if (!match) throw new Error(`break time "${time}" is not a duration such as "500ms" or "1.5s"`);
    const seconds = Number(match[1]) / (match[2] === 'ms' ? 1000 : 1);
    if (seconds > maxBreakSeconds) throw new Error(`break time "${time}" is longer than ${maxBreakSeconds}s`);
    return seconds;
  }
  if (strength === undefined) return breakStrengths.medium!;
  const seconds = breakStrengths[strength];
  if (seconds === undefined) throw new Error(`break strength "${strength}" is not one of ${Object.keys(breakStrengths).join(', ')}`);
  return seconds;
}

const namedRates: Record<string, number> = { 'x-slow': 0.7, slow: 0.85, medium: 1, default: 1, fast: 1.15, 'x-fast': 1.3 };
/** The speaking rates every engine here can do; nested <prosody> and --rate never go beyond them. */
const minRate = 0.5;
const maxRate = 2;

/** A rate brought into [minRate, maxRate]: twelve nested 50% are 50%, not 0.02%. */
export function clampRate(rate: number): number {
  return Math.min(maxRate, Math.max(minRate, rate));
}

/** Multiplier for a <prosody rate> value: a name, a percentage ("80%", "+10%") or a number ("1.2"). */
export function rateMultiplier(value: string): number {
  const trimmed = value.trim();
  let rate = namedRates[trimmed];
  if (rate === undefined) {
    const relative = /^([+-])(\d+(?:\.\d+)?)%$/.exec(trimmed);
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(trimmed);
    if (relative) rate = 1 + (relative[1] === '-' ? -1 : 1) * (Number(relative[2]) / 100);
    else if (percent) rate = Number(percent[1]) / 100;
    else if (/^\d+(?:\.\d+)?$/.test(trimmed)) rate = Number(trimmed);
  }
  if (rate === undefined || !(rate >= minRate && rate <= maxRate)) {
    throw new Error(`prosody rate "${value}" must be between ${minRate * 100}% and ${maxRate * 100}% (or x-slow … x-fast)`);
  }
  return rate;
}
