import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { scriptArticle, type ProgressEvent } from '../../src/pipeline.js';

test('scripting a long article reports its progress as it goes', async () => {
  const story = readFileSync(new URL('../fixtures/articles/long-river-restoration.txt', import.meta.url), 'utf8');
  const body = story.split(/\n\s*\n/).slice(1).join('\n\n');
  const path = join(tmpdir(), `newscast-progress-${process.pid}.txt`);
  writeFileSync(path, `A long river story\n\n${Array.from({ length: 8 }, () => body).join('\n\n')}\n`);
  const events: ProgressEvent[] = [];
  await scriptArticle(path, { onProgress: (event) => events.push(event) });
  const script = events.filter((event) => event.stage === 'script').map((event) => event.fraction);
  expect(script[0]).toBe(0);
  expect(script.at(-1)).toBe(1);
  expect(script.filter((fraction) => fraction > 0 && fraction < 1).length).toBeGreaterThanOrEqual(10);
  expect([...script].sort((a, b) => a - b)).toEqual(script);
});
