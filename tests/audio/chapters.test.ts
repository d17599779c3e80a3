import { describe, expect, it } from 'vitest';
import { episodeChapters, maxChapters } from '../../src/audio/chapters.js';

describe('episodeChapters', () => {
  it('moves starts to episode time, starts the first at 0 and ends each at the next', () => {
    const chapters = episodeChapters(
      [
        { title: 'One', start: 0 },
        { title: 'Two', start: 10.5 },
        { title: 'Three', start: 20 },
      ],
      (t) => t + 4,
      40,
    );
    expect(chapters).toEqual([
      { title: 'One', start: 0, end: 14.5 },
      { title: 'Two', start: 14.5, end: 24 },
      { title: 'Three', start: 24, end: 40 },
    ]);
  });

  it('starts the first chapter at 0 even when its mark comes later in the narration', () => {
    expect(episodeChapters([{ title: 'Only', start: 2 }], (t) => t + 4, 30)).toEqual([{ title: 'Only', start: 0, end: 30 }]);
  });

  it('merges a chapter that does not move time forward into the one before', () => {
    const chapters = episodeChapters(
      [
        { title: 'A', start: 0 },
        { title: 'B', start: 5 },
        { title: 'B again', start: 5 },
        { title: 'C', start: 8 },
      ],
      (t) => t + 1,
      20,
    );
    expect(chapters.map((c) => [c.title, c.start, c.end])).toEqual([
      ['A', 0, 6],
      ['B', 6, 9],
      ['C', 9, 20],
    ]);
  });

  it('keeps at most 255 chapters (the CTOC limit), the last running to the end', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ title: `Part ${i + 1}`, start: i }));
    const chapters = episodeChapters(many, (t) => t + 3, 400);
    expect(chapters).toHaveLength(maxChapters);
    expect(chapters.at(-1)).toEqual({ title: 'Part 255', start: 257, end: 400 });
  });

  it('returns no chapters when the narration has none', () => {
    expect(episodeChapters([], (t) => t + 4, 30)).toEqual([]);
  });
});
