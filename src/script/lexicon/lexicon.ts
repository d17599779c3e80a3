/**
 * Pronunciation lexicons: how particular words (mostly names) are to be said. An entry gives an
 * alias (a respelling the engines can say, written as `<sub alias>`) or a phoneme string
 * (`<phoneme>`; no engine here speaks IPA, so the renderer reads the written word instead).
 *
 * Matching is whole-word and case-sensitive ("Anbar", not "anbar" inside another word), except
 * that an entry written in lower case also matches with a capital first letter, as at the
 * start of a sentence ("al-Asad" → "Al-Asad"). The longest entry at a position wins. A
 * possessive "’s" is matched with the word, so the alias is said with it ("hez bah lah's").
 */

export interface LexiconEntry {
  grapheme: string;
  /** What to say instead: plain words. */
  alias?: string;
  phoneme?: { ph: string; alphabet: string };
}

/** Entries by grapheme. */
export type Lexicon = ReadonlyMap<string, LexiconEntry>;

export interface LexiconMatch {
  start: number;
  end: number;
  entry: LexiconEntry;
  /** "’s" or "'s" when the match is a possessive ("Hezbollah’s"): said after the alias. */
  possessive?: string;
}

/** Later lexicons win: a user's file overrides the default entries for the same grapheme. */
export function mergeLexicons(...lexicons: Lexicon[]): Lexicon {
  const merged = new Map<string, LexiconEntry>();
  for (const lexicon of lexicons) for (const [grapheme, entry] of lexicon) merged.set(grapheme, entry);
  return merged;
}

const matchers = new WeakMap<Lexicon, { pattern: RegExp; byForm: Map<string, LexiconEntry> } | null>();

/** Every whole-word occurrence of a lexicon entry in `text`, left to right, not overlapping. */
export function findLexiconMatches(text: string, lexicon: Lexicon): LexiconMatch[] {
  const matcher = matcherFor(lexicon);
  if (!matcher) return [];
  const matches: LexiconMatch[] = [];
  for (const match of text.matchAll(matcher.pattern)) {
    const possessive = match.groups?.['possessive'];
    const entry = matcher.byForm.get(possessive ? match[0].slice(0, -possessive.length) : match[0]);
    if (entry === undefined || match.index === undefined) continue;
    const found: LexiconMatch = { start: match.index, end: match.index + match[0].length, entry };
    if (possessive) found.possessive = possessive;
    matches.push(found);
  }
  return matches;
}

function matcherFor(lexicon: Lexicon): { pattern: RegExp; byForm: Map<string, LexiconEntry> } | null {
  const cached = matchers.get(lexicon);
  if (cached !== undefined) return cached;
  const byForm = new Map<string, LexiconEntry>();
  for (const [grapheme, entry] of lexicon) {
    const capitalised = grapheme.charAt(0).toUpperCase() + grapheme.slice(1);
    if (capitalised !== grapheme && !lexicon.has(capitalised)) byForm.set(capitalised, entry);
    byForm.set(grapheme, entry);
  }
  // Longest first, so "Ain al-Asad" wins over "al-Asad" at the same place.
  const forms = [...byForm.keys()].filter((form) => form !== '').sort((a, b) => b.length - a.length);
  const matcher = forms.length === 0 ? null : {
    pattern: new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${forms.map(escapeRegExp).join('|')})(?<possessive>['’]s)?(?![\\p{L}\\p{M}\\p{N}])`, 'gu'),
    byForm,
  };
  matchers.set(lexicon, matcher);
  return matcher;
}

function escapeRegExp(text: string): string {
  // Only syntax characters: with the `u` flag, escaping anything else ("\-") is an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
