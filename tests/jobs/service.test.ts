// createService as a library script uses it: a Node process whose only work is awaiting settled().
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { shortArticle } from './queue-contract.js';

const dist = new URL('../../dist/', import.meta.url);

test('a script awaiting settled() stays alive through a retry’s backoff and gets the job', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-service-'));
  const script = join(mkdtempSync(join(tmpdir(), 'newscast-service-script-')), 'voice.mjs');
  // The real runner, made to fail transiently once (an engine crash), so the job waits out its backoff.
  writeFileSync(
    script,
    `import { createService } from ${JSON.stringify(new URL('index.js', dist).href)};
import { runJob } from ${JSON.stringify(new URL('jobs/run-job.js', dist).href)};
let calls = 0;
const runner = async (data, context) => {
  if (++calls === 1) throw new Error('the engine crashed');
  return runJob(data, context);
};
const service = await createService({ outDir: process.argv[2], backoffMs: 1500, runner });
const { job } = await service.submit(process.argv[3], { format: 'text', name: 'story.txt', engine: 'flite-wasm' });
const settled = await service.settled(job.id);
console.log(JSON.stringify({ state: settled.state, attempts: settled.attempts }));
await service.close();
`,
  );
  const child = spawn(process.execPath, [script, outDir, shortArticle(51, 'Tarrow')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(JSON.parse(stdout)).toEqual({ state: 'done', attempts: 2 });
});
