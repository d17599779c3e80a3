// `newscast watch`'s folder: each file dropped in is voiced once, when it has stopped changing,
// and moved to done/ or failed/ (with the reason beside it), across restarts too.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, appendFileSync, truncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { createService, type Service } from '../../src/jobs/service.js';
import { watchFolder } from '../../src/jobs/watch-folder.js';
import { shortArticle } from './queue-contract.js';

const episodesIn = (outDir: string): string[] => readdirSync(outDir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name);

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 100) {
    if (waited > 50_000) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function watching<T>(dir: string, outDir: string, work: (service: Service) => Promise<T>, onMessage?: (message: string) => void): Promise<T> {
  const service = await createService({ outDir, concurrency: 2 });
  const watcher = await watchFolder({ dir, service, jobOptions: { engine: 'flite-wasm' }, intervalMs: 100, stableMs: 400, onMessage });
  try {
    return await work(service);
  } finally {
    await watcher.close();
    await service.close();
  }
}

test('files dropped in are voiced once, done ones move to done/, failed ones to failed/ with the reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newscast-watch-'));
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-watch-out-'));
  await watching(dir, outDir, async () => {
    writeFileSync(join(dir, 'ferry.txt'), shortArticle(1, 'Skerrin'));
    writeFileSync(join(dir, 'bridge.md'), '# Bridge reopens in Dunmore\n\nThe **Dunmore** bridge reopened on Friday after nine weeks of repairs to its deck.\n');
    writeFileSync(join(dir, 'empty.txt'), '  \n');
    writeFileSync(join(dir, '.partial.txt'), 'an editor\'s temporary file');
    await until(() => existsSync(join(dir, 'done', 'ferry.txt')) && existsSync(join(dir, 'done', 'bridge.md')) && existsSync(join(dir, 'failed', 'empty.txt')), 'the three files to be moved');
  });
  expect(readFileSync(join(dir, 'failed', 'empty.txt.error.txt'), 'utf8')).toMatch(/^empty\.txt is empty\.\nGive an article with some text in it\.\n\(job [0-9a-f]{32}, input error, 1 attempt\)\n$/);
  expect(readdirSync(dir).sort()).toEqual(['.partial.txt', 'done', 'failed']);
  expect(episodesIn(outDir).sort()).toEqual(['bridge-reopens-in-dunmore', 'skerrin-opens-reading-room-number-1']);

  // After a restart: a file the last run voiced but had not moved yet (the same content) finds its job, and makes no second episode.
  writeFileSync(join(dir, 'ferry-again.txt'), shortArticle(1, 'Skerrin'));
  await watching(dir, outDir, async (service) => {
    await until(() => existsSync(join(dir, 'done', 'ferry-again.txt')), 'the known file to be moved');
    expect(await service.list()).toHaveLength(3);
  });
  expect(episodesIn(outDir)).toHaveLength(2);
  const feed = readFileSync(join(outDir, 'feed.xml'), 'utf8');
  expect(feed.match(/<item>/g)).toHaveLength(2);
});

test('a file still being written is taken only once it has stopped changing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newscast-watch-'));
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-watch-out-'));
  mkdirSync(dir, { recursive: true });
  await watching(dir, outDir, async (service) => {
    const path = join(dir, 'slow.txt');
    writeFileSync(path, 'Tidal power station approved\n\nThe Kilbride council approved a tidal power station on Monday.\n');
    for (const sentence of ['Work starts in May.', 'It will power four thousand homes.', 'The last sentence arrived late.']) {
      await sleep(250);
      appendFileSync(path, `\n${sentence}\n`);
    }
    await until(() => existsSync(join(dir, 'done', 'slow.txt')), 'the slow file to be moved');
    const jobs = await service.list();
    expect(jobs).toHaveLength(1);
    expect(readFileSync(join(outDir, jobs[0]!.result!.slug, 'script.ssml'), 'utf8')).toContain('The last sentence arrived late.');
  });
});

test('a file over the article size limit goes to failed/ with the reason, unread and unqueued', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newscast-watch-'));
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-watch-out-'));
  await watching(dir, outDir, async (service) => {
    writeFileSync(join(dir, 'archive-dump.txt'), '');
    truncateSync(join(dir, 'archive-dump.txt'), 17 * 1024 * 1024); // sparse: 17 MB at no cost
    await until(() => existsSync(join(dir, 'failed', 'archive-dump.txt')), 'the big file to be moved to failed/');
    expect(readFileSync(join(dir, 'failed', 'archive-dump.txt.error.txt'), 'utf8')).toContain('at most 16.0 MB');
    expect(await service.list()).toHaveLength(0);
  });
});

test('a file saved again after it was taken is not moved away: its edit is taken and voiced too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newscast-watch-'));
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-watch-out-'));
  const path = join(dir, 'harbour.txt');
  // Saved again the moment it is queued, before its job can finish (a short job may take only milliseconds).
  let corrected = false;
  const correctOnceQueued = (message: string): void => {
    if (corrected || !message.startsWith('harbour.txt: queued')) return;
    corrected = true;
    appendFileSync(path, '\nA correction: the dredging lasts six weeks.\n');
  };
  await watching(dir, outDir, async (service) => {
    writeFileSync(path, 'Harbour dredging to start\n\nDredging of the Kilbride harbour mouth starts next week and lasts a month.\n');
    await until(() => existsSync(join(dir, 'done', 'harbour.txt')), 'the file to be moved to done/');
    expect(corrected).toBe(true);
    expect(readFileSync(join(dir, 'done', 'harbour.txt'), 'utf8')).toContain('six weeks');
    const done = await service.list({ state: 'done' });
    expect(done).toHaveLength(2);
    expect(done.some((job) => readFileSync(join(outDir, job.result!.slug, 'script.ssml'), 'utf8').includes('six weeks'))).toBe(true);
  }, correctOnceQueued);
});

test('a file that cannot be taken is tried a few times, then moved to failed/ with the reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newscast-watch-'));
  const outDir = mkdtempSync(join(tmpdir(), 'newscast-watch-out-'));
  await watching(dir, outDir, async () => {
    rmSync(join(dir, 'done'), { recursive: true }); // someone tidied the folder away: the done file cannot be moved there
    writeFileSync(join(dir, 'pier.txt'), 'Pier lights mended\n\nThe lights along the Kilbride pier were mended on Friday.\n');
    await until(() => existsSync(join(dir, 'failed', 'pier.txt')), 'the file to be moved to failed/');
    expect(readFileSync(join(dir, 'failed', 'pier.txt.error.txt'), 'utf8')).toMatch(/could not be taken 3 times.*ENOENT/s);
  });
});
