import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { NewscastError } from '../../errors.js';
import type { Engine, Pcm, SpeakOptions, Voice } from '../engine.js';
import { parseWav } from '../wav.js';
import { runProgram } from './program.js';
import { rateText } from './speaking-rate.js';
import { withTempFolder } from '../../files.js';

type Callback = (error: unknown) => void;

/** The part of the npm `say` package this engine uses (its own typings are too loose to rely on). */
export interface SayPackage {
  export(text: string, voice: string | null, speed: number | null, filename: string, callback: Callback): void;
  getInstalledVoices(callback: (error: unknown, voices?: string[]) => void): void;
  stop?(): void;
}

export interface SayEngineOptions {
  /** Which operating system's speech to use; tests pretend to be macOS. */
  platform?: NodeJS.Platform;
  /** A `say` instance; by default the package's, built for `platform`. */
  say?: SayPackage;
  timeoutMs?: number;
}

const preferredVoices: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: ['Samantha', 'Alex'],
  win32: ['Microsoft Zira Desktop', 'Microsoft David Desktop'],
};

/** macOS output is what the say package asks for (32 kHz float); Windows writes SAPI's default 22.05 kHz. */
const sampleRates: Partial<Record<NodeJS.Platform, number>> = { darwin: 32000, win32: 22050 };

/**
 * On Windows the say package pastes the voice and the file name into a PowerShell command run
 * through cmd.exe, so both are limited to characters that mean nothing to either shell.
 */
const plainVoiceName = /^[\w .()-]+$/;
const plainPath = /^[\w:\\/. -]+$/;

/**
 * The system voices of macOS (`say`) and Windows (SAPI) through the npm `say` package's `export()`.
 * Never on Linux: there it pastes text unescaped into a Festival Scheme expression.
 */
export class SayEngine implements Engine {
  readonly name = 'say';
  private readonly platform: NodeJS.Platform;
  private readonly timeoutMs: number;
  private sayPackage: SayPackage | undefined;
  private installed: Promise<Voice[]> | undefined;
  private bestVoice: string;

  constructor(options: SayEngineOptions = {}) {
    this.platform = options.platform ?? process.platform;
    this.sayPackage = options.say;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.bestVoice = preferredVoices[this.platform]?.[0] ?? 'default';
  }

  /** A preferred system voice when installed, else the first English one (known once probed). */
  get defaultVoice(): string {
    return this.bestVoice;
  }

  async isAvailable(): Promise<boolean> {
    if (!this.supported) return false;
    try {
      const names = (await this.voices()).map((voice) => voice.name);
      this.bestVoice = preferredVoices[this.platform]?.find((name) => names.includes(name)) ?? names[0] ?? this.bestVoice;
      return names.length > 0;
    } catch {
      return false;
    }
  }

  async version(): Promise<string> {
    const { version } = createRequire(import.meta.url)('say/package.json') as { version: string };
    return `say ${version} on ${this.platform}`;
  }

  voices(): Promise<Voice[]> {
    this.installed ??= this.listVoices();
    return this.installed;
  }

  async speak(text: string, { voice, rate }: SpeakOptions): Promise<Pcm> {
    const known = await this.voices();
    if (!known.some((candidate) => candidate.name === voice)) {
      throw new NewscastError('dependency', `The system speech has no voice "${voice}".`, `Use one of: ${known.map((v) => v.name).join(', ')}.`);
    }
    const speed = Number(rateText(rate));
    const spoken = this.harmless(text);
    const sampleRate = sampleRates[this.platform] ?? 22050;
    if (!/\S/.test(spoken)) return { samples: new Int16Array(0), sampleRate };
    return withTempFolder('say', async (folder) => {
      const file = join(folder, 'speech.wav');
      if (this.platform === 'win32' && !plainPath.test(file)) {
        throw new NewscastError('internal', `The temporary folder "${folder}" has characters the say package cannot pass to PowerShell safely.`, 'Set TEMP to a plain folder such as C:\\Temp.');
      }
      await this.exportWav(spoken, voice, speed, file);
      return parseWav(await readFile(file));
    });
  }

  private get supported(): boolean {
    return this.platform === 'darwin' || this.platform === 'win32';
  }

  /**
   * macOS `say` takes the text as an argument and would read a leading "-" as an option, and obeys
   * `[[...]]` embedded commands (rate, voice) inside it; neither may come from an article.
   */
  private harmless(text: string): string {
    const withoutCommands = text.replaceAll('[[', '[ [');
    return withoutCommands.startsWith('-') ? ` ${withoutCommands}` : withoutCommands;
  }

  private exportWav(text: string, voice: string, speed: number, file: string): Promise<void> {
    const say = this.say();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        say.stop?.();
        reject(new NewscastError('internal', `System speech did not finish within ${this.timeoutMs / 1000} s.`));
      }, this.timeoutMs);
      say.export(text, voice, speed, file, (error) => {
        clearTimeout(timer);
        if (error) reject(new NewscastError('internal', `System speech failed: ${error instanceof Error ? error.message : String(error)}`.trim(), undefined, { cause: error }));
        else resolve();
      });
    });
  }

  private say(): SayPackage {
    if (!this.supported) {
      throw new NewscastError('dependency', `The say engine works only on macOS and Windows, not ${this.platform}.`, 'Use --engine festival, flite, espeak-ng or flite-wasm.');
    }
    if (!this.sayPackage) {
      const { Say } = createRequire(import.meta.url)('say') as { Say: new (platform: string) => SayPackage };
      this.sayPackage = new Say(this.platform);
    }
    return this.sayPackage;
  }

  private async listVoices(): Promise<Voice[]> {
    if (!this.supported) return [];
    const sampleRate = sampleRates[this.platform] ?? 22050;
    if (this.platform === 'darwin') {
      // The say package cannot list voices on macOS; `say -v ?` prints "Name  en_US  # greeting".
      const { stdout } = await runProgram('say', ['-v', '?'], { install: 'macOS includes `say`; check that /usr/bin is on PATH.', timeoutMs: 15_000 });
      return parseMacVoices(stdout.toString('utf8')).map((voice) => ({ ...voice, sampleRate }));
    }
    const names = await new Promise<string[]>((resolve, reject) => this.say().getInstalledVoices((error, voices) => (error ? reject(error) : resolve(voices ?? []))));
    return names.map((name) => name.trim()).filter((name) => plainVoiceName.test(name)).map((name) => ({ name, language: 'und', sampleRate }));
  }
}

/** English voices from `say -v ?` lines such as "Bad News          en_US    # The light you see…". */
export function parseMacVoices(listing: string): Array<{ name: string; language: string }> {
  const voices: Array<{ name: string; language: string }> = [];
  for (const line of listing.split('\n')) {
    const match = /^(.+?)\s+([a-z]{2,3})[_-]([A-Za-z0-9]+)\s+#/.exec(line);
    if (!match || match[2] !== 'en') continue;
    const name = match[1]!.trim();
    if (plainVoiceName.test(name)) voices.push({ name, language: `${match[2]}-${match[3]}` });
  }
  return voices;
}
