import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NewscastError } from '../../errors.js';
import type { Engine, Pcm, SpeakOptions, Voice } from '../engine.js';
import { parseWav } from '../wav.js';
import { describeFestivalVoices, festivalInstall, listFestivalVoiceNames } from './festival-voices.js';
import { runProgram } from './program.js';
import { rateText } from './speaking-rate.js';
import { withTempFolder } from '../../files.js';

/** The clearest voice measured on Debian (package festvox-us-slt-hts). */
const preferredVoice = 'cmu_us_slt_arctic_hts';

// Festival starts slowly (~1 s), so each question about the installation is asked once per process.
let voiceNames: Promise<string[]> | undefined;
let describedVoices: Promise<Voice[]> | undefined;
let festivalVersion: Promise<string> | undefined;

const installedVoiceNames = () => (voiceNames ??= listFestivalVoiceNames().catch(() => []));

/**
 * Debian's Festival through `text2wave`. The text goes in a file that Festival reads as plain text
 * (never as Scheme); the only Scheme we write is the voice name (checked against the installed
 * list) and the rate (a number).
 */
export class FestivalEngine implements Engine {
  readonly name = 'festival';
  private bestVoice = preferredVoice;

  /** slt when it is installed, otherwise the first voice Festival has (known once probed). */
  get defaultVoice(): string {
    return this.bestVoice;
  }

  async isAvailable(): Promise<boolean> {
    const names = await installedVoiceNames();
    this.bestVoice = names.includes(preferredVoice) ? preferredVoice : (names[0] ?? preferredVoice);
    return names.length > 0;
  }

  async version(): Promise<string> {
    festivalVersion ??= runProgram('festival', ['--version'], { install: festivalInstall }).then(({ stdout }) => stdout.toString('latin1').trim());
    return `${await festivalVersion} [${(await installedVoiceNames()).join(' ')}]`;
  }

  async voices(): Promise<Voice[]> {
    describedVoices ??= describeFestivalVoices();
    return describedVoices;
  }

  async speak(text: string, { voice, rate }: SpeakOptions): Promise<Pcm> {
    const names = await installedVoiceNames();
    if (!names.includes(voice)) {
      const hint = names.length ? `Use one of: ${names.join(', ')}; or install it: ${festivalInstall}` : `Install Festival and a voice: ${festivalInstall}`;
      throw new NewscastError('dependency', `Festival has no voice "${voice}".`, hint);
    }
    const setup = voiceSetup(voice, rateText(rate), rateText(1 / rate));
    return withTempFolder('festival', async (folder) => {
      // Festival reads bytes as Latin-1; `.txt` is not in its auto-text-mode list, so no markup mode applies.
      await writeFile(join(folder, 'text.txt'), toLatin1(text), 'latin1');
      await runProgram('text2wave', ['-o', 'speech.wav', '-eval', setup, 'text.txt'], { cwd: folder, install: festivalInstall });
      const wav = await readFile(join(folder, 'speech.wav'));
      // Text with nothing to say (only punctuation, say) gives an empty file rather than an empty WAV.
      if (wav.length === 0) return { samples: new Int16Array(0), sampleRate: await this.sampleRateOf(voice) };
      return parseWav(wav);
    });
  }

  private async sampleRateOf(voice: string): Promise<number> {
    return (await this.voices()).find((known) => known.name === voice)?.sampleRate ?? 16000;
  }
}

/**
 * Selects the voice and its speed. Festival's Duration_Stretch is ignored by HTS voices (measured:
 * identical output); their speed is the hts_engine `-r` option instead, where 0.7 means slower.
 */
function voiceSetup(voice: string, rate: string, stretch: string): string {
  return (
    `(begin (voice_${voice}) ` +
    `(if (equal? (Parameter.get 'Synth_Method) 'HTS) ` +
    `(set! hts_engine_params (append hts_engine_params (list (list "-r" ${rate})))) ` +
    `(Parameter.set 'Duration_Stretch ${stretch})))`
  );
}

const latin1StandIns: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201C': '"', '\u201D': '"', '\u2013': ', ', '\u2014': ', ', '\u2026': '...' };

/** News text is full of curly quotes and dashes Festival cannot read; other characters beyond Latin-1 become spaces. */
function toLatin1(text: string): string {
  return text.normalize('NFC').replace(/[^\u0000-\u00FF]/gu, (char) => latin1StandIns[char] ?? ' ');
}
