import { NewscastError } from '../errors.js';
import { parseMarkName } from '../script/marks.js';
import type { Engine, Pcm } from './engine.js';
import { mapInOrder } from './in-order.js';
import type { Narration, TimedChapter, TimedMark, TimedSentence } from './narration.js';
import { resample, secondsToSamples, trimSilence } from './pcm.js';
import { clampRate } from './ssml/attributes.js';
import { parseSsml } from './ssml/parse.js';
import type { SpeechRun, TimelineItem } from './ssml/timeline.js';
import { WavWriter } from './wav.js';

export interface RenderOptions {
  engine: Engine;
  /** The engine's default voice when not given. */
  voice?: string;
  /** Speaking rate multiplier for the whole script, 1 = normal. */
  rate?: number;
  /** Where the narration WAV is written. */
  wavPath: string;
  /** Names the script in error messages, e.g. its file name. */
  sourceName?: string;
  /** Runs spoken at the same time; default 1. The WAV and every mark are the same for any value. */
  jobs?: number;
  onProgress?: (spoken: number, total: number) => void;
}

/**
 * Speaks an SSML script. The engine only ever says plain runs of text; pauses are written as
 * exact silence and every mark is timed by the samples written before it, so chapter starts
 * and transcript cues are exact whatever the engine.
 */
export function renderScript(ssml: string, options: RenderOptions): Promise<Narration> {
  return renderTimeline(parseSsml(ssml, options.sourceName), options);
}

/** Speaks a script already parsed (and so already checked) by `parseSsml`. */
export async function renderTimeline(timeline: TimelineItem[], options: RenderOptions): Promise<Narration> {
  const { engine, rate = 1, wavPath, onProgress } = options;
  const voice = options.voice ?? engine.defaultVoice;
  const runs = timeline.filter((item): item is SpeechRun => item.kind === 'speech' && item.spoken !== '');
  const totalRuns = runs.length;
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));

  /** The engine's speech for one run, trimmed; the engine itself refuses a voice it lacks. */
  const speakRun = async (run: SpeechRun): Promise<Pcm> => {
    const pcm = await engine.speak(run.spoken, { voice: run.voice ?? voice, rate: clampRate(rate * run.rate) });
    return { samples: trimSilence(pcm.samples, pcm.sampleRate), sampleRate: pcm.sampleRate };
  };
  // Runs are spoken ahead, several at once, and handed back in script order; the look-ahead is
  // a few runs per job, so a two-hour script never holds more than seconds of audio in memory.
  const speeches = mapInOrder(runs, { concurrency: jobs, lookAhead: jobs * 4 }, speakRun);

  // The WAV opens with the first speech, at its rate (asking the engine for its voices first can
  // cost seconds: Festival speaks a word with each to learn its rate). A <voice> switch to a voice
  // with another rate is resampled to it. Nothing before the first speech writes samples.
  let writer: WavWriter | undefined;
  const marks: TimedMark[] = [];
  const chapters: TimedChapter[] = [];
  const sentences: TimedSentence[] = [];
  const now = (): number => (writer ? writer.length / writer.sampleRate : 0);
  let implicitPause = 0;
  let explicitPause = 0;
  let speechEnd = 0;
  let sentence: { start: number; text: string[] } | undefined;
  let spokenRuns = 0;

  /** Pauses only ever separate sound: none before the first word, none after the last. */
  const writePendingPause = async (): Promise<void> => {
    const seconds = implicitPause + explicitPause;
    implicitPause = explicitPause = 0;
    if (writer && writer.length > 0 && seconds > 0) await writer.writeSilence(secondsToSamples(seconds, writer.sampleRate));
  };
  const endSentence = (): void => {
    if (sentence && sentence.text.length > 0) {
      sentences.push({ text: sentence.text.join(' '), start: sentence.start, end: Math.max(sentence.start, speechEnd) });
    }
    sentence = undefined;
  };

  try {
    for (const item of timeline) {
      if (item.kind === 'pause') {
        if (item.implicit) implicitPause = Math.max(implicitPause, item.seconds);
        else explicitPause += item.seconds;
        continue;
      }
      await writePendingPause();
      if (item.kind === 'mark') {
        marks.push({ name: item.name, time: now() });
        const meaning = parseMarkName(item.name);
        if (meaning.kind === 'chapter') {
          endSentence();
          chapters.push({ title: meaning.title, start: now() });
        } else if (meaning.kind === 'sentence') {
          endSentence();
          sentence = { start: now(), text: [] };
        }
        continue;
      }
      // A run cut from an overlong sentence starts a cue of its own, timed from its own samples.
      if (item.newCue) endSentence();
      // A run outside any sentence mark (a hand-written script) still gets a transcript cue.
      sentence ??= { start: now(), text: [] };
      if (item.written) sentence.text.push(item.written);
      if (!item.spoken) continue;
      const speech = await speeches.next();
      if (speech.done) throw new NewscastError('internal', 'The renderer lost count of the speech runs.');
      writer ??= await WavWriter.create(wavPath, speech.value.sampleRate);
      await writer.write(resample(speech.value.samples, speech.value.sampleRate, writer.sampleRate));
      speechEnd = now();
      onProgress?.(++spokenRuns, totalRuns);
    }
    endSentence();
  } finally {
    // On an error, stop starting runs; the ones already under way finish and are dropped.
    await speeches.return(undefined);
    await writer?.close();
  }

  if (!writer || writer.length === 0) {
    throw new NewscastError('input', 'The script has nothing to say.', 'Give it some text inside <speak>.');
  }
  return {
    wavPath,
    sampleRate: writer.sampleRate,
    durationSeconds: now(),
    marks,
    chapters,
    sentences,
    engine: engine.name,
    voice,
  };
}
