#!/usr/bin/env node
// `npm run bench:store`: what the job store keeps per story, in the embedded SQLite store and in
// Redis (BullMQ), while a job waits and once it has ended; the section "## Job store growth" of
// BENCHMARKS.md (replaced; the rest of the file is kept).
//
//   node scripts/bench-job-store.js [--articles 20] [--page-kb 250] [--out BENCHMARKS.md]
//
// Each story is what the feed source stores for a fetched page: a whole HTML page (the article
// from scripts/news-prose.js inside a page padded with navigation to --page-kb), voiced with
// flite-wasm by a worker in this process. SQLite: the bytes of the job's row (every column). Redis:
// MEMORY USAGE of the job's hash, every field counted (SAMPLES 0: its default estimates a hash from 5 fields).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { writeBenchmarksSection } from './benchmarks-section.js';
import { newsArticle } from './news-prose.js';
import { startRedis } from './redis-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createSqliteQueue, jobsDatabasePath } = await import(join(root, 'dist', 'jobs', 'sqlite-queue.js'));
const { openBullMqQueue } = await import(join(root, 'dist', 'jobs', 'bullmq-queue.js'));

const { values: flags } = parseArgs({
  options: {
    articles: { type: 'string', default: '20' },
    'page-kb': { type: 'string', default: '250' },
    out: { type: 'string', default: join(root, 'BENCHMARKS.md') },
  },
});
const articleCount = Number(flags.articles);
const pageBytes = Number(flags['page-kb']) * 1000;
const work = mkdtempSync(join(tmpdir(), 'newscast-bench-store-'));

/** The article in a news page's clothes, padded with navigation links to about pageBytes. */
function page(seed) {
  const { title, text } = newsArticle(seed, 300);
  const paragraphs = text.split('\n\n').slice(2).map((paragraph) => `<p>${paragraph.trim()}</p>`).join('\n');
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>`;
  const article = `<article><h1>${title}</h1>\n${paragraphs}\n</article>`;
  const link = (n) => `<li><a href="/section/${seed}/${n}" class="nav-link">Section ${n} of the site</a></li>\n`;
  let navigation = '';
  for (let n = 0; head.length + article.length + navigation.length < pageBytes; n++) navigation += link(n);
  return `${head}<nav><ul>\n${navigation}</ul></nav>${article}</body></html>`;
}

const request = (seed) => ({ format: 'html', content: Buffer.from(page(seed)).toString('base64'), name: `https://news.example/${seed}`, options: { engine: 'flite-wasm' } });

async function settle(queue, ids) {
  for (const id of ids) {
    for (let job = await queue.get(id); job.state !== 'done' && job.state !== 'failed'; job = await queue.get(id)) await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

async function sqlite() {
  const outDir = join(work, 'sqlite');
  const rowBytes = (ids) => {
    const db = new Database(jobsDatabasePath(outDir), { readonly: true });
    const columns = 'length(id) + length(state) + length(name) + length(format) + length(options) + length(content) + coalesce(length(progress), 0) + coalesce(length(error), 0) + coalesce(length(result), 0) + coalesce(length(owner), 0) + coalesce(length(fingerprint), 0)';
    const bytes = ids.map((id) => db.prepare(`SELECT ${columns} AS bytes FROM jobs WHERE id = ?`).get(id).bytes);
    db.close();
    return bytes;
  };
  // Waiting: a queue that runs nothing.
  const submitter = await createSqliteQueue({ outDir, concurrency: 0 });
  const ids = [];
  for (let seed = 1; seed <= articleCount; seed++) ids.push((await submitter.add(request(seed))).job.id);
  await submitter.close();
  const waiting = rowBytes(ids);
  const runner = await createSqliteQueue({ outDir, concurrency: 1 });
  await settle(runner, ids);
  const states = await Promise.all(ids.map((id) => runner.get(id).then((job) => job.state)));
  await runner.close();
  return { store: 'SQLite (`OUT/.newscast/jobs.sqlite`), bytes of the row', waiting: median(waiting), ended: median(rowBytes(ids)), done: states.filter((state) => state === 'done').length };
}

async function redis() {
  const server = await startRedis();
  const admin = new Redis(server.url);
  try {
    const outDir = join(work, 'redis');
    const queueName = 'bench-store';
    const hashBytes = (ids) => Promise.all(ids.map((id) => admin.memory('USAGE', `bull:${queueName}:${id}`, 'SAMPLES', 0)));
    const queue = await openBullMqQueue({ redisUrl: server.url, queueName, outDir, concurrency: 0 });
    const ids = [];
    for (let seed = 1; seed <= articleCount; seed++) ids.push((await queue.add(request(seed))).job.id);
    const waiting = await hashBytes(ids);
    await queue.close();
    const runner = await openBullMqQueue({ redisUrl: server.url, queueName, outDir, concurrency: 1 });
    await settle(runner, ids);
    // The input is dropped just after the job's end is recorded.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const states = await Promise.all(ids.map((id) => runner.get(id).then((job) => job.state)));
    const ended = await hashBytes(ids);
    await runner.close();
    return { store: `Redis ${/redis_version:(\S+)/.exec(await admin.info('server'))[1]} (BullMQ), MEMORY USAGE of the job's hash`, waiting: median(waiting), ended: median(ended), done: states.filter((state) => state === 'done').length };
  } finally {
    admin.disconnect();
    server.child.kill();
  }
}

try {
  const results = [];
  for (const measure of [sqlite, redis]) {
    const result = await measure();
    process.stderr.write(`${result.store}: waiting ${kb(result.waiting)}, ended ${kb(result.ended)} (${result.done}/${articleCount} done)\n`);
    results.push(result);
  }
  const section = [
    '## Job store growth',
    '',
    'Regenerate with `npm run bench:store` (`node scripts/bench-job-store.js --articles 20 --page-kb 250` after a build).',
    '',
    `- Machine: ${availableParallelism()} cores, ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `- ${articleCount} stories, each a whole news page of ${kb(Buffer.byteLength(page(1)))} (a 300-word article from scripts/news-prose.js inside navigation), as the feed source stores a fetched page; voiced with flite-wasm by one worker. Medians over the stories.`,
    '',
    '| store | a waiting job | an ended job | done |',
    '| --- | ---: | ---: | ---: |',
    ...results.map((result) => `| ${result.store} | ${kb(result.waiting)} | ${kb(result.ended)} | ${result.done}/${articleCount} |`),
    '',
    "An ended job keeps its record (state, result with the episode's manifest, error, fingerprint) and drops its input: the store grows by the second column per story, not the first.",
    '',
  ].join('\n');
  writeBenchmarksSection(flags.out, section);
  process.stderr.write(`written to ${flags.out}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
