import type { Rule } from '../types.js';
import { cardinal, decimal } from './number-words.js';
import { NUMBER, RANGE_DASH, WORD_CHARACTER, stickyPattern } from './patterns.js';
import { rangeEnds } from './quantities.js';

interface Currency {
  one: string;
  many: string;
  /** The hundredth part, when "$2.50" is said "two dollars fifty" and "$0.50" "fifty cents". */
  minor?: { one: string; many: string };
  /** Whether the hundredth part is named after the whole ("two dollars fifty cents"): not for pounds. */
  namesMinor?: boolean;
}

const cents = { one: 'cent', many: 'cents' };

const currencies: Record<string, Currency> = {
  $: { one: 'dollar', many: 'dollars', minor: cents, namesMinor: true },
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

/** Magnitudes after an amount, by their lower-case writing ("$3BN", "$5M", "$1.2 Billion"). */
const magnitudes: Record<string, string> = {
  k: 'thousand',
  thousand: 'thousand',
  m: 'million',
  mn: 'million',
  mln: 'million',
  million: 'million',
  b: 'billion',
  bn: 'billion',
  bln: 'billion',
  billion: 'billion',
  tn: 'trillion',
  trn: 'trillion',
  trillion: 'trillion',
};

function magnitudeOf(written: string | undefined): string | undefined {
  return written === undefined ? undefined : magnitudes[written.toLowerCase()];
}

/** What "/hr", "/mo" or "/kg" after a price means: "$15/hr" is fifteen dollars an hour. */
const ratesByWriting: Record<string, string> = {
  h: 'an hour', hr: 'an hour', hour: 'an hour', d: 'a day', day: 'a day', wk: 'a week', week: 'a week',
  mo: 'a month', mth: 'a month', month: 'a month', yr: 'a year', year: 'a year', annum: 'a year',
  gal: 'a gallon', gallon: 'a gallon', bbl: 'a barrel', barrel: 'a barrel', kg: 'a kilogram', kilo: 'a kilo',
  lb: 'a pound', l: 'a liter', litre: 'a liter', liter: 'a liter', kwh: 'a kilowatt hour', mwh: 'a megawatt hour',
  t: 'a tonne', tonne: 'a tonne', ton: 'a ton', oz: 'an ounce', night: 'a night', person: 'a person', share: 'a share',
  head: 'a head',
};
const RATE = String.raw`(?:\/(?<rate>hr|hour|h|day|d|wk|week|mo|mth|month|yr|year|annum|gal|gallon|bbl|barrel|kg|kilo|lb|l|litre|liter|kWh|MWh|t|tonne|ton|oz|night|person|share|head))?`;

function rateWords(written: string | undefined): string {
  return written === undefined ? '' : ' ' + (ratesByWriting[written.toLowerCase()] ?? '');
}

const SYMBOL = '[$£€¥₹₱₩₽]';
/** A magnitude glued to the amount ("bn", "M") or after a space ("million", "bln"), any case. */
const SHORT_MAGNITUDE = String.raw`bn|BN|Bn|bln|b|B|mn|MN|mln|m|M|tn|TN|trn|k|K`;
const LONG_MAGNITUDE = String.raw`[Tt]housand|THOUSAND|[Mm]illion|MILLION|[Bb]illion|BILLION|[Tt]rillion|TRILLION|bn|bln|mn|mln|tn`;
/** The long form may follow a space or, in North American copy, a hyphen: "a $1.2-billion deal". */
const MAGNITUDE = (name: string) => String.raw`(?:(?<${name}Short>${SHORT_MAGNITUDE})|[\s-](?<${name}Long>${LONG_MAGNITUDE}))`;

/**
 * "$1.13bn", "(£600m)", "US$5", "€3 million", "$5-7 million", "£3m-£5m", "$2.50", "$15/hr".
 * Groups: country (dollar prefix), symbol, amount, firstShort/firstLong (a magnitude on the start of a
 * range), upper (end of a range), lastShort/lastLong (the magnitude at the end), rate.
 */
const moneyPattern = stickyPattern(
  String.raw`(?<country>US|U\.S\.|AU|A|CA|C|NZ|HK|S)?(?<symbol>${SYMBOL})\s?` +
    String.raw`(?<amount>${NUMBER})(?:${MAGNITUDE('first')}?${RANGE_DASH}${SYMBOL}?(?<upper>${NUMBER}))?` +
    // A glued short magnitude ("bn") or a spaced word ("million"), then the token must end.
    String.raw`${MAGNITUDE('last')}?${RATE}(?!${WORD_CHARACTER}|[.,]\d)`,
);

/** "$5 to $10 million": a range whose magnitude is written only on its end. */
const moneyToRangePattern = stickyPattern(
  String.raw`(?<symbol>${SYMBOL})(?<amount>${NUMBER})\sto\s\k<symbol>(?<upper>${NUMBER})${MAGNITUDE('last')}(?!${WORD_CHARACTER}|[.,]\d)`,
);

export const moneyRules: Rule[] = [
  {
    name: 'money range joined by to',
    freeStart: true,
    pattern: moneyToRangePattern,
    speak: (match) => {
      const groups = match.groups ?? {};
      const currency = currencies[groups.symbol ?? ''];
      const magnitude = magnitudeOf(groups.lastShort ?? groups.lastLong);
      if (currency === undefined || magnitude === undefined) return null;
      return decimal(groups.amount ?? '') + ' to ' + decimal(groups.upper ?? '') + ' ' + magnitude + ' ' + currency.many;
    },
  },
  {
    name: 'money',
    freeStart: true,
    pattern: moneyPattern,
    speak: (match) => {
      const groups = match.groups ?? {};
      const currency = currencies[groups.symbol ?? ''];
      if (currency === undefined) return null;
      const country = groups.country === undefined ? '' : (dollarCountries[groups.country] ?? '') + ' ';
      if (country !== '' && groups.symbol !== '$') return null;
      const amount = groups.amount ?? '';
      const rate = rateWords(groups.rate);
      const magnitude = magnitudeOf(groups.lastShort ?? groups.lastLong);
      const firstMagnitude = magnitudeOf(groups.firstShort ?? groups.firstLong);
      if (groups.upper !== undefined && magnitude === undefined) {
        // "£2.50-£3": each end said as an amount; "$10-$20": one currency after both.
        if (firstMagnitude !== undefined) return null;
        if (amount.includes('.') || (groups.upper ?? '').includes('.')) {
          return speakAmount(amount, currency, country) + ' to ' + speakAmount(groups.upper ?? '', currency, country) + rate;
        }
        return decimal(amount) + ' to ' + decimal(groups.upper ?? '') + ' ' + country + currency.many + rate;
      }
      if (magnitude !== undefined) {
        // "£3m-£5m" → "three to five million"; "$500m-$1bn" → "five hundred million to one billion".
        const start = decimal(amount) + (firstMagnitude !== undefined && firstMagnitude !== magnitude ? ' ' + firstMagnitude : '');
        const quantity = groups.upper === undefined ? start : start + ' to ' + decimal(groups.upper);
        return quantity + ' ' + magnitude + ' ' + country + currency.many + rate;
      }
      return speakAmount(amount, currency, country) + rate;
    },
  },
  {
    name: 'pence and cents',
    freeStart: true,
    startsWith: 'digit',
    // "50p", "99¢", "30p/kWh", "52.95p a litre".
    pattern: stickyPattern(String.raw`(?<![.,])(?<amount>\d+(?:\.\d+)?)(?<unit>p|¢)${RATE}(?!${WORD_CHARACTER})`),
    speak: (match) => {
      const amount = match.groups?.amount ?? '';
      const unit = match.groups?.unit === 'p' ? { one: 'penny', many: 'pence' } : cents;
      return decimal(amount) + ' ' + (amount === '1' ? unit.one : unit.many) + rateWords(match.groups?.rate);
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
  const minorName = currency.namesMinor ? ' ' + currency.minor[minorCount === '1' ? 'one' : 'many'] : '';
  return cardinal(whole) + ' ' + unitName(whole, currency) + ' ' + cardinal(minorCount) + minorName;
}
