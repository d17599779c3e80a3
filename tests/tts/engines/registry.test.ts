import { describe, expect, test } from 'vitest';
import { NewscastError } from '../../../src/errors.js';
import { chooseEngine, createEngine, engineNames } from '../../../src/tts/engines/index.js';

describe('engine registry', () => {
  test('lists the engines clearest first, the embedded one last', () => {
    expect(engineNames).toEqual(['kokoro', 'piper', 'festival', 'flite', 'espeak-ng', 'say', 'flite-wasm']);
  });

  test('auto picks Kokoro when installed, else the Piper voice (CI installs it), else Festival with the slt voice', async () => {
    const kokoroReady = await createEngine('kokoro').isAvailable();
    const piperReady = await createEngine('piper').isAvailable();
    const engine = await chooseEngine('auto');
    if (kokoroReady) {
      expect(engine.name).toBe('kokoro');
      expect(engine.defaultVoice).toBe('af_heart');
    } else if (piperReady) {
      expect(engine.name).toBe('piper');
      expect(engine.defaultVoice).toBe('en_US-joe-medium');
    } else {
      expect(engine.name).toBe('festival');
      expect(engine.defaultVoice).toBe('cmu_us_slt_arctic_hts');
    }
  });

  test('each engine answers to its own name', () => {
    for (const name of engineNames) expect(createEngine(name).name).toBe(name);
  });

  test('an unknown engine is refused with the names that exist', () => {
    const error = (() => {
      try {
        return createEngine('nope');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(NewscastError);
    expect((error as NewscastError).message).toBe('Unknown engine "nope".');
    expect((error as NewscastError).hint).toBe('Use --engine auto or one of: kokoro, piper, festival, flite, espeak-ng, say, flite-wasm.');
  });

  test('say is refused on Linux with a dependency error', async () => {
    const error = await chooseEngine('say').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NewscastError);
    expect((error as NewscastError).kind).toBe('dependency');
  });
});
