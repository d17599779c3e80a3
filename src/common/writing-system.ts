/**
 * Which writing systems (Unicode scripts) a text's letters are in, and which ones a language is
 * written in: enough to tell whether a voice can read a text at all. Languages are looked up in
 * the runtime's own CLDR data (Intl.Locale.maximize: "ar" → Arab, "cmn" → Hans), not a table here.
 */

/** The scripts told apart, by their Unicode names (as `\p{Script=…}` takes them). */
const scripts = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari', 'Bengali',
  'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Tibetan',
  'Myanmar', 'Georgian', 'Hangul', 'Ethiopic', 'Khmer', 'Mongolian', 'Hiragana', 'Katakana', 'Han',
] as const;
export type WritingSystem = (typeof scripts)[number] | 'other';

const patterns = scripts.map((script) => [script, new RegExp(`^\\p{Script=${script}}$`, 'u')] as const);

/** ISO 15924 codes (CLDR's) to the Unicode scripts they cover; the rest are one script each. */
const isoCodes: Record<string, WritingSystem[]> = {
  Latn: ['Latin'], Grek: ['Greek'], Cyrl: ['Cyrillic'], Armn: ['Armenian'], Hebr: ['Hebrew'], Arab: ['Arabic'],
  Syrc: ['Syriac'], Thaa: ['Thaana'], Deva: ['Devanagari'], Beng: ['Bengali'], Guru: ['Gurmukhi'], Gujr: ['Gujarati'],
  Orya: ['Oriya'], Taml: ['Tamil'], Telu: ['Telugu'], Knda: ['Kannada'], Mlym: ['Malayalam'], Sinh: ['Sinhala'],
  Thai: ['Thai'], Laoo: ['Lao'], Tibt: ['Tibetan'], Mymr: ['Myanmar'], Geor: ['Georgian'], Hang: ['Hangul'],
  Ethi: ['Ethiopic'], Khmr: ['Khmer'], Mong: ['Mongolian'], Hira: ['Hiragana'], Kana: ['Katakana'],
  Hans: ['Han'], Hant: ['Han'], Hani: ['Han'], Jpan: ['Han', 'Hiragana', 'Katakana'], Kore: ['Hangul', 'Han'],
};

/** The writing system of one letter. */
export function writingSystemOf(letter: string): WritingSystem {
  if (/^[A-Za-z]$/.test(letter)) return 'Latin';
  for (const [script, pattern] of patterns) if (pattern.test(letter)) return script;
  return 'other';
}

/** How many letters of `text` are in each writing system (digits, punctuation and marks are not letters). */
export function countLetters(text: string): Map<WritingSystem, number> {
  const counts = new Map<WritingSystem, number>();
  for (const [letter] of text.matchAll(/\p{L}/gu)) {
    const script = writingSystemOf(letter);
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return counts;
}

/**
 * The writing systems a BCP 47 language is written in, its main one first ("en-US" → Latin,
 * "ko" → Hangul then Han, "ja" → Han and kana); empty when unknown.
 */
export function writingSystemsOf(language: string): WritingSystem[] {
  try {
    const script = new Intl.Locale(language).maximize().script;
    return (script ? isoCodes[script] : undefined) ?? [];
  } catch {
    return [];
  }
}

/** A name for messages: "Arabic", "Han (Chinese characters)". */
export function describeWritingSystem(script: WritingSystem): string {
  const names: Partial<Record<WritingSystem, string>> = { Han: 'Han (Chinese characters)', Hangul: 'Hangul (Korean)', Hiragana: 'Hiragana (Japanese)', Katakana: 'Katakana (Japanese)', other: 'an unrecognised' };
  return names[script] ?? script;
}
