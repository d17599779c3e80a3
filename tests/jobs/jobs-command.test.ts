// Stopping `newscast watch` (SIGINT/SIGTERM call startJobs' close): the running job finishes, the
// backlog is left in the store and in the folder for the next start, not voiced first; a feed
// reading under way is cut short.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { startJobs } from '../../src/jobs/jobs-command.js';
import { createService } from '../../src/jobs/service.js';
import { shortArticle } from './queue-contract.js';

test('close lets the running job finish and leaves the waiting ones queued, their files in place', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newscast-jobs-stop-'));
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-jobs-stop-out-'));
  const names = ['one.txt', 'two.txt', 'three.txt', 'four.txt'];
  names.forEach((name, index) => writeFileSync(join(dir, name), shortArticle(80 + index, 'Quarley')));
  const jobs = await startJobs(outDir, { concurrency: 1, sourceFeed: [], poll: 300 }, { engine: 'flite-wasm' }, dir);
  // All four taken (the watcher waits for a file to stay unchanged 2 s), one of them running.
  for (let waited = 0; ; waited += 100) {
    const listed = await jobs.service.list();
    if (listed.length === 4 && listed.some((job) => job.state === 'active')) break;
    if (waited > 30_000) throw new Error(`the files were not taken: ${JSON.stringify(listed.map((job) => job.state))}`);
    await sleep(100);
  }
  await jobs.close();
  const moved = existsSync(join(dir, 'done')) ? readdirSync(join(dir, 'done')) : [];
  const left = readdirSync(dir).filter((name) => name.endsWith('.txt'));
  expect(moved.length).toBeGreaterThanOrEqual(1);
  expect(left.length).toBeGreaterThanOrEqual(2);
  expect([...moved, ...left].sort()).toEqual([...names].sort());
  // What was left waits in the store (read by a service that runs nothing, so it stays waiting).
  const later = await createService({ outDir, concurrency: 0 });
  try {
    const states = (await later.list()).map((job) => job.state);
    expect(states.filter((state) => state === 'done')).toHaveLength(moved.length);
    expect(states.filter((state) => state === 'waiting').length).toBe(left.length);
  } finally {
    await later.close();
  }
});

test('close cuts short a feed reading under way (a newsroom server that does not answer)', async () => {
  let asked: () => void = () => undefined;
  const askedOnce = new Promise<void>((resolve) => (asked = resolve));
  const silent = createServer(() => asked()); // takes the request, never answers
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/feed.xml`;
  try {
    const jobs = await startJobs(mkdtempSync(join(tmpdir(), 'newscast-jobs-stop-out-')), { concurrency: 1, sourceFeed: [url], poll: 300 });
    await askedOnce;
    // The reading would otherwise wait out its 30 s fetch timeout.
    const ended = await Promise.race([jobs.close().then(() => 'closed'), sleep(10_000).then(() => 'still reading')]);
    expect(ended).toBe('closed');
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});
