/**
 * Several articles → one bulletin script, the way a newsroom reads its hourly news: the template's
 * intro, a headline roundup, each story as a chapter titled by its headline (more chapters only
 * for a long story), a transition between stories, and an outro naming the sources. Each story's
 * own sentences are written exactly as in its single-story script, so speech voiced for one is
 * found in the cache for the other.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../article/article.js';
import { articleHash } from './article-hash.js';
import { checkedShowName, scriptDocument, withSpokenHeading, type ScriptBlock, type ScriptOptions } from './build.js';
import { planChapters, type ChapterLimits } from './chapters.js';
import { defaultLines, fillSpokenLines, spokenDate, titleRepeatsLead } from './intro-outro.js';
import { checkArticleLength } from './length-limit.js';
import { transitionMarkName } from './marks.js';
import { metadataElements, type LeftOutStory, type StoryMetadata } from './metadata.js';
import { splitSentences } from './sentences.js';

export interface BulletinScriptContext extends ScriptOptions {
  /** The bulletin's title (said in the intro where the template names {title}). */
  title: string;
  /** How many stories the roundup names, from the first; default all. */
  headlines?: number;
  /** The template plays a transition clip between stories: no spoken transition is needed. */
  transitionClip?: boolean;
  /** Articles that could not be read, recorded in the script for the manifest. */
  leftOut?: LeftOutStory[];
}

/** A story is split into chapters only when it is long: a bulletin's chapters are its stories. */
export const bulletinChapterLimits: ChapterLimits = { shortArticleSeconds: 150, targetMaxSeconds: 120 };

export const headlinesChapterTitle = 'Headlines';
const roundupOpening = 'The headlines.';
/** Said between stories when the template has no transition clip, in turn. */
const spokenTransitions = ['In other news.', 'Next.', 'Also in the news.'];

export function buildBulletinScript(stories: Article[], options: BulletinScriptContext): string {
  for (const story of stories) checkArticleLength(story);
  const showName = checkedShowName(options.showName);
  const title = options.title.replace(/\s+/g, ' ').trim();
  const lines = options.lines ?? defaultLines;
  const date = newestDate(stories);
  const headlines = stories.map((story) => fillSpokenLines(['{title}.'], { title: story.title, show: showName })[0] ?? '');
  const roundup = headlines.slice(0, options.headlines ?? stories.length);

  const blocks: ScriptBlock[] = [
    { title: 'Introduction', paragraphs: [fillSpokenLines(lines.intro, { title, show: showName })] },
    { title: headlinesChapterTitle, paragraphs: [[roundupOpening], ...roundup.map((headline) => [headline])] },
  ];
  stories.forEach((story, index) => {
    if (index > 0) {
      const spoken = options.transitionClip ? [] : [[spokenTransitions[(index - 1) % spokenTransitions.length]!]];
      blocks.push({ marks: [transitionMarkName], paragraphs: spoken });
    }
    blocks.push(...storyBlocks(story, headlines[index]!));
  });
  blocks.push({ title: 'Outro', paragraphs: [[...sourcesLine(stories), ...fillSpokenLines(lines.outro, { title, show: showName })]] });

  const meta = metadataElements({
    title,
    show: showName,
    date,
    description: bulletinDescription(title, stories),
    articleHash: createHash('sha256')
      .update(JSON.stringify([title, ...stories.map(articleHash)]))
      .digest('hex')
      .slice(0, 16),
    stories: stories.map(storyMetadata),
    leftOut: options.leftOut,
    template: options.template,
  });
  return scriptDocument(blocks, meta, options);
}

/**
 * A story's chapters: the first titled by the headline and opening with it spoken (unless the
 * headline is the lead's own first words), any further ones "Headline: their own title".
 */
function storyBlocks(story: Article, headline: string): ScriptBlock[] {
  const title = oneLine(story.title);
  const lead = story.sections.find((section) => section.paragraphs.length > 0)?.paragraphs[0] ?? '';
  const opening = titleRepeatsLead(story.title, lead) ? [] : [[headline]];
  const chapters = planChapters(story.sections.map(withSpokenHeading), bulletinChapterLimits);
  return chapters.map((chapter, index) => ({
    title: index === 0 ? title : `${title}: ${chapter.title}`,
    paragraphs: [...(index === 0 ? opening : []), ...chapter.paragraphs.map(splitSentences)],
  }));
}

/** "Stories in this bulletin came from A, B and C." for the sources that are known. */
function sourcesLine(stories: Article[]): string[] {
  const sources = [...new Set(stories.map((story) => story.source && oneLine(story.source)).filter((source): source is string => !!source))];
  if (sources.length === 0) return [];
  const list = new Intl.ListFormat('en', { type: 'conjunction' }).format(sources);
  return [stories.length === 1 ? `This story came from ${list}.` : `Stories in this bulletin came from ${list}.`];
}

/** The feed's and the tags' description, on one line: "Title. In this bulletin: 1. A (Source); 2. B (Source)." */
export function bulletinDescription(title: string, stories: Pick<Article, 'title' | 'source'>[]): string {
  const items = stories.map((story, index) => `${index + 1}. ${oneLine(story.title).replace(/[.;]$/, '')}${story.source ? ` (${oneLine(story.source)})` : ''}`);
  return `${title}${/[.!?…]$/u.test(title) ? '' : '.'} In this bulletin: ${items.join('; ')}.`;
}

function storyMetadata(story: Article): StoryMetadata {
  const fields = { title: oneLine(story.title), source: story.source, byline: story.byline, date: story.date, url: story.url };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as StoryMetadata;
}

/** The newest of the stories' dates: the bulletin's own. */
function newestDate(stories: Article[]): string | undefined {
  return stories
    .map((story) => story.date)
    .filter((date): date is string => !!date && spokenDate(date) !== undefined)
    .sort()
    .at(-1);
}

/**
 * A bulletin's default title: "News bulletin, December 1, 2026, 14:00", the local date and time it
 * is made at. With the time, hourly bulletins get titles (and folders) of their own.
 */
export function defaultBulletinTitle(now = new Date()): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const date = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  return `News bulletin, ${spokenDate(date)}, ${two(now.getHours())}:${two(now.getMinutes())}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
