import type { Rule } from '../types.js';
import { cardinal, decimal } from './number-words.js';
import { NUMBER, RANGE_DASH, WORD_CHARACTER, stickyPattern } from './patterns.js';
import { rangeEnds } from './quantities.js';

interface Currency {
  one: string;
  many: string;
  /** The hundredth part, when "$2.50" is said "two dollars fifty" and "$0.50" "fifty cents". */
  minor?: { one: string; many: string };
}

const cents = { one: 'cent', many: 'cents' };

const currencies: Record<string, Currency> = {
  $: { one: 'dollar', many: 'dollars', minor: cents },
  '£': { one: 'pound', many: 'pounds', minor: { one: 'penny', many: 'pence' } },
  '€': { one: 'euro', many: 'euros', minor: cents },
  '¥': { one: 'yen', many: 'yen' },
  '₹': { one: 'rupee', many: 'rupees' },
  '₱': { one: 'peso', many: 'pesos' },
  '₩': { one: 'won', many: 'won' },
  '₽': { one: 'ruble', many: 'rubles' },
};

/** Which dollar: "US$5" is five US dollars, "A$5" five Australian dollars. */
const dollarCountries: Record<string, string> = {
  US: 'U S',
  'U.S.': 'U S',
  A: 'Australian',
  AU: 'Australian',
  C: 'Canadian',
  CA: 'Canadian',
  NZ: 'New Zealand',
  HK: 'Hong Kong',
  S: 'Singapore',
};

const magnitudes: Record<string, string> = {
  k: 'thousand',
  K: 'thousand',
  thousand: 'thousand',
  m: 'million',
  mn: 'million',
  mln: 'million',
  million: 'million',
  b: 'billion',
  bn: 'billion',
  billion: 'billion',
  tn: 'trillion',
  trn: 'trillion',
  trillion: 'trillion',
};

/**
 * "$1.13bn", "(£600m)", "US$5", "€3 million", "$5-7 million", "$2.50".
 * Groups: country (dollar prefix), symbol, amount, upper (end of a range), magnitude.
 */
const moneyPattern = stickyPattern(
  String.raw`(?<![\p{L}\p{N}])(?<country>US|U\.S\.|AU|A|CA|C|NZ|HK|S)?(?<symbol>[$£€¥₹₱₩₽])\s?` +
    String.raw`(?<amount>${NUMBER})(?:${RANGE_DASH}[$£€¥₹₱₩₽]?(?<upper>${NUMBER}))?` +
    // A glued short magnitude ("bn") or a spaced word ("million"), then the token must end.
    String.raw`(?:(?<short>bn|b|mn|mln|m|tn|trn|k|K)|\s(?<long>thousand|million|billion|trillion))?(?!${WORD_CHARACTER}|[.,]\d)`,
);

export const moneyRules: Rule[] = [
  {
    name: 'money',
    pattern: moneyPattern,
    speak: (match) => {
      const groups = match.groups ?? {};
      const currency = currencies[groups.symbol ?? ''];
      if (currency === undefined) return null;
      const country = groups.country === undefined ? '' : (dollarCountries[groups.country] ?? '') + ' ';
      if (country !== '' && groups.symbol !== '$') return null;
      const amount = groups.amount ?? '';
      const magnitude = magnitudes[groups.short ?? groups.long ?? ''];
      if (groups.upper !== undefined || magnitude !== undefined) {
        const quantity = [amount, groups.upper].filter((end) => end !== undefined).map((end) => decimal(end ?? ''));
        return [quantity.join(' to '), magnitude, country + currency.many].filter(Boolean).join(' ');
      }
      return speakAmount(amount, currency, country);
    },
  },
  {
    name: 'pence and cents',
    // "50p", "99¢".
    pattern: stickyPattern(String.raw`(?<![\p{L}\p{N}.,])(?<amount>\d+)(?<unit>p|¢)(?!${WORD_CHARACTER})`),
    speak: (match) => {
      const amount = match.groups?.amount ?? '';
      const unit = match.groups?.unit === 'p' ? { one: 'penny', many: 'pence' } : cents;
      return cardinal(amount) + ' ' + (amount === '1' ? unit.one : unit.many);
    },
  },
];

/** "$5" → "five dollars"; "$1" → "one dollar"; "$2.50" → "two dollars fifty"; "$0.50" → "fifty cents". */
function speakAmount(amount: string, currency: Currency, country: string): string {
  const [whole = '', fraction] = rangeEnds(amount)[0]?.split('.') ?? [];
  const unitName = (count: string, unit: { one: string; many: string }) =>
    country + (count.replace(/,/g, '') === '1' ? unit.one : unit.many);
  if (fraction === undefined) return cardinal(whole) + ' ' + unitName(whole, currency);
  if (currency.minor === undefined || fraction.length !== 2) return decimal(amount) + ' ' + country + currency.many;
  const minorCount = String(Number(fraction));
  if (/^0+$/.test(whole.replace(/,/g, ''))) return cardinal(minorCount) + ' ' + currency.minor[minorCount === '1' ? 'one' : 'many'];
  if (minorCount === '0') return cardinal(whole) + ' ' + unitName(whole, currency);
  return cardinal(whole) + ' ' + unitName(whole, currency) + ' ' + cardinal(minorCount);
}
