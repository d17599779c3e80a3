import { decimal, year } from './number-words.js';

/** Splits "5-7" or "10 – 12" into its two ends; a single number gives one end. */
export function rangeEnds(quantity: string): string[] {
  return quantity.split(/\s?[-–—]\s?/u).filter((end) => end !== '');
}

/** "5-7" → "five to seven"; "3.5" → "three point five". */
export function speakQuantity(quantity: string): string {
  return rangeEnds(quantity).map(decimal).join(' to ');
}

/** Whether a quantity is exactly one (so the unit after it is singular). */
export function isExactlyOne(quantity: string): boolean {
  return quantity === '1';
}

/** A four-digit number that reads as a year. */
export function looksLikeYear(digits: string): boolean {
  return /^(?:1\d\d\d|20\d\d)$/.test(digits) && Number(digits) >= 1010;
}

/**
 * "2010-2014" → "twenty ten to twenty fourteen"; "1939-45" → "nineteen thirty-nine to
 * nineteen forty-five", "2008-9" → "two thousand eight to two thousand nine".
 */
export function speakYearRange(first: string, second: string): string | null {
  if (!looksLikeYear(first)) return null;
  // "1939-45" and "2008-9": a short second year borrows the first one's leading digits.
  const fullSecond = second.length < 4 ? first.slice(0, 4 - second.length) + second : second;
  if (!looksLikeYear(fullSecond) || Number(fullSecond) <= Number(first)) return null;
  return year(first) + ' to ' + year(fullSecond);
}
