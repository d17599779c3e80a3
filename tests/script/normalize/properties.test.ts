import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normalize, spokenText } from '../../../src/script/normalize/index.js';
import type { SpokenPiece } from '../../../src/script/normalize/index.js';

/** Fragments of news copy, so random texts often hit the rules (plain random strings rarely do). */
const newsFragments = [
  ' ', ' ', '\n', ',', '.', '-', '–', '/', ':', '(', ')', '%', '$', '£', '€', '¥', '&', '#', '@', '+', "'", '’', '°',
  '0', '1', '7', '12', '21', '130', '2,500', '1.13', '2003', '2014', '1990', '19:30', '7:30', 'bn', 'm', 'km', 'C',
  's', 'st', 'th', 'a.m.', 'p.m.', 'U.S.', 'US', 'NATO', 'FBI', 'AC', 'F', 'MH', 'COVID', 'Gen.', 'St.', 'No.',
  'Nov.', 'November', 'May', 'Tuesday', 'II', 'VIII', 'I', 'World War', 'Henry', 'Pope', 'the', 'Iraq', 'said',
  'Boeing', 'Rappler.com', 'etc.', 'Mr.', '½', 'é', 'Ünal', 'ﬁ', '😀', '\u0301', '٣', 'Σ',
  // Shapes of the issue-10 rules: resolutions, rates, titles without a stop, exponents, cased months.
  '1080', 'p', 'pm', 'PM', '4', 'k', 'K', '/hr', '/mo', 'rd', 'rds', 'Mr', 'Lt', 'Col', 'St', 'Sept', 'july',
  'JULY', '^', '⁹', '⁻', '²', '³', 'KM', '/h', 'x', '2008', '9', '/24', '.30', ':05', 'RTX', 'V', 'Auto', 'King',
  // A capital letter outside the Basic Multilingual Plane (two UTF-16 code units).
  '𝐀',
];

const newsLikeText = fc.array(fc.constantFrom(...newsFragments), { maxLength: 40 }).map((parts) => parts.join(''));
const anyUnicodeText = fc.string({ unit: 'binary', maxLength: 80 });
const anyText = fc.oneof(newsLikeText, anyUnicodeText, fc.string({ maxLength: 80 }));

function changedRanges(pieces: SpokenPiece[]): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const piece of pieces) {
    const end = offset + piece.written.length;
    if (piece.spoken !== piece.written) ranges.push([offset, end]);
    offset = end;
  }
  return ranges;
}

const isLetter = (character: string | undefined) => character !== undefined && /[\p{L}\p{M}]/u.test(character);

describe('normalize properties', () => {
  test('pieces concatenate back to the input exactly', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(normalize(text).map((piece) => piece.written).join('')).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  test('words outside normalized tokens survive into the spoken text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const ranges = changedRanges(normalize(text));
        const spoken = spokenText(text);
        for (const word of text.matchAll(/\p{L}+/gu)) {
          const start = word.index;
          const end = start + word[0].length;
          const touchesChange = ranges.some(([from, to]) => from < end && start < to);
          if (!touchesChange) expect(spoken).toContain(word[0]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('changed pieces are plain words: no digits, no symbols', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const piece of normalize(text)) {
          if (piece.spoken === piece.written) continue;
          expect(piece.spoken).not.toMatch(/\p{Nd}/u);
          expect(piece.spoken).toMatch(/^[\p{L}\s'’\-,.]*$/u);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('a normalized token never starts or ends inside a word', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const [from, to] of changedRanges(normalize(text))) {
          expect(isLetter(text[from - 1]) && isLetter(text[from])).toBe(false);
          expect(isLetter(text[to - 1]) && isLetter(text[to])).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalize edge cases', () => {
  test('an empty text has no pieces', () => {
    expect(normalize('')).toEqual([]);
    expect(spokenText('')).toBe('');
  });

  test('a language without rules gets the text back unchanged', () => {
    expect(normalize('Le 21 novembre', 'fr')).toEqual([{ written: 'Le 21 novembre', spoken: 'Le 21 novembre' }]);
  });

  test('regional English variants use the English rules', () => {
    expect(spokenText('It cost £5.', 'en-GB')).toBe('It cost five pounds.');
  });

  test('ordinary words are pieces whose spoken form equals the written one', () => {
    expect(normalize('The FBI said 5 people died.')).toEqual([
      { written: 'The ', spoken: 'The ' },
      { written: 'FBI', spoken: 'F B I' },
      { written: ' said ', spoken: ' said ' },
      { written: '5', spoken: 'five' },
      { written: ' people died.', spoken: ' people died.' },
    ]);
  });

  test('a spoken form glued to a word gets a space', () => {
    expect(spokenText('abc123def')).toBe('abc one hundred twenty-three def');
  });

  test('a capital outside the Basic Multilingual Plane is spelled whole, never as two halves', () => {
    // Halves of a surrogate pair in the spoken text would be ill-formed in the SSML.
    expect(spokenText('The C𝐀 unit and FBI𝐀12.')).toBe('The C 𝐀 unit and F B I 𝐀 twelve.');
  });

  test('very long digit strings are read digit by digit', () => {
    expect(spokenText('ID 12345678901234567890')).toBe(
      'ID one two three four five six seven eight nine zero one two three four five six seven eight nine zero',
    );
  });
});
