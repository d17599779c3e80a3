// `newscast watch DIR -o OUT` as a user runs it: a file dropped in becomes an episode and moves to
// DIR/done/; SIGTERM lets the service stop cleanly (exit 0); bad options exit 2 with a message.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { shortArticle } from '../jobs/queue-contract.js';
import { runCli } from './cli.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

test('a file dropped into the watched folder becomes an episode and moves to done/; SIGTERM exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newscast-watch-cli-'));
  const out = join(mkdtempSync(join(tmpdir(), 'newscast-watch-cli-out-')), 'show');
  const child = spawn(process.execPath, [cli, 'watch', dir, '-o', out, '--engine', 'flite-wasm'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  writeFileSync(join(dir, 'library.txt'), shortArticle(1, 'Orford'));
  for (let waited = 0; !existsSync(join(dir, 'done', 'library.txt')); waited += 100) {
    if (waited > 50_000) throw new Error(`the file was not moved: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stderr).toMatch(/newscast: watching .*; episodes go to .*show, 1 at a time\. Ctrl-C stops\./);
  expect(stderr).toMatch(/library\.txt: done, orford-opens-reading-room-number-1/);
  expect(readdirSync(out).sort()).toEqual(['.newscast', 'feed.xml', 'index.html', 'newscast-player.js', 'orford-opens-reading-room-number-1', 'show-cover.jpg']);
});

test('watch with a bad option or a missing folder exits 2 and says what to do', async () => {
  const result = await runCli(['watch', mkdtempSync(join(tmpdir(), 'newscast-watch-cli-')), '--concurrency', '0']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/--concurrency.*use a whole number of jobs from 1 to 64/);
  const feed = await runCli(['watch', mkdtempSync(join(tmpdir(), 'newscast-watch-cli-')), '--source-feed', 'ftp://news.example/feed']);
  expect(feed.code).toBe(2);
  expect(feed.stderr).toMatch(/use the http:\/\/ or https:\/\/ address of an RSS or Atom feed/);
  const out = mkdtempSync(join(tmpdir(), 'newscast-watch-cli-out-'));
  const missing = await runCli(['watch', '/no/such/folder', '-o', out]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('There is no folder /no/such/folder to watch.');
});
