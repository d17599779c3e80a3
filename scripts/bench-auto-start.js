#!/usr/bin/env node
// How long `--engine auto` takes to choose its engine in a fresh process (what every `generate`
// pays before it speaks), repeated like hyperfine: a new node process per run, median and mean.
// With no Piper voice in the voices folder (the usual case) and with one.
//
//   node scripts/bench-auto-start.js [--runs 20] [--voices DIR] [--dist DIR (another build, to compare)]
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '20' }, voices: { type: 'string' }, dist: { type: 'string', default: join(root, 'dist') } } });
const engines = pathToFileURL(join(resolve(flags.dist), 'tts', 'engines', 'index.js')).href;
const choose = `const started = performance.now(); const { chooseEngine } = await import(${JSON.stringify(engines)}); const engine = await chooseEngine('auto'); console.log(JSON.stringify({ engine: engine.name, ms: performance.now() - started })); process.exit(0);`;

function measure(label, env) {
  const runs = [];
  let engine;
  for (let run = 0; run < Number(flags.runs); run++) {
    const started = performance.now();
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', choose], { env: { ...process.env, ...env } }).toString());
    runs.push({ process: performance.now() - started, choose: out.ms });
    engine = out.engine;
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const row = { label, engine, runs: runs.length, processMedian: median(runs.map((r) => r.process)), processMean: mean(runs.map((r) => r.process)), chooseMedian: median(runs.map((r) => r.choose)) };
  console.log(`| ${label} | ${engine} | ${row.runs} | ${row.processMedian.toFixed(0)} ms | ${row.processMean.toFixed(0)} ms | ${row.chooseMedian.toFixed(0)} ms |`);
}

console.log('| voices folder | engine chosen | runs | whole process, median | mean | import + chooseEngine, median |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
// Each run's own cache folder would defeat the cache: one folder for all runs, as a user has.
const cache = mkdtempSync(join(tmpdir(), 'newscast-bench-auto-'));
measure('empty', { NEWSCAST_VOICES_DIR: mkdtempSync(join(tmpdir(), 'newscast-bench-voices-')), NEWSCAST_CACHE_DIR: cache });
if (flags.voices) measure('with a Piper voice', { NEWSCAST_VOICES_DIR: flags.voices, NEWSCAST_CACHE_DIR: cache });
