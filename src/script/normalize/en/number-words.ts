import { toCardinal, toOrdinal } from 'n2words/en-US';

/**
 * English number words. n2words does the counting ("two thousand five hundred"); this file adds
 * the ways news is read aloud that a counting library does not know: years, digit strings,
 * decimals read digit by digit, model numbers read in pairs, plurals of number words.
 */

/** Past this many digits a number is read digit by digit (IDs, phone numbers, fuzz input). */
const longestCountedNumber = 15;

const digitNames = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "2,500" → "two thousand five hundred". Accepts digits with optional thousands commas. */
export function cardinal(digits: string): string {
  const plainDigits = digits.replace(/,/g, '');
  if (!/^\d+$/.test(plainDigits)) return digitByDigit(plainDigits);
  if (plainDigits.length > longestCountedNumber || (plainDigits.length > 1 && plainDigits.startsWith('0'))) {
    return digitByDigit(plainDigits);
  }
  return toCardinal(plainDigits);
}

/** "21" → "twenty-first". */
export function ordinal(digits: string): string {
  const plainDigits = digits.replace(/,/g, '');
  if (!/^\d+$/.test(plainDigits) || plainDigits.length > longestCountedNumber) return digitByDigit(plainDigits);
  if (/^0+$/.test(plainDigits)) return 'zeroth';
  return toOrdinal(plainDigits.replace(/^0+/, ''));
}

/** "007" → "zero zero seven". Anything that is not a digit is dropped. */
export function digitByDigit(digits: string): string {
  return [...digits]
    .filter((character) => /\d/.test(character))
    .map((digit) => digitNames[Number(digit)] ?? '')
    .join(' ');
}

/** "1.13" → "one point one three"; "2,500" → "two thousand five hundred"; "-4" → "minus four". */
export function decimal(number: string): string {
  const negative = /^[-−]/.test(number);
  const [whole = '', fraction] = number.replace(/^[-−+]/, '').split('.');
  let words = whole === '' ? 'zero' : cardinal(whole);
  if (fraction !== undefined && fraction !== '') words += ' point ' + digitByDigit(fraction);
  return negative ? 'minus ' + words : words;
}

/**
 * Years as newsreaders say them: 2014 → "twenty fourteen", 2003 → "two thousand three",
 * 1900 → "nineteen hundred", 1905 → "nineteen oh five", 1066 → "ten sixty-six".
 * Outside 1010-2099, and for round thousands, it is a plain count.
 */
export function year(digits: string): string {
  const value = Number(digits);
  if (!/^\d{4}$/.test(digits) || value < 1010 || value > 2099) return cardinal(digits);
  if (value >= 2000 && value <= 2009) return cardinal(digits);
  const century = digits.slice(0, 2);
  const rest = digits.slice(2);
  if (rest === '00') return cardinal(century) + ' hundred';
  return cardinal(century) + ' ' + twoDigitsAfterPause(rest);
}

/** The last two digits of a year or time: "05" → "oh five", "30" → "thirty". */
export function twoDigitsAfterPause(twoDigits: string): string {
  if (twoDigits.startsWith('0')) return 'oh ' + cardinal(twoDigits.slice(1));
  return cardinal(twoDigits);
}

/**
 * Model and flight numbers, read the way pilots and plane spotters say them:
 * 130 → "one thirty", 737 → "seven thirty-seven", 707 → "seven oh seven", 300 → "three hundred",
 * 777 → "seven seven seven".
 */
export function modelNumber(digits: string): string {
  if (digits.length <= 2 && !(digits.length === 2 && digits.startsWith('0'))) return cardinal(digits);
  // As Boeing says it (an F-111 is still "one eleven").
  if (digits === '777') return 'seven seven seven';
  if (digits.length === 3 && !digits.startsWith('0')) {
    const rest = digits.slice(1);
    if (rest === '00') return cardinal(digits);
    return cardinal(digits.slice(0, 1)) + ' ' + twoDigitsAfterPause(rest);
  }
  if (digits.length === 4 && !digits.startsWith('0')) {
    const rest = digits.slice(2);
    if (digits.endsWith('000')) return cardinal(digits);
    if (rest === '00') return cardinal(digits.slice(0, 2)) + ' hundred';
    return cardinal(digits.slice(0, 2)) + ' ' + twoDigitsAfterPause(rest);
  }
  return digitByDigit(digits);
}

/** "nineteen ninety" → "nineteen nineties", "two thousand" → "two thousands", "six" → "sixes". */
export function pluralOfNumberWords(words: string): string {
  if (words.endsWith('y')) return words.slice(0, -1) + 'ies';
  if (/(?:x|s)$/.test(words)) return words + 'es';
  return words + 's';
}
