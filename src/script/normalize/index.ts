/**
 * Text normalization for speech: turns numbers, dates, money, abbreviations and acronyms into
 * the words a newsreader would say, piece by piece, so the script stage can keep the written
 * text and give the engine the spoken one (SSML `<sub alias="spoken">written</sub>`).
 */
import { english } from './en/index.js';
import { scan } from './scanner.js';
import type { LanguageNormalizer, SpokenPiece } from './types.js';

export type { SpokenPiece } from './types.js';

/** Languages with rules, by primary language subtag. Add a language by adding its folder here. */
const languages: Record<string, LanguageNormalizer> = {
  en: english,
};

/** "en-GB" and "EN" use the English rules; a language with no rules gets none. */
function normalizerFor(language: string): LanguageNormalizer | undefined {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return languages[primary];
}

/**
 * Splits text into pieces whose written forms concatenate back to the input exactly; spoken is
 * what the engine should say (equal to written for ordinary words). A language without rules
 * gets the text back as one unchanged piece, since a wrong expansion is worse than none.
 */
export function normalize(text: string, language = 'en'): SpokenPiece[] {
  if (text === '') return [];
  const normalizer = normalizerFor(language);
  if (normalizer === undefined) return [{ written: text, spoken: text }];
  return scan(text, normalizer.rules);
}

/** The words to be spoken for a text: pieces' spoken forms joined, whitespace collapsed. */
export function spokenText(text: string, language = 'en'): string {
  return normalize(text, language)
    .map((piece) => piece.spoken)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The language codes that have rules (for callers that want to warn about others). */
export function supportedLanguages(): string[] {
  return Object.keys(languages);
}
