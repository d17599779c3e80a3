// A bulletin's transition clip, between stories. The script marks where one story ends
// (<mark name="transition"/>); the renderer makes silence there as long as the clip, and the clip
// is mixed into that silence. Nothing after it moves, so every chapter stays on its mark.
import { parseMarkName, transitionMarkName } from '../script/marks.js';
import type { TimedMark } from '../tts/narration.js';
import type { TimelineItem } from '../tts/ssml/timeline.js';

/** The timeline with `seconds` of silence after each transition mark (none when there is no clip). */
export function withTransitionSilence(timeline: TimelineItem[], seconds: number): TimelineItem[] {
  if (seconds <= 0) return timeline;
  return timeline.flatMap((item): TimelineItem[] => (item.kind === 'mark' && item.name === transitionMarkName ? [item, { kind: 'pause', seconds, implicit: false }] : [item]));
}

/** Whether the script marks any transition (a bulletin's): only then is the clip measured. */
export function hasTransitions(timeline: readonly TimelineItem[]): boolean {
  return timeline.some((item) => item.kind === 'mark' && item.name === transitionMarkName);
}

/**
 * Whether nothing is said at some transition before the next chapter: a script written for a
 * template with a transition clip, whose stories run together without one.
 */
export function silentTransitions(timeline: readonly TimelineItem[]): boolean {
  let unspoken = false; // a transition mark with nothing said after it yet
  for (const item of timeline) {
    if (item.kind === 'mark' && item.name === transitionMarkName) unspoken = true;
    else if (item.kind === 'speech') unspoken = false;
    else if (unspoken && item.kind === 'mark' && parseMarkName(item.name).kind === 'chapter') return true;
  }
  return false;
}

/** Where each transition clip starts, in narration seconds. */
export function transitionTimes(marks: readonly TimedMark[]): number[] {
  return marks.filter((mark) => mark.name === transitionMarkName).map((mark) => mark.time);
}
