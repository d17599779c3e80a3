/** Small look-arounds shared by the English rules. */

/** The word just before `index`, skipping spaces (not punctuation): "in St." → "in". */
export function wordBefore(text: string, index: number): string {
  const match = /([\p{L}\p{M}\p{N}'’.]+)\s*$/u.exec(text.slice(Math.max(0, index - 80), index));
  return match?.[1] ?? '';
}

/** Whether the word after `index` is on the same line and starts with a capital letter. */
export function capitalizedWordFollows(text: string, index: number): boolean {
  return /^[ \t]+\p{Lu}/u.test(text.slice(index, index + 4));
}

/**
 * Words that very often open an English news sentence; they tell "the U.S. The …" (two
 * sentences) from "the U.S. Army" (one). The sentence splitter asks the same question, so both
 * decide alike: a sentence mark never falls where the spoken stop does not.
 */
const sentenceOpeners = new Set(
  (
    'a about after also an and as at before both but by during each earlier for from he her his ' +
    'how however i if in it its last later many meanwhile most no not officials on one or other ' +
    'our she since so some that the their then there these they this those two until we what ' +
    'when while who why with yet you'
  ).split(' '),
);

/** Whether `word`, capitalised, is one that typically opens a sentence ("On", not "on"). */
export function opensSentence(word: string): boolean {
  return /^\p{Lu}/u.test(word) && sentenceOpeners.has(word.toLowerCase());
}

/**
 * Whether the full stop that ends an abbreviation at `index` also ends the sentence: the text
 * ends, the line ends, a quotation closes, or a typical sentence opener follows. Keeping that
 * full stop in the spoken form keeps the sentence pause.
 */
export function fullStopEndsSentence(text: string, index: number): boolean {
  const rest = text.slice(index, index + 40);
  if (/^["”’)\]]*[ \t]*(?:\r?\n|$)/u.test(rest)) return true;
  if (/^["”’)\]]+/u.test(rest)) return true;
  const next = /^[ \t]+["“]?([\p{L}]+)/u.exec(rest);
  return next !== null && opensSentence(next[1] ?? '');
}
