import { describe, expect, test } from 'vitest';
import { forTerminal } from '../src/terminal-text.js';

describe('forTerminal', () => {
  test('shows escape sequences, BEL, C1 controls and bidi overrides as visible escapes', () => {
    expect(forTerminal('a\u001b[2Jb\u0007c\u009b31md\u202ee\u2066f')).toBe('a\\x1B[2Jb\\x07c\\x9B31md\\u202Ee\\u2066f');
  });

  test('leaves ordinary text alone, and newlines only when asked', () => {
    expect(forTerminal('Ain al-Asad – “quoted” ✓ العربية')).toBe('Ain al-Asad – “quoted” ✓ العربية');
    expect(forTerminal('one\ntwo\tthree')).toBe('one\\x0Atwo\\x09three');
    expect(forTerminal('one\ntwo', { keepNewlines: true })).toBe('one\ntwo');
  });
});
