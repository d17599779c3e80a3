/** The byline paragraph: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "BY JANE DOE". */

// A name-like run after "By": capitalised words, initials, "and", commas; no sentence.
const bylinePattern = /^(?:By|BY|by)\s+([\p{Lu}][\p{L}.'’-]*(?:[\s,]+(?:and\s+|&\s+)?[\p{Lu}][\p{L}.'’-]*){0,9})\s*$/u;

/** "Jane Doe" from "By Jane Doe", or undefined when the paragraph is not a byline. */
export function parseByline(paragraph: string): string | undefined {
  if (paragraph.length > 100) return undefined;
  const names = bylinePattern.exec(paragraph)?.[1];
  if (names === undefined || !/^[\p{Lu}]/u.test(names)) return undefined;
  return names.replace(/[\s,]+$/, '');
}

/**
 * A byline as a presenter says it: names set in capitals ("MARIA LOPEZ and TOM REYES") in the
 * usual case, a desk set after a bar dropped ('Jane Roe | Harbour Media'), and an agency a page glued to the last name ("SAM OKAFORWire Press") set apart.
 * A single word in capitals (an outlet's letters, "BBC") stays as it is.
 */
export function tidyByline(byline: string): string {
  const apart = (byline.split(/\s+\|\s+/)[0] ?? byline).replace(/(\p{Lu}{2,})(\p{Lu}\p{Ll})/gu, '$1, $2');
  return apart
    .split(/(,\s*|\s+(?:and|&)\s+)/)
    .map((part) => (/^[\p{Lu}'’.-]+(?:\s+[\p{Lu}'’.-]+)+$/u.test(part) && /\p{Lu}{2}/u.test(part) ? part.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()) : part))
    .join('');
}
