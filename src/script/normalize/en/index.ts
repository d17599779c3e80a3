import type { LanguageNormalizer, Rule } from '../types.js';
import { abbreviationRules } from './abbreviations.js';
import { acronymRules } from './acronyms.js';
import { dateRules } from './dates.js';
import { fractionRules } from './fractions.js';
import { measureRules } from './measures.js';
import { modelRules, resolutionRules } from './models.js';
import { moneyRules } from './money.js';
import { numberRules } from './numbers.js';
import { romanNumeralRules } from './roman-numerals.js';
import { symbolRules } from './symbols.js';
import { timeRules } from './times.js';
import { webRules } from './web.js';

/**
 * English rules in priority order: the most specific shapes first (a web address before an
 * abbreviation, money before a bare number, a date before a year), plain numbers and lone
 * symbols last.
 */
const rules: Rule[] = [
  ...webRules,
  ...resolutionRules,
  ...moneyRules,
  ...dateRules,
  ...timeRules,
  ...measureRules,
  ...fractionRules,
  ...modelRules,
  ...numberRules,
  ...romanNumeralRules,
  ...abbreviationRules,
  ...acronymRules,
  ...symbolRules,
];

export const english: LanguageNormalizer = { rules };
