// Where the text meets the voice: letters in a writing system the voice cannot read come out as
// silence (flite) or as spelled-out codes. Most of an article so → refused, with a voice that can
// read it; a few letters (a name quoted in its own script) → a warning.
import { countLetters, describeWritingSystem, writingSystemsOf, type WritingSystem } from '../common/writing-system.js';
import { NewscastError } from '../errors.js';
import type { Engine, Voice } from './engine.js';
import { createEngine, engineNames } from './engines/index.js';
import type { TimelineItem } from './ssml/timeline.js';

/**
 * More than this share of the text unreadable, and the episode would be largely silence (an English
 * intro and outro around a foreign article make up a good part of a short one).
 */
const maxForeignShare = 1 / 3;

/** A Chinese character or a kana or Hangul syllable takes about as long to say as three Latin letters. */
function spokenWeight(script: WritingSystem): number {
  return script === 'Han' || script === 'Hangul' || script === 'Hiragana' || script === 'Katakana' ? 3 : 1;
}

/**
 * Checks every voice of the script against the letters it is given. Resolves with a warning for
 * each voice given a small foreign part (none when all is readable); rejects (input error) when most is not.
 * Latin letters are taken as readable by every voice, so an all-Latin text costs no voice lookup.
 */
export async function checkVoicesCanRead(timeline: readonly TimelineItem[], engine: Engine, defaultVoice: string, sourceName: string): Promise<string[]> {
  const textByVoice = new Map<string, string[]>();
  for (const item of timeline) {
    if (item.kind !== 'speech' || !item.spoken) continue;
    const voice = item.voice ?? defaultVoice;
    textByVoice.set(voice, [...(textByVoice.get(voice) ?? []), item.spoken]);
  }
  const warnings: string[] = [];
  for (const [voiceName, texts] of textByVoice) {
    const counts = countLetters(texts.join(' '));
    if ([...counts.keys()].every((script) => script === 'Latin')) continue;
    const voice = (await engine.voices()).find((known) => known.name === voiceName);
    const readable = voice ? writingSystemsOf(voice.language) : [];
    // A voice whose language is unknown is given the benefit of the doubt; the engine refuses an unknown voice itself.
    if (!voice || readable.length === 0) continue;
    const weight = (entries: [WritingSystem, number][]) => entries.reduce((sum, [script, count]) => sum + count * spokenWeight(script), 0);
    const foreign = [...counts].filter(([script]) => script !== 'Latin' && !readable.includes(script)).sort((a, b) => b[1] - a[1]);
    if (foreign.length === 0) continue;
    const share = weight(foreign) / weight([...counts]);
    const [mainScript] = foreign[0]!;
    const percent = Math.max(1, Math.round(100 * share));
    const which = `${describeWritingSystem(mainScript)} script, which voice ${voice.name} of ${engine.name} (${voice.language}) cannot speak`;
    if (share > maxForeignShare) {
      throw new NewscastError('input', `${sourceName}: ${percent}% of the text is in ${which}; the episode would be largely silence.`, await voiceAdvice(mainScript));
    }
    const letters = foreign.reduce((sum, [, count]) => sum + count, 0);
    warnings.push(`${sourceName}: ${letters} letters (${percent}% of the text) are in ${which}; they will be skipped or spelled out.`);
  }
  return warnings;
}

/** Names installed voices that read `script`, clearest engine first; else says none does. */
async function voiceAdvice(script: WritingSystem): Promise<string> {
  for (const name of engineNames) {
    const engine = createEngine(name);
    if (!(await engine.isAvailable())) continue;
    const voices = (await engine.voices().catch(() => [] as Voice[]))
      .map((voice) => ({ voice, scripts: writingSystemsOf(voice.language) }))
      .filter(({ scripts }) => scripts[0] === script)
      // A language written in this script alone ("cmn") before one that mixes it with others ("ja").
      .sort((a, b) => a.scripts.length - b.scripts.length)
      .map(({ voice }) => voice.name);
    if (voices.length > 0) {
      const others = voices.slice(1, 4);
      return `Use a voice that speaks it: --engine ${name} --voice ${voices[0]}${others.length > 0 ? ` (or ${others.join(', ')})` : ''}; \`newscast voices\` lists them all.`;
    }
  }
  return `No voice installed here speaks ${describeWritingSystem(script)} script (\`newscast voices\` lists them). espeak-ng speaks over 100 languages: apt-get install espeak-ng, then choose one with --engine espeak-ng --voice.`;
}
