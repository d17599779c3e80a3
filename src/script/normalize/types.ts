/** One stretch of the input: what was written and what the speech engine should say for it. */
export interface SpokenPiece {
  written: string;
  spoken: string;
}

/** Where a rule's match sits, so a rule can look at the words around it. */
export interface MatchContext {
  /** The whole input text. */
  text: string;
  /** Index of the first character of the match. */
  start: number;
  /** Index just past the match. */
  end: number;
}

/**
 * One normalization rule: a sticky regex tried at the scan position, and a function that says
 * the match aloud. Returning null declines the match, so the next rule gets its chance.
 */
export interface Rule {
  name: string;
  /** Must carry the `y` (sticky) and `u` flags: it is tried at exactly one position. */
  pattern: RegExp;
  /**
   * 'digit' when every match starts with an ASCII digit: the scanner then does not try the
   * pattern at other characters (most scan positions are word starts), which keeps the cost of
   * many number rules low.
   */
  startsWith?: 'digit';
  /**
   * True when a match never starts right after a letter, mark or digit ("abc123" has no number
   * at "123" for such a rule). The scanner checks it once per position, instead of a Unicode
   * look-behind in every pattern: each Unicode property in a pattern costs V8 ~0.1-0.3 ms to
   * compile, and that is paid in every run.
   */
  freeStart?: true;
  speak(match: RegExpExecArray, context: MatchContext): string | null;
}

/** Everything a language contributes: its rules, in priority order (first match wins). */
export interface LanguageNormalizer {
  rules: readonly Rule[];
}
