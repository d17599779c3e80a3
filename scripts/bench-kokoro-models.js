#!/usr/bin/env node
// The two Kokoro models side by side: the int8 export as downloaded (kokoro-v1.0.int8.onnx) and the one
// scripts/install-kokoro.sh makes from it with float convolutions (kokoro-v1.0.float-convs.onnx). The
// conversion changes the samples (another approximation of the float original), so they are compared the
// way a listener would notice: Whisper base's word error rate and scripts/voice-measures.js, on the bench
// passage (the example's first three story paragraphs) and on the whole example article, af_heart.
// Also the CPU time each took to speak them (both worker threads; the machine's load average shown).
//
//   node scripts/bench-kokoro-models.js [KOKORO_FOLDER]   (after npm run build; both models in the folder,
//   default $NEWSCAST_VOICES_DIR/kokoro; Whisper from scripts/install-whisper.sh in .cache/whisper or
//   $NEWSCAST_WHISPER_DIR)
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { voiceMeasures } from './voice-measures.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const example = join(root, 'examples', 'us-strikes-iraq.txt');
const run = promisify(execFile);
const whisperDir = process.env['NEWSCAST_WHISPER_DIR'] ?? join(root, '.cache', 'whisper');
const log = (line) => process.stderr.write(`bench-kokoro-models: ${line}\n`);
const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');

const { KokoroEngine } = await import(join(root, 'dist', 'tts', 'engines', 'kokoro.js'));
const { kokoroFolder, kokoroInt8ModelName, kokoroModelName } = await import(join(root, 'dist', 'tts', 'engines', 'kokoro-voices.js'));
const { trimSilence } = await import(join(root, 'dist', 'tts', 'pcm.js'));

const installed = process.argv[2] ?? kokoroFolder(process.env);
const work = mkdtempSync(join(tmpdir(), 'newscast-bench-kokoro-'));

/** Each line of text as newscast says it (`newscast normalize`). */
async function spoken(text) {
  const { stdout } = await new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [cli, 'normalize'], { maxBuffer: 16 * 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve({ stdout: out })));
    child.stdin.end(text);
  });
  return stdout.trim().split('\n');
}

const words = (text) => text.toLowerCase().replace(/[-–—]/g, ' ').replace(/[^a-z0-9' ]/g, ' ').split(/\s+/).filter(Boolean);

/** Word-level edit distance (substitutions, deletions, insertions) over the reference length. */
function wordErrorRate(reference, hypothesis) {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, index) => index);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[hypothesis.length] / reference.length;
}

function wav(samples, sampleRate) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length * 2, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

/** A voices folder holding only one of the two models (linked), so the engine uses that one. */
function folderWith(modelName) {
  const folder = join(work, modelName);
  mkdirSync(join(folder, 'kokoro'), { recursive: true });
  symlinkSync(join(installed, modelName), join(folder, 'kokoro', modelName));
  symlinkSync(join(installed, 'voices'), join(folder, 'kokoro', 'voices'));
  return folder;
}

/** Each paragraph spoken (in parallel, on the engine's worker threads), trimmed, and a 16 kHz WAV of them 0.5 s apart. */
async function speak(engine, lines, name) {
  const cpuBefore = process.cpuUsage();
  const loadBefore = load();
  const pcms = await Promise.all(lines.map((line) => engine.speak(line, { voice: 'af_heart', rate: 1 })));
  const cpu = process.cpuUsage(cpuBefore);
  const sampleRate = pcms[0].sampleRate;
  const pieces = pcms.map((pcm) => trimSilence(pcm.samples, sampleRate));
  const gap = Math.round(0.5 * sampleRate);
  const samples = new Int16Array(pieces.reduce((sum, piece) => sum + piece.length + gap, 0));
  let offset = 0;
  for (const piece of pieces) {
    samples.set(piece, offset);
    offset += piece.length + gap;
  }
  const original = join(work, `${name}.wav`);
  const file = join(work, `${name}-16k.wav`);
  writeFileSync(original, wav(samples, sampleRate));
  await run('sox', ['-D', original, '-r', '16000', '-c', '1', '-b', '16', file]);
  const spokenSeconds = pcms.reduce((sum, pcm) => sum + pcm.samples.length, 0) / sampleRate;
  return { pieces, sampleRate, file, audioSeconds: samples.length / sampleRate, spokenSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, load: `${loadBefore} → ${load()}` };
}

const paragraphs = readFileSync(example, 'utf8').trim().split(/\n\s*\n/).slice(1);
const texts = { passage: await spoken(paragraphs.slice(0, 3).join('\n')), article: await spoken(paragraphs.join('\n')) };
const models = [kokoroInt8ModelName, kokoroModelName].filter((name) => existsSync(join(installed, name)));
if (models.length < 2) log(`only ${models.join(', ') || 'no model'} in ${installed}: nothing to compare against`);

const rows = [];
for (const model of models) {
  const engine = new KokoroEngine({ env: { NEWSCAST_VOICES_DIR: folderWith(model) } });
  await engine.speak('Warming up.', { voice: 'af_heart', rate: 1 });
  for (const [text, lines] of Object.entries(texts)) {
    log(`${model} speaks the ${text} (${lines.length} paragraphs; load average ${load()})`);
    rows.push({ model, text, ...(await speak(engine, lines, `${model}-${text}`)) });
  }
}
log(`Whisper base transcribes ${rows.length} recordings (load average ${load()})`);
const { stdout } = await run('python3', [join(root, 'scripts', 'whisper-transcribe.py'), whisperDir, ...rows.map((row) => row.file)], { maxBuffer: 64 * 1024 * 1024 });
const heard = new Map(stdout.trim().split('\n').map((line) => JSON.parse(line)).map(({ file, text }) => [file, text]));

const lines = [
  '| model | text | words | audio (0.5 s after each paragraph) | CPU | CPU / second of speech | load average | WER, Whisper base | median pitch | pitch range | pauses | bandwidth (99%) |',
  '| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
];
for (const row of rows) {
  const reference = words(texts[row.text].join(' '));
  // Whisper writes "21st", "U.S.": said the way the reference is written (newscast's own normalize).
  const hypothesis = words((await spoken(heard.get(row.file) ?? '')).join(' '));
  const wer = wordErrorRate(reference, hypothesis);
  const m = voiceMeasures(row.pieces, row.sampleRate);
  lines.push(
    `| ${row.model} | ${row.text} | ${reference.length} | ${row.audioSeconds.toFixed(1)} s | ${row.cpuSeconds.toFixed(1)} s | ${(row.cpuSeconds / row.spokenSeconds).toFixed(2)} | ${row.load} | ${(100 * wer).toFixed(1)}% (${Math.round(wer * reference.length)}) | ${m.medianPitch.toFixed(0)} Hz | ${m.pitchRange.toFixed(1)} st | ${m.pauseCount}, ${m.pauseSeconds.toFixed(2)} s | ${(m.rolloffHz / 1000).toFixed(1)} kHz |`,
  );
  writeFileSync(join(work, `${row.model}-${row.text}.txt`), `${heard.get(row.file)}\n`);
}
process.stdout.write(`${lines.join('\n')}\n`);
if (process.env['KEEP_WORK']) log(`recordings and transcripts kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(0);
