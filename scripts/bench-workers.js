#!/usr/bin/env node
// `npm run bench:workers`: N articles through 1, 2 and 4 `newscast worker` processes on BullMQ,
// against a redis-server of its own, and the section "## Scale-out on Redis (issue 15)" of
// BENCHMARKS.md (replaced; the rest of the file is kept).
//
//   node scripts/bench-workers.js [--articles 100] [--workers 1,2,4] [--out BENCHMARKS.md]
//
// Per run: a fresh OUT (with a feed, rebuilt at every publish, as `serve` sets it up), a fresh
// speech cache shared by the run's workers (one machine), a queue of its own. The client is the
// library's BullMQ queue (what `serve --redis` runs), submitting every article at once and
// following the events. Measured: articles per minute (first submit to last done), time from
// submit to done (median, 95th percentile), Redis commands per job (INFO commandstats delta:
// every command executed, those inside BullMQ's Lua scripts included; and the commands clients
// sent, counted with MONITOR: an upper bound on round trips, as pipelined commands share one),
// each worker's peak RSS (VmHWM) and CPU time (its own and its reaped children's: ffmpeg).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { writeBenchmarksSection } from './benchmarks-section.js';
import { startRedis } from './redis-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const { openBullMqQueue } = await import(join(root, 'dist', 'jobs', 'bullmq-queue.js'));
const { writeFeed } = await import(join(root, 'dist', 'publish', 'feed.js'));

const { values: flags } = parseArgs({
  options: {
    articles: { type: 'string', default: '100' },
    workers: { type: 'string', default: '1,2,4' },
    out: { type: 'string', default: join(root, 'BENCHMARKS.md') },
  },
});
const articleCount = Number(flags.articles);
const workerCounts = flags.workers.split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'newscast-bench-workers-'));
const log = (line) => process.stderr.write(`bench-workers: ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];
const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');

// --- articles: short local news, each different ------------------------------------------------

const towns = ['Ashford', 'Bexley', 'Carlow', 'Dunmore', 'Eastleigh', 'Fenwick', 'Greyfield', 'Hartley', 'Inverby', 'Jarrow'];
const subjects = ['library', 'swimming pool', 'bus depot', 'market hall', 'sports ground', 'health centre', 'museum', 'bridge', 'school', 'harbour'];

function article(n) {
  const town = towns[n % towns.length];
  const subject = subjects[Math.floor(n / towns.length) % subjects.length];
  return `${town} council backs plan ${n} for the ${subject}

${town.toUpperCase()}. The council voted on Tuesday to spend ${n + 2} million pounds on the ${subject}, after a debate that lasted most of the evening. Supporters said the work was overdue; two members voted against, saying the money should wait for next year.

The plan, number ${n} this year, will close the ${subject} for ${(n % 9) + 3} months from the spring. A temporary service will run from the town hall while the work goes on.

Residents can comment on the designs until the end of the month, in person or online, and the council will publish the final drawings in the summer.
`;
}

// --- Redis ------------------------------------------------------------------------------------

/** Counts the commands clients send (MONITOR lines not run by a Lua script), until stopped. */
function monitor(port) {
  const child = spawn('redis-cli', ['-p', String(port), 'monitor'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let count = 0;
  let rest = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) if (/^\d+\.\d+ \[\d+ (?!lua\])/.test(line)) count++;
  });
  return {
    async stop() {
      await sleep(200);
      child.kill();
      return count;
    },
  };
}

async function commandStats(admin) {
  const stats = {};
  for (const [, name, calls] of (await admin.info('commandstats')).matchAll(/cmdstat_(\S+):calls=(\d+)/g)) stats[name] = Number(calls);
  return stats;
}

// --- workers ----------------------------------------------------------------------------------

function startWorker(redisUrl, queue, out, cache) {
  const child = spawn(process.execPath, [cli, 'worker', '--redis', redisUrl, '--queue', queue, '-o', out, '-q'], {
    env: { ...process.env, NEWSCAST_CACHE_DIR: cache },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const ready = new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
      if (stderr.includes('taking jobs')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${stderr}`)));
  });
  return { child, ready, stderr: () => stderr };
}

/** Peak RSS (MB) and CPU seconds (own + reaped children) of a running process, from /proc. */
function processFigures(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const peakMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime, stime, cutime, cstime are fields 14-17 of stat; [1] of the split starts at field 3.
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  return { peakMb, cpuSeconds: ticks / 100 };
}

async function run(redis, admin, workerCount) {
  const queueName = `bench-${workerCount}-${Date.now()}`;
  const out = mkdtempSync(join(work, 'out-'));
  const cache = mkdtempSync(join(work, 'cache-'));
  await writeFeed(out, { onWarning: () => undefined });
  const workers = Array.from({ length: workerCount }, () => startWorker(redis.url, queueName, out, cache));
  await Promise.all(workers.map((worker) => worker.ready));
  const client = await openBullMqQueue({ redisUrl: redis.url, queueName, outDir: out, concurrency: 0 });
  const loadBefore = load();
  const finished = new Map();
  const allDone = new Promise((resolve) =>
    client.subscribe((event) => {
      if (event.type !== 'done' && event.type !== 'failed') return;
      if (event.type === 'failed') log(`job ${event.job.name} failed: ${event.job.error?.message}`);
      if (!finished.has(event.job.id)) finished.set(event.job.id, performance.now());
      if (finished.size === articleCount) resolve();
    }),
  );
  await admin.config('RESETSTAT');
  const counter = monitor(redis.port);
  await sleep(200);
  log(`${workerCount} worker${workerCount === 1 ? '' : 's'}: submitting ${articleCount} articles (load ${loadBefore})`);
  const started = performance.now();
  const submitted = new Map();
  await Promise.all(
    Array.from({ length: articleCount }, async (_, n) => {
      const time = performance.now();
      const { job } = await client.add({ format: 'text', content: Buffer.from(article(n)).toString('base64'), name: `article-${n}.txt`, options: { engine: 'flite-wasm' } });
      submitted.set(job.id, time);
    }),
  );
  await allDone;
  const elapsed = (Math.max(...finished.values()) - started) / 1000;
  const stats = await commandStats(admin);
  const clientCommands = await counter.stop();
  const figures = workers.map((worker) => processFigures(worker.child.pid));
  const loadAfter = load();
  const failed = (await client.list({ state: 'failed', limit: 1000 })).length;
  const doneTimes = [...submitted].map(([id, time]) => (finished.get(id) - time) / 1000);
  const totalCommands = Object.values(stats).reduce((sum, calls) => sum + calls, 0);
  const top = Object.entries(stats)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, calls]) => `${name} ${(calls / articleCount).toFixed(1)}`)
    .join(', ');
  const [sample] = await client.list({ state: 'done', limit: 1 });
  const audioSeconds = sample.result.manifest.durationSeconds;
  await client.close();
  for (const worker of workers) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((worker) => new Promise((resolve) => (worker.child.exitCode !== null ? resolve() : worker.child.once('exit', resolve)))));
  const result = {
    workerCount,
    failed,
    elapsed,
    perMinute: (articleCount / elapsed) * 60,
    median: quantile(doneTimes, 0.5),
    p95: quantile(doneTimes, 0.95),
    commandsPerJob: totalCommands / articleCount,
    clientCommandsPerJob: clientCommands / articleCount,
    top,
    peakMb: Math.max(...figures.map((figure) => figure.peakMb)),
    cpuPerArticle: figures.reduce((sum, figure) => sum + figure.cpuSeconds, 0) / articleCount,
    audioSeconds,
    loadBefore,
    loadAfter,
  };
  log(JSON.stringify(result));
  return result;
}

// --- the run and the report ---------------------------------------------------------------------

const redis = await startRedis();
const admin = new Redis(redis.port);
redis.version = /redis_version:(\S+)/.exec(await admin.info('server'))[1];
const results = [];
try {
  for (const count of workerCounts) results.push(await run(redis, admin, count));
} finally {
  admin.disconnect();
  redis.child.kill();
  rmSync(work, { recursive: true, force: true });
}

const words = article(0).split(/\s+/).filter(Boolean).length;
const embedded = results.reduce((sum, result) => sum + result.cpuPerArticle, 0) / results.length;
const audio = results[0].audioSeconds;
// On paper: a newsroom story of 600 words is ~220 s of speech (2.7 words a second). The embedded
// voice's cost per article scales with its audio (synthesis and assembly both run per second of
// audio; the fixed part is counted in, which overstates long stories a little). Piper adds its
// synthesis: 0.115 CPU seconds per second of audio (BENCHMARKS.md, Neural voice), where flite's
// is 0.003.
const storyAudio = 220;
const embeddedPerStory = (embedded / audio) * storyAudio;
const piperPerStory = embeddedPerStory + (0.115 - 0.003) * storyAudio;
const coresFor = (cpuSeconds) => (1000 * cpuSeconds) / 3600;
const workersFor = (cpuSeconds) => Math.ceil(coresFor(cpuSeconds) / 2 / 0.7);

const lines = [
  '## Scale-out on Redis (issue 15)',
  '',
  `Regenerate with \`npm run bench:workers\` (\`node scripts/bench-workers.js --articles ${articleCount} --workers ${workerCounts.join(',')}\` after a build).`,
  '',
  `- Machine: ${availableParallelism()} cores, ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, Redis ${redis.version} (Debian \`redis-server\`, loopback, no persistence); ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  '- The machine is shared with other sessions\' builds and tests: the load average (1 / 5 / 15 min) before and after each run says how busy it was; on a quiet machine every time figure is better.',
  `- Each run: ${articleCount} different articles of ${words} words (~${audio.toFixed(0)} s of speech each), submitted at once by one client (the library's BullMQ queue, what \`serve --redis\` runs, following every job's events); \`newscast worker -q\` processes (concurrency 1 each, \`--jobs\` = cores), \`--engine flite-wasm\`, one speech cache for the run's workers, OUT with a feed rebuilt at every publish.`,
  '- Time to done: from a job\'s submission to its `done` event. Commands per job: INFO commandstats delta over the run / jobs (every command Redis executed, those inside BullMQ\'s Lua scripts included, and the idle workers\' polling and stalled checks); client commands: what clients sent (MONITOR), an upper bound on round trips. Peak RSS: each worker process\'s VmHWM (ffmpeg children not included), the largest. CPU per article: the workers\' CPU time, their ffmpeg children\'s included, / articles.',
  '',
  '| worker processes | articles / min | run time | time to done, median | p95 | Redis commands / job | client commands / job | peak RSS / worker | CPU / article | load before | after | failed |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |',
  ...results.map(
    (r) =>
      `| ${r.workerCount} | ${r.perMinute.toFixed(1)} | ${r.elapsed.toFixed(0)} s | ${r.median.toFixed(1)} s | ${r.p95.toFixed(1)} s | ${r.commandsPerJob.toFixed(0)} | ${r.clientCommandsPerJob.toFixed(0)} | ${r.peakMb.toFixed(0)} MB | ${r.cpuPerArticle.toFixed(2)} s | ${r.loadBefore} | ${r.loadAfter} | ${r.failed} |`,
  ),
  '',
  `Commands per job by name (${results.at(-1).workerCount} workers): ${results.at(-1).top}.`,
  '',
  'All articles are submitted at once, so time to done is mostly time in the queue: the last article waits for the 99 before it. More worker processes on one 2-core machine add no cores (each job already speaks on both, `--jobs 2`); a second one overlaps one job\'s serial stages (reading, the ffmpeg assembly, publishing under the lock) with another\'s speech, and on a machine other sessions load it also takes a larger share of it; a fourth adds nothing but Redis traffic. Throughput grows with machines, each running its workers.',
  '',
  '### On paper: 1,000 stories an hour',
  '',
  `- Work per story, from the CPU time above (${embedded.toFixed(2)} CPU s for ~${audio.toFixed(0)} s of speech, averaged over the runs), scaled to a 600-word story (~${storyAudio} s of speech): embedded voice ~${embeddedPerStory.toFixed(0)} CPU s; Piper adds its synthesis, 0.115 CPU s per second of speech (Neural voice, above) instead of flite's 0.003: ~${piperPerStory.toFixed(0)} CPU s.`,
  `- 1,000 stories an hour: embedded voice ${coresFor(embeddedPerStory).toFixed(1)} cores busy, so ${workersFor(embeddedPerStory)} two-core worker machine${workersFor(embeddedPerStory) === 1 ? '' : 's'} at 70% load; Piper ${coresFor(piperPerStory).toFixed(1)} cores, so ${workersFor(piperPerStory)} two-core worker machines. Each runs \`newscast worker --concurrency 2\` (Piper: \`--concurrency 1\` and its \`--jobs 2\` sessions, ~1.1 GB peak each).`,
  `- Redis is not the limit: ${results.at(-1).commandsPerJob.toFixed(0)} commands a job is ~${((1000 * results.at(-1).commandsPerJob) / 3600).toFixed(0)} commands a second at 1,000 stories an hour, where one Redis core serves tens of thousands. Publishing is one at a time across machines (the Redis lock), a fraction of a second each, with the feed rebuilt from every manifest: at 1,000 stories an hour that is one publish every 3.6 s, so the lock stays free most of the time; a show with tens of thousands of episodes would want the feed rebuild to stop reading every manifest.`,
  '',
];

writeBenchmarksSection(flags.out, `${lines.join('\n')}\n`);
log(`wrote ${flags.out}`);
