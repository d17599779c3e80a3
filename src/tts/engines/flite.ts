import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NewscastError } from '../../errors.js';
import type { Engine, Pcm, SpeakOptions, Voice } from '../engine.js';
import { parseWav } from '../wav.js';
import { runProgram } from './program.js';
import { rateText } from './speaking-rate.js';
import { withTempFolder } from '../../files.js';

const install = 'apt-get install flite';
/** awb_time is a limited-domain voice that can only say the time of day. */
const unusableVoices = new Set(['awb_time']);
const scottishVoices = new Set(['awb']);

let listedNames: Promise<string[]> | undefined;
let installedVoices: Promise<Voice[]> | undefined;
let fliteVersion: Promise<string> | undefined;

/**
 * The native flite program (Debian package flite). The text goes in a file (`-f`), so nothing in
 * it can be read as an option; speed is `duration_stretch` (1.5 = 50% longer), as in flite-wasm.
 */
export class FliteEngine implements Engine {
  readonly name = 'flite';
  readonly defaultVoice = 'kal16';

  isAvailable(): Promise<boolean> {
    return voiceNames().then(
      () => true,
      () => false,
    );
  }

  async version(): Promise<string> {
    fliteVersion ??= runProgram('flite', ['--version'], { install, exitCodes: [1] }).then(({ stdout }) => /version:\s*(\S+.*)/.exec(stdout.toString('utf8'))?.[1]?.trim() ?? 'flite');
    return fliteVersion;
  }

  async voices(): Promise<Voice[]> {
    installedVoices ??= listVoices();
    return installedVoices;
  }

  async speak(text: string, { voice, rate }: SpeakOptions): Promise<Pcm> {
    const known = await this.voices();
    // flite would also load a voice from any path or URL given to -voice: only listed names pass.
    if (!known.some((candidate) => candidate.name === voice)) {
      throw new NewscastError('dependency', `flite has no voice "${voice}".`, `Use one of: ${known.map((v) => v.name).join(', ')}.`);
    }
    const stretch = rateText(1 / rate);
    return withTempFolder('flite', async (folder) => {
      await writeFile(join(folder, 'text.txt'), text, 'utf8');
      await runProgram('flite', ['-voice', voice, '--setf', `duration_stretch=${stretch}`, '-f', 'text.txt', '-o', 'speech.wav'], { cwd: folder, install });
      return parseWav(await readFile(join(folder, 'speech.wav')));
    });
  }
}

/** `flite -lv`, run once: the availability probe and the list of voice names. */
function voiceNames(): Promise<string[]> {
  listedNames ??= runProgram('flite', ['-lv'], { install, timeoutMs: 15_000 }).then(({ stdout }) =>
    stdout.toString('utf8').replace(/^.*?:/s, '').trim().split(/\s+/).filter((name) => /^\w+$/.test(name) && !unusableVoices.has(name)),
  );
  return listedNames;
}

/** The built-in voices; each one's sample rate is read from a word it speaks (kal is 8 kHz). */
async function listVoices(): Promise<Voice[]> {
  const names = await voiceNames();
  return withTempFolder('flite-voices', async (folder) => {
    const voices: Voice[] = [];
    for (const name of names) {
      await runProgram('flite', ['-voice', name, '-t', 'a', '-o', 'probe.wav'], { cwd: folder, install });
      const { sampleRate } = parseWav(await readFile(join(folder, 'probe.wav')));
      voices.push({ name, language: scottishVoices.has(name) ? 'en-GB' : 'en-US', sampleRate });
    }
    return voices;
  });
}
