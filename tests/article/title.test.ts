import { describe, expect, test } from 'vitest';
import { parsePlainText } from '../../src/article/plain-text.js';
import { headlineFromLead, isTitleLine, shortenToHeadline } from '../../src/article/title.js';

describe('title rules', () => {
  const text = 'Harbour town approves new ferry timetable\n\nThe council voted 7-2 on Monday to add two ferry crossings.';

  test('1. --title wins, and the title line still leaves the body', () => {
    const article = parsePlainText(text, { title: '  Given   title ' });
    expect(article.title).toBe('Given title');
    expect(article.sections[0]?.paragraphs).toEqual(['The council voted 7-2 on Monday to add two ferry crossings.']);
  });

  test('2. a short first line without a full stop', () => {
    const article = parsePlainText(text);
    expect(article.title).toBe('Harbour town approves new ferry timetable');
    expect(article.sections[0]?.paragraphs).toHaveLength(1);
  });

  test('3. otherwise a headline from the first sentence, which stays in the body', () => {
    const lead =
      'Officials in the northern province of Kaleva confirmed on Wednesday that the long-delayed bridge over the river would finally open to traffic next month. Work began in 2019.';
    const article = parsePlainText(lead);
    expect(article.title).toBe('Officials in the northern province of Kaleva confirmed on Wednesday that the long-delayed');
    expect(article.sections[0]?.paragraphs[0]).toBe(lead);
  });

  test('isTitleLine', () => {
    expect(isTitleLine('Harbour town approves new ferry timetable')).toBe(true);
    expect(isTitleLine('Is this the end of cash?')).toBe(true);
    expect(isTitleLine('The council met on Monday.')).toBe(false);
    expect(isTitleLine('x'.repeat(100))).toBe(false);
  });

  test('headlines are cut under 90 characters, without dangling words or punctuation', () => {
    const headline = shortenToHeadline(
      'The minister said that the government would review the plans for the new airport and the railway link to the city of Northam.',
    );
    expect(headline.length).toBeLessThan(90);
    expect(headline).toBe('The minister said that the government would review the plans for the new airport');
    expect(shortenToHeadline('Rates rise again.')).toBe('Rates rise again');
    expect(shortenToHeadline('A b c d e f g h i j k l m n o p q r s t u v w x y z of the and', 52)).not.toMatch(/\b(of|the|and)$/);
  });

  test('the opening clause is preferred when it fits', () => {
    expect(headlineFromLead('The central bank raised interest rates for a fifth time, citing stubborn inflation in services and wages.')).toBe(
      'The central bank raised interest rates for a fifth time',
    );
  });
});
