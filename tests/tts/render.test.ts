import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Engine, Pcm, SpeakOptions } from '../../src/tts/engine.js';
import { FliteWasmEngine } from '../../src/tts/engines/flite-wasm.js';
import { renderScript } from '../../src/tts/render.js';
import { parseWav } from '../../src/tts/wav.js';

const speak = (body: string): string => `<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US">${body}</speak>`;
const workDir = mkdtempSync(join(tmpdir(), 'newscast-render-test-'));

/** Speaks every run as a tone of one second per word, so every mark time can be worked out by hand. */
class MetronomeEngine implements Engine {
  readonly name = 'metronome';
  readonly defaultVoice = 'beat';
  readonly heard: Array<{ text: string } & SpeakOptions> = [];
  async isAvailable() {
    return true;
  }
  async version() {
    return '1';
  }
  async voices() {
    return [{ name: 'beat', language: 'en-US', sampleRate: 8000 }];
  }
  async speak(text: string, options: SpeakOptions): Promise<Pcm> {
    this.heard.push({ text, ...options });
    const words = text.split(' ').length;
    return { samples: new Int16Array(words * 8000).fill(10000), sampleRate: 8000 };
  }
}

describe('mark timing', () => {
  test('each mark is timed by the speech and silence written before it', async () => {
    const engine = new MetronomeEngine();
    const ssml = speak(
      '<mark name="chapter:One"/><p><s><mark name="s1"/>one two</s> <s><mark name="s2"/>three</s></p>' +
        '<break time="500ms"/><mark name="chapter:Two"/><p><s><mark name="s3"/>four five six</s></p>',
    );
    const narration = await renderScript(ssml, { engine, wavPath: join(workDir, 'metronome.wav') });
    // s1: 2 words = 2 s (trimming keeps a constant tone whole); sentence pause 0.4 s;
    // s2: 1 s; paragraph pause 0.85 s (replaces the sentence pause) + break 0.5 s.
    expect(narration.marks).toEqual([
      { name: 'chapter:One', time: 0 },
      { name: 's1', time: 0 },
      { name: 's2', time: 2.4 },
      { name: 'chapter:Two', time: 4.75 },
      { name: 's3', time: 4.75 },
    ]);
    expect(narration.chapters).toEqual([
      { title: 'One', start: 0 },
      { title: 'Two', start: 4.75 },
    ]);
    expect(narration.sentences).toEqual([
      { text: 'one two', start: 0, end: 2 },
      { text: 'three', start: 2.4, end: 3.4 },
      { text: 'four five six', start: 4.75, end: 7.75 },
    ]);
    expect(narration.durationSeconds).toBe(7.75);
    expect(parseWav(readFileSync(narration.wavPath)).samples.length).toBe(7.75 * 8000);
  });

  test('the rate reaches the engine, multiplied by prosody', async () => {
    const engine = new MetronomeEngine();
    await renderScript(speak('plain <prosody rate="50%">slow</prosody>'), { engine, rate: 1.2, wavPath: join(workDir, 'rate.wav') });
    expect(engine.heard.map(({ text, rate }) => [text, rate])).toEqual([
      ['plain', 1.2],
      ['slow', 0.6],
    ]);
  });

  test('a script with nothing to say is an input error', async () => {
    await expect(renderScript(speak('<mark name="s1"/>'), { engine: new MetronomeEngine(), wavPath: join(workDir, 'empty.wav') })).rejects.toMatchObject({
      kind: 'input',
    });
  });
});

describe('with the embedded flite engine', () => {
  test('speech is real, pauses are exact silence, and each mark sits where its silence ends', async () => {
    const ssml = speak(
      '<p><s><mark name="s1"/>The strikes targeted two facilities.</s></p><break time="1s"/><p><s><mark name="s2"/>Officials said so on Tuesday.</s></p>',
    );
    const narration = await renderScript(ssml, { engine: new FliteWasmEngine(), wavPath: join(workDir, 'flite.wav') });
    const { samples, sampleRate } = parseWav(readFileSync(narration.wavPath));
    expect(sampleRate).toBe(16000);
    const [first, second] = narration.sentences;
    expect(first!.end - first!.start).toBeGreaterThan(1.2);
    expect(first!.end - first!.start).toBeLessThan(4);
    const gapStart = Math.round(first!.end * sampleRate);
    const gapEnd = Math.round(narration.marks[1]!.time * sampleRate);
    expect(gapEnd - gapStart).toBe(1.85 * sampleRate);
    expect(samples.subarray(gapStart, gapEnd).every((sample) => sample === 0)).toBe(true);
    // Speech resumes within the 30 ms margin kept before the next words.
    const loud = samples.subarray(gapEnd, gapEnd + 0.05 * sampleRate).some((sample) => Math.abs(sample) > 1000);
    expect(loud).toBe(true);
    expect(second!.text).toBe('Officials said so on Tuesday.');
  });

  test('an unknown voice says which voices exist', async () => {
    await expect(renderScript(speak('hi'), { engine: new FliteWasmEngine(), voice: 'nobody', wavPath: join(workDir, 'v.wav') })).rejects.toMatchObject({
      kind: 'dependency',
      message: expect.stringContaining('nobody'),
      hint: expect.stringMatching(/kal16.*slt/),
    });
  });
});
