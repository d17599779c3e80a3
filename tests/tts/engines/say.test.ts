import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NewscastError } from '../../../src/errors.js';
import { SayEngine, parseMacVoices } from '../../../src/tts/engines/say.js';
import { loudness, seconds } from './engine-contract.js';
import { installSayStandIn } from './say-stand-in.js';

const standIn = installSayStandIn();
const originalPath = process.env.PATH;
const calls = (): string[][] => readFileSync(standIn.log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);

beforeAll(() => {
  process.env.PATH = `${standIn.bin}${delimiter}${originalPath ?? ''}`;
  process.env.SAY_STAND_IN_LOG = standIn.log;
});
afterAll(() => {
  process.env.PATH = originalPath;
  rmSync(standIn.bin, { recursive: true, force: true });
});

describe('say engine on Linux', () => {
  test('is never available, so the say package never pastes text into Festival', async () => {
    const engine = new SayEngine({ platform: 'linux' });
    expect(await engine.isAvailable()).toBe(false);
    expect(await engine.voices()).toEqual([]);
  });
});

describe('say engine on macOS (the npm say package driving a stand-in `say` program)', () => {
  const engine = new SayEngine({ platform: 'darwin' });

  test('lists the English system voices from `say -v ?` and prefers Samantha', async () => {
    writeFileSync(standIn.log, '');
    expect(await engine.isAvailable()).toBe(true);
    expect(engine.defaultVoice).toBe('Samantha');
    expect(await engine.voices()).toEqual([
      { name: 'Samantha', language: 'en-US', sampleRate: 32000 },
      { name: 'Daniel', language: 'en-GB', sampleRate: 32000 },
    ]);
  });

  test('exports the text through the package and reads back the float WAV as 16-bit PCM', async () => {
    writeFileSync(standIn.log, '');
    const pcm = await engine.speak('Five words are spoken here.', { voice: 'Samantha', rate: 1 });
    const [args] = calls();
    expect(args?.slice(0, 5)).toEqual(['-v', 'Samantha', 'Five words are spoken here.', '-r', '175']);
    expect(args?.[5]).toBe('-o');
    expect(args?.[6]).toMatch(/speech\.wav$/);
    expect(args?.[7]).toBe('--data-format=LEF32@32000');
    expect(pcm.sampleRate).toBe(32000);
    expect(seconds(pcm)).toBeCloseTo(1.5, 3);
    expect(loudness(pcm)).toBeGreaterThan(10000); // a 0.5 sine is 0.35 RMS = 11585
  });

  test('asks for fewer words per minute at rate 0.7, giving longer audio', async () => {
    writeFileSync(standIn.log, '');
    const normal = await engine.speak('Five words are spoken here.', { voice: 'Samantha', rate: 1 });
    const slow = await engine.speak('Five words are spoken here.', { voice: 'Samantha', rate: 0.7 });
    expect(calls()[1]?.[4]).toBe('123');
    expect(seconds(slow) / seconds(normal)).toBeGreaterThan(1.4);
  });

  test('keeps a leading dash and embedded [[commands]] from reaching `say` as such', async () => {
    writeFileSync(standIn.log, '');
    await engine.speak('--help [[rate 600]] me', { voice: 'Daniel', rate: 1 });
    expect(calls()[0]?.[2]).toBe(' --help [ [rate 600]] me');
  });

  test('refuses an unknown voice as a missing dependency, listing the real ones', async () => {
    const error = await engine.speak('Hello there.', { voice: 'Zarvox', rate: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NewscastError);
    expect((error as NewscastError).kind).toBe('dependency');
    expect((error as NewscastError).hint).toBe('Use one of: Samantha, Daniel.');
  });

  test('turns a failing `say` into an internal error carrying its message', async () => {
    const failing = new SayEngine({
      platform: 'darwin',
      say: {
        export: (_text, _voice, _speed, _file, callback) => setImmediate(() => callback(new Error('Open speech channel failed: -128'))),
        getInstalledVoices: () => undefined,
      },
    });
    const error = await failing.speak('Hello there.', { voice: 'Samantha', rate: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NewscastError);
    expect((error as NewscastError).kind).toBe('internal');
    expect((error as NewscastError).message).toContain('Open speech channel failed: -128');
  });

  test('reports the say package version', async () => {
    expect(await engine.version()).toBe('say 0.16.0 on darwin');
  });
});

test('parses voice names with spaces and parentheses from `say -v ?`', () => {
  const listing = 'Bad News            en_US    # The light you see at the end of the tunnel\nEddy (English (UK)) en_GB    # Hello!\nThomas              fr_FR    # Bonjour';
  expect(parseMacVoices(listing)).toEqual([
    { name: 'Bad News', language: 'en-US' },
    { name: 'Eddy (English (UK))', language: 'en-GB' },
  ]);
});
