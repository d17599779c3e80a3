// OUTDIR/<slug>/index.html: the episode's player, where the story came from, and the whole
// transcript as text under its chapters' headings (for reading, searching and search engines).
import type { FeedManifest } from '../manifest-schema.js';
import type { ShowSettings } from '../show.js';
import type { TranscriptCue } from '../transcript-vtt.js';
import { lengthLabel, publishedOn } from './episode-facts.js';
import { html, relativeHref, webLink, type Html } from './html.js';
import { page } from './page.js';
import { playerScriptName } from './player-script.js';

/** A pause this long between two sentences ends a paragraph (sentences inside one are ~0.4 s apart). */
const paragraphPauseSeconds = 0.6;

export interface EpisodePage {
  show: ShowSettings;
  manifest: FeedManifest;
  chapters: readonly { title: string; start: number }[];
  /** The transcript's cues; undefined when the episode has none. */
  cues?: readonly TranscriptCue[];
}

export function episodePage({ show, manifest, chapters, cues }: EpisodePage): string {
  const language = manifest.language ?? show.language;
  const date = publishedOn(manifest, language);
  const source = webLink(manifest.url);
  const audioHref = relativeHref(manifest.files.audio);
  const body = html`<header>
<p><a href="../index.html">${show.title}</a></p>
<h1>${manifest.title}</h1>
<p class="muted">${manifest.byline ? html`${manifest.byline} · ` : ''}${date ? html`<time datetime="${date.iso}">${date.text}</time> · ` : ''}${lengthLabel(manifest.durationSeconds)}</p>
</header>
<main>
<newscast-player src="episode.json"><audio controls preload="none" src="${audioHref}"></audio></newscast-player>
${source || manifest.source ? html`<p>Source: ${source ? html`<a href="${source}">${manifest.source ?? source}</a>` : manifest.source}</p>` : ''}
<section aria-labelledby="transcript-heading">
<h2 id="transcript-heading">Transcript</h2>
${cues && cues.length > 0 ? transcriptText(chapters, cues) : html`<p>This episode has no transcript.</p>`}
</section>
</main>
<footer><p class="muted"><a href="${audioHref}">Download the MP3</a> · <a href="../index.html">All episodes of ${show.title}</a></p></footer>`;
  const head = html`<script type="module" src="../${playerScriptName}"></script>`;
  return page({ title: `${manifest.title} · ${show.title}`, language, description: manifest.description, head, body });
}

/** The cues as paragraphs, under a heading at each chapter's start. */
function transcriptText(chapters: EpisodePage['chapters'], cues: readonly TranscriptCue[]): Html {
  const sections: { title?: string; paragraphs: string[][] }[] = [];
  let chapterIndex = -1;
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const cue of cues) {
    let nextChapter = chapterIndex;
    while (nextChapter + 1 < chapters.length && chapters[nextChapter + 1]!.start <= cue.start + 0.05) nextChapter++;
    if (nextChapter !== chapterIndex || sections.length === 0) {
      sections.push({ title: chapters[nextChapter]?.title, paragraphs: [[]] });
      chapterIndex = nextChapter;
    } else if (cue.start - previousEnd >= paragraphPauseSeconds) {
      sections.at(-1)!.paragraphs.push([]);
    }
    sections.at(-1)!.paragraphs.at(-1)!.push(cue.text);
    previousEnd = cue.end;
  }
  return html`${sections.map(({ title, paragraphs }) => html`${title ? html`<h3>${title}</h3>\n` : ''}${paragraphs.map((sentences) => html`<p>${sentences.join(' ')}</p>\n`)}`)}`;
}
