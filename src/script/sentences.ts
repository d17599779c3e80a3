/**
 * Sentence splitting: Intl.Segmenter, corrected for abbreviations. The segmenter ends a sentence
 * at any full stop followed by a space and a capital letter or digit, so it cuts "Gen. Smith",
 * "Jan. 5", "J. R. R. Tolkien" and "the U.S. Army". We glue such pieces back together.
 *
 * A quotation of several sentences is kept whole when it is part of a longer sentence:
 * “We waited. Then the water came back,” she said. (a split would leave "Then the water came
 * back,” she said." as a sentence of its own). A quotation of whole sentences that closes with
 * its own full stop (“We need more. Much more.” The council…) is still read sentence by sentence.
 */
import { opensSentence } from './normalize/en/context.js';
import { findQuotations } from './quotes.js';

/** Abbreviations that never end a sentence: titles, months, "St.", "Mt.". */
const alwaysContinues = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'cmdr', 'cpl',
  'sen', 'rep', 'gov', 'pres', 'rev', 'fr', 'hon', 'st', 'mt', 'ft', 'vol', 'fig',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'vs', 'approx', 'dept', 'univ', 'ave', 'blvd',
]);

/** "No. 5", "Nos. 3 and 4", but "the answer was no. Then..." ends a sentence. */
const beforeNumber = new Set(['no', 'nos']);

/**
 * Abbreviations that may also end a sentence ("...in the U.S. The next day..."): countries,
 * times of day, company suffixes, initials. After these we split only when the next word is one
 * that typically opens a sentence.
 */
const mayEndSentence = new Set([
  'u.s', 'u.k', 'u.n', 'e.u', 'u.s.a', 'a.m', 'p.m', 'inc', 'ltd', 'corp', 'co', 'jr', 'sr', 'etc',
]);

/** Made on first use: building it costs ~10 ms, which `newscast render` (a script already split) never needs. */
let segmenter: Intl.Segmenter | undefined;

/** Splits a paragraph into sentences, trimmed, none empty. */
export function splitSentences(paragraph: string): string[] {
  return [...sentencesOf(paragraph)];
}

/** Sentences held while a quotation is open, at most: an unclosed quote must not swallow a paragraph. */
const maxHeldSentences = 4;
const maxHeldLength = 400;

/** The same sentences one at a time: the segmenter goes only as far as the caller reads. */
export function* sentencesOf(paragraph: string): Generator<string> {
  let held: string[] = [];
  let quoteOpen = false;
  for (const sentence of sentencesAtFullStops(paragraph)) {
    const openedBefore = quoteOpen;
    const quotes = findQuotations(sentence, openedBefore);
    quoteOpen = quotes.openAtEnd;
    if (held.length === 0) {
      if (!openedBefore && quoteOpen) held = [sentence]; // a quotation opens: wait for its close
      else yield sentence;
      continue;
    }
    held.push(sentence);
    if (quoteOpen && held.length < maxHeldSentences && held.join(' ').length < maxHeldLength) continue;
    const closedAt = quoteOpen ? undefined : quotes.spans[0]?.[1];
    if (closedAt !== undefined && closesInsideSentence(sentence, closedAt)) yield held.join(' ');
    else yield* held;
    held = [];
  }
  yield* held;
}

/**
 * Whether the quotation closing just before `end` is part of a sentence that goes on: it ends
 * on a comma, dash or colon (“…came back,” she said) or no stop at all, or lower-case words
 * follow (“…a disgrace” and walked out).
 */
function closesInsideSentence(sentence: string, end: number): boolean {
  const beforeMark = sentence.slice(0, end - 1).trimEnd().replace(/['’]+$/u, '').at(-1) ?? ''; // past a nested quote's close
  return !/[.!?…]/u.test(beforeMark) || /^\s*\p{Ll}/u.test(sentence.slice(end));
}

/** Sentences as the segmenter cuts them, glued back together after abbreviations. */
function* sentencesAtFullStops(paragraph: string): Generator<string> {
  let pending = '';
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  for (const { segment } of segmenter.segment(paragraph)) {
    if (pending !== '' && continuesSentence(pending, segment)) {
      pending += segment;
      continue;
    }
    if (pending.trim() !== '') yield pending.trim();
    pending = segment;
  }
  if (pending.trim() !== '') yield pending.trim();
}

/** Whether `next` was wrongly cut off from `previous` after an abbreviation. */
function continuesSentence(previous: string, next: string): boolean {
  const lastWord = /(\S+)\.\s*$/.exec(previous)?.[1];
  if (lastWord === undefined) return false;
  const abbreviation = lastWord.replace(/^[("“‘']+/, '').toLowerCase();
  if (alwaysContinues.has(abbreviation)) return true;
  if (beforeNumber.has(abbreviation)) return /^\s*\d/.test(next);
  const isInitial = /^[a-z]$/.test(abbreviation);
  if (!isInitial && !mayEndSentence.has(abbreviation)) return false;
  const nextWord = /^\s*["“‘']?([\p{L}\p{N}]+)/u.exec(next)?.[1];
  if (nextWord === undefined) return false;
  return !opensSentence(nextWord);
}
