import { describe, expect, test } from 'vitest';
import { chaptersJson } from '../../src/publish/chapters-json.js';
import { timestamp, transcriptVtt } from '../../src/publish/transcript-vtt.js';

describe('transcript.vtt', () => {
  test('one cue per sentence, with markup characters escaped', () => {
    const vtt = transcriptVtt([
      { text: 'Fish & chips <b> --> now.', start: 3.4, end: 4.9 },
      { text: 'Next.', start: 5.3, end: 5.65 },
    ]);
    expect(vtt).toBe(
      'WEBVTT\n\n1\n00:00:03.400 --> 00:00:04.900\nFish &amp; chips &lt;b&gt; --&gt; now.\n\n2\n00:00:05.300 --> 00:00:05.650\nNext.\n',
    );
  });

  test('timestamps carry hours for long episodes', () => {
    expect(timestamp(7322.0456)).toBe('02:02:02.046');
    expect(timestamp(0)).toBe('00:00:00.000');
  });
});

describe('chapters.json', () => {
  test('is Podcasting 2.0 version 1.2 with start and end times', () => {
    const document = JSON.parse(chaptersJson([{ title: 'Intro', start: 0, end: 12.3456 }, { title: 'Strikes', start: 12.3456, end: 90 }]));
    expect(document).toEqual({
      version: '1.2.0',
      chapters: [
        { startTime: 0, endTime: 12.346, title: 'Intro' },
        { startTime: 12.346, endTime: 90, title: 'Strikes' },
      ],
    });
  });
});

describe('transcript.vtt of an overlong sentence', () => {
  const clause = (i: number) => `the stretch of road number ${i} from the school to the harbour`;
  const sentence = `${Array.from({ length: 330 }, (_, i) => clause(i)).join(', ')}.`;

  test('a 20,000-character, 28-minute sentence becomes cues of at most 160 characters and 10 seconds, cut at commas', () => {
    expect(sentence.length).toBeGreaterThan(20_000);
    const vtt = transcriptVtt([{ text: sentence, start: 12, end: 12 + 28 * 60 }]);
    const cues = vtt.split('\n\n').slice(1).map((block) => {
      const [, times, text] = block.split('\n');
      const [start, end] = times!.split(' --> ').map((time) => time.split(':').reduce((sum, part) => sum * 60 + Number(part), 0));
      return { start: start!, end: end!, text: text! };
    });
    expect(cues.length).toBeGreaterThanOrEqual(168);
    expect(cues[0]!.start).toBe(12);
    expect(cues.at(-1)!.end).toBe(12 + 28 * 60);
    for (const [index, cue] of cues.entries()) {
      expect(cue.text.length).toBeLessThanOrEqual(160);
      expect(cue.end - cue.start).toBeLessThanOrEqual(10.001);
      expect(cue.text).toMatch(/[,.]$/);
      if (index > 0) expect(cue.start).toBeCloseTo(cues[index - 1]!.end, 3);
    }
    expect(cues.map((cue) => cue.text).join(' ')).toBe(sentence);
  });

  test('an ordinary sentence stays one cue', () => {
    const text = 'The Millbrook town council voted 7-2 on Monday to add two evening ferry crossings to the island of Skerrin from next spring.';
    expect(transcriptVtt([{ text, start: 1, end: 8.5 }]).match(/-->/g)).toHaveLength(1);
  });
});
