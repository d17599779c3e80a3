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
