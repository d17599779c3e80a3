import { createHash } from 'node:crypto';
import type { Article } from '../article/article.js';

/**
 * What tells one article from another with the same title (a daily show's "Morning Briefing"):
 * a hash of everything read from it. It rides in the script (<meta name="newscast:articleHash">)
 * into episode.json, so generating the same article again, or rendering its edited script,
 * replaces its own episode, and a different article never does (src/publish/episode-folder.ts).
 */
export function articleHash(article: Article): string {
  const { title, byline, source, date, dateline, url, caption, sections } = article;
  const fields = { title, byline, source, date, dateline, url, caption, sections: sections.map(({ heading, paragraphs }) => ({ heading, paragraphs })) };
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 16);
}
