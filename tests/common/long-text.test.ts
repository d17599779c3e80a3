import fc from 'fast-check';
import { expect, test } from 'vitest';
import { splitLongText } from '../../src/common/long-text.js';

test('a sentence within the limit is one piece', () => {
  expect(splitLongText('The council voted on Monday.', 80)).toEqual(['The council voted on Monday.']);
});

test('cuts at clause boundaries first, then between words', () => {
  const text = 'The council voted on Monday to add two ferry crossings, after a petition signed by residents; the sailings start in spring — at a cost of $240,000 a year.';
  const pieces = splitLongText(text, 60);
  expect(pieces.join('')).toBe(text);
  expect(pieces.map((piece) => piece.trimEnd())).toEqual([
    'The council voted on Monday to add two ferry crossings,',
    'after a petition signed by residents;',
    'the sailings start in spring — at a cost of $240,000 a year.',
  ]);
  expect(splitLongText('the sailings start in spring — at a cost of $240,000 a year.', 40).map((piece) => piece.trimEnd())).toEqual([
    'the sailings start in spring',
    '— at a cost of $240,000 a year.',
  ]);
  const words = splitLongText('one two three four five six seven eight nine ten eleven twelve', 20);
  expect(words.map((piece) => piece.trimEnd())).toEqual(['one two three four', 'five six seven eight', 'nine ten eleven', 'twelve']);
});

test('any text is cut into pieces within the limit that add up to it exactly', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '—', '-', 'é', '\n'), maxLength: 400 }), fc.integer({ min: 1, max: 50 }), (text, max) => {
      const pieces = splitLongText(text, max);
      expect(pieces.join('')).toBe(text);
      for (const piece of pieces) expect(piece.trimEnd().length).toBeLessThanOrEqual(max);
    }),
  );
});
