import { expect, test } from 'vitest';
import { countLetters, writingSystemOf, writingSystemsOf } from '../../src/common/writing-system.js';

test('letters are counted by writing system; digits, punctuation and spaces are not letters', () => {
  expect(Object.fromEntries(countLetters('Samir Haddad (سمير حداد), 2024 — 渡轮 Ωμέγα déjà'))).toEqual({ Latin: 15, Arabic: 8, Han: 2, Greek: 5 });
  expect(writingSystemOf('ß')).toBe('Latin');
  expect(writingSystemOf('ん')).toBe('Hiragana');
  expect(writingSystemOf('한')).toBe('Hangul');
});

test("a language's writing systems come from CLDR, its main one first", () => {
  expect(writingSystemsOf('en-GB-x-rp')).toEqual(['Latin']);
  expect(writingSystemsOf('ar')).toEqual(['Arabic']);
  expect(writingSystemsOf('cmn')).toEqual(['Han']);
  expect(writingSystemsOf('ko')).toEqual(['Hangul', 'Han']);
  expect(writingSystemsOf('ru')).toEqual(['Cyrillic']);
  expect(writingSystemsOf('not a language!')).toEqual([]);
});
