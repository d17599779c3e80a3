#!/usr/bin/env node
// Makes the clips of audio-templates/default from synthesized sound only (no third-party audio),
// reproducibly: the same ffmpeg gives the same bytes. Run: node scripts/make-templates.js
//
// Each sting is a few soft, bell-like chord tones (sines with a gentle second harmonic and an
// exponential decay), given a little room with an echo, faded out, then set to the loudness the
// narration is normalized to, so intro, speech and outro sit at one level in the episode.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ffmpegPath = require('@ffmpeg-installer/ffmpeg').path;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const templateDir = join(root, 'audio-templates', 'default');
const sampleRate = 44100;
/** The level the episode is normalized to (LUFS); the stings are stored at it. */
const targetLufs = -16;

/** Equal-tempered pitch of a note name such as "C4" or "F#5". */
function frequency(note) {
  const match = /^([A-G])(#?)(\d)$/.exec(note);
  if (!match) throw new Error(`Bad note ${note}`);
  const semitone = { C: -9, D: -7, E: -5, F: -4, G: -2, A: 0, B: 2 }[match[1]];
  const fromA4 = semitone + (match[2] ? 1 : 0) + (Number(match[3]) - 4) * 12;
  return 440 * 2 ** (fromA4 / 12);
}

/**
 * An aevalsrc expression: each tone starts at `at` seconds and decays with time constant `decay`.
 * A 15 ms attack ramp avoids clicks.
 */
function chordExpression(tones) {
  return tones
    .map(({ note, at, decay, gain }) => {
      const f = frequency(note).toFixed(3);
      const local = `(t-${at})`;
      const envelope = `${gain}*min(1,${local}/0.015)*exp(-${local}/${decay})`;
      const timbre = `(sin(2*PI*${f}*t)+0.25*sin(4*PI*${f}*t)+0.08*sin(6*PI*${f}*t))`;
      return `if(gte(t,${at}),${envelope}*${timbre},0)`;
    })
    .join('+');
}

const stings = {
  // Rising Cmaj9 arpeggio that settles into the full chord.
  'intro.flac': {
    seconds: 3.6,
    tones: [
      { note: 'C4', at: 0.0, decay: 1.6, gain: 0.22 },
      { note: 'G4', at: 0.18, decay: 1.4, gain: 0.18 },
      { note: 'E4', at: 0.36, decay: 1.4, gain: 0.18 },
      { note: 'B4', at: 0.54, decay: 1.2, gain: 0.14 },
      { note: 'D5', at: 0.72, decay: 1.2, gain: 0.13 },
      { note: 'C3', at: 0.9, decay: 1.8, gain: 0.2 },
      { note: 'G4', at: 0.9, decay: 1.6, gain: 0.12 },
      { note: 'E5', at: 0.9, decay: 1.4, gain: 0.1 },
    ],
  },
  // Falling figure that resolves onto a low C major chord.
  'outro.flac': {
    seconds: 3.0,
    tones: [
      { note: 'G4', at: 0.0, decay: 0.9, gain: 0.18 },
      { note: 'E4', at: 0.22, decay: 0.9, gain: 0.18 },
      { note: 'D4', at: 0.44, decay: 0.9, gain: 0.16 },
      { note: 'C3', at: 0.66, decay: 1.6, gain: 0.22 },
      { note: 'C4', at: 0.66, decay: 1.5, gain: 0.18 },
      { note: 'E4', at: 0.66, decay: 1.4, gain: 0.13 },
      { note: 'G4', at: 0.66, decay: 1.3, gain: 0.12 },
    ],
  },
};

/** Runs ffmpeg with an argument array (no shell); resolves with its stderr. */
function ffmpeg(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', '-y', ...args]);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stderr) : reject(new Error(`ffmpeg exited ${code}:\n${stderr.slice(-2000)}`)),
    );
  });
}

function integratedLoudness(stderr) {
  const match = /Integrated loudness:\s*I:\s*(-?[\d.]+) LUFS/.exec(stderr);
  if (!match) throw new Error('ebur128 printed no integrated loudness');
  return Number(match[1]);
}

async function makeSting(name, { seconds, tones }, scratch) {
  const fadeSeconds = 1.0;
  const filter = [
    `aevalsrc=exprs='${chordExpression(tones)}':s=${sampleRate}:d=${seconds}`,
    'aecho=0.8:0.6:70|130:0.22|0.12', // a little room
    'lowpass=f=7000',
    `afade=t=out:st=${seconds - fadeSeconds}:d=${fadeSeconds}:curve=tri`,
    // aecho lengthens the stream; cut it back to exactly `seconds`.
    `atrim=end_sample=${Math.round(seconds * sampleRate)}`,
  ].join(',');
  const raw = join(scratch, `${name}.wav`);
  await ffmpeg(['-f', 'lavfi', '-i', filter, '-c:a', 'pcm_f32le', raw]);

  const measured = integratedLoudness(
    await ffmpeg(['-i', raw, '-af', 'ebur128=peak=true', '-f', 'null', '-']),
  );
  const gainDb = targetLufs - measured;
  await ffmpeg([
    '-i', raw,
    '-af', `volume=${gainDb.toFixed(2)}dB`,
    '-ac', '1', '-ar', String(sampleRate),
    '-c:a', 'flac', '-sample_fmt', 's16', '-compression_level', '8',
    '-fflags', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1',
    join(templateDir, name),
  ]);
  const check = await ffmpeg(['-i', join(templateDir, name), '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const peak = /True peak:\s*Peak:\s*(-?[\d.]+|-inf)/.exec(check)?.[1];
  console.log(`${name}: ${seconds} s, ${integratedLoudness(check)} LUFS, true peak ${peak} dBTP`);
}

const template = {
  name: 'default',
  show: 'Newscast',
  intro: 'intro.flac',
  outro: 'outro.flac',
  gapAfterIntro: 0.4,
  gapBeforeOutro: 0.8,
};

mkdirSync(templateDir, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'newscast-templates-'));
try {
  for (const [name, sting] of Object.entries(stings)) await makeSting(name, sting, scratch);
  writeFileSync(join(templateDir, 'template.json'), JSON.stringify(template, null, 2) + '\n');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
