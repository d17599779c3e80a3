import { NewscastError } from '../../errors.js';

/**
 * The rate as a plain decimal for a command line or a Scheme expression. Anything but a positive
 * finite number is refused, so only digits and a dot ever reach an engine through this value.
 */
export function rateText(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new NewscastError('input', `Speaking rate ${rate} is not a positive number.`, 'Use a rate such as 1 (normal) or 0.8 (20% slower).');
  }
  return rate.toFixed(3);
}
