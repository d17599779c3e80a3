import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { spokenText } from '../../../src/script/normalize/index.js';
import { splitSentences } from '../../../src/script/sentences.js';

const article = readFileSync(new URL('../../../examples/us-strikes-iraq.txt', import.meta.url), 'utf8');

/** The sentences as the script stage splits them, so a splitting mistake shows here too. */
const sentences = article.split(/\n\s*\n/).flatMap(splitSentences);

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
