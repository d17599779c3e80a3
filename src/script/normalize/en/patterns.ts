/**
 * Regex fragments shared by the English rules (source strings, to be embedded in patterns).
 * Every rule pattern is compiled with the `u` and `y` flags.
 */

/** A number as news writes it: "7", "2,500", "3.5", "1,234.56". Thousands groups have exactly three digits. */
export const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?`;

/** A dash between two numbers in a range: hyphen, en dash or em dash, optionally spaced. */
export const RANGE_DASH = String.raw`\s?[-–—]\s?`;

/** A number or a range of numbers: "5", "5-7", "10–12". */
export const QUANTITY = String.raw`${NUMBER}(?:${RANGE_DASH}${NUMBER})?`;

/**
 * A letter, combining mark or digit: a character that glues into a word. An alternation rather
 * than the class [\p{L}\p{M}\p{N}], which means the same: V8 builds a class's union of Unicode
 * properties (thousands of ranges) every time it parses a pattern, three times per pattern, and
 * that made the rules take ~50 ms to get ready in every run; the alternation takes half.
 */
export const WORD_CHARACTER = String.raw`(?:\p{L}|\p{M}|\p{N})`;

/** Not glued to a preceding word, number or dash (so "AC-130" or "mid-2020" are not negative numbers). */
export const FREE_START = String.raw`(?<!\p{L}|\p{M}|\p{N}|\p{Pd}|[.,])`;

/** The token ends here: no letter or digit follows, and no ".5" or ",000" continues the number. */
export const TOKEN_END = String.raw`(?!${WORD_CHARACTER}|[.,]\d)`;

/** Compiles a rule pattern: sticky (tried at one position) and Unicode-aware. */
export function stickyPattern(source: string): RegExp {
  return new RegExp(source, 'uy');
}
