import { describe, expect, test } from 'vitest';
import { spokenText } from '../../../src/script/normalize/index.js';
import { spokenLine } from '../../../src/script/spoken-pieces.js';
import { allCases } from './cases.js';

describe.each(Object.entries(allCases))('spokenText: %s', (_name, cases) => {
  test.each(cases)('%s', (written, spoken) => {
    expect(spokenText(written)).toBe(spoken);
  });
});

test('the table has at least 550 cases', () => {
  const count = Object.values(allCases).reduce((total, cases) => total + cases.length, 0);
  expect(count).toBeGreaterThanOrEqual(550);
});

test('the script path (pieces, lexicon, SSML <sub>) says exactly what the table expects', () => {
  // `newscast normalize` and the renderer go through spokenLine, not spokenText: the table must hold for them too.
  for (const cases of Object.values(allCases)) {
    for (const [written, spoken] of cases) expect(spokenLine(written, { lexicon: new Map() })).toBe(spoken);
  }
});
