// OUTDIR/index.html: the show (cover, description, how to subscribe) and its episodes, newest first.
import type { FeedManifest } from '../manifest-schema.js';
import type { ShowSettings } from '../show.js';
import { lengthLabel, publishedOn } from './episode-facts.js';
import { html, relativeHref } from './html.js';
import { page } from './page.js';

export interface ShowPage {
  show: ShowSettings;
  /** The show's artwork, relative to OUTDIR or absolute. */
  cover?: string;
  /** Where to subscribe: the feed relative to OUTDIR, and its podcast:// form for apps (absolute bases only). */
  feed?: { file: string; appUrl?: string };
  /** Newest first. */
  episodes: readonly FeedManifest[];
}

export function showPage({ show, cover, feed, episodes }: ShowPage): string {
  const head = feed ? html`<link rel="alternate" type="application/rss+xml" title="${show.title}" href="${feed.file}">` : undefined;
  const body = html`<header>
${cover ? html`<img class="cover" src="${cover}" alt="" width="160" height="160">` : ''}
<h1>${show.title}</h1>
<p>${show.description}</p>
${feed ? html`<p>Subscribe: <a href="${feed.file}">RSS feed</a>${feed.appUrl ? html` · <a href="${feed.appUrl}">Open in your podcast app</a>` : ''}</p>` : ''}
</header>
<main>
<h2>Episodes</h2>
${episodes.length === 0 ? html`<p>No episodes yet.</p>` : html`<ol class="episodes">
${episodes.map((manifest) => {
  const date = publishedOn(manifest, show.language);
  return html`<li>
<h3><a href="${relativeHref(manifest.slug)}/index.html">${manifest.title}</a></h3>
<p class="muted">${date ? html`<time datetime="${date.iso}">${date.text}</time> · ` : ''}${lengthLabel(manifest.durationSeconds)}</p>
<p>${manifest.description}</p>
</li>
`;
})}</ol>`}
</main>
<footer><p class="muted">Made with newscast.</p></footer>`;
  return page({ title: show.title, language: show.language, description: show.description, head, body });
}
