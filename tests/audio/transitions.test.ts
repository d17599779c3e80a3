import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { transitionTimes, withTransitionSilence } from '../../src/audio/transitions.js';
import type { Engine, Pcm } from '../../src/tts/engine.js';
import { renderTimeline } from '../../src/tts/render.js';
import { estimateTimelineSeconds } from '../../src/tts/ssml/estimate.js';
import { parseSsml } from '../../src/tts/ssml/parse.js';

const script = `<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis">
  <mark name="chapter:One"/><p><s><mark name="s1"/>Ferries sail again.</s></p>
  <break time="500ms"/><mark name="transition"/><break time="500ms"/>
  <mark name="chapter:Two"/><p><s><mark name="s2"/>Libraries open on Sundays.</s></p>
</speak>`;

/** One second of sound for any run, so every time can be worked out by hand. */
const second: Engine = {
  name: 'second',
  defaultVoice: 'one',
  isAvailable: async () => true,
  version: async () => '1',
  voices: async () => [{ name: 'one', language: 'en', sampleRate: 8000 }],
  speak: async (): Promise<Pcm> => ({ samples: new Int16Array(8000).fill(8000), sampleRate: 8000 }),
};

test('silence as long as the clip follows each transition mark, so the next chapter moves by exactly that', async () => {
  const render = (seconds: number) =>
    renderTimeline(withTransitionSilence(parseSsml(script), seconds), { engine: second, wavPath: join(mkdtempSync(join(tmpdir(), 'newscast-transition-')), 'n.wav') });
  const [without, withClip] = await Promise.all([render(0), render(1.6)]);
  // 1 s of speech, the paragraph's 0.85 s and the 0.5 s break, then the mark; 0.5 s more before chapter Two.
  expect(transitionTimes(withClip.marks)).toEqual([2.35]);
  expect(without.chapters[1]!.start).toBeCloseTo(2.85, 6);
  expect(withClip.chapters[1]!.start).toBeCloseTo(2.85 + 1.6, 6);
  expect(withTransitionSilence(parseSsml(script), 0)).toEqual(parseSsml(script));
});

test('the estimate counts pauses as the renderer makes them', () => {
  const timeline = withTransitionSilence(parseSsml(script), 1.6);
  // Seven words at 2.7 a second; the 0.85 s paragraph pause, two 0.5 s breaks and the clip's 1.6 s between them.
  expect(estimateTimelineSeconds(timeline)).toBeCloseTo(7 / 2.7 + 0.85 + 0.5 + 1.6 + 0.5, 6);
  expect(estimateTimelineSeconds(timeline, 2)).toBeCloseTo(7 / 5.4 + 0.85 + 0.5 + 1.6 + 0.5, 6);
});
