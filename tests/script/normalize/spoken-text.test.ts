import { describe, expect, test } from 'vitest';
import { spokenText } from '../../../src/script/normalize/index.js';
import { allCases } from './cases.js';

describe.each(Object.entries(allCases))('spokenText: %s', (_name, cases) => {
  test.each(cases)('%s', (written, spoken) => {
    expect(spokenText(written)).toBe(spoken);
  });
});

test('the table has at least 200 cases', () => {
  const count = Object.values(allCases).reduce((total, cases) => total + cases.length, 0);
  expect(count).toBeGreaterThanOrEqual(200);
});
