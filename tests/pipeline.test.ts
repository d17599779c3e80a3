// The library's hooks: what the pipeline has to say goes to the caller, not to the terminal.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, vi } from 'vitest';
import { generateEpisode } from '../src/pipeline.js';

const article = fileURLToPath(new URL('./fixtures/articles/short-council-vote.txt', import.meta.url));

test("the feed's warnings (an episode left out) go to onWarning, not to stderr", async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-pipeline-'));
  writeFileSync(join(outDir, 'show.json'), '{}');
  mkdirSync(join(outDir, 'broken'));
  writeFileSync(join(outDir, 'broken', 'episode.json'), '{"title": ');
  const stderr = vi.spyOn(process.stderr, 'write');
  const warnings: string[] = [];
  try {
    await generateEpisode(article, { outDir, engine: 'flite-wasm', cache: false, onWarning: (warning) => warnings.push(warning) });
    const written = stderr.mock.calls.map(([text]) => String(text)).join('');
    expect(written).not.toMatch(/left out/);
  } finally {
    stderr.mockRestore();
  }
  expect(warnings).toEqual([expect.stringMatching(new RegExp(`^left out ${join(outDir, 'broken', 'episode.json')}: .*not valid JSON`))]);
}, 60_000);
