import { describe, expect, test } from 'vitest';
import type { Pcm } from '../../../src/tts/engine.js';
import { FliteWasmEngine } from '../../../src/tts/engines/flite-wasm.js';
import { FliteWasmPool, workerScriptPath } from '../../../src/tts/engines/flite-wasm-pool.js';
import { FliteRunner, fliteWasmBytes } from '../../../src/tts/engines/flite-wasm-speak.js';
import { engineContract } from './engine-contract.js';

const module = await WebAssembly.compile(await fliteWasmBytes());

/** Texts of different lengths, voices (8 and 16 kHz) and rates; the first comes back at the end. */
const runs = [
  { text: 'The council met on Tuesday.', voice: 'kal16', rate: 1 },
  {
    text: 'Residents spoke for three hours, and most of them asked for more buses, later trains and a safer crossing near the school on Elm Street.',
    voice: 'slt',
    rate: 0.8,
  },
  { text: 'Yes.', voice: 'kal', rate: 1.3 },
  { text: 'The council met on Tuesday.', voice: 'kal16', rate: 1 },
];

const bytes = (pcm: Pcm): Buffer => Buffer.from(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);

describe('flite-wasm', () => {
  engineContract(new FliteWasmEngine(), true, { sampleRate: 16000, mustList: ['kal16', 'slt', 'rms', 'awb', 'kal'] });

  test('one instance reused from text to text speaks each exactly as a fresh instance does', async () => {
    const reused = new FliteRunner(module);
    for (const { text, voice, rate } of runs) {
      const again = await reused.speak(text, voice, rate);
      const fresh = await new FliteRunner(module).speak(text, voice, rate);
      expect(again.sampleRate).toBe(fresh.sampleRate);
      expect(bytes(again).equals(bytes(fresh))).toBe(true);
    }
  }, 30_000);

  test('texts asked for at once take turns on the one instance, each getting its own speech', async () => {
    const runner = new FliteRunner(module);
    const together = await Promise.all(runs.map(({ text, voice, rate }) => runner.speak(text, voice, rate)));
    for (const [index, { text, voice, rate }] of runs.entries()) {
      expect(bytes(together[index]!).equals(bytes(await new FliteRunner(module).speak(text, voice, rate)))).toBe(true);
    }
  }, 30_000);

  test('threads stopped after the pool was idle are started again by the next speech', async () => {
    const pool = new FliteWasmPool(workerScriptPath()!, Promise.resolve(module), 2);
    const first = await pool.speak('The council met on Tuesday.', 'kal16', 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await pool.speak('The council met on Tuesday.', 'kal16', 1);
    expect(bytes(again).equals(bytes(first))).toBe(true);
  }, 30_000);

  test('a module that fails to compile fails each waiting run, and stops the threads started for it', async () => {
    const broken = Promise.reject(new Error('not a WebAssembly module'));
    const pool = new FliteWasmPool(workerScriptPath()!, broken, 2);
    const runs = [pool.speak('One.', 'kal16', 1), pool.speak('Two.', 'kal16', 1), pool.speak('Three.', 'kal16', 1)];
    for (const run of runs) await expect(run).rejects.toThrow('flite-wasm failed: not a WebAssembly module');
  });
});
