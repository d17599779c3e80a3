import { describe, expect, test } from 'vitest';
import { FestivalEngine } from '../../../src/tts/engines/festival.js';
import { engineContract, seconds, sentence } from './engine-contract.js';

const engine = new FestivalEngine();
const available = await engine.isAvailable();
const installed = available ? (await engine.voices()).map((voice) => voice.name) : [];

describe('festival engine', () => {
  test('prefers the HTS slt voice', () => {
    expect(engine.defaultVoice).toBe('cmu_us_slt_arctic_hts');
  });

  engineContract(engine, available, { sampleRate: 32000, mustList: ['cmu_us_slt_arctic_hts'] });

  test.skipIf(!available)('names Festival 2.x and its voices in the version', async () => {
    expect(await engine.version()).toMatch(/Festival Speech Synthesis System: 2\.\d.*cmu_us_slt_arctic_hts/);
  });

  // Diphone voices slow down through Duration_Stretch rather than hts_engine's -r.
  test.skipIf(!installed.includes('kal_diphone'))('slows a diphone voice too', async () => {
    const normal = await engine.speak(sentence, { voice: 'kal_diphone', rate: 1 });
    const slow = await engine.speak(sentence, { voice: 'kal_diphone', rate: 0.7 });
    expect(normal.sampleRate).toBe(16000);
    expect(seconds(slow) / seconds(normal)).toBeGreaterThan(1.15);
  });

  test.skipIf(!available)('reads curly quotes and dashes without choking', async () => {
    const pcm = await engine.speak('\u201CWe\u2019re done\u201D \u2014 she said\u2026 caf\u00E9 \u4E2D', { voice: engine.defaultVoice, rate: 1 });
    expect(seconds(pcm)).toBeGreaterThan(0.8);
  });
});
