import { NewscastError } from '../../errors.js';
import type { Engine, Pcm, SpeakOptions, Voice } from '../engine.js';
import { parseWav } from '../wav.js';
import { espeakInstall as install, espeakNgVersion, espeakPlainText } from './espeak-program.js';
import { runProgram } from './program.js';
import { rateText } from './speaking-rate.js';

/** espeak-ng's words per minute at its normal speed; it refuses less than 80. */
const normalWordsPerMinute = 175;
const slowestWordsPerMinute = 80;
/** Every espeak-ng voice speaks at 22050 Hz (mbrola voices differ, and are left out). */
const sampleRate = 22050;

let installedVoices: Promise<Voice[]> | undefined;

/**
 * Native espeak-ng (Debian package espeak-ng). The text goes on stdin, so nothing in it can be read
 * as an option; plain-text mode (no `-m`) means no SSML in it is obeyed, and `espeakPlainText`
 * takes out the two commands espeak-ng still obeys in plain text.
 */
export class EspeakNgEngine implements Engine {
  readonly name = 'espeak-ng';
  readonly defaultVoice = 'en-us';

  /** The version is read once; that it can be read is the availability probe. */
  isAvailable(): Promise<boolean> {
    return this.version().then(
      () => true,
      () => false,
    );
  }

  version(): Promise<string> {
    return espeakNgVersion();
  }

  async voices(): Promise<Voice[]> {
    // Every language, not only English: an article in Arabic or Chinese is spoken by "ar" or "cmn".
    installedVoices ??= runProgram('espeak-ng', ['--voices'], { install }).then(({ stdout }) => parseVoiceTable(stdout.toString('utf8')));
    return installedVoices;
  }

  async speak(text: string, { voice, rate }: SpeakOptions): Promise<Pcm> {
    const known = await this.voices();
    if (!known.some((candidate) => candidate.name === voice)) {
      throw new NewscastError('dependency', `espeak-ng has no voice "${voice}".`, `Use one of: ${known.map((v) => v.name).join(', ')}.`);
    }
    const wordsPerMinute = Math.max(slowestWordsPerMinute, Math.round(normalWordsPerMinute * Number(rateText(rate))));
    const { stdout } = await runProgram('espeak-ng', ['--stdout', '-b', '1', '-v', voice, '-s', String(wordsPerMinute)], { input: espeakPlainText(text), install });
    return parseWav(stdout);
  }
}

/**
 * `espeak-ng --voices` prints "Pty Language Age/Gender VoiceName File Other"; the Language column
 * is what `-v` takes. Voices in `mb/` need the separate mbrola program, variants are not voices.
 */
export function parseVoiceTable(table: string): Voice[] {
  const voices: Voice[] = [];
  for (const line of table.split('\n').slice(1)) {
    const [, language, , , file] = line.trim().split(/\s+/);
    if (!language || !file || file.startsWith('mb/') || file.startsWith('!v/')) continue;
    // A few constructed languages ("piqd", Klingon) have no BCP 47 code.
    if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(language)) continue;
    if (voices.some((voice) => voice.name === language)) continue;
    voices.push({ name: language, language: bcp47(language), sampleRate });
  }
  return voices;
}

/** "en-gb-x-rp" → "en-GB-x-rp": the region (second subtag) is upper case in BCP 47. */
function bcp47(code: string): string {
  return code.split('-').map((part, index) => (index === 1 && /^[a-z]{2}$/.test(part) ? part.toUpperCase() : part)).join('-');
}
