import { parseSsml } from '../../src/tts/ssml/parse.js';
import { parseMarkName } from '../../src/script/marks.js';

export interface OutlineSentence {
  written: string;
  spoken: string;
  /** Voices used inside the sentence, in order (undefined = the episode's voice). */
  voices: (string | undefined)[];
}

export interface OutlineChapter {
  title: string;
  sentences: OutlineSentence[];
}

/** A script as the renderer reads it: chapters (from marks) and the sentences in each. */
export function scriptOutline(ssml: string): OutlineChapter[] {
  const chapters: OutlineChapter[] = [];
  let sentence: OutlineSentence | undefined;
  for (const item of parseSsml(ssml)) {
    if (item.kind === 'mark') {
      const meaning = parseMarkName(item.name);
      if (meaning.kind === 'chapter') chapters.push({ title: meaning.title, sentences: [] });
      if (meaning.kind === 'sentence') {
        sentence = { written: '', spoken: '', voices: [] };
        chapters.at(-1)?.sentences.push(sentence);
      }
    } else if (item.kind === 'speech' && sentence) {
      sentence.written = `${sentence.written} ${item.written}`.trim();
      sentence.spoken = `${sentence.spoken} ${item.spoken}`.trim();
      sentence.voices.push(item.voice);
    }
  }
  return chapters;
}
