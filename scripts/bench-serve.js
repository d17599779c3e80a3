#!/usr/bin/env node
// `npm run bench` (after bench-voices.js): how fast `newscast serve` answers on this machine, and
// its memory, written to BENCHMARKS.md's "newscast serve (issue 13)" section.
//
// A real episode (the example, embedded engine) is generated into a fresh folder with a feed, then
// `newscast serve --quiet --port 0` runs as its own process and a client in this process (Node's
// http, keep-alive, N requests at once) asks for: the whole MP3, 64 KiB ranges at random offsets
// (what a seeking player asks), 304 revalidations, the compressed feed and GET /api/episodes. The
// client shares the 2 cores with the server, so the figures are a floor. Peak memory is the
// server's VmHWM from /proc.
//
//   node scripts/bench-serve.js [--out BENCHMARKS.md] [--requests 2000] [--concurrency 16]
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { writeBenchmarksSection } from './benchmarks-section.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const example = join(root, 'examples', 'us-strikes-iraq.txt');
const run = promisify(execFile);
const { values: flags } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'BENCHMARKS.md') },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
  },
});
const total = Number(flags.requests);
const concurrency = Number(flags.concurrency);
const log = (line) => process.stderr.write(`bench-serve: ${line}\n`);
const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');

const work = mkdtempSync(join(tmpdir(), 'newscast-bench-serve-'));
const out = join(work, 'out');
log('generating the example episode');
await run(process.execPath, [cli, 'generate', example, '-o', out, '--engine', 'flite-wasm', '-q'], { env: { ...process.env, NEWSCAST_CACHE_DIR: join(work, 'cache') } });
await run(process.execPath, [cli, 'feed', out]);
const slug = readdirSync(out).find((name) => statSync(join(out, name)).isDirectory() && !name.startsWith('.'));
const mp3Bytes = statSync(join(out, slug, 'episode.mp3')).size;

const server = spawn(process.execPath, [cli, 'serve', out, '--port', '0', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
const url = await new Promise((resolve, reject) => {
  let stderr = '';
  server.stderr.on('data', (chunk) => {
    stderr += chunk;
    const found = /at (http:\/\/\S+\/) /.exec(stderr);
    if (found) resolve(found[1]);
  });
  server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
});
const { hostname, port } = new URL(url);
const memory = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]) / 1024;
const idleMb = memory('VmRSS');
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function fetchOnce(path, headers) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ hostname, port, path, headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode, bytes, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `total` requests, `concurrency` at a time; each from makeRequest(i) → [path, headers]. */
async function measure(name, expectedStatus, makeRequest) {
  const times = [];
  let bytes = 0;
  let next = 0;
  const before = load();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const [path, headers] = makeRequest(next++);
        const result = await fetchOnce(path, headers);
        if (result.status !== expectedStatus) throw new Error(`${name}: ${path} answered ${result.status}, not ${expectedStatus}`);
        times.push(result.ms);
        bytes += result.bytes;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const row = { name, perSecond: total / seconds, megabytesPerSecond: bytes / seconds / 1e6, median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], before, after: load() };
  log(`${name}: ${row.perSecond.toFixed(0)}/s, ${row.megabytesPerSecond.toFixed(1)} MB/s, median ${row.median.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms`);
  return row;
}

const mp3Path = `/${slug}/episode.mp3`;
const first = await fetchOnce(mp3Path, {});
const { etag } = await new Promise((resolve) => request({ hostname, port, path: mp3Path, method: 'HEAD', agent }, (res) => { res.resume(); resolve({ etag: res.headers.etag }); }).end());
if (first.bytes !== mp3Bytes) throw new Error('the MP3 came back a different size');
const chunk = 64 * 1024;
const rows = [
  await measure('whole MP3 (GET)', 200, () => [mp3Path, {}]),
  await measure('64 KiB range at a random offset', 206, () => {
    const start = Math.floor(Math.random() * (mp3Bytes - chunk));
    return [mp3Path, { Range: `bytes=${start}-${start + chunk - 1}` }];
  }),
  await measure('revalidation (If-None-Match → 304)', 304, () => [mp3Path, { 'If-None-Match': etag }]),
  await measure('feed.xml, br', 200, () => ['/feed.xml', { 'Accept-Encoding': 'br' }]),
  await measure('GET /api/episodes', 200, () => ['/api/episodes', {}]),
];
const peakMb = memory('VmHWM');
const nowMb = memory('VmRSS');
agent.destroy();
server.kill('SIGTERM');
const exitCode = await new Promise((resolve) => server.once('exit', resolve));

const lines = [
  '## newscast serve (issue 13)',
  '',
  `\`node scripts/bench-serve.js\` (in \`npm run bench\`): \`newscast serve --quiet\` in its own process on ${availableParallelism()} cores, Node ${process.version}; the client, in another process on the same cores (keep-alive, ${concurrency} requests at once, ${total} of each kind), takes part of the CPU, so these are floors; a load average above the core count means other work shared them too. The episode is the example's (${(mp3Bytes / 1e6).toFixed(2)} MB MP3). ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  '',
  '| request | per second | MB/s of body | median | 95th percentile | load average before | after |',
  '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ...rows.map((row) => `| ${row.name} | ${row.perSecond.toFixed(0)} | ${row.megabytesPerSecond.toFixed(1)} | ${row.median.toFixed(1)} ms | ${row.p95.toFixed(1)} ms | ${row.before} | ${row.after} |`),
  '',
  `- Server memory (RSS of the \`newscast serve\` process): ${idleMb.toFixed(0)} MB once listening, peak ${peakMb.toFixed(0)} MB (VmHWM) under the runs above, ${nowMb.toFixed(0)} MB after them; files are streamed, never read whole. SIGTERM at the end: exit ${exitCode}.`,
  '',
];
const section = lines.join('\n');
writeBenchmarksSection(flags.out, section);
rmSync(work, { recursive: true, force: true });
process.stdout.write(`${section}\n`);
