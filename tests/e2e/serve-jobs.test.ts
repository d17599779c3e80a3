// `newscast serve OUT` as a process: killed with SIGKILL in the middle of publishing a job (held at
// the swap by NEWSCAST_PAUSE_AT, src/checkpoint.ts, with its staging folder written and the output
// lock held), then started again: every job is done once, nothing partial is left, the feed
// lists each episode once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { expect, test } from 'vitest';
import { shortArticle } from '../jobs/queue-contract.js';
import { decode } from './audio-reader.js';
import { runCli } from './cli.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

interface Serving {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `newscast serve OUT --port 0` and resolves once it says where it listens. */
function serve(out: string, env: Record<string, string>): Promise<Serving> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', out, '--port', '0', '--concurrency', '1', '-q'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const listening = / at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (listening) resolve({ child, url: listening[1]!, stderr: () => stderr, exited });
    });
    void exited.then(() => reject(new Error(`serve ended before listening: ${stderr}`)));
  });
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 100) {
    if (waited > 50_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('serve SIGKILLed while publishing a job, then started again: every job done once, nothing partial, no duplicate feed item', async () => {
  const out = mkdtempSync(join(tmpdir(), 'newscast-serve-kill-'));
  const sandbox = { TMPDIR: mkdtempSync(join(tmpdir(), 'newscast-serve-tmp-')), NEWSCAST_CACHE_DIR: mkdtempSync(join(tmpdir(), 'newscast-serve-cache-')) };

  const first = await serve(out, { ...sandbox, NEWSCAST_PAUSE_AT: 'swap' });
  const ids: string[] = [];
  for (const n of [1, 2, 3]) {
    const response = await fetch(`${first.url}api/episodes?engine=flite-wasm`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: shortArticle(n, 'Carrow') });
    expect(response.status).toBe(202);
    ids.push(((await response.json()) as { job: { id: string } }).job.id);
  }
  await until(() => first.stderr().includes('paused at swap'), 'the first job to reach the swap');
  const held = (await (await fetch(`${first.url}api/jobs/${ids[0]}`)).json()) as { job: { state: string; progress: { stage: string } } };
  expect(held.job).toMatchObject({ state: 'active', progress: { stage: 'publish' } });
  expect(readdirSync(out).filter((name) => name.includes('.staging'))).toHaveLength(1);
  first.child.kill('SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');

  const second = await serve(out, sandbox);
  try {
    for (const id of ids) {
      const events = await (await fetch(`${second.url}api/jobs/${id}/events`)).text();
      expect(events).toMatch(/event: done\n/);
    }
    const jobs = ((await (await fetch(`${second.url}api/jobs`)).json()) as { jobs: { id: string; state: string; attempts: number }[] }).jobs;
    expect(jobs.map((job) => [job.id, job.state, job.attempts]).sort()).toEqual(ids.map((id, index) => [id, 'done', index === 0 ? 2 : 1]).sort());
  } finally {
    second.child.kill('SIGTERM');
  }
  expect((await second.exited).code).toBe(0);

  // Nothing hidden but the job store; three whole episodes; each once in the feed.
  expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual(['.newscast']);
  const episodes = readdirSync(out, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name);
  expect(episodes.sort()).toEqual(['carrow-opens-reading-room-number-1', 'carrow-opens-reading-room-number-2', 'carrow-opens-reading-room-number-3']);
  for (const slug of episodes) {
    const manifest = JSON.parse(readFileSync(join(out, slug, 'episode.json'), 'utf8')) as { durationSeconds: number };
    expect((await decode(join(out, slug, 'episode.mp3'))).length / 16000).toBeCloseTo(manifest.durationSeconds, 0);
    expect(readdirSync(join(out, slug)).filter((name) => name.startsWith('.'))).toEqual([]);
  }
  const feed = new XMLParser().parse(readFileSync(join(out, 'feed.xml'), 'utf8'), true) as { rss: { channel: { item: { title: string }[] } } };
  expect(feed.rss.channel.item.map((item) => item.title).sort()).toEqual(['Carrow opens reading room number 1', 'Carrow opens reading room number 2', 'Carrow opens reading room number 3']);
  expect(readdirSync(sandbox.TMPDIR)).toEqual([]);
}, 120_000);

test('serve that cannot listen (an address not this machine’s) exits 2 and leaves OUT as it was', async () => {
  const out = mkdtempSync(join(tmpdir(), 'newscast-serve-fail-'));
  const result = await runCli(['serve', out, '--host', 'not-a-host.invalid', '--port', '0'], { env: { ...process.env, NEWSCAST_API_TOKEN: 'a-long-enough-test-token-123' } });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('not-a-host.invalid is not an address of this machine.');
  expect(readdirSync(out)).toEqual([]);
});
