/** Estimating how long text takes to speak, for chapter planning. */

/** Words per second of the default voice (flite kal16 at rate 1), measured on news text. */
export const WORDS_PER_SECOND = 2.7;

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Estimated seconds to speak `text` at the default rate. */
export function speakingSeconds(text: string): number {
  return countWords(text) / WORDS_PER_SECOND;
}
