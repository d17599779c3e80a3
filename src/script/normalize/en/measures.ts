import type { Rule } from '../types.js';
import { FREE_START, NUMBER, QUANTITY, RANGE_DASH, WORD_CHARACTER, stickyPattern } from './patterns.js';
import { isExactlyOne, speakQuantity } from './quantities.js';

interface Unit {
  one: string;
  many: string;
}

function unit(one: string, many = one + 's'): Unit {
  return { one, many };
}

/** Unit abbreviations after a number. Longest first, so "km/h" is not read as "km" + "/h". */
const units: [string, Unit][] = [
  ['km/h', unit('kilometer per hour', 'kilometers per hour')],
  ['kph', unit('kilometer per hour', 'kilometers per hour')],
  ['mph', unit('mile per hour', 'miles per hour')],
  ['sq km', unit('square kilometer')],
  ['sq mi', unit('square mile')],
  ['km²', unit('square kilometer')],
  ['km2', unit('square kilometer')],
  ['m²', unit('square meter')],
  ['kWh', unit('kilowatt hour')],
  ['bpd', unit('barrel per day', 'barrels per day')],
  ['°C', unit('degree Celsius', 'degrees Celsius')],
  ['ºC', unit('degree Celsius', 'degrees Celsius')],
  ['°F', unit('degree Fahrenheit', 'degrees Fahrenheit')],
  ['ºF', unit('degree Fahrenheit', 'degrees Fahrenheit')],
  ['km', unit('kilometer')],
  ['cm', unit('centimeter')],
  ['mm', unit('millimeter')],
  ['mi', unit('mile')],
  ['ft', unit('foot', 'feet')],
  ['kg', unit('kilogram')],
  ['mg', unit('milligram')],
  ['lbs', unit('pound')],
  ['lb', unit('pound')],
  ['oz', unit('ounce')],
  ['ha', unit('hectare')],
  ['ml', unit('milliliter')],
  ['MW', unit('megawatt')],
  ['GW', unit('gigawatt')],
  ['kW', unit('kilowatt')],
  ['hrs', unit('hour')],
  ['hr', unit('hour')],
  ['mins', unit('minute')],
  ['min', unit('minute')],
  ['m', unit('meter')],
  ['g', unit('gram')],
  ['°', unit('degree')],
  ['º', unit('degree')],
];

const unitsByWriting = new Map(units);
const escapedUnits = units.map(([written]) => written.replace(/[/]/g, '\\/'));

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
    name: 'percentage',
    // "5%", "-0.3%", "5-7 %", "5.25%-5.5%" (the first % of a range is optional).
    pattern: stickyPattern(String.raw`(?:${FREE_START}(?<sign>[-−+]))?(?<quantity>${NUMBER}(?:%?${RANGE_DASH}${NUMBER})?)\s?%`),
    speak: (match) => signedQuantity(match.groups?.sign, (match.groups?.quantity ?? '').replace('%', '')) + ' percent',
  },
  {
    name: 'measure',
    // A number or range, an optional space, then a unit: "5 km", "100m", "30°C", "5-10 kg".
    pattern: stickyPattern(
      String.raw`(?:${FREE_START}(?<sign>[-−+]))?(?<quantity>${QUANTITY})\s?(?<unit>${escapedUnits.join('|')})(?!${WORD_CHARACTER})`,
    ),
    speak: (match) => {
      const quantity = match.groups?.quantity ?? '';
      const found = unitsByWriting.get(match.groups?.unit ?? '');
      if (found === undefined) return null;
      return signedQuantity(match.groups?.sign, quantity) + ' ' + (isExactlyOne(quantity) ? found.one : found.many);
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
