import { describe, expect, test } from 'vitest';
import { firstControlCharacter, refuseControlCharactersInOption, withoutControlCharacters } from '../../src/common/control-characters.js';

describe('control characters in one-line values', () => {
  test('the first one is named by code point; tab and line ends count unless allowed', () => {
    expect(firstControlCharacter('Evening news')).toBeUndefined();
    expect(firstControlCharacter('Evening\u001b[31m news\u0007')).toBe('U+001B');
    expect(firstControlCharacter('Night\u009bShow')).toBe('U+009B');
    expect(firstControlCharacter('a\u202eb')).toBe('U+202E');
    expect(firstControlCharacter('one\ntwo')).toBe('U+000A');
    expect(firstControlCharacter('one\ntwo', { lineBreaks: true })).toBeUndefined();
    expect(firstControlCharacter('one\ntwo\u0085', { lineBreaks: true })).toBe('U+0085');
  });

  test('stripping keeps the words and their spaces', () => {
    expect(withoutControlCharacters('Harbour\u009b2J news')).toBe('Harbour2J news');
    expect(withoutControlCharacters(' a \u0007 b\u202e ')).toBe('a b');
  });

  test('an option holding one is refused as a usage error', () => {
    expect(() => refuseControlCharactersInOption('--title', 'a\u001bb')).toThrow('--title holds a control character (U+001B).');
    expect(() => refuseControlCharactersInOption('--title', undefined)).not.toThrow();
  });
});
