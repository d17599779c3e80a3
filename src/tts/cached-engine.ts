import type { Engine, Pcm, SpeakOptions } from './engine.js';
import type { SpeechCache } from './cache.js';

/** How many runs a cached engine answered from the cache and how many it had spoken. */
export interface CacheCounts {
  hits: number;
  misses: number;
}

/**
 * The same engine, answering from the cache when it can. Speech it has to make is stored for
 * next time; the render stage does not need to know a cache exists.
 */
export function withCache(engine: Engine, cache: SpeechCache): Engine & { readonly counts: CacheCounts } {
  let version: Promise<string> | undefined;
  const voiceIdentities = new Map<string, Promise<string>>();
  const voiceKey = (voice: string): Promise<string> => {
    if (!engine.voiceIdentity) return Promise.resolve(voice);
    let identity = voiceIdentities.get(voice);
    if (!identity) voiceIdentities.set(voice, (identity = engine.voiceIdentity(voice)));
    return identity;
  };
  const counts: CacheCounts = { hits: 0, misses: 0 };
  return {
    name: engine.name,
    defaultVoice: engine.defaultVoice,
    counts,
    isAvailable: () => engine.isAvailable(),
    version: () => engine.version(),
    voices: () => engine.voices(),
    ...(engine.voiceIdentity ? { voiceIdentity: (voice: string) => engine.voiceIdentity!(voice) } : {}),
    async speak(text: string, options: SpeakOptions): Promise<Pcm> {
      const key = { engine: engine.name, engineVersion: await (version ??= engine.version()), voice: await voiceKey(options.voice), rate: options.rate, text };
      const stored = await cache.read(key);
      if (stored) {
        counts.hits++;
        return stored;
      }
      counts.misses++;
      const pcm = await engine.speak(text, options);
      await cache.write(key, pcm);
      return pcm;
    },
  };
}
