import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { findCoverFont } from '../../src/audio/fonts.js';

test('the cover font comes with the npm packages, so a machine without fonts still gets a titled cover', () => {
  const font = findCoverFont();
  expect(font).toMatch(/dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans-Bold\.ttf$/);
  expect(existsSync(font!)).toBe(true);
  expect(findCoverFont('/my/font.ttf')).toBe('/my/font.ttf');
});
