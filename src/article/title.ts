/**
 * How an article gets its title, in order:
 * 1. the title the user gave (`--title`);
 * 2. a title line: a first paragraph that is one short line (under 100 characters) without a
 *    closing full stop, as many exports put the headline;
 * 3. a headline made from the first sentence of the story: the sentence cut at a word boundary
 *    to under 90 characters, with no dangling "the/of/and" and no trailing punctuation.
 */
import { splitSentences } from '../script/sentences.js';
import { normalizeWhitespace } from './text-cleanup.js';

export const maxTitleLineLength = 100;
export const maxHeadlineLength = 90;

/** Words a headline must not end on. */
const danglingWords = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by',
  'with', 'as', 'into', 'onto', 'over', 'under', 'about', 'after', 'before', 'against', 'between',
  'than', 'that', 'which', 'who', 'whose', 'whom', 'its', 'his', 'her', 'their', 'our', 'my', 'your',
  'this', 'these', 'those', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will',
  'would', 'could', 'should', 'may', 'might', 'not', 'so', 'if', 'when', 'while', 'where', 'said',
]);

/** Whether a first paragraph reads as a title line rather than the start of the story. */
export function isTitleLine(paragraph: string): boolean {
  const text = paragraph.trim();
  return (
    text !== '' &&
    !text.includes('\n') &&
    text.length < maxTitleLineLength &&
    !/[.:;,]$/.test(text) && // a closing full stop (or an unfinished clause) marks prose
    /\p{L}/u.test(text)
  );
}

/**
 * A headline from the story's first paragraph: its first sentence, shortened. The sentence's
 * opening clause (up to the first comma, dash or semicolon) is preferred when it fits, headline
 * style without a leading article if need be; otherwise the sentence is cut at a word boundary.
 */
export function headlineFromLead(leadParagraph: string): string {
  const firstSentence = normalizeWhitespace(splitSentences(leadParagraph)[0] ?? leadParagraph);
  const clause = firstSentence.split(/[,;:]\s|\s[—–-]\s/u)[0] ?? firstSentence;
  const withoutArticle = clause.replace(/^(?:the|a|an)\s+(\S)/i, (_, first: string) => first.toUpperCase());
  const fitting = [clause, withoutArticle].find((text) => text.length < maxHeadlineLength && text.length >= 30);
  return shortenToHeadline(fitting && fitting !== firstSentence ? fitting : firstSentence);
}

/** Cuts `sentence` at a word boundary to under `maxLength` characters, tidily. */
export function shortenToHeadline(sentence: string, maxLength = maxHeadlineLength): string {
  const words = normalizeWhitespace(sentence).split(' ');
  const kept: string[] = [];
  for (const word of words) {
    if ([...kept, word].join(' ').length >= maxLength) break;
    kept.push(word);
  }
  if (kept.length === 0) kept.push(words[0]?.slice(0, maxLength - 1) ?? '');
  return trimHeadlineEnd(kept);
}

/** Drops trailing punctuation and dangling function words, e.g. "… strikes in the" → "… strikes". */
function trimHeadlineEnd(words: string[]): string {
  const kept = [...words];
  for (;;) {
    const last = kept.at(-1);
    if (last === undefined) return '';
    const bare = last.replace(/[\s.,;:!?…"“”‘’'()\[\]—–-]+$/u, '').replace(/^["“‘'(]+/u, '');
    if (kept.length > 1 && (bare === '' || danglingWords.has(bare.toLowerCase()))) {
      kept.pop();
      continue;
    }
    kept[kept.length - 1] = last.replace(/[\s.,;:!?…"“”‘’'(\[—–-]+$/u, '');
    return balanceQuotes(kept.join(' '));
  }
}

/** Removes the last opening quote when the cut left it unclosed. */
function balanceQuotes(headline: string): string {
  let result = headline;
  if (count(result, /“/g) > count(result, /”/g)) result = result.replace(/“(?!.*“)/u, '');
  if (count(result, /"/g) % 2 === 1) result = result.replace(/"(?!.*")/u, '');
  return normalizeWhitespace(result);
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
