import type { MatchContext, Rule, SpokenPiece } from './types.js';

/** Letters, combining marks and digits: characters that glue into one word. */
const wordCharacter = /[\p{L}\p{M}\p{N}]/u;
/** The same, as the last code point of a string (a letter outside the BMP is two code units). */
const endsWithWordCharacter = /[\p{L}\p{M}\p{N}]$/u;
/** A run of letters (with their combining marks) is never split: rules only start at its head. */
const letterRun = /[\p{L}\p{M}]+/uy;
const whitespaceRun = /\s+/uy;

/**
 * Walks the text left to right. At each word start or symbol, the first rule whose pattern
 * matches there (and does not decline) turns that stretch into a spoken piece; everything else
 * is kept as written. Language-independent: the rules carry all the knowledge.
 */
export function scan(text: string, rules: readonly Rule[]): SpokenPiece[] {
  const pieces: SpokenPiece[] = [];
  let plainStart = 0;
  let index = 0;
  while (index < text.length) {
    const hit = isWhitespace(text, index) ? null : firstMatch(text, index, rules);
    if (hit !== null) {
      if (plainStart < index) pieces.push(plain(text.slice(plainStart, index)));
      pieces.push({ written: text.slice(index, hit.end), spoken: padded(text, index, hit.end, hit.spoken) });
      index = hit.end;
      plainStart = index;
      continue;
    }
    index = skipChunk(text, index);
  }
  if (plainStart < text.length) pieces.push(plain(text.slice(plainStart)));
  return pieces;
}

function plain(written: string): SpokenPiece {
  return { written, spoken: written };
}

function isWhitespace(text: string, index: number): boolean {
  whitespaceRun.lastIndex = index;
  return whitespaceRun.test(text);
}

function firstMatch(text: string, start: number, rules: readonly Rule[]): { end: number; spoken: string } | null {
  const code = text.charCodeAt(start);
  const atDigit = code >= 48 && code <= 57;
  let afterWord: boolean | undefined;
  for (const rule of rules) {
    if (rule.startsWith === 'digit' && !atDigit) continue;
    if (rule.freeStart) {
      afterWord ??= start > 0 && endsWithWordCharacter.test(text.slice(Math.max(0, start - 2), start));
      if (afterWord) continue;
    }
    rule.pattern.lastIndex = start;
    const match = rule.pattern.exec(text);
    // An empty match would never advance the scan: treat it as no match.
    if (match === null || match[0].length === 0) continue;
    const context: MatchContext = { text, start, end: start + match[0].length };
    const spoken = rule.speak(match, context);
    if (spoken !== null) return { end: context.end, spoken };
  }
  return null;
}

/** Moves past one unit that no rule wanted: a letter run, a whitespace run, or one code point. */
function skipChunk(text: string, index: number): number {
  for (const run of [letterRun, whitespaceRun]) {
    run.lastIndex = index;
    if (run.test(text)) return run.lastIndex;
  }
  const codePoint = text.codePointAt(index) ?? 0;
  return index + (codePoint > 0xffff ? 2 : 1);
}

/**
 * "abc123" becomes "abc one hundred twenty-three", not "abcone hundred…": a spoken form glued
 * to a neighbouring word gets a space on that side.
 */
function padded(text: string, start: number, end: number, spoken: string): string {
  if (spoken === text.slice(start, end)) return spoken;
  let result = spoken;
  if (start > 0 && wordCharacter.test(text[start - 1] ?? '') && wordCharacter.test(result[0] ?? '')) result = ' ' + result;
  if (end < text.length && wordCharacter.test(text[end] ?? '') && /[\p{L}.]$/u.test(result)) result = result + ' ';
  return result;
}
