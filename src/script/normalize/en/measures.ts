import type { Rule } from '../types.js';
import { FREE_START, NUMBER, QUANTITY, RANGE_DASH, WORD_CHARACTER, stickyPattern } from './patterns.js';
import { isExactlyOne, speakQuantity } from './quantities.js';
import { cardinal, decimal } from './number-words.js';
import type { MatchContext } from '../types.js';

interface Unit {
  one: string;
  many: string;
}

function unit(one: string, many = one + 's'): Unit {
  return { one, many };
}

/**
 * Unit abbreviations after a number. A unit
 * with `anyCase` is also found in capitals ("5 KM", "10KG", "70 MPH"); the others keep their case,
 * since "MW" and "mW", "M" (million) and "m" differ.
 */
const units: [string, Unit, ('anyCase' | undefined)?][] = [
  ['kph', unit('kilometer per hour', 'kilometers per hour'), 'anyCase'],
  ['kmh', unit('kilometer per hour', 'kilometers per hour'), 'anyCase'],
  ['mph', unit('mile per hour', 'miles per hour'), 'anyCase'],
  ['mpg', unit('mile per gallon', 'miles per gallon'), 'anyCase'],
  ['sq km', unit('square kilometer')],
  ['sq mi', unit('square mile')],
  ['sq ft', unit('square foot', 'square feet')],
  ['sq m', unit('square meter')],
  ['km²', unit('square kilometer')],
  ['km2', unit('square kilometer')],
  ['km³', unit('cubic kilometer')],
  ['cm²', unit('square centimeter')],
  ['cm³', unit('cubic centimeter')],
  ['cm3', unit('cubic centimeter')],
  ['ft²', unit('square foot', 'square feet')],
  ['ft³', unit('cubic foot', 'cubic feet')],
  ['mi²', unit('square mile')],
  ['m²', unit('square meter')],
  ['m2', unit('square meter')],
  ['m³', unit('cubic meter')],
  ['m3', unit('cubic meter')],
  ['kWh', unit('kilowatt hour')],
  ['KWH', unit('kilowatt hour')],
  ['MWh', unit('megawatt hour')],
  ['GWh', unit('gigawatt hour')],
  ['TWh', unit('terawatt hour')],
  ['bpd', unit('barrel per day', 'barrels per day')],
  ['kcal', unit('kilocalorie'), 'anyCase'],
  ['Mbps', unit('megabit per second', 'megabits per second')],
  ['Gbps', unit('gigabit per second', 'gigabits per second')],
  ['kbps', unit('kilobit per second', 'kilobits per second')],
  ['GHz', unit('gigahertz', 'gigahertz')],
  ['MHz', unit('megahertz', 'megahertz')],
  ['kHz', unit('kilohertz', 'kilohertz')],
  ['Hz', unit('hertz', 'hertz')],
  ['fps', unit('frame per second', 'frames per second')],
  ['°C', unit('degree Celsius', 'degrees Celsius')],
  ['ºC', unit('degree Celsius', 'degrees Celsius')],
  ['°F', unit('degree Fahrenheit', 'degrees Fahrenheit')],
  ['ºF', unit('degree Fahrenheit', 'degrees Fahrenheit')],
  ['km', unit('kilometer'), 'anyCase'],
  ['cm', unit('centimeter'), 'anyCase'],
  ['mm', unit('millimeter')],
  ['mi', unit('mile')],
  ['ft', unit('foot', 'feet')],
  ['kg', unit('kilogram'), 'anyCase'],
  ['mg', unit('milligram')],
  ['µg', unit('microgram')],
  ['μg', unit('microgram')],
  ['lbs', unit('pound'), 'anyCase'],
  ['lb', unit('pound')],
  ['oz', unit('ounce')],
  ['ha', unit('hectare')],
  ['ml', unit('milliliter')],
  ['W', unit('watt')],
  ['MW', unit('megawatt')],
  ['GW', unit('gigawatt')],
  ['kW', unit('kilowatt')],
  ['kV', unit('kilovolt')],
  ['TB', unit('terabyte')],
  ['GB', unit('gigabyte')],
  ['MB', unit('megabyte')],
  ['hp', unit('horsepower', 'horsepower')],
  ['hrs', unit('hour')],
  ['hr', unit('hour')],
  ['ms', unit('millisecond')],
  ['mins', unit('minute')],
  ['mAh', unit('milliamp hour')],
  ['hPa', unit('hectopascal')],
  ['mb', unit('millibar')],
  ['min', unit('minute')],
  ['m', unit('meter')],
  ['g', unit('gram')],
  ['L', unit('liter')],
  ['V', unit('volt')],
  ['°', unit('degree')],
  ['º', unit('degree')],
];

/** The unit after "/" in a compound unit ("mg/L", "m/s", "km/h"), said after "per". */
const perUnits: Record<string, string> = {
  h: 'hour', hr: 'hour', s: 'second', sec: 'second', min: 'minute', day: 'day', yr: 'year',
  L: 'liter', l: 'liter', ml: 'milliliter', dL: 'deciliter', kg: 'kilogram', g: 'gram', km: 'kilometer',
  m: 'meter', 'm²': 'square meter', 'm2': 'square meter', 'm³': 'cubic meter', 'm3': 'cubic meter',
};

const unitsByWriting = new Map<string, Unit>();
for (const [written, found, anyCase] of units) {
  unitsByWriting.set(written, found);
  if (anyCase) unitsByWriting.set(written.toUpperCase(), found);
}
/**
 * The shape of a unit ("km", "°C", "sq ft", "m²", "µg"); unitsByWriting decides whether it is one.
 * A shape rather than an alternation of every writing, which cost ~2 ms to compile in every run.
 */
const UNIT_SHAPE = String.raw`(?:sq\s)?(?:[°º][CF]?|[µμ]?[A-Za-z]{1,4}[23²³]?)`;
const escapedPerUnits = Object.keys(perUnits).sort((left, right) => right.length - left.length);
/** "/h", "/L", "/m³", and "/H" after a unit in capitals ("KM/H"). */
const PER_UNIT = String.raw`(?:\/(?<per>${escapedPerUnits.join('|')}|H))?`;

/** Nouns that are counted in millions ("3m viewers") rather than measured: people, and plurals. */
const countedNouns = new Set(['people', 'children', 'men', 'women', 'staff', 'police', 'personnel', 'cattle', 'livestock', 'poultry']);
/** Plurals after a length: races ("110m hurdles", "200m finals") and lengths themselves. */
const lengthPlurals = new Set([
  'hurdles', 'heats', 'finals', 'semifinals', 'semis', 'relays', 'sprints', 'races', 'records', 'metres', 'meters', 'yards', 'feet', 'miles', 'steps', 'seconds',
  'waves', 'swells', 'cliffs', 'trees', 'walls', 'boats', 'yachts', 'drops', 'towers',
]);

function countedNounFollows(context: MatchContext): boolean {
  // A possessive names the race, not a count: "the 100m men's final".
  const next = /^[ \t]([a-z]+)\b(?!['’])/u.exec(context.text.slice(context.end, context.end + 24))?.[1];
  if (next === undefined || lengthPlurals.has(next)) return false;
  return countedNouns.has(next) || (next.length > 3 && next.endsWith('s') && !next.endsWith('ss'));
}

/** Superscript digits, for exponents written "10⁹" or "10⁻⁶". */
const superscripts: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-',
};

/** "10^6" → "ten to the power of six", "10⁻⁶" → "ten to the power of minus six", "5²" → "five squared". */
function power(base: string, exponent: string): string {
  if (exponent === '2') return decimal(base) + ' squared';
  if (exponent === '3') return decimal(base) + ' cubed';
  return decimal(base) + ' to the power of ' + decimal(exponent);
}

/** Temperatures glued to a bare C or F, as British papers write them: "40C", "-5C". */
const temperatureLetters: Record<string, Unit> = {
  C: unit('degree Celsius', 'degrees Celsius'),
  F: unit('degree Fahrenheit', 'degrees Fahrenheit'),
};

/** Speaks "-5" or "5-7" before a unit: "minus five", "five to seven". */
function signedQuantity(sign: string | undefined, quantity: string): string {
  return (sign === undefined ? '' : sign === '+' ? 'plus ' : 'minus ') + speakQuantity(quantity);
}

export const measureRules: Rule[] = [
  {
    name: 'exponent',
    startsWith: 'digit',
    // "10^6", "2^10", "10^-3", "10⁹", "10⁻⁶": a number raised to a power.
    pattern: stickyPattern(String.raw`(?<![\p{N}.,])(?<base>\d{1,3}(?:\.\d+)?)(?:\^(?<exponent>-?\d{1,3})|(?<superscript>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))(?![\p{N}⁰¹²³⁴⁵⁶⁷⁸⁹])`),
    speak: (match) => {
      const groups = match.groups ?? {};
      const exponent = groups.exponent ?? [...(groups.superscript ?? '')].map((character) => superscripts[character] ?? '').join('');
      // A lone superscript one is a footnote mark, not a power.
      if (groups.superscript === '¹') return null;
      return power(groups.base ?? '', exponent);
    },
  },
  {
    name: 'square unit abbreviated sq',
    // "40 sq miles", "500 sq. metres": only "square" needs saying.
    pattern: stickyPattern(String.raw`(?<=\d\s?)sq\.?(?=\s(?:miles|metres|meters|feet|kilometres|kilometers|yards|inches)\b)`),
    speak: () => 'square',
  },
  {
    name: 'percentage',
    // "5%", "-0.3%", "5-7 %", "5.25%-5.5%" (the first % of a range is optional).
    // British papers also write "10pc".
    pattern: stickyPattern(
      String.raw`(?:${FREE_START}(?<sign>[-−+]))?(?<quantity>${NUMBER}(?:%?${RANGE_DASH}${NUMBER})?)(?:\s?%|pc(?!${WORD_CHARACTER}))`,
    ),
    speak: (match) => signedQuantity(match.groups?.sign, (match.groups?.quantity ?? '').replace('%', '')) + ' percent',
  },
  {
    name: 'feet and inches',
    freeStart: true,
    startsWith: 'digit',
    // "6ft 2in", "5 ft 10 in", "6'2\"": a height. After the foot mark "in" counts only before punctuation
    // or the end: "He is 6' 2 in the photo" is the word "in" (and the height is said "six feet two").
    pattern: stickyPattern(
      String.raw`(?<![.,])(?<feet>\d)(?:\s?ft\s?(?<inches>\d{1,2})\s?(?:in|ins|"|″)|['′]\s?(?<inchesAfterMark>\d{1,2})(?:\s?(?:["″]|ins?(?=[.,;:!?)]|\s*$))|(?<noInchMark>(?![.,]\d))))(?!${WORD_CHARACTER})`,
    ),
    speak: (match) => {
      const feet = match.groups?.feet ?? '';
      const inches = match.groups?.inches ?? match.groups?.inchesAfterMark ?? '';
      const inchWord = match.groups?.noInchMark !== undefined ? '' : inches === '1' ? ' inch' : ' inches';
      return cardinal(feet) + (feet === '1' ? ' foot ' : ' feet ') + cardinal(inches) + inchWord;
    },
  },
  {
    name: 'measure',
    // A number or range, an optional space, then a unit: "5 km", "100m", "30°C", "5-10 kg".
    pattern: stickyPattern(
      String.raw`(?:${FREE_START}(?<sign>[-−+]))?(?<quantity>${QUANTITY})\s?(?<unit>${UNIT_SHAPE})${PER_UNIT}(?!${WORD_CHARACTER}|[²³])`,
    ),
    speak: (match, context) => {
      const quantity = match.groups?.quantity ?? '';
      const writtenUnit = match.groups?.unit ?? '';
      const found = unitsByWriting.get(writtenUnit);
      if (found === undefined) return null;
      // A spaced capital W is seldom watts ("12 W 34th St", "the 5 W's"): only "1500W" is.
      if (writtenUnit === 'W' && /\sW$/u.test(match[0])) return null;
      // "1.5m people" is one and a half million, as British papers write it; "a 2.5m wall" is metres.
      if (writtenUnit === 'm' && match.groups?.per === undefined && countedNounFollows(context)) {
        return signedQuantity(match.groups?.sign, quantity) + ' million';
      }
      const written = match.groups?.per;
      const per = written === undefined ? '' : ' per ' + (perUnits[written] ?? perUnits[written.toLowerCase()] ?? '');
      return signedQuantity(match.groups?.sign, quantity) + ' ' + (isExactlyOne(quantity) ? found.one : found.many) + per;
    },
  },
  {
    name: 'temperature',
    pattern: stickyPattern(String.raw`(?:${FREE_START}(?<sign>[-−+]))?(?<quantity>${QUANTITY})(?<letter>C|F)(?!${WORD_CHARACTER})`),
    speak: (match) => {
      const quantity = match.groups?.quantity ?? '';
      const found = temperatureLetters[match.groups?.letter ?? ''];
      if (found === undefined) return null;
      return signedQuantity(match.groups?.sign, quantity) + ' ' + (isExactlyOne(quantity) ? found.one : found.many);
    },
  },
];
