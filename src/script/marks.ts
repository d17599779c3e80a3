/**
 * Mark names are the contract between the script and the renderer: a chapter's title lives in
 * its mark, so an edited script keeps its chapters, and sentence marks time the transcript.
 */
export type MarkMeaning =
  | { kind: 'chapter'; title: string }
  | { kind: 'sentence'; index: number }
  | { kind: 'other'; name: string };

const chapterPrefix = 'chapter:';
const sentencePrefix = 's';

/**
 * Where a bulletin moves from one story to the next: the template's transition clip sounds there
 * (in silence the renderer makes as long as the clip), or nothing when it has none.
 */
export const transitionMarkName = 'transition';

export function chapterMarkName(title: string): string {
  return chapterPrefix + title.replace(/\s+/g, ' ').trim();
}

export function sentenceMarkName(index: number): string {
  return sentencePrefix + index;
}

export function parseMarkName(name: string): MarkMeaning {
  if (name.startsWith(chapterPrefix)) return { kind: 'chapter', title: name.slice(chapterPrefix.length).trim() };
  const sentence = /^s(\d+)$/.exec(name);
  if (sentence) return { kind: 'sentence', index: Number(sentence[1]) };
  return { kind: 'other', name };
}
