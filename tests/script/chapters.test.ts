import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parsePlainText } from '../../src/article/plain-text.js';
import { titleChapters } from '../../src/script/chapter-titles.js';
import { balancedPartition, partitionNearMean, planChapters } from '../../src/script/chapters.js';
import { speakingSeconds, WORDS_PER_SECOND } from '../../src/script/duration.js';

const read = (path: string) => parsePlainText(readFileSync(new URL(path, import.meta.url), 'utf8'));
const stopwordEnd = /\b(a|an|the|of|and|or|in|on|to|for|with|by|at)$/i;

function checkTitles(titles: string[]) {
  expect(new Set(titles.map((t) => t.toLowerCase())).size).toBe(titles.length);
  for (const title of titles) {
    expect(title.split(' ').length).toBeGreaterThanOrEqual(2);
    expect(title.split(' ').length).toBeLessThanOrEqual(7);
    expect(title.length).toBeLessThanOrEqual(50);
    expect(title).not.toMatch(stopwordEnd);
    expect(['introduction', 'outro']).not.toContain(title.toLowerCase());
  }
}

describe('planChapters', () => {
  test('speaking time is words / 2.7', () => {
    expect(WORDS_PER_SECOND).toBe(2.7);
    expect(speakingSeconds('one two three four five six seven eight nine ten')).toBeCloseTo(10 / 2.7);
  });

  test('the example: two balanced chapters of whole paragraphs, in order', () => {
    const article = read('../../examples/us-strikes-iraq.txt');
    const chapters = planChapters(article.sections);
    expect(chapters.map((c) => c.paragraphs.length)).toEqual([8, 6]);
    expect(chapters.flatMap((c) => c.paragraphs)).toEqual(article.sections[0]?.paragraphs);
    for (const chapter of chapters) {
      expect(chapter.seconds).toBeGreaterThan(60);
      expect(chapter.seconds).toBeLessThan(120);
    }
    expect(chapters.map((c) => c.title)).toEqual(['Two series of strikes', 'Islamic Resistance']);
    checkTitles(chapters.map((c) => c.title));
  });

  test('a short article is one body chapter', () => {
    const article = read('../fixtures/articles/short-council-vote.txt');
    const chapters = planChapters(article.sections);
    expect(chapters).toHaveLength(1);
    expect(chapters[0]?.seconds).toBeLessThan(90);
    expect(chapters[0]?.paragraphs).toHaveLength(2);
  });

  test('the long article: headings become chapters, each 30 s to 3 min', () => {
    const article = read('../fixtures/articles/long-river-restoration.txt');
    const chapters = planChapters(article.sections);
    expect(chapters.map((c) => c.title).slice(1)).toEqual([
      'A slow start', 'Winning the valley over', 'The engineering', 'What came back', 'The cost of waiting', 'What the valley says now',
    ]);
    for (const chapter of chapters) {
      expect(chapter.seconds).toBeGreaterThanOrEqual(30);
      expect(chapter.seconds).toBeLessThanOrEqual(180);
    }
    checkTitles(chapters.map((c) => c.title));
  });

  test('a long section without headings is split evenly', () => {
    const paragraph = (n: number) => `Paragraph ${n} talks about the harbour ferry timetable and the council vote. `.repeat(4).trim();
    const paragraphs = Array.from({ length: 20 }, (_, n) => paragraph(n)); // ~46 words each, ~340 s in all
    const chapters = planChapters([{ paragraphs }]);
    expect(chapters).toHaveLength(3);
    expect(chapters.flatMap((c) => c.paragraphs)).toEqual(paragraphs);
    const seconds = chapters.map((c) => c.seconds);
    expect(Math.max(...seconds) - Math.min(...seconds)).toBeLessThan(20);
    checkTitles(chapters.map((c) => c.title));
  });
});

test('balancedPartition keeps order and balances totals', () => {
  expect(balancedPartition([10, 10, 10, 10], 2)).toEqual([[0, 1], [2, 3]]);
  expect(balancedPartition([30, 5, 5, 5, 5, 10], 2)).toEqual([[0], [1, 2, 3, 4, 5]]);
  expect(balancedPartition([1, 2], 5)).toEqual([[0], [1]]);
});

test('balancedPartition finds the most even split: none of all the possible cuts does better', () => {
  const unevenness = (durations: number[], groups: number[][]) => {
    const mean = durations.reduce((sum, duration) => sum + duration, 0) / groups.length;
    return groups.reduce((sum, group) => sum + (group.reduce((total, index) => total + durations[index]!, 0) - mean) ** 2, 0);
  };
  /** Every way to cut `items` items into `groups` contiguous non-empty groups. */
  const allSplits = (items: number, groups: number, from = 0): number[][][] => {
    if (groups === 1) return [[Array.from({ length: items - from }, (_, offset) => from + offset)]];
    const splits: number[][][] = [];
    for (let end = from + 1; end <= items - groups + 1; end++) {
      const first = Array.from({ length: end - from }, (_, offset) => from + offset);
      for (const rest of allSplits(items, groups - 1, end)) splits.push([first, ...rest]);
    }
    return splits;
  };
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 2, maxLength: 9 }), fc.integer({ min: 2, max: 5 }), (durations, wanted) => {
      const groups = Math.min(wanted, durations.length);
      const split = balancedPartition(durations, groups);
      expect(split.flat()).toEqual(durations.map((_, index) => index));
      expect(split).toHaveLength(groups);
      const best = Math.min(...allSplits(durations.length, groups).map((candidate) => unevenness(durations, candidate)));
      expect(unevenness(durations, split)).toBeCloseTo(best, 6);
    }),
  );
});

test('titleChapters keeps titles distinct even for identical chapters', () => {
  const text = ['The ferry council approved the new harbour timetable on Monday after a long debate.'];
  const titles = titleChapters([text, text, text]);
  expect(new Set(titles).size).toBe(3);
});

describe('partitionNearMean, for sections too long for the exact split', () => {
  const squaredDistance = (durations: number[], groups: number[][], mean: number) =>
    groups.reduce((sum, group) => sum + (group.reduce((total, index) => total + durations[index]!, 0) - mean) ** 2, 0);
  /** Every way to cut `items` items into contiguous non-empty groups, any number of them. */
  const everySplit = (items: number): number[][][] => {
    const splits: number[][][] = [];
    for (let mask = 0; mask < 2 ** (items - 1); mask++) {
      const groups: number[][] = [[0]];
      for (let item = 1; item < items; item++) {
        if (mask & (1 << (item - 1))) groups.push([item]);
        else groups.at(-1)!.push(item);
      }
      splits.push(groups);
    }
    return splits;
  };

  test('finds the split closest to the mean: none of all the possible splits does better', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 400 }), (durations, mean) => {
        const split = partitionNearMean(durations, mean);
        expect(split.flat()).toEqual(durations.map((_, index) => index));
        expect(split.every((group) => group.length > 0)).toBe(true);
        const best = Math.min(...everySplit(durations.length).map((candidate) => squaredDistance(durations, candidate, mean)));
        expect(squaredDistance(durations, split, mean)).toBeCloseTo(best, 6);
      }),
    );
  });

  test('at the exact split\'s mean, it is as even as the exact split or more', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 2, maxLength: 40 }), fc.integer({ min: 2, max: 8 }), (durations, wanted) => {
        const groups = Math.min(wanted, durations.length);
        const mean = durations.reduce((sum, duration) => sum + duration, 0) / groups;
        expect(squaredDistance(durations, partitionNearMean(durations, mean), mean)).toBeLessThanOrEqual(squaredDistance(durations, balancedPartition(durations, groups), mean) + 1e-6);
      }),
    );
  });
});

test('a section of thousands of paragraphs is planned into even chapters of whole paragraphs, in order', () => {
  // Paragraphs of 20 to 120 words, in a fixed pseudo-random order: 4,000 of them, about 24 hours.
  const lengths = Array.from({ length: 4000 }, (_, index) => 20 + ((index * 7919) % 101));
  const paragraphs = lengths.map((words, index) => `Paragraph ${index} ` + 'ferry harbour council timetable '.repeat(words).split(' ').slice(0, words - 2).join(' ') + '.');
  const chapters = planChapters([{ paragraphs }]);
  expect(chapters.flatMap((chapter) => chapter.paragraphs)).toEqual(paragraphs);
  const total = chapters.reduce((sum, chapter) => sum + chapter.seconds, 0);
  // About as many as the 2-minute target asks for (the count is free: within 2% of it).
  expect(chapters.length).toBeGreaterThanOrEqual(Math.floor(total / 120));
  expect(chapters.length).toBeLessThanOrEqual(Math.ceil((total / 120) * 1.02));
  for (const chapter of chapters) {
    expect(chapter.seconds).toBeGreaterThan(60);
    expect(chapter.seconds).toBeLessThan(180);
  }
});
