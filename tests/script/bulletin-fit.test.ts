import { describe, expect, test } from 'vitest';
import type { Article } from '../../src/article/article.js';
import { firstParagraphs, fitParagraphs, paragraphCount, paragraphSeconds } from '../../src/script/bulletin-fit.js';

const article: Article = {
  title: 'Harbour works',
  sections: [
    { paragraphs: ['The harbour wall will be rebuilt next year.', 'Work starts in March.'] },
    { heading: 'Cost', paragraphs: ['The council has set aside four million pounds.', 'Grants may cover half of it.'] },
  ],
};

describe('firstParagraphs', () => {
  test('keeps paragraphs in reading order across sections, and a heading only with its paragraphs', () => {
    expect(paragraphCount(article)).toBe(4);
    expect(firstParagraphs(article, 2).sections).toEqual([article.sections[0]]);
    expect(firstParagraphs(article, 3).sections).toEqual([article.sections[0], { heading: 'Cost', paragraphs: ['The council has set aside four million pounds.'] }]);
    expect(firstParagraphs(article, 9)).toEqual(article);
  });

  test("a section's heading counts with its first paragraph", () => {
    const seconds = paragraphSeconds(article);
    expect(seconds).toHaveLength(4);
    const withoutHeading = paragraphSeconds({ ...article, sections: [article.sections[0]!, { paragraphs: article.sections[1]!.paragraphs }] });
    expect(seconds[2]!).toBeGreaterThan(withoutHeading[2]!);
    expect(seconds[3]).toBe(withoutHeading[3]);
  });
});

describe('fitParagraphs', () => {
  const stories = [
    [10, 20, 20, 20],
    [10, 5],
    [10, 30, 10],
  ];

  test('every story keeps its first paragraph, even over the budget', () => {
    expect(fitParagraphs(stories, 0)).toEqual([1, 1, 1]);
  });

  test('then every story its next paragraph while that fits, and the first stories one more', () => {
    // 30 for the first paragraphs; +20 (story 1) +5 (story 2), story 3's 30 does not fit in 60.
    expect(fitParagraphs(stories, 60)).toEqual([2, 2, 1]);
    expect(fitParagraphs(stories, 85)).toEqual([2, 2, 2]);
    expect(fitParagraphs(stories, 1000)).toEqual([4, 2, 3]);
    // A later story's short paragraph does not jump the queue: story 1's 20 does not fit in 45.
    expect(fitParagraphs(stories, 45)).toEqual([1, 1, 1]);
  });

  test('never over the budget once the first paragraphs fit, and more budget never keeps less', () => {
    let previous = [1, 1, 1];
    for (let budget = 30; budget <= 130; budget += 1) {
      const kept = fitParagraphs(stories, budget);
      const used = kept.reduce((sum, count, index) => sum + stories[index]!.slice(0, count).reduce((a, b) => a + b, 0), 0);
      expect(used).toBeLessThanOrEqual(budget);
      expect(kept.every((count, index) => count >= previous[index]!)).toBe(true);
      previous = kept;
    }
  });
});
