/** The simple lexicon format: a JSON object from written form to what to say, `{ "Al-Sudani": "al soo dah nee" }`. */
import { NewscastError } from '../../errors.js';
import type { Lexicon, LexiconEntry } from './lexicon.js';

export function parseJsonLexicon(text: string, name: string): Lexicon {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new NewscastError('input', `${name} is not valid JSON: ${(error as Error).message}.`, 'A JSON lexicon is one object: { "Al-Sudani": "al soo dah nee" }.', { cause: error });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new NewscastError('input', `${name} must hold one JSON object of "word": "how to say it" pairs.`, 'For example: { "Al-Sudani": "al soo dah nee" }.');
  }
  const lexicon = new Map<string, LexiconEntry>();
  for (const [grapheme, alias] of Object.entries(data)) {
    if (typeof alias !== 'string' || alias.trim() === '' || grapheme.trim() === '') {
      throw new NewscastError('input', `${name}: the entry "${grapheme}" needs a non-empty string to say.`, 'Each value is the words to say, e.g. "al soo dah nee".');
    }
    lexicon.set(grapheme.trim(), { grapheme: grapheme.trim(), alias: alias.replace(/\s+/g, ' ').trim() });
  }
  return lexicon;
}
