// A stand-in for macOS's `say` program, so the say engine can be tested on Linux through the real
// npm `say` package. It accepts what the package passes (`-v VOICE TEXT -r WPM -o FILE
// --data-format=LEF32@32000`), logs its argv, and writes a 32-bit float WAV lasting 0.3 s per word
// at 175 words per minute, as the real program writes float samples.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const program = `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.SAY_STAND_IN_LOG, JSON.stringify(args) + '\\n');
const voices = ['Samantha            en_US    # Hello! My name is Samantha.', 'Daniel              en_GB    # Hello! My name is Daniel.', 'Amélie              fr_CA    # Bonjour, je m’appelle Amélie.'];
if (args[0] === '-v' && args[1] === '?') { console.log(voices.join('\\n')); process.exit(0); }
let voice, rate = 175, file, format, text = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-v') voice = args[++i];
  else if (args[i] === '-r') rate = Number(args[++i]);
  else if (args[i] === '-o') file = args[++i];
  else if (args[i].startsWith('--data-format=')) format = args[i].slice(14);
  else if (args[i].startsWith('-')) { process.stderr.write('say: unknown option ' + args[i] + '\\n'); process.exit(1); }
  else text.push(args[i]);
}
if (!voices.some((line) => line.startsWith(voice + ' '))) { process.stderr.write('Voice \\'' + voice + '\\' not found.\\n'); process.exit(1); }
if (format !== 'LEF32@32000' || !file) { process.stderr.write('stand-in needs -o and LEF32@32000\\n'); process.exit(1); }
const words = text.join(' ').split(/\\s+/).filter(Boolean).length;
const frames = Math.round(words * 0.3 * (175 / rate) * 32000);
const wav = Buffer.alloc(44 + frames * 4);
wav.write('RIFF', 0); wav.writeUInt32LE(36 + frames * 4, 4); wav.write('WAVEfmt ', 8);
wav.writeUInt32LE(16, 16); wav.writeUInt16LE(3, 20); wav.writeUInt16LE(1, 22); wav.writeUInt32LE(32000, 24);
wav.writeUInt32LE(128000, 28); wav.writeUInt16LE(4, 32); wav.writeUInt16LE(32, 34);
wav.write('data', 36); wav.writeUInt32LE(frames * 4, 40);
for (let i = 0; i < frames; i++) wav.writeFloatLE(0.5 * Math.sin((2 * Math.PI * 220 * i) / 32000), 44 + i * 4);
fs.writeFileSync(file, wav);
`;

/** Puts the stand-in `say` in a new folder; returns that folder and the log of calls. */
export function installSayStandIn(): { bin: string; log: string } {
  const bin = mkdtempSync(join(tmpdir(), 'newscast-say-stand-in-'));
  writeFileSync(join(bin, 'say'), program);
  chmodSync(join(bin, 'say'), 0o755);
  return { bin, log: join(bin, 'calls.jsonl') };
}
