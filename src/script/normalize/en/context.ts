/** Small look-arounds shared by the English rules. */

/** The word just before `index`, skipping spaces (not punctuation): "in St." → "in". */
export function wordBefore(text: string, index: number): string {
  const match = /([\p{L}\p{M}\p{N}'’.]+)\s*$/u.exec(text.slice(Math.max(0, index - 80), index));
  return match?.[1] ?? '';
}

/** The word just after `index`, skipping spaces (not punctuation). */
export function wordAfter(text: string, index: number): string {
  const match = /^\s*([\p{L}\p{M}\p{N}'’]+)/u.exec(text.slice(index, index + 80));
  return match?.[1] ?? '';
}

/** Whether the word after `index` is on the same line and starts with a capital letter. */
export function capitalizedWordFollows(text: string, index: number): boolean {
  return /^[ \t]+\p{Lu}/u.test(text.slice(index, index + 4));
}

/** Words that very often open an English news sentence; used to tell "the U.S. The …" apart. */
const sentenceOpeners = new Set(
  (
    'A An And As At After Before But By During For From He Her His However I If In It Its ' +
    'Meanwhile Officials On One Our She Since So Some That The Their There These They This ' +
    'Those Two We When While Who With Yet You'
  ).split(' '),
);

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
  return next !== null && sentenceOpeners.has(next[1] ?? '');
}
