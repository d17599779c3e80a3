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
