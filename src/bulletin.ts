// Bulletins: several articles in one episode (`newscast bulletin`, `newscast script --bulletin`).
// The articles are read (a failed one stops the bulletin, or with skipBad is left out and named),
// written as one script (src/script/bulletin.ts), fitted into maxMinutes when asked, and rendered
// like any script by the pipeline.
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Article } from './article/article.js';
import { readArticle } from './article/read.js';
import { surveyClips } from './audio/clip-survey.js';
import { plannedEpisodeSeconds } from './audio/episode-length.js';
import { mp3Presets } from './audio/mp3-presets.js';
import { builtInTemplateName, resolveTemplate } from './audio/template.js';
import { withTransitionSilence } from './audio/transitions.js';
import { checkpoint } from './checkpoint.js';
import { refuseControlCharactersInOption } from './common/control-characters.js';
import { NewscastError } from './errors.js';
import { withTempFolder } from './files.js';
import { checkDestination, renderEpisode, type GeneratedEpisode, type RenderOptions, type ScriptOptions } from './pipeline.js';
import { buildBulletinScript, defaultBulletinTitle } from './script/bulletin.js';
import { firstParagraphs, fitParagraphs, paragraphCount, paragraphSeconds, type StoryCut } from './script/bulletin-fit.js';
import { checkArticleLength } from './script/length-limit.js';
import { loadLexicon } from './script/lexicon/load.js';
import type { LeftOutStory } from './script/metadata.js';
import { SpeechCache } from './tts/cache.js';
import { defaultCacheFolder } from './tts/cache-folder.js';
import { withCache } from './tts/cached-engine.js';
import { chooseEngine } from './tts/engines/index.js';
import { renderTimeline } from './tts/render.js';
import { estimateTimelineSeconds } from './tts/ssml/estimate.js';
import { parseSsml } from './tts/ssml/parse.js';
import type { TimelineItem } from './tts/ssml/timeline.js';

export interface BulletinScriptOptions extends ScriptOptions {
  /** How many stories the headline roundup names, from the first; default all. */
  headlines?: number;
  /** The longest the bulletin may be: each story keeps its first paragraphs so the whole fits. */
  maxMinutes?: number;
  /** Leave out an article that cannot be read (and say so) instead of stopping. */
  skipBad?: boolean;
  /** Told which articles were left out and what maxMinutes cut; the command line prints it. */
  onNote?: (message: string) => void;
}

export type BulletinOptions = RenderOptions & BulletinScriptOptions;

/** The longest bulletin asked for: an episode is at most 12 hours (script/length-limit.ts). */
const maxBulletinMinutes = 12 * 60;
/** Rounds of render-and-trim before giving up on fitting (each after the first is mostly cache hits). */
const maxFitRounds = 8;

interface Stories {
  articles: Article[];
  leftOut: LeftOutStory[];
}

/** Articles → one bulletin script, fitted into maxMinutes by the duration estimate alone. */
export async function scriptBulletin(inputs: string[], options: BulletinScriptOptions & Pick<RenderOptions, 'onProgress'> = {}): Promise<string> {
  checkBulletinOptions(inputs, options);
  const stories = await readStories(inputs, options);
  const writer = await bulletinWriter(stories, options);
  if (options.maxMinutes === undefined) return writer.script(writer.all);
  const kept = writer.fit(writer.narrationBudget(options.maxMinutes * 60));
  noteCuts(writer.cuts(kept), options);
  return writer.script(kept);
}

/** Articles → bulletin episode: the whole pipeline (`newscast bulletin`). */
export async function generateBulletin(inputs: string[], options: BulletinOptions = {}): Promise<GeneratedEpisode> {
  checkBulletinOptions(inputs, options);
  // The destination is checked before any work, as for a single episode.
  await checkDestination(options);
  const stories = await readStories(inputs, options);
  const writer = await bulletinWriter(stories, options);
  const render = (ssml: string, cacheFolder?: string) => renderEpisode(ssml, { ...options, sourceName: 'bulletin', cacheFolder });
  if (options.maxMinutes === undefined) return render(writer.script(writer.all));
  return fitByRendering(writer, options.maxMinutes * 60, options, render);
}

/** Renders the fitted script; with the cache off, given the fitting renders' own, which holds every run. */
type FittedRender = (ssml: string, cacheFolder?: string) => Promise<GeneratedEpisode>;

function checkBulletinOptions(inputs: string[], options: BulletinScriptOptions): void {
  refuseControlCharactersInOption('--title', options.title);
  if (inputs.length === 0) throw new NewscastError('usage', 'A bulletin needs at least one article.', 'Give the articles in the order they are read: newscast bulletin A.txt B.txt C.txt');
  if (inputs.filter((input) => input === '-').length > 1) throw new NewscastError('usage', 'Standard input (-) can be read only once.', 'Give the other articles as files.');
  if (options.headlines !== undefined && !(Number.isInteger(options.headlines) && options.headlines >= 1)) {
    throw new NewscastError('usage', `--headlines ${options.headlines} is not a number of stories.`, 'Give a whole number from 1 (default: every story).');
  }
  if (options.maxMinutes !== undefined && !(options.maxMinutes > 0 && options.maxMinutes <= maxBulletinMinutes)) {
    throw new NewscastError('usage', `--max-minutes ${options.maxMinutes} is not a length a bulletin can have.`, `Give a number of minutes above 0 and at most ${maxBulletinMinutes}.`);
  }
}

/** Reads every article in order; a failure names its article and stops, or with skipBad is left out and named. */
async function readStories(inputs: string[], options: BulletinScriptOptions & Pick<RenderOptions, 'onProgress'>): Promise<Stories> {
  const articles: Article[] = [];
  const leftOut: LeftOutStory[] = [];
  for (const [index, input] of inputs.entries()) {
    options.onProgress?.({ stage: 'read', fraction: index / inputs.length, detail: input === '-' ? 'standard input' : input });
    await checkpoint('read');
    try {
      const article = await readArticle(input);
      checkArticleLength(article);
      articles.push(article);
    } catch (error) {
      if (!(error instanceof NewscastError) || error.kind === 'internal') throw error;
      const name = input === '-' ? 'standard input' : input;
      if (!options.skipBad) {
        throw new NewscastError(error.kind, `Story ${index + 1} of ${inputs.length} (${name}): ${error.message}`, `${error.hint ? `${error.hint} ` : ''}Or pass --skip-bad to make the bulletin without it.`, { cause: error });
      }
      // The full path is said to whoever ran the command; the published files name the file alone.
      leftOut.push(leftOutStory(input, error));
      options.onNote?.(`left out story ${index + 1} of ${inputs.length} (${name}): ${error.message}`);
    }
  }
  if (articles.length === 0) {
    throw new NewscastError('input', `None of the ${inputs.length} articles could be read, so there is no bulletin to make.`, 'Fix the articles named above and run again.');
  }
  return { articles, leftOut };
}

/** A left-out article as the script and episode.json record it: its file name, and the error without its folder. */
function leftOutStory(input: string, error: NewscastError): LeftOutStory {
  const kind = error.kind as LeftOutStory['kind']; // internal errors are thrown, never left out
  if (input === '-') return { article: 'standard input', kind, reason: error.message };
  const name = basename(input);
  // The absolute form first: the path as given may be the tail of it.
  const reason = [resolve(input), input].reduce((message, path) => message.split(path).join(name), error.message);
  return { article: name, kind, reason };
}

interface BulletinWriter {
  /** Paragraphs of each story, all of them. */
  all: number[];
  /** The script keeping the first `kept[i]` paragraphs of story i. */
  script(kept: number[]): string;
  /** What the renderer speaks: the script with silence made for the transition clips. */
  timeline(ssml: string): TimelineItem[];
  /** The estimated narration of a script, seconds. */
  estimate(ssml: string): number;
  /** The episode's length for a narration of `narrationSeconds` whose last word ends at `speechEndSeconds`. */
  plannedSeconds(narrationSeconds: number, speechEndSeconds?: number): number;
  /** Seconds of estimated narration an episode of `limitSeconds` leaves room for, once the intro and outro clips are in. */
  narrationBudget(limitSeconds: number): number;
  /** Paragraphs kept when `narrationBudget` seconds of estimated narration are allowed. */
  fit(narrationBudget: number): number[];
  cuts(kept: number[]): StoryCut[];
}

async function bulletinWriter({ articles, leftOut }: Stories, options: BulletinOptions): Promise<BulletinWriter> {
  options.onProgress?.({ stage: 'script', fraction: 0, detail: `${articles.length} stories` });
  await checkpoint('script');
  const template = await resolveTemplate(options.template ?? 'default');
  const lexicon = await loadLexicon(options.lexicon);
  const preset = options.preset ?? template.preset;
  // Lengths are measured only for fitting into maxMinutes.
  const fitting = options.maxMinutes !== undefined;
  // The clips are measured once (one ffmpeg run), not in every round of fitting.
  const rate = mp3Presets[preset].sampleRate;
  const clips = fitting ? await surveyClips(template, rate, undefined, ['intro', 'outro', 'transition']) : {};
  const transitionSeconds = (clips.transition?.samples ?? 0) / rate;
  const context = {
    showName: template.show,
    lines: template.lines,
    lexicon,
    quoteVoice: options.quoteVoice,
    title: options.title ?? defaultBulletinTitle(),
    headlines: options.headlines,
    transitionClip: template.transition !== undefined,
    template: builtInTemplateName(options.template),
    leftOut: leftOut.length > 0 ? leftOut : undefined,
  };
  const script = (kept: number[]) => buildBulletinScript(articles.map((article, index) => firstParagraphs(article, kept[index]!)), context);
  const timeline = (ssml: string) => withTransitionSilence(parseSsml(ssml, 'bulletin'), transitionSeconds);
  const estimate = (ssml: string) => estimateTimelineSeconds(timeline(ssml), options.rate ?? 1);
  const seconds = articles.map(paragraphSeconds);
  const all = articles.map(paragraphCount);
  const minimal = all.map((count) => Math.min(1, count));
  // What the stories' first paragraphs leave of the estimate: intro, roundup, headlines, transitions, outro.
  const framing = fitting ? estimate(script(minimal)) - seconds.reduce((sum, story) => sum + (story[0] ?? 0), 0) : 0;
  const fit = (narrationBudget: number) => fitParagraphs(seconds, narrationBudget - framing);
  const plannedSeconds = (narrationSeconds: number, speechEndSeconds?: number) => plannedEpisodeSeconds(template, preset, clips, narrationSeconds, speechEndSeconds);
  const overhead = fitting ? plannedSeconds(0) : 0;
  options.onProgress?.({ stage: 'script', fraction: 1 });
  return {
    all,
    script,
    timeline,
    estimate,
    plannedSeconds,
    narrationBudget: (limitSeconds) => limitSeconds - overhead,
    fit,
    cuts: (kept) => articles.map((article, index) => ({ title: article.title, kept: kept[index]!, paragraphs: all[index]! })).filter((cut) => cut.kept < cut.paragraphs),
  };
}

/**
 * Fits by the estimate, then renders (into the speech cache) and measures: while the episode would
 * be longer than the limit, the estimate is corrected by what was measured and the stories cut
 * further. The final render then finds every run in the cache.
 */
async function fitByRendering(writer: BulletinWriter, limitSeconds: number, options: BulletinOptions, render: FittedRender): Promise<GeneratedEpisode> {
  let narrationBudget = writer.narrationBudget(limitSeconds);
  let kept = writer.fit(narrationBudget);
  const engine = await chooseEngine(options.engine, options.voice);
  // With the cache off, the measuring renders still share one, in the scratch folder, and the
  // final render is given it: every run it speaks was spoken while measuring.
  return withTempFolder('bulletin-fit', async (workDir) => {
    const scratchCache = options.cache === false ? join(workDir, 'cache') : undefined;
    const cached = withCache(engine, new SpeechCache(scratchCache ?? defaultCacheFolder()));
    let best: { kept: number[]; ssml: string } | undefined;
    // The largest estimate budget known to fit, and the smallest known not to.
    let fitsAt: number | undefined;
    let overshootsAt: number | undefined;
    const tried = new Set<string>();
    for (let round = 1; ; round++) {
      tried.add(kept.join());
      const ssml = writer.script(kept);
      options.onProgress?.({ stage: 'render', fraction: 0, detail: `measuring the bulletin against ${formatMinutes(limitSeconds)} (round ${round})` });
      const narration = await renderTimeline(writer.timeline(ssml), {
        engine: cached,
        voice: options.voice,
        rate: options.rate,
        jobs: options.jobs ?? availableParallelism(),
        wavPath: join(workDir, `narration-${round}.wav`),
        onProgress: (spoken, total) => options.onProgress?.({ stage: 'render', fraction: spoken / total, detail: `measuring: ${spoken}/${total} runs` }),
      });
      const speechEnd = Math.max(0, ...narration.sentences.map((sentence) => sentence.end));
      const total = writer.plannedSeconds(narration.durationSeconds, Math.min(speechEnd, narration.durationSeconds));
      options.onProgress?.({ stage: 'render', fraction: 1, detail: `measured ${formatMinutes(total)} (${cached.counts.hits} from the cache, ${cached.counts.misses} spoken so far)` });
      await checkpoint('render');
      // Estimated seconds per real second of this voice and rate, from this render.
      const ratio = writer.estimate(ssml) / narration.durationSeconds;
      if (total <= limitSeconds) {
        best = { kept, ssml };
        fitsAt = narrationBudget;
        // The estimate was cautious: the room the measured pace leaves is tried too (halfway to a
        // budget already found too long).
        narrationBudget = overshootsAt === undefined ? narrationBudget + (limitSeconds - total) * ratio : (fitsAt + overshootsAt) / 2;
      } else if (best) {
        overshootsAt = narrationBudget;
        narrationBudget = (fitsAt! + overshootsAt) / 2;
      } else {
        const atMinimum = kept.every((count, index) => count <= Math.min(1, writer.all[index]!));
        if (atMinimum || round >= maxFitRounds) {
          throw new NewscastError(
            'usage',
            `The bulletin does not fit in ${formatMinutes(limitSeconds)}: ${atMinimum ? 'with each story cut to its first paragraph it' : 'it still'} lasts ${formatMinutes(total)}.`,
            `Give a longer --max-minutes (at least ${Math.ceil(total / 60)}), or fewer articles.`,
          );
        }
        // Cut by the overshoot, in the estimate's units, until the plan changes.
        const overshoot = (total - limitSeconds) * ratio;
        let next = kept;
        while (sameCounts(next, kept)) {
          narrationBudget -= overshoot + 0.5;
          next = writer.fit(narrationBudget);
        }
      }
      kept = writer.fit(narrationBudget);
      if (best && (round >= maxFitRounds || tried.has(kept.join()))) break;
    }
    noteCuts(writer.cuts(best.kept), options, limitSeconds);
    return render(best.ssml, scratchCache);
  });
}

function sameCounts(a: number[], b: number[]): boolean {
  return a.every((value, index) => value === b[index]);
}

function noteCuts(cuts: StoryCut[], options: BulletinScriptOptions, limitSeconds = (options.maxMinutes ?? 0) * 60): void {
  const limit = `--max-minutes ${options.maxMinutes}`;
  if (cuts.length === 0) {
    options.onNote?.(`${limit}: every story fits whole (${formatMinutes(limitSeconds)} at most)`);
    return;
  }
  const list = cuts.map((cut) => `"${cut.title}" to ${cut.kept} of ${cut.paragraphs} paragraphs`).join('; ');
  options.onNote?.(`${limit}: cut ${cuts.length} ${cuts.length === 1 ? 'story' : 'stories'}: ${list}`);
}

/** 183 → "3:03". */
function formatMinutes(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
