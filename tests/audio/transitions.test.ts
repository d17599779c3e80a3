import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { silentTransitions, transitionTimes, withTransitionSilence } from '../../src/audio/transitions.js';
import { buildBulletinScript } from '../../src/script/bulletin.js';
import { FliteWasmEngine } from '../../src/tts/engines/flite-wasm.js';
import { renderTimeline } from '../../src/tts/render.js';
import { estimateTimelineSeconds } from '../../src/tts/ssml/estimate.js';
import { parseSsml } from '../../src/tts/ssml/parse.js';
import { parseWav } from '../../src/tts/wav.js';

const script = `<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis">
  <mark name="chapter:One"/><p><s><mark name="s1"/>Ferries sail again.</s></p>
  <break time="500ms"/><mark name="transition"/><break time="500ms"/>
  <mark name="chapter:Two"/><p><s><mark name="s2"/>Libraries open on Sundays.</s></p>
</speak>`;

test('silence as long as the clip follows each transition mark, so the next chapter moves by exactly that', async () => {
  const engine = new FliteWasmEngine();
  const workDir = mkdtempSync(join(tmpdir(), 'newscast-transition-'));
  const render = (seconds: number) => renderTimeline(withTransitionSilence(parseSsml(script), seconds), { engine, wavPath: join(workDir, `${seconds}.wav`) });
  const without = await render(0);
  const withClip = await render(1.6);
  const sample = 1 / 16000;
  // The mark comes after the first story's speech, its paragraph pause and the 0.5 s break: the clip changes nothing before it.
  const [mark] = transitionTimes(withClip.marks);
  expect(transitionTimes(without.marks)).toEqual([mark]);
  expect(mark).toBeCloseTo(without.sentences[0]!.end + 0.85 + 0.5, 3);
  // Then the clip's 1.6 s and the second 0.5 s break before chapter Two, to the sample.
  expect(Math.abs(withClip.chapters[1]!.start - (mark! + 1.6 + 0.5))).toBeLessThanOrEqual(sample);
  expect(Math.abs(withClip.chapters[1]!.start - without.chapters[1]!.start - 1.6)).toBeLessThanOrEqual(sample);
  // Made as silence in the narration the clip is mixed into.
  const { samples, sampleRate } = parseWav(readFileSync(withClip.wavPath));
  expect(samples.subarray(Math.round(mark! * sampleRate), Math.round((mark! + 2.1) * sampleRate)).every((value) => value === 0)).toBe(true);
  expect(samples.subarray(Math.round(withClip.chapters[1]!.start * sampleRate)).some((value) => Math.abs(value) > 600)).toBe(true);
  expect(withTransitionSilence(parseSsml(script), 0)).toEqual(parseSsml(script));
});

test('the estimate counts pauses as the renderer makes them', () => {
  const timeline = withTransitionSilence(parseSsml(script), 1.6);
  // Seven words at 2.7 a second; the 0.85 s paragraph pause, two 0.5 s breaks and the clip's 1.6 s between them.
  expect(estimateTimelineSeconds(timeline)).toBeCloseTo(7 / 2.7 + 0.85 + 0.5 + 1.6 + 0.5, 6);
  expect(estimateTimelineSeconds(timeline, 2)).toBeCloseTo(7 / 5.4 + 0.85 + 0.5 + 1.6 + 0.5, 6);
});

test('a script written for a transition clip (nothing said between stories) is told from one with spoken transitions', () => {
  const stories = [
    { title: 'Ferries sail again', sections: [{ paragraphs: ['The island ferry sailed on Sunday after a three-day storm.'] }] },
    { title: 'Libraries open on Sundays', sections: [{ paragraphs: ['Town libraries will open on Sundays from next month.'] }] },
  ];
  const options = { showName: 'Newscast', title: 'Evening bulletin' };
  expect(silentTransitions(parseSsml(buildBulletinScript(stories, { ...options, transitionClip: true })))).toBe(true);
  expect(silentTransitions(parseSsml(buildBulletinScript(stories, options)))).toBe(false);
  // A single story's script has no transitions at all.
  expect(silentTransitions(parseSsml(script.replace('<mark name="transition"/>', '')))).toBe(false);
});
