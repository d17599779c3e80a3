/**
 * Cuts an overlong stretch of text into pieces of at most a given length: at clause boundaries
 * (after , ; : or before a dash) where it can, else between words, else (a URL longer than the
 * limit) inside a word. Used where one sentence is too long for one transcript cue or one engine call.
 */

/** Where a new clause may start: after , ; : or a closing bracket, or at a spaced dash. */
export const clauseBoundary = /(?<=[,;:)\]])\s+|\s+(?=[—–-]\s)/gu;

/**
 * Where to end a piece that already holds `before` and may take `room` more characters of `text`:
 * after the last clause of `text` that fits; else right away when `before` ends a clause; else
 * after the last word that fits; else after the next word (a little over), or inside a word
 * longer than a whole piece. 0 means before `text`; undefined, that `text` has no place to cut.
 */
export function cutPoint(text: string, room: number, before: string): number | undefined {
  const fits = (boundary: RegExpMatchArray): boolean => boundary.index! > 0 && boundary.index! <= room;
  const clause = [...text.matchAll(clauseBoundary)].filter(fits).at(-1);
  if (clause) return clause.index! + clause[0].length;
  const started = before.trim() !== '';
  if (started && (/[,;:)\]]\s*$/.test(before) || /^\s*[—–-]\s/.test(text))) return 0;
  const words = [...text.matchAll(/\s+/gu)];
  const word = words.filter(fits).at(-1) ?? (started ? words.find((boundary) => boundary.index! > 0) : undefined);
  if (word) return word.index! + word[0].length;
  if (started && /^\s/.test(text)) return 0;
  return started ? undefined : Math.max(1, room);
}

/**
 * Pieces of `text` of at most `maxLength` characters each, whose concatenation is `text` exactly
 * (the whitespace at each cut ends the piece before it). Text within the limit is one piece.
 */
export function splitLongText(text: string, maxLength: number): string[] {
  if (text.length <= maxLength) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const clause of splitKeepingSpace(text, clauseBoundary)) {
    if (current.length + clause.trimEnd().length <= maxLength) {
      current += clause;
      continue;
    }
    if (current) pieces.push(current);
    current = '';
    if (clause.trimEnd().length <= maxLength) {
      current = clause;
      continue;
    }
    // One clause longer than a piece: between words.
    for (const word of splitKeepingSpace(clause, /\s+/gu)) {
      if (current.length + word.trimEnd().length <= maxLength) {
        current += word;
        continue;
      }
      if (current) pieces.push(current);
      current = '';
      let rest = word;
      while (rest.trimEnd().length > maxLength) {
        pieces.push(rest.slice(0, maxLength));
        rest = rest.slice(maxLength);
      }
      current = rest;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** `text` cut after each match of `separator`, the separator kept at the end of the piece before it. */
function splitKeepingSpace(text: string, separator: RegExp): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const match of text.matchAll(separator)) {
    const end = match.index + match[0].length;
    if (end > start && match.index > start) {
      pieces.push(text.slice(start, end));
      start = end;
    }
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}
