// The checks every speech engine must pass, run against the real program installed on this machine.
import { expect, test } from 'vitest';
import { NewscastError } from '../../../src/errors.js';
import type { Engine, Pcm } from '../../../src/tts/engine.js';

export const sentence = 'The city council approved a new budget on Tuesday after a debate that lasted well into the night.';
const sentenceWords = 18;

export const seconds = (pcm: Pcm): number => pcm.samples.length / pcm.sampleRate;

/** Root-mean-square level, so a file of silence cannot pass for speech. */
export function loudness(pcm: Pcm): number {
  let sum = 0;
  for (const sample of pcm.samples) sum += sample * sample;
  return Math.sqrt(sum / Math.max(1, pcm.samples.length));
}

export interface ContractExpectations {
  /** Sample rate the default voice speaks at. */
  sampleRate: number;
  /** Voices that must be listed on a machine with the CI packages. */
  mustList: string[];
  /** Per test; neural voices take seconds where the others take milliseconds. */
  timeoutMs?: number;
}

export function engineContract(engine: Engine, available: boolean, expected: ContractExpectations): void {
  const timeout = expected.timeoutMs;
  test.skipIf(!available)('lists its voices with language and a real sample rate', async () => {
    const voices = await engine.voices();
    const names = voices.map((voice) => voice.name);
    for (const name of [...expected.mustList, engine.defaultVoice]) expect(names).toContain(name);
    for (const voice of voices) {
      expect(voice.language).toMatch(/^(?:[a-z]{2,3})(?:-[A-Za-z0-9]+)*$/);
      expect([8000, 16000, 22050, 24000, 32000, 44100, 48000]).toContain(voice.sampleRate);
    }
    expect(voices.find((voice) => voice.name === engine.defaultVoice)?.sampleRate).toBe(expected.sampleRate);
  }, timeout);

  test.skipIf(!available)('speaks a sentence for as long as a person would say it', async () => {
    const pcm = await engine.speak(sentence, { voice: engine.defaultVoice, rate: 1 });
    expect(pcm.sampleRate).toBe(expected.sampleRate);
    const perWord = seconds(pcm) / sentenceWords;
    expect(perWord).toBeGreaterThan(0.2);
    expect(perWord).toBeLessThan(0.8);
    expect(loudness(pcm)).toBeGreaterThan(300);
  }, timeout);

  test.skipIf(!available)('speaks at least 15% longer at rate 0.7', async () => {
    const normal = await engine.speak(sentence, { voice: engine.defaultVoice, rate: 1 });
    const slow = await engine.speak(sentence, { voice: engine.defaultVoice, rate: 0.7 });
    expect(seconds(slow) / seconds(normal)).toBeGreaterThan(1.15);
  }, timeout);

  test.skipIf(!available)('refuses an unknown voice as a missing dependency', async () => {
    const error = await engine.speak(sentence, { voice: 'no_such_voice', rate: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NewscastError);
    expect((error as NewscastError).kind).toBe('dependency');
    expect((error as NewscastError).message).toContain('no_such_voice');
    expect((error as NewscastError).hint).toContain(engine.defaultVoice);
  }, timeout);

  test.skipIf(!available)('reports a version for the cache key', async () => {
    const version = await engine.version();
    expect(version).toMatch(/\d+\.\d+/);
  }, timeout);
}
