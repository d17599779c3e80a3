import type { Engine, Pcm, SpeakOptions } from '../../src/tts/engine.js';

/** Wraps an engine and records every text it was really asked to speak. */
export class CountingEngine implements Engine {
  readonly spoken: string[] = [];

  constructor(private readonly inner: Engine) {}

  get name(): string {
    return this.inner.name;
  }
  get defaultVoice(): string {
    return this.inner.defaultVoice;
  }
  isAvailable(): Promise<boolean> {
    return this.inner.isAvailable();
  }
  version(): Promise<string> {
    return this.inner.version();
  }
  voices() {
    return this.inner.voices();
  }
  speak(text: string, options: SpeakOptions): Promise<Pcm> {
    this.spoken.push(text);
    return this.inner.speak(text, options);
  }
}

/**
 * A fake engine whose output depends only on the text (a tone whose pitch and length come from
 * it), and which answers after a delay that also comes from the text: later runs often finish
 * first, which is what ordered writing must survive.
 */
export class ToneEngine implements Engine {
  readonly name = 'tone';
  readonly defaultVoice = 'beep';
  running = 0;
  mostRunning = 0;

  async isAvailable() {
    return true;
  }
  async version() {
    return 'tone 1';
  }
  async voices() {
    return [{ name: 'beep', language: 'en-US', sampleRate: 8000 }];
  }
  async speak(text: string, { rate }: SpeakOptions): Promise<Pcm> {
    this.running++;
    this.mostRunning = Math.max(this.mostRunning, this.running);
    let hash = 7;
    for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) % 9973;
    await new Promise((resolve) => setTimeout(resolve, hash % 15));
    const samples = new Int16Array(Math.round((400 + text.length * 40) / rate));
    for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((i * (hash % 50 + 10)) / 100));
    this.running--;
    return { samples, sampleRate: 8000 };
  }
}
