/**
 * Chapter planning: the article's paragraphs grouped into body chapters of whole paragraphs,
 * each roughly 30 s to 3 min of speech, aiming at 60-120 s with sizes as even as the paragraphs
 * allow. A section heading always starts a chapter (and titles it); a very short article is a
 * single chapter.
 */
import type { Section } from '../article/article.js';
import { titleChapters } from './chapter-titles.js';
import { speakingSeconds } from './duration.js';

export interface PlannedChapter {
  title: string;
  paragraphs: string[];
  /** Estimated speaking time of the paragraphs. */
  seconds: number;
}

export interface ChapterLimits {
  /** Below this the whole article is one chapter. */
  shortArticleSeconds: number;
  /** The longest chapter we aim for; a section is split into as few chapters as keep under it. */
  targetMaxSeconds: number;
}

export const defaultChapterLimits: ChapterLimits = { shortArticleSeconds: 90, targetMaxSeconds: 120 };

/** Titles the intro and outro use, which body chapters must not repeat. */
export const reservedChapterTitles = ['Introduction', 'Outro'];

export function planChapters(sections: Section[], limits: ChapterLimits = defaultChapterLimits): PlannedChapter[] {
  const nonEmpty = sections.filter((section) => section.paragraphs.length > 0);
  const total = nonEmpty.reduce((sum, section) => sum + sectionSeconds(section), 0);
  const groups: { heading?: string; paragraphs: string[] }[] =
    total < limits.shortArticleSeconds
      ? [{ heading: nonEmpty.find((section) => section.heading)?.heading, paragraphs: nonEmpty.flatMap((section) => section.paragraphs) }]
      : nonEmpty.flatMap((section) => splitSection(section, limits));

  const headingTitles = groups.map((group) => group.heading?.replace(/\s+/g, ' ').trim()).filter((title): title is string => !!title);
  const untitled = groups.filter((group) => !group.heading?.trim());
  const derivedTitles = titleChapters(untitled.map((group) => group.paragraphs), [...reservedChapterTitles, ...headingTitles]);
  let next = 0;
  return groups
    .filter((group) => group.paragraphs.length > 0)
    .map((group) => ({
      title: group.heading?.replace(/\s+/g, ' ').trim() || (derivedTitles[next++] ?? 'Story'),
      paragraphs: group.paragraphs,
      seconds: group.paragraphs.reduce((sum, paragraph) => sum + speakingSeconds(paragraph), 0),
    }));
}

function sectionSeconds(section: Section): number {
  return section.paragraphs.reduce((sum, paragraph) => sum + speakingSeconds(paragraph), 0);
}

/**
 * The exact partition's dynamic programme takes groups x items² steps: under this it is used (a
 * few milliseconds; every ordinary article), above it the linear one (a section of thousands of
 * paragraphs would take minutes, a 4 MB article over half an hour).
 */
const exactPartitionSteps = 4_000_000;

/** A section as few chapters as keep each under the target, the first keeping the heading. */
function splitSection(section: Section, limits: ChapterLimits): { heading?: string; paragraphs: string[] }[] {
  const durations = section.paragraphs.map(speakingSeconds);
  const total = durations.reduce((sum, seconds) => sum + seconds, 0);
  const count = Math.max(1, Math.ceil(total / limits.targetMaxSeconds));
  const exact = count * durations.length ** 2 <= exactPartitionSteps;
  const groups = exact ? balancedPartition(durations, count) : partitionNearMean(durations, total / count);
  return groups.map((indices, index) => ({
    heading: index === 0 ? section.heading : undefined,
    paragraphs: indices.map((paragraph) => section.paragraphs[paragraph] ?? ''),
  }));
}

/**
 * Splits items (in order) into `groups` contiguous groups whose totals are as even as possible:
 * dynamic programming over cut points, minimising the sum of squared differences from the mean.
 * Returns the item indices of each group.
 */
export function balancedPartition(durations: number[], groups: number): number[][] {
  const count = Math.min(groups, durations.length);
  if (count <= 1) return [durations.map((_, index) => index)];
  const n = durations.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + durations[i]!;
  const mean = prefix[n]! / count;

  // cost[i]: best cost of putting the first i items into g groups, one row per g (typed rows: the
  // loop runs groups x items² times, 400,000 for a 40-minute article); cuts[g][i] the last cut.
  let previous = new Float64Array(n + 1).fill(Infinity);
  previous[0] = 0;
  const cuts: Int32Array[] = [new Int32Array(n + 1)];
  for (let g = 1; g <= count; g++) {
    const cost = new Float64Array(n + 1).fill(Infinity);
    const cut = new Int32Array(n + 1);
    for (let i = g; i <= n; i++) {
      for (let j = g - 1; j < i; j++) {
        const candidate = previous[j]! + (prefix[i]! - prefix[j]! - mean) ** 2;
        if (candidate < cost[i]!) {
          cost[i] = candidate;
          cut[i] = j;
        }
      }
    }
    cuts.push(cut);
    previous = cost;
  }
  const result: number[][] = [];
  let end = n;
  for (let g = count; g >= 1; g--) {
    const start = cuts[g]![end]!;
    result.unshift(Array.from({ length: end - start }, (_, offset) => start + offset));
    end = start;
  }
  return result;
}

/**
 * Splits items (in order) into contiguous groups, as many as fit best, whose totals are as close
 * to `mean` as possible: the sum of squared differences from it is the least of any split, over
 * every number of groups. Linear time: the dynamic programme best(i) = min over j of best(j) +
 * (prefix(i) - prefix(j) - mean)² is a lower envelope of lines (slope -2 prefix(j)) queried at
 * increasing prefix(i) - mean, kept in a deque (the convex hull trick). Returns the item indices
 * of each group.
 */
export function partitionNearMean(durations: number[], mean: number): number[][] {
  const n = durations.length;
  if (n === 0) return [[]];
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + Math.max(0, durations[i]!);
  const best = new Float64Array(n + 1);
  const from = new Int32Array(n + 1);
  // Line j: y = slope(j) x + intercept(j); best(i) = x² + min over the lines at x = prefix(i) - mean.
  const slope = (j: number) => -2 * prefix[j]!;
  const intercept = (j: number) => prefix[j]! ** 2 + best[j]!;
  const at = (j: number, x: number) => slope(j) * x + intercept(j);
  /** Line b is nowhere below both a and c (slopes a > b > c). */
  const hidden = (a: number, b: number, c: number) => (intercept(c) - intercept(a)) * (slope(a) - slope(b)) <= (intercept(b) - intercept(a)) * (slope(a) - slope(c));
  const hull = new Int32Array(n + 1);
  let head = 0;
  let tail = 0;
  hull[tail++] = 0;
  for (let i = 1; i <= n; i++) {
    const x = prefix[i]! - mean;
    while (tail - head >= 2 && at(hull[head + 1]!, x) <= at(hull[head]!, x)) head++;
    from[i] = hull[head]!;
    best[i] = at(from[i]!, x) + x * x;
    // Line i joins the envelope's end (the smallest slope so far); equal slopes keep the lower line.
    if (tail > head && slope(hull[tail - 1]!) === slope(i)) {
      if (intercept(i) >= intercept(hull[tail - 1]!)) continue;
      tail--;
    }
    while (tail - head >= 2 && hidden(hull[tail - 2]!, hull[tail - 1]!, i)) tail--;
    hull[tail++] = i;
  }
  const groups: number[][] = [];
  for (let end = n; end > 0; end = from[end]!) {
    groups.push(Array.from({ length: end - from[end]! }, (_, offset) => from[end]! + offset));
  }
  return groups.reverse();
}
