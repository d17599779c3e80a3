import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SpeechCache } from '../../src/tts/cache.js';
import { withCache } from '../../src/tts/cached-engine.js';
import { FliteWasmEngine } from '../../src/tts/engines/flite-wasm.js';
import { workerScriptPath } from '../../src/tts/engines/flite-wasm-pool.js';
import { renderScript } from '../../src/tts/render.js';
import { CountingEngine, ToneEngine } from './counting-engine.js';

const workDir = mkdtempSync(join(tmpdir(), 'newscast-parallel-test-'));
const speak = (body: string): string => `<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US">${body}</speak>`;

const paragraphs = [
  'The council met on Tuesday. It approved the budget after a long debate.',
  'Residents spoke for three hours. Most of them asked for more buses.',
  'The mayor said the vote was a turning point. She thanked the staff.',
  'Work on the new line starts in May. It should be finished next year.',
];

/** A script like `newscast script` makes: chapter marks, sentence marks, paragraphs. */
function script(texts: string[]): string {
  let sentence = 0;
  const body = texts
    .map((paragraph, index) => {
      const sentences = paragraph.split(/(?<=\.) /).map((text) => `<s><mark name="s${++sentence}"/>${text}</s>`);
      return `<mark name="chapter:Part ${index + 1}"/><p>${sentences.join(' ')}</p>`;
    })
    .join('');
  return speak(body);
}

describe('parallel rendering', () => {
  test('jobs 1 and jobs 4 write the same bytes and the same marks, though runs finish out of order', async () => {
    const one = new ToneEngine();
    const four = new ToneEngine();
    const serial = await renderScript(script(paragraphs), { engine: one, jobs: 1, wavPath: join(workDir, 'tone-1.wav') });
    const parallel = await renderScript(script(paragraphs), { engine: four, jobs: 4, wavPath: join(workDir, 'tone-4.wav') });
    expect(one.mostRunning).toBe(1);
    expect(four.mostRunning).toBeGreaterThan(1);
    expect(four.mostRunning).toBeLessThanOrEqual(4);
    expect(readFileSync(parallel.wavPath).equals(readFileSync(serial.wavPath))).toBe(true);
    expect(parallel.marks).toEqual(serial.marks);
    expect(parallel.sentences).toEqual(serial.sentences);
    expect(parallel.chapters).toEqual(serial.chapters);
  });

  test('with the embedded flite engine (worker threads), --jobs 2 gives the bytes of --jobs 1', async () => {
    // `npm test` builds first; without the built worker the engine would quietly speak in one thread.
    expect(workerScriptPath()).toBeDefined();
    const engine = new FliteWasmEngine();
    const serial = await renderScript(script(paragraphs), { engine, jobs: 1, wavPath: join(workDir, 'flite-1.wav') });
    const parallel = await renderScript(script(paragraphs), { engine, jobs: 2, wavPath: join(workDir, 'flite-2.wav') });
    expect(serial.durationSeconds).toBeGreaterThan(10);
    expect(readFileSync(parallel.wavPath).equals(readFileSync(serial.wavPath))).toBe(true);
    expect(parallel.marks).toEqual(serial.marks);
  }, 30_000);

  test('an engine failure fails the render with that error', async () => {
    const engine = new ToneEngine();
    engine.speak = async (text) => {
      if (text.includes('buses')) throw new Error('engine fell over');
      return { samples: new Int16Array(800).fill(5000), sampleRate: 8000 };
    };
    await expect(renderScript(script(paragraphs), { engine, jobs: 3, wavPath: join(workDir, 'failing.wav') })).rejects.toThrow('engine fell over');
  });
});

describe('re-rendering with the cache', () => {
  test('after a one-paragraph edit only that paragraph is spoken, and the result matches a fresh render', async () => {
    const cache = new SpeechCache(mkdtempSync(join(tmpdir(), 'newscast-edit-cache-')));
    const first = new CountingEngine(new ToneEngine());
    await renderScript(script(paragraphs), { engine: withCache(first, cache), jobs: 2, wavPath: join(workDir, 'before-edit.wav') });
    expect(first.spoken).toHaveLength(8);

    const edited = [...paragraphs];
    edited[2] = 'The mayor called the vote historic. She thanked the staff.';
    const second = new CountingEngine(new ToneEngine());
    const cached = withCache(second, cache);
    const rerendered = await renderScript(script(edited), { engine: cached, jobs: 2, wavPath: join(workDir, 'after-edit.wav') });
    // "She thanked the staff." is unchanged, so only the one new sentence is spoken.
    expect(second.spoken).toEqual(['The mayor called the vote historic.']);
    expect(cached.counts).toEqual({ hits: 7, misses: 1 });

    const fresh = await renderScript(script(edited), { engine: new ToneEngine(), jobs: 2, wavPath: join(workDir, 'fresh-edit.wav') });
    expect(readFileSync(rerendered.wavPath).equals(readFileSync(fresh.wavPath))).toBe(true);
    expect(rerendered.marks).toEqual(fresh.marks);
  });
});
