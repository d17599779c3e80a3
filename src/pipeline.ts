import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import slugify from '@sindresorhus/slugify';
import { readArticle } from './article/read.js';
import { assembleEpisode } from './audio/assemble.js';
import { transitionClipSeconds } from './audio/clip-survey.js';
import { mp3Presets, type Mp3PresetName } from './audio/mp3-presets.js';
import { builtInTemplateName, builtInTemplateNames, resolveTemplate } from './audio/template.js';
import { checkTemplateClips } from './audio/template-clips.js';
import { hasTransitions, silentTransitions, withTransitionSilence } from './audio/transitions.js';
import { checkpoint } from './checkpoint.js';
import { refuseControlCharactersInOption, withoutControlCharactersInValues } from './common/control-characters.js';
import { NewscastError } from './errors.js';
import { withFileSystemErrors } from './file-system-errors.js';
import { withTempFolder } from './files.js';
import { prepareOutputFolder } from './output-folder.js';
import { parseBaseUrl } from './publish/base-url.js';
import { chaptersJson } from './publish/chapters-json.js';
import type { EpisodeManifest } from './publish/manifest.js';
import type { SharedLock } from './publish/output-lock.js';
import { publishEpisode } from './publish/publish-episode.js';
import { storiesWithStarts } from './publish/stories.js';
import { transcriptVtt } from './publish/transcript-vtt.js';
import { buildScript } from './script/build.js';
import { loadLexicon } from './script/lexicon/load.js';
import { readScriptMetadata } from './script/metadata.js';
import { removeStaleScratch } from './stale-temporaries.js';
import { SpeechCache } from './tts/cache.js';
import { defaultCacheFolder } from './tts/cache-folder.js';
import { withCache } from './tts/cached-engine.js';
import { chooseEngine } from './tts/engines/index.js';
import { renderTimeline } from './tts/render.js';
import { checkVoicesCanRead } from './tts/speakable.js';
import { parseSsml } from './tts/ssml/parse.js';

export type Stage = 'read' | 'script' | 'render' | 'assemble' | 'publish';

/** Reported as work goes on: `fraction` runs from 0 (stage started) to 1 (stage done). */
export interface ProgressEvent {
  stage: Stage;
  fraction: number;
  detail?: string;
  /** An output now complete in place (the episode's folder, once swapped in). */
  written?: string;
}

export interface ScriptOptions {
  /** Overrides the title found in the article. */
  title?: string;
  /** Template name or folder: its show name is said in the intro. */
  template?: string;
  /** A pronunciation lexicon file (PLS or JSON) applied on top of the default one (`--lexicon`). */
  lexicon?: string;
  /** Voice for direct quotations (`--quote-voice`). */
  quoteVoice?: string;
}

export interface RenderOptions extends ScriptOptions {
  /** Folder that receives `<slug>/`; default `out`. */
  outDir?: string;
  /** Engine name, or `auto` (default). */
  engine?: string;
  voice?: string;
  /** Speaking rate multiplier, 1 = normal. */
  rate?: number;
  /** Speech runs synthesized at once; default the number of cores. */
  jobs?: number;
  /** false: neither read nor write the speech cache (`--no-cache`). */
  cache?: boolean;
  /** MP3 preset (speech, standard, stereo); default the template's. */
  preset?: Mp3PresetName;
  /** Where the output folder is published, for feed.xml's URLs (see `newscast feed`). */
  baseUrl?: string;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Told of what works but may not be what was meant (e.g. letters the voice cannot read, or an
   * episode put in another folder than its title gives because another article holds that one).
   */
  onWarning?: (message: string) => void;
  /** Held around OUTDIR's publishing lock when processes on other hosts publish there too (workers on Redis). */
  sharedLock?: SharedLock;
}

export interface GeneratedEpisode {
  /** The episode's folder. */
  dir: string;
  manifest: EpisodeManifest;
}

/** What a way in passes to renderEpisode besides the user's options. */
export type RenderCall = RenderOptions & {
  /** Names the script in messages. */
  sourceName?: string;
  /** The speech cache to use instead of the user's: a bulletin's fitting renders' under --no-cache. */
  cacheFolder?: string;
};

const generator = 'newscast';
const maxSlugLength = 80;

/** Article → SSML script: the first half of the pipeline (`newscast script`). */
export async function scriptArticle(input: string, options: ScriptOptions & Pick<RenderOptions, 'onProgress'> = {}): Promise<string> {
  refuseControlCharactersInOption('--title', options.title);
  options.onProgress?.({ stage: 'read', fraction: 0, detail: input === '-' ? 'standard input' : input });
  await checkpoint('read');
  const article = await readArticle(input, { title: options.title });
  options.onProgress?.({ stage: 'script', fraction: 0, detail: article.title });
  await checkpoint('script');
  const template = await resolveTemplate(options.template ?? 'default');
  const lexicon = await loadLexicon(options.lexicon);
  const onProgress = options.onProgress && ((fraction: number) => options.onProgress?.({ stage: 'script', fraction }));
  return buildScript(article, { showName: template.show, lines: template.lines, template: builtInTemplateName(options.template), lexicon, quoteVoice: options.quoteVoice, onProgress });
}

/** Article → episode: the whole pipeline (`newscast generate`). */
export async function generateEpisode(input: string, options: RenderOptions = {}): Promise<GeneratedEpisode> {
  await checkDestination(options);
  const ssml = await scriptArticle(input, options);
  return renderChecked(ssml, { ...options, sourceName: input === '-' ? 'standard input' : basename(input) });
}

/**
 * Before any work: the output folder exists and takes files, the base URL is one. Problems found
 * later (a disk that fills up) are reported as what they are, not as bugs.
 */
export async function checkDestination(options: RenderOptions): Promise<void> {
  if (options.baseUrl !== undefined) parseBaseUrl(options.baseUrl);
  await prepareOutputFolder(options.outDir ?? 'out');
}

/** SSML script → episode: the second half (`newscast render`), also used by generate. */
export async function renderEpisode(ssml: string, options: RenderCall = {}): Promise<GeneratedEpisode> {
  await checkDestination(options);
  return renderChecked(ssml, options);
}

/** renderEpisode once checkDestination has passed. */
function renderChecked(ssml: string, options: RenderCall): Promise<GeneratedEpisode> {
  return withFileSystemErrors(resolve(options.outDir ?? 'out'), () => renderAndPublish(ssml, options));
}

async function renderAndPublish(ssml: string, options: RenderCall): Promise<GeneratedEpisode> {
  const progress = options.onProgress ?? (() => undefined);
  // The whole script is checked before any engine starts: a bad one costs nothing.
  const timeline = parseSsml(ssml, options.sourceName);
  // A script may have been edited by hand: what it says goes into episode.json, ID3 and the feed.
  const metadata = withoutControlCharactersInValues(readScriptMetadata(ssml, options.sourceName));
  const templateName = options.template ?? scriptTemplate(metadata.template);
  const template = await resolveTemplate(templateName ?? 'default');
  refuseControlCharactersInOption('--title', options.title);
  const title = options.title ?? metadata.title;
  if (!title) {
    throw new NewscastError('usage', 'The script has no title.', 'Pass --title "…", or render a script made by `newscast script`.');
  }
  const show = metadata.show ?? template.show;
  const engine = await chooseEngine(options.engine, options.voice);
  await checkTemplateClips(template);
  // A bulletin's transition clip sounds in silence made as long as itself: no chapter moves.
  const transitionSeconds = hasTransitions(timeline) ? await transitionClipSeconds(template, mp3Presets[options.preset ?? template.preset].sampleRate) : 0;
  const spokenTimeline = withTransitionSilence(timeline, transitionSeconds);
  if (transitionSeconds === 0 && silentTransitions(timeline)) {
    options.onWarning?.(
      `nothing is said between the stories of this bulletin script (it was written for a transition clip), and template "${template.name}" has no transition clip, so the stories run together. Render with --template ${metadata.template ?? 'news'}, or write a line after each <mark name="transition"/>.`,
    );
  }
  const warnings = await checkVoicesCanRead(timeline, engine, options.voice ?? engine.defaultVoice, options.sourceName ?? 'script');
  for (const warning of warnings) options.onWarning?.(warning);
  const slug = episodeSlug(title);
  const outDir = resolve(options.outDir ?? 'out');
  const cacheFolder = options.cacheFolder ?? (options.cache === false ? undefined : defaultCacheFolder());
  // What runs killed outright (SIGKILL) left in the temporary folder and the cache is removed (in
  // the output folder: when publishing, holding its lock, see publish/output-lock.ts).
  await removeStaleScratch(cacheFolder);
  return withTempFolder('episode', async (workDir) => {
    progress({ stage: 'render', fraction: 0, detail: `${engine.name}, voice ${options.voice ?? engine.defaultVoice}` });
    await checkpoint('render');
    const renderStarted = performance.now();
    const jobs = options.jobs ?? availableParallelism();
    const cachedEngine = cacheFolder ? withCache(engine, new SpeechCache(cacheFolder)) : undefined;
    const narration = await renderTimeline(spokenTimeline, {
      engine: cachedEngine ?? engine,
      jobs,
      voice: options.voice,
      rate: options.rate,
      wavPath: join(workDir, 'narration.wav'),
      onProgress: (spoken, total) => progress({ stage: 'render', fraction: spoken / total, detail: `${spoken}/${total} runs` }),
    });
    const renderSeconds = ((performance.now() - renderStarted) / 1000).toFixed(2);
    const fromCache = cachedEngine ? `, ${cachedEngine.counts.hits} from the cache, ${cachedEngine.counts.misses} spoken` : '';
    progress({ stage: 'render', fraction: 1, detail: `done in ${renderSeconds} s${fromCache}` });
    if (narration.chapters.length === 0) narration.chapters.push({ title, start: 0 });

    progress({ stage: 'assemble', fraction: 0 });
    // Assembled in scratch; publishing copies it into a staging folder swapped in whole (src/publish/).
    const assembledIn = join(workDir, 'episode');
    await mkdir(assembledIn);
    await checkpoint('assemble');
    const audioPath = join(assembledIn, 'episode.mp3');
    const description = metadata.description ?? title;
    const episode = await assembleEpisode(
      {
        narration,
        template,
        preset: options.preset,
        tags: { title, artist: metadata.byline ?? metadata.source ?? show, album: show, date: metadata.date, comment: description, language: template.language, url: metadata.url },
        outputPath: audioPath,
        workDir,
        cacheFolder,
        jobs,
      },
      (fraction) => progress({ stage: 'assemble', fraction }),
    );

    progress({ stage: 'publish', fraction: 0 });
    const files = { audio: 'episode.mp3', script: 'script.ssml', chapters: 'chapters.json', transcript: 'transcript.vtt', cover: episode.coverFile };
    const manifest = {
      title,
      show,
      byline: metadata.byline,
      source: metadata.source,
      date: metadata.date,
      url: metadata.url,
      language: template.language,
      description,
      durationSeconds: episode.durationSeconds,
      chapters: episode.chapters,
      engine: `${engine.name} (${await engine.version()})`,
      voice: narration.voice,
      template: template.name,
      preset: episode.preset,
      loudness: episode.loudness,
      parts: episode.parts,
      ...(metadata.stories ? { stories: storiesWithStarts(metadata.stories.map(withoutControlCharactersInValues), episode.chapters) } : {}),
      ...(metadata.leftOut ? { leftOut: metadata.leftOut } : {}),
      files,
      // A script without an article hash (written by hand) is identified by its own text.
      articleHash: metadata.articleHash ?? createHash('sha256').update(ssml).digest('hex').slice(0, 16),
      generatedAt: new Date().toISOString(),
      generator,
    };
    const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, 'NewscastWarning'));
    const published = await publishEpisode(
      {
        outDir,
        slug,
        assembledIn,
        sidecars: { [files.script]: ssml, [files.chapters]: chaptersJson(episode.chapters), [files.transcript]: transcriptVtt(episode.sentences) },
        manifest,
        feed: { baseUrl: options.baseUrl, template: templateName, onWarning: warn },
      },
      {
        onWarning: warn,
        onWritten: (dir) => progress({ stage: 'publish', fraction: 0.5, detail: dir, written: dir }),
        sharedLock: options.sharedLock,
      },
    );
    progress({ stage: 'publish', fraction: 1, detail: published.dir });
    return published;
  });
}

/**
 * The template a script names (`newscast script --template NAME` records it), used when render is
 * not given one. Only a built-in name: a script does not choose folders on this machine.
 */
function scriptTemplate(name: string | undefined): string | undefined {
  if (name === undefined || builtInTemplateName(name) !== undefined) return name;
  throw new NewscastError(
    'input',
    `The script names the template "${name}", which is not a built-in one (${builtInTemplateNames().join(', ')}).`,
    'Pass --template NAME or --template FOLDER to render it, or remove its <meta name="newscast:template"> element.',
  );
}

/** Reads a script file and renders it. */
export async function renderScriptFile(path: string, options: RenderOptions = {}): Promise<GeneratedEpisode> {
  let ssml: string;
  try {
    ssml = await readFile(path, 'utf8');
  } catch (error) {
    throw new NewscastError('input', `Cannot read the script ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, 'Check the path; make a script with `newscast script ARTICLE > story.ssml`.');
  }
  return renderEpisode(ssml, { ...options, sourceName: basename(path) });
}

/** A folder name from the title: readable, ASCII, cut at a word under 80 characters. */
export function episodeSlug(title: string): string {
  const slug = slugify(title);
  if (slug.length <= maxSlugLength) return slug || 'episode';
  return slug.slice(0, maxSlugLength + 1).replace(/-[^-]*$/, '');
}
