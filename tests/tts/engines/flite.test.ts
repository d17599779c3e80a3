import { describe, expect, test } from 'vitest';
import { FliteEngine } from '../../../src/tts/engines/flite.js';
import { engineContract } from './engine-contract.js';

const engine = new FliteEngine();
const available = await engine.isAvailable();

describe('native flite engine', () => {
  engineContract(engine, available, { sampleRate: 16000, mustList: ['kal16', 'slt', 'rms', 'awb', 'kal'] });

  test.skipIf(!available)('measures kal at 8 kHz and hides the time-of-day voice', async () => {
    const voices = await engine.voices();
    expect(voices.find((voice) => voice.name === 'kal')?.sampleRate).toBe(8000);
    expect(voices.find((voice) => voice.name === 'awb')?.language).toBe('en-GB');
    expect(voices.map((voice) => voice.name)).not.toContain('awb_time');
  });
});
