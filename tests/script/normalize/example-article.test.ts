import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { spokenText } from '../../../src/script/normalize/index.js';

const article = readFileSync(new URL('../../../examples/us-strikes-iraq.txt', import.meta.url), 'utf8');

/** Sentences: split after . ! or ? (and a closing quote) where a capital or opening quote follows. */
const sentences = article
  .split(/\n+/)
  .flatMap((paragraph) => paragraph.split(/(?<=[.!?][”"’]?)\s+(?=[“"\p{Lu}–])/u))
  .map((sentence) => sentence.trim())
  .filter((sentence) => sentence !== '');

describe('the example article', () => {
  test('has sentences to check', () => {
    expect(sentences.length).toBeGreaterThan(15);
  });

  test.each(sentences)('%s', (sentence) => {
    const spoken = spokenText(sentence);
    expect(spoken).not.toMatch(/\d/);
    // Letters, spaces and basic punctuation (quotes, apostrophes, dashes) only.
    expect(spoken).toMatch(/^[\p{L}\s.,;:?!'’"“”()\-–—]*$/u);
    // No abbreviation with a full stop inside ("U.S.", "a.m.", "Rappler.com").
    expect(spoken).not.toMatch(/\p{L}\.\p{L}/u);
  });

  test('reads the numbers, dates and abbreviations the way a newsreader would', () => {
    const spoken = spokenText(article);
    expect(spoken).toContain('Iraq, January thirteenth, twenty twenty.');
    expect(spoken).toContain('on Tuesday, November twenty-first, in the first');
    expect(spoken).toContain('a U S military A C one thirty aircraft');
    expect(spoken).toContain('the two thousand three U S invasion');
    expect(spoken).toContain('nine hundred troops in Syria and two thousand five hundred in Iraq');
    expect(spoken).toContain('Rappler dot com');
  });
});
