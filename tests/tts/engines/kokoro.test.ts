// The kokoro engine against the real model where scripts/install-kokoro.sh installed it (in
// NEWSCAST_VOICES_DIR/kokoro); without it the model tests are skipped. CI does not install it:
// it speaks at about real time on one core (BENCHMARKS.md), too slow for every CI run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NewscastError } from '../../../src/errors.js';
import { chooseEngine } from '../../../src/tts/engines/index.js';
import { KokoroEngine } from '../../../src/tts/engines/kokoro.js';
import { kokoroPhonemes, kokoroTokens, maxTokens } from '../../../src/tts/engines/kokoro-phonemes.js';
import { kokoroFolder } from '../../../src/tts/engines/kokoro-voices.js';
import { loadRuntime } from '../../../src/tts/engines/piper-model.js';
import { engineContract, loudness, seconds } from './engine-contract.js';

const engine = new KokoroEngine();
const available = await engine.isAvailable();
const espeak = (() => {
  try {
    execFileSync('espeak-ng', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
// The runtime is an optional dependency: `npm install` without ONNXRUNTIME_NODE_INSTALL=skip leaves it out.
const runtime = await loadRuntime().then(() => true, () => false);
const emptyFolder = (): string => mkdtempSync(join(tmpdir(), 'newscast-kokoro-'));

async function failure(promise: Promise<unknown>): Promise<NewscastError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(NewscastError);
  return error as NewscastError;
}

describe('kokoro engine', () => {
  engineContract(engine, available, { sampleRate: 24000, mustList: ['af_heart', 'am_michael', 'bf_emma'], timeoutMs: 240_000 });

  test.skipIf(!available)('lists the English voices, American and British, at 24 kHz, with their grades', async () => {
    const voices = await engine.voices();
    expect(voices).toHaveLength(28);
    expect(voices).toContainEqual({ name: 'bm_george', language: 'en-GB', sampleRate: 24000, speakers: 1, quality: 'grade C' });
    expect(await engine.version()).toMatch(/^kokoro-v1\.0\.float-convs\.onnx; onnxruntime-node 1\.30\.0; eSpeak NG/);
  });

  test.skipIf(!available)('a sentence too long for one model run is spoken whole, in several', async () => {
    const clause = 'the committee heard from witnesses, reviewed the documents, and';
    const long = `${Array.from({ length: 10 }, () => clause).join(' ')} adjourned.`;
    expect(kokoroTokens(await kokoroPhonemes(long)).length).toBeGreaterThan(1);
    const pcm = await engine.speak(long, { voice: engine.defaultVoice, rate: 1 });
    expect(loudness(pcm)).toBeGreaterThan(300);
    // ~100 words: far more than one run's worth of speech would hold if the rest were dropped.
    expect(seconds(pcm)).toBeGreaterThan(25);
  }, 600_000);

  test.skipIf(!available)('text with nothing to say gives no samples, not an error', async () => {
    const pcm = await engine.speak(' — … ', { voice: engine.defaultVoice, rate: 1 });
    expect(pcm.samples.length).toBe(0);
  });
});

describe('kokoro phonemes, as kokoro-js makes them', () => {
  test.skipIf(!espeak)("espeak-ng's IPA for the words, the punctuation kept, kokoro-js's fixes applied", async () => {
    expect(await kokoroPhonemes('Officials said, on Tuesday: ninety people.')).toBe('əfˈɪʃəlz sˈɛd, ˌɔn tˈuːzdeɪ: nˈaɪndi pˈiːpəl.');
    // Curly quotes become straight ones; brackets stay punctuation (and, not in Kokoro's vocabulary, no token).
    expect(await kokoroPhonemes('He said “no” [twice].')).toBe('hiː sˈɛd "nˈoʊ" [twˈaɪs].');
  });

  test.skipIf(!espeak)('text is never read as espeak-ng phoneme codes or commands', async () => {
    expect(await kokoroPhonemes('[[h@l"oU]] \u0001200S fine')).toBe(await kokoroPhonemes('[h@l"oU] 200S fine'));
  });

  test('tokens: runs of at most 510, cut after a sentence end where one fits; unknown symbols and empty runs dropped', () => {
    const sentence = `${'ə'.repeat(300)}.`;
    const runs = kokoroTokens(`${sentence} ${sentence} ${sentence}`);
    expect(runs.map((run) => run.length)).toEqual([301, 301, 301]);
    expect(kokoroTokens('a\u2603b')).toEqual([[43, 44]]);
    expect(kokoroTokens(' … . ')).toEqual([]);
    expect(kokoroTokens('ə'.repeat(1200)).every((run) => run.length <= maxTokens)).toBe(true);
  });
});

describe('kokoro: the int8 model an earlier install left', () => {
  const installed = kokoroFolder(process.env);
  const int8 = join(installed, 'kokoro-v1.0.int8.onnx');

  test.skipIf(!espeak || !runtime)('is used while the converted model is absent, and named in the version, so that cached sentences are spoken anew', async () => {
    const folder = emptyFolder();
    mkdirSync(join(folder, 'kokoro', 'voices'), { recursive: true });
    writeFileSync(join(folder, 'kokoro', 'voices', 'af_heart.bin'), 'style');
    writeFileSync(join(folder, 'kokoro', 'kokoro-v1.0.int8.onnx'), 'int8 model');
    const kokoro = new KokoroEngine({ env: { NEWSCAST_VOICES_DIR: folder } });
    await expect(kokoro.check()).resolves.toBeUndefined();
    expect(await kokoro.version()).toMatch(/^kokoro-v1\.0\.int8\.onnx; /);
    const int8Identity = await kokoro.voiceIdentity('af_heart');

    writeFileSync(join(folder, 'kokoro', 'kokoro-v1.0.float-convs.onnx'), 'converted model');
    expect(await kokoro.version()).toMatch(/^kokoro-v1\.0\.float-convs\.onnx; /);
    expect(await kokoro.voiceIdentity('af_heart')).not.toBe(int8Identity);
  });

  // Where the int8 model is still installed (the install script deletes it once converted).
  test.skipIf(!available || !existsSync(int8))('speaks', async () => {
    const folder = emptyFolder();
    mkdirSync(join(folder, 'kokoro'));
    symlinkSync(int8, join(folder, 'kokoro', 'kokoro-v1.0.int8.onnx'));
    symlinkSync(join(installed, 'voices'), join(folder, 'kokoro', 'voices'));
    const kokoro = new KokoroEngine({ env: { NEWSCAST_VOICES_DIR: folder } });
    const pcm = await kokoro.speak('The council met on Tuesday.', { voice: 'af_heart', rate: 1 });
    expect(loudness(pcm)).toBeGreaterThan(300);
    expect(seconds(pcm)).toBeGreaterThan(1);
  }, 120_000);
});

describe('kokoro: what is missing, said plainly (exit 3)', () => {
  test('no model: names the folder and the install script', async () => {
    const folder = emptyFolder();
    const error = await failure(new KokoroEngine({ env: { NEWSCAST_VOICES_DIR: folder } }).check());
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`The Kokoro model is not installed (looked for kokoro-v1.0.float-convs.onnx or kokoro-v1.0.int8.onnx in ${join(folder, 'kokoro')}).`);
    expect(error.hint).toContain('bash scripts/install-kokoro.sh');
  });

  test('no runtime: names the npm package and the command, once the files are there', async () => {
    const folder = emptyFolder();
    mkdirSync(join(folder, 'kokoro', 'voices'), { recursive: true });
    writeFileSync(join(folder, 'kokoro', 'kokoro-v1.0.int8.onnx'), 'model');
    writeFileSync(join(folder, 'kokoro', 'voices', 'af_heart.bin'), 'style');
    const error = await failure(new KokoroEngine({ env: { NEWSCAST_VOICES_DIR: folder }, runtimeModule: 'onnxruntime-node-not-installed' }).check());
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe('The kokoro engine needs the ONNX runtime (npm package onnxruntime-node), which is not installed.');
    expect(error.hint).toContain('npm install onnxruntime-node@1.30.0');
  });

  test('an unknown voice, through the registry, is a dependency error listing the voices', async () => {
    const folder = emptyFolder();
    mkdirSync(join(folder, 'kokoro', 'voices'), { recursive: true });
    writeFileSync(join(folder, 'kokoro', 'kokoro-v1.0.int8.onnx'), 'model');
    writeFileSync(join(folder, 'kokoro', 'voices', 'af_heart.bin'), 'style');
    const error = await failure(new KokoroEngine({ env: { NEWSCAST_VOICES_DIR: folder } }).check('xx_nobody'));
    expect(error.message).toBe('No Kokoro voice "xx_nobody" is installed.');
    expect(error.hint).toBe('Use one of: af_heart.');
    expect((await failure(chooseEngine('kokoro', 'xx_nobody'))).kind).toBe('dependency');
  });
});
