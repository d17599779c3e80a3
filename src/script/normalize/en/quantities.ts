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
 * nineteen forty-five" (the short second year borrows the first one's century).
 */
export function speakYearRange(first: string, second: string): string | null {
  if (!looksLikeYear(first)) return null;
  const fullSecond = second.length === 2 ? first.slice(0, 2) + second : second;
  if (!looksLikeYear(fullSecond) || Number(fullSecond) <= Number(first)) return null;
  return year(first) + ' to ' + year(fullSecond);
}
