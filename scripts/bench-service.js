#!/usr/bin/env node
// `npm run bench:service`: the newsroom service's throughput on this machine, written to
// BENCHMARKS.md's "Service throughput (issue 14)" section. Over the built library (dist/):
// - 50 real-length articles (300 to 1,500 words, scripts/news-prose.js, fixed seeds) submitted at
//   once to a service at --concurrency 1 and 2, each level in its own process with an empty
//   speech cache: articles per minute, and the median and 95th percentile from submit to done;
// - the fixed cost of a short article: a warm service (one process, jobs one after another)
//   against a `newscast generate` process per article, same cache.
//
//   node scripts/bench-service.js [--articles 50] [--levels 1,2] [--short 5] [--out BENCHMARKS.md]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { newsArticle } from './news-prose.js';
import { writeBenchmarksSection } from './benchmarks-section.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const { values: flags } = parseArgs({
  options: {
    articles: { type: 'string', default: '50' },
    levels: { type: 'string', default: '1,2' },
    short: { type: 'string', default: '5' },
    out: { type: 'string', default: join(root, 'BENCHMARKS.md') },
    // Internal: one measurement in a child process, printed as JSON.
    child: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
    outdir: { type: 'string' },
  },
});
const log = (line) => process.stderr.write(`bench-service: ${line}\n`);
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const seconds = (ms) => (ms / 1000).toFixed(1);

/** The benchmark's articles: lengths spread evenly from 300 to 1,500 words. */
function articles(count) {
  return Array.from({ length: count }, (_, i) => newsArticle(1000 + i, 300 + Math.round((i * 1200) / Math.max(1, count - 1))));
}
const shortArticles = (count) => Array.from({ length: count + 1 }, (_, i) => newsArticle(5000 + i, 60));

// --- child measurements ---------------------------------------------------------------------

async function throughputChild() {
  const { createService } = await import(join(root, 'dist', 'index.js'));
  const list = articles(Number(flags.articles));
  const service = await createService({ outDir: flags.outdir, concurrency: Number(flags.concurrency) });
  const submittedAt = new Map();
  const doneAt = new Map();
  service.on('done', ({ job }) => doneAt.set(job.id, performance.now()));
  service.on('failed', ({ job }) => log(`job ${job.name} failed: ${job.error?.message}`));
  const start = performance.now();
  const ids = [];
  for (const [index, article] of list.entries()) {
    const { job } = await service.submit(article.text, { format: 'text', engine: 'flite-wasm', name: `article-${index}.txt` });
    submittedAt.set(job.id, performance.now());
    ids.push(job.id);
  }
  const jobs = await Promise.all(ids.map((id) => service.settled(id)));
  await service.close();
  const end = Math.max(...doneAt.values());
  const latencies = ids.map((id) => doneAt.get(id) - submittedAt.get(id));
  return {
    done: jobs.filter((job) => job.state === 'done').length,
    words: list.reduce((sum, article) => sum + article.words, 0),
    audioSeconds: jobs.reduce((sum, job) => sum + (job.result?.manifest.durationSeconds ?? 0), 0),
    wallMs: end - start,
    medianMs: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function warmServiceChild() {
  const { createService } = await import(join(root, 'dist', 'index.js'));
  const [warmUp, ...list] = shortArticles(Number(flags.short));
  const service = await createService({ outDir: flags.outdir, concurrency: 1 });
  const run = async (article) => {
    const started = performance.now();
    const { job } = await service.submit(article.text, { format: 'text', engine: 'flite-wasm' });
    await service.settled(job.id);
    return performance.now() - started;
  };
  await run(warmUp);
  const times = [];
  for (const article of list) times.push(await run(article));
  await service.close();
  return { times };
}

if (flags.child) {
  const result = flags.child === 'throughput' ? await throughputChild() : await warmServiceChild();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

// --- the run --------------------------------------------------------------------------------

function run(args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => (code === 0 ? resolve({ stdout, ms: performance.now() - started }) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

const work = mkdtempSync(join(tmpdir(), 'newscast-bench-service-'));
const fresh = (name) => mkdtempSync(join(work, `${name}-`));
const loadBefore = loadavg()[0];
const levels = flags.levels.split(',').map(Number);
const throughput = [];
for (const concurrency of levels) {
  log(`${flags.articles} articles at --concurrency ${concurrency}…`);
  const { stdout } = await run([fileURLToPath(import.meta.url), '--child', 'throughput', '--concurrency', String(concurrency), '--articles', flags.articles, '--outdir', fresh('out')], {
    NEWSCAST_CACHE_DIR: fresh('cache'),
  });
  throughput.push({ concurrency, ...JSON.parse(stdout) });
}

log(`fixed cost: ${flags.short} short articles, warm service against a process each…`);
const cache = fresh('cache');
const warm = JSON.parse((await run([fileURLToPath(import.meta.url), '--child', 'warm', '--short', flags.short, '--outdir', fresh('out')], { NEWSCAST_CACHE_DIR: cache })).stdout).times;
const [, ...list] = shortArticles(Number(flags.short));
const cold = [];
const coldOut = fresh('out');
for (const [index, article] of list.entries()) {
  const path = join(work, `short-${index}.txt`);
  // Different seeds from the warm run's: nothing of the article itself is in the cache.
  writeFileSync(path, newsArticle(7000 + index, 60).text);
  cold.push((await run([cli, 'generate', path, '-o', coldOut, '--engine', 'flite-wasm', '-q'], { NEWSCAST_CACHE_DIR: cache })).ms);
}
const shortWords = list.reduce((sum, article) => sum + article.words, 0) / list.length;
rmSync(work, { recursive: true, force: true });

// --- BENCHMARKS.md --------------------------------------------------------------------------

const total = throughput[0];
const lines = [
  '## Service throughput (issue 14)',
  '',
  `Regenerate with \`npm run bench:service\` (\`node scripts/bench-service.js --articles ${flags.articles} --levels ${flags.levels}\` after a build).`,
  '',
  `- Machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; load average ${loadBefore.toFixed(2)} when the run started (the machine is shared: figures are of a busy machine when it is above 1).`,
  `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  `- ${flags.articles} articles from scripts/news-prose.js (seeded: the same every run), 300 to 1,500 words, ${total.words.toLocaleString('en')} words and ${(total.audioSeconds / 60).toFixed(0)} minutes of audio in all, submitted at once through \`createService\` (the library under \`newscast serve\`), engine flite-wasm, default --jobs (${availableParallelism()}) inside each job; each level in a fresh process with an empty speech cache and a fresh OUT (so the feed grows from 0 to ${flags.articles} items).`,
  '',
  '| --concurrency | done | articles per minute | submit → done, median | 95th percentile | all done after | audio per wall second | peak RSS |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...throughput.map(
    (row) =>
      `| ${row.concurrency} | ${row.done}/${flags.articles} | ${((row.done / row.wallMs) * 60_000).toFixed(1)} | ${seconds(row.medianMs)} s | ${seconds(row.p95Ms)} s | ${seconds(row.wallMs)} s | ${(row.audioSeconds / (row.wallMs / 1000)).toFixed(1)} s | ${row.maxRssMb.toFixed(0)} MB |`,
  ),
  '',
  `Fixed cost per article: ${flags.short} short articles (about ${shortWords.toFixed(0)} words), one after another, the template's intro and outro already in the cache for both.`,
  '',
  '| | median per article | min | max |',
  '| --- | --- | --- | --- |',
  `| warm service (submit → done, one process) | ${seconds(percentile(warm, 50))} s | ${seconds(Math.min(...warm))} s | ${seconds(Math.max(...warm))} s |`,
  `| \`newscast generate\` process per article | ${seconds(percentile(cold, 50))} s | ${seconds(Math.min(...cold))} s | ${seconds(Math.max(...cold))} s |`,
  '',
  ...reading(),
];

/** What the figures say, computed from them. */
function reading() {
  const rate = (row) => row.done / row.wallMs;
  const [one, two] = [throughput.find((row) => row.concurrency === 1), throughput.find((row) => row.concurrency === 2)];
  const lines = [];
  if (one && two) {
    lines.push(
      `- --concurrency 2 does ${((rate(two) / rate(one) - 1) * 100).toFixed(0)}% more articles per minute than 1: a job's own stages do not keep both cores busy (scripting, publishing and each ffmpeg graph run on one), so a second job fills the gaps.`,
    );
  }
  lines.push(
    `- A warm service saves ${seconds(percentile(cold, 50) - percentile(warm, 50))} s per short article against a process per article (Node start-up, module loading, the WebAssembly compile, the first ffmpeg runs): ${(percentile(cold, 50) / percentile(warm, 50)).toFixed(1)}× as many short stories per hour.`,
    '- Submit → done for a batch submitted at once is mostly waiting in the queue: the median job waits for half the batch.',
    '',
  );
  return lines;
}
const section = lines.join('\n');
writeBenchmarksSection(flags.out, section);
process.stdout.write(`${section}\n`);
