#!/usr/bin/env node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { mp3Presets, type Mp3PresetName } from './audio/mp3-presets.js';
import { NewscastError } from './errors.js';
import { fileSystemError, withFileSystemErrors } from './file-system-errors.js';
import { describeRunOnInterrupt, exitCleanlyOnSignals, RunState } from './interrupt.js';
import type { GeneratedEpisode, RenderOptions } from './pipeline.js';
import { progressReporter } from './progress.js';
import { forTerminal } from './terminal-text.js';
import type { Voice } from './tts/engine.js';
import { createEngine, engineNames } from './tts/engines/index.js';
import { hideWasiWarning } from './tts/engines/wasi-warning.js';
import { addWatchCommand, withJobsOptions } from './jobs/jobs-cli.js';
import type { JobsFlags } from './jobs/jobs-command.js';

// Each command imports the stages it runs when it runs: the whole pipeline (zod, xmlbuilder2,
// ffmpeg, the normalizer's rules…) took 0.3 s to load, which `--help` or `voices` never use.
const pipeline = () => import('./pipeline.js');

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

interface RenderFlags {
  output: string;
  engine: string;
  voice?: string;
  rate: number;
  template?: string;
  title?: string;
  json?: boolean;
  quiet?: boolean;
  jobs: number;
  cache: boolean;
  preset?: Mp3PresetName;
  baseUrl?: string;
}

const maxJobs = 256;

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > maxJobs) throw new InvalidArgumentError(`use a whole number of parallel jobs from 1 to ${maxJobs}.`);
  return jobs;
}

function parseRate(value: string): number {
  const rate = Number(value);
  if (!(rate >= 0.5 && rate <= 2)) throw new InvalidArgumentError('use a number from 0.5 (half speed) to 2 (double speed).');
  return rate;
}

/** The options generate and render share. */
function withRenderOptions(command: Command): Command {
  return command
    .option('-o, --output <dir>', 'folder that receives <episode-slug>/', 'out')
    .option('--engine <name>', `speech engine: auto (a neural voice if installed, else the clearest) or ${engineNames.join(', ')}`, 'auto')
    .option('--voice <name>', "voice of the engine, or a Piper voice file PATH.onnx (default: the engine's own; see `newscast voices`)")
    .option('--rate <factor>', 'speaking rate, 1 = normal, 0.9 = 10% slower', parseRate, 1)
    // No commander default: render takes the template the script names unless told another.
    .option('--template <name|dir>', 'audio template: a name from audio-templates/ or a folder with template.json (default: "default"; for render, the built-in one the script names)')
    .option('--title <title>', 'episode title (default: found in the article or script)')
    .addOption(new Option('--preset <name>', "MP3 preset: speech (mono 64 kb/s), standard (mono 96 kb/s), stereo (128 kb/s); default: the template's").choices(Object.keys(mp3Presets)))
    .option('--base-url <url>', 'where OUTDIR is published, for the URLs in OUTDIR/feed.xml (updated when OUTDIR has one or a show.json)')
    .option('--jobs <n>', 'speech runs synthesized, and stretches of audio encoded, at once', parseJobs, availableParallelism())
    .option('--no-cache', 'speak and encode everything again: neither read nor write the cache (NEWSCAST_CACHE_DIR)')
    .option('--json', 'print the episode manifest (episode.json) on stdout')
    .option('-q, --quiet', 'no progress on stderr');
}

/** Options of the script stage: generate and script take them. */
interface ScriptFlags {
  lexicon?: string;
  quoteVoice?: string;
}

function lexiconOption(): Option {
  return new Option('--lexicon <file>', 'pronunciations (W3C PLS .pls/.xml or JSON {"word": "how to say it"}), on top of the default lexicon');
}

function quoteVoiceOption(): Option {
  return new Option('--quote-voice <name>', 'read direct quotations in this voice of the engine (see `newscast voices`)');
}

function withScriptOptions(command: Command): Command {
  return command.addOption(lexiconOption()).addOption(quoteVoiceOption());
}

function renderOptions(flags: RenderFlags, label: string, run: RunState): RenderOptions {
  const reporter = flags.quiet ? undefined : progressReporter(process.stderr, label);
  return {
    outDir: flags.output,
    engine: flags.engine,
    voice: flags.voice,
    rate: flags.rate,
    jobs: flags.jobs,
    cache: flags.cache,
    template: flags.template,
    title: flags.title,
    preset: flags.preset,
    baseUrl: flags.baseUrl,
    onProgress: (event) => {
      run.progress(event);
      reporter?.(event);
    },
    // Said even with --quiet. On a terminal the warning first clears the progress bar's line.
    onWarning: (message) => process.stderr.write(`${process.stderr.isTTY && !flags.quiet ? '\r\x1b[K' : ''}newscast: warning: ${forTerminal(message)}\n`),
  };
}

function report(episodes: GeneratedEpisode[], flags: RenderFlags): void {
  if (flags.json) {
    const manifests = episodes.map((episode) => episode.manifest);
    process.stdout.write(`${JSON.stringify(manifests.length === 1 ? manifests[0] : manifests, null, 2)}\n`);
  }
  if (!flags.quiet) {
    for (const { dir, manifest } of episodes) {
      // Rounded once, so 179.6 s is 3:00 and not 2:60.
      const wholeSeconds = Math.round(manifest.durationSeconds);
      const minutes = Math.floor(wholeSeconds / 60);
      const seconds = (wholeSeconds % 60).toString().padStart(2, '0');
      process.stderr.write(
        `newscast: wrote ${forTerminal(dir)}/${manifest.files.audio} (${minutes}:${seconds}, ${manifest.chapters.length} chapters, ` +
          `${manifest.loudness.integrated.toFixed(1)} LUFS, ${manifest.loudness.truePeak.toFixed(1)} dBTP)\n`,
      );
    }
  }
}

const program = new Command('newscast')
  .description('Turn a written article into a chaptered podcast episode, with local text-to-speech.')
  .version(version)
  .showHelpAfterError('(run with --help for usage)')
  // commander quotes the arguments it refuses: escaped like every other message.
  .configureOutput({ writeErr: (text) => process.stderr.write(forTerminal(text, { keepNewlines: true })) })
  .exitOverride()
  .addHelpText(
    'after',
    `
Examples:
  newscast generate story.txt               episode in out/<slug>/
  newscast script story.txt > story.ssml    the narration script, to edit…
  newscast render story.ssml                …and speak
  newscast generate --help                  every option

Progress goes to stderr. Exit codes: 0 done, 2 bad input or usage,
3 missing engine, voice or template, 1 anything else.`,
  );

withScriptOptions(withRenderOptions(
  program
    .command('generate')
    .description('make an episode from each article: MP3, script, chapters, transcript and manifest in OUTDIR/<slug>/')
    .argument('<article...>', 'article files (.txt, .md, .html), or - for standard input'),
)).action(async (articles: string[], flags: RenderFlags & ScriptFlags) => {
  if (flags.title && articles.length > 1) throw new NewscastError('usage', '--title names one episode, but several articles were given.', 'Generate them one at a time to title each.');
  const { generateEpisode } = await pipeline();
  const episodes: GeneratedEpisode[] = [];
  let failure: NewscastError | undefined;
  const run = new RunState(flags.output, articles);
  describeRunOnInterrupt(run);
  // One bad article does not stop the batch: the rest are still voiced, the exit code tells.
  for (const article of articles) {
    run.start(article);
    try {
      const label = articles.length > 1 ? `newscast [${article}]` : 'newscast';
      episodes.push(await generateEpisode(article, { ...renderOptions(flags, label, run), lexicon: flags.lexicon, quoteVoice: flags.quoteVoice }));
      run.finish();
    } catch (error) {
      run.finish();
      if (articles.length === 1) throw error;
      failure = asNewscastError(error);
      printError(failure, article);
    }
  }
  report(episodes, flags);
  if (failure) process.exitCode = failure.exitCode;
});

program
  .command('script')
  .description('print the SSML narration script of an article (or, with --bulletin, of a bulletin), to edit and then `newscast render`')
  .argument('<article...>', 'article file (.txt, .md, .html), or - for standard input; several with --bulletin')
  .option('--title <title>', 'episode title (default: found in the article; for a bulletin "News bulletin, DATE, HH:MM")')
  .option('--template <name|dir>', 'audio template, whose show name the intro says; a built-in one is named in the script for render (default: "default")')
  .addOption(lexiconOption())
  .addOption(quoteVoiceOption())
  .option('--bulletin', 'one script for all the articles, read in the order given (see `newscast bulletin --help`)')
  .addOption(headlinesOption())
  .addOption(maxMinutesOption())
  .option('--skip-bad', 'with --bulletin: leave out an article that cannot be read, and say so, instead of stopping')
  .action(async (articles: string[], flags: { title?: string; template?: string; bulletin?: boolean } & ScriptFlags & BulletinFlags) => {
    if (!flags.bulletin) {
      if (articles.length > 1) throw new NewscastError('usage', `script takes one article, but ${articles.length} were given.`, 'Give one, or pass --bulletin for one script of them all.');
      if (flags.headlines !== undefined || flags.maxMinutes !== undefined || flags.skipBad) throw new NewscastError('usage', '--headlines, --max-minutes and --skip-bad are for a bulletin.', 'Add --bulletin.');
      const { scriptArticle } = await pipeline();
      process.stdout.write(await scriptArticle(articles[0]!, flags));
      return;
    }
    const { scriptBulletin } = await import('./bulletin.js');
    process.stdout.write(await scriptBulletin(articles, { ...flags, onNote: printNote }));
  });

/** Options only a bulletin has. */
interface BulletinFlags {
  headlines?: number;
  maxMinutes?: number;
  skipBad?: boolean;
}

function headlinesOption(): Option {
  return new Option('--headlines <n>', 'how many stories the headline roundup names, from the first (default: all)').argParser((value) => {
    const count = Number(value);
    if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('use a whole number of stories from 1.');
    return count;
  });
}

function maxMinutesOption(): Option {
  return new Option('--max-minutes <m>', 'the longest the bulletin may be: each story keeps its first paragraphs so the whole fits; stderr says what was cut').argParser((value) => {
    const minutes = Number(value);
    if (!(minutes > 0 && minutes <= 720)) throw new InvalidArgumentError('use a number of minutes above 0 and at most 720, e.g. 5 or 2.5.');
    return minutes;
  });
}

/** What a bulletin says it left out or cut: said even with --quiet. */
function printNote(message: string): void {
  process.stderr.write(`newscast: ${forTerminal(message)}\n`);
}

withScriptOptions(withRenderOptions(
  program
    .command('bulletin')
    .description('make one episode of several articles, read in the order given: intro, headlines, each story as a chapter, an outro naming the sources')
    .argument('<article...>', 'article files (.txt, .md, .html), or - for standard input (once)'),
))
  .addOption(headlinesOption())
  .addOption(maxMinutesOption())
  .option('--skip-bad', 'leave out an article that cannot be read (named on stderr; in episode.json\'s leftOut by file name only) instead of stopping with exit 2')
  .addHelpText(
    'after',
    `
The title defaults to "News bulletin, DATE, HH:MM" (local, when made). A template
with a transition clip (e.g. --template news) plays it between stories; other
templates say a short line instead. A story read before, in an episode or
another bulletin, comes from the speech cache.

Examples:
  newscast bulletin a.md b.md c.html --template news -o out
  newscast bulletin *.md --max-minutes 5 --headlines 3 --title "Evening news"
  newscast script --bulletin a.md b.md > bulletin.ssml && newscast render bulletin.ssml`,
  )
  .action(async (articles: string[], flags: RenderFlags & ScriptFlags & BulletinFlags) => {
    const { generateBulletin } = await import('./bulletin.js');
    const run = new RunState(flags.output, ['bulletin']);
    describeRunOnInterrupt(run);
    run.start('bulletin');
    const options = { ...renderOptions(flags, 'newscast', run), lexicon: flags.lexicon, quoteVoice: flags.quoteVoice };
    report([await generateBulletin(articles, { ...options, headlines: flags.headlines, maxMinutes: flags.maxMinutes, skipBad: flags.skipBad, onNote: printNote })], flags);
    run.finish();
  });

program
  .command('normalize')
  .description('read lines on stdin and print each as it will be spoken (numbers, dates, abbreviations, lexicon)')
  .addOption(lexiconOption())
  .action(async (flags: ScriptFlags) => {
    const [{ printSpokenLines }, { loadLexicon }] = await Promise.all([import('./script/spoken-lines.js'), import('./script/lexicon/load.js')]);
    await printSpokenLines(process.stdin, process.stdout, await loadLexicon(flags.lexicon));
  });

withRenderOptions(
  program
    .command('render')
    .description('make an episode from an SSML script, e.g. one made by `newscast script` and edited')
    .argument('<script>', 'SSML file'),
).action(async (script: string, flags: RenderFlags) => {
  const { renderScriptFile } = await pipeline();
  const run = new RunState(flags.output, [script]);
  describeRunOnInterrupt(run);
  run.start(script);
  report([await renderScriptFile(script, renderOptions(flags, 'newscast', run))], flags);
});

program
  .command('feed')
  .description('write OUTDIR/feed.xml (RSS 2.0, iTunes and Podcasting 2.0 tags) from every OUTDIR/*/episode.json and OUTDIR/show.json, and the site pages its items link to')
  .argument('<outdir>', 'the folder `newscast generate -o` wrote to')
  .option('--base-url <url>', "where OUTDIR is published (default: show.json's baseUrl, else OUTDIR's file:// URL)")
  .option('--template <name|dir>', "audio template giving the show's name, language and cover design when show.json does not", 'default')
  .action(async (outDir: string, flags: { baseUrl?: string; template: string }) => {
    // With the pages the feed's items link to: a folder made before the site existed has none.
    const { writeFeedAndSite } = await import('./publish/site/site.js');
    // Folder names and manifest text are anyone's: shown escaped, never obeyed by the terminal.
    const written = await withFileSystemErrors(resolve(outDir), () => writeFeedAndSite(outDir, { ...flags, onWarning: (message) => process.stderr.write(`newscast: warning: ${forTerminal(message)}\n`) }));
    if (!hasEpisodeFolders(outDir)) {
      process.stderr.write(`newscast: warning: no episodes found in ${forTerminal(outDir)} (no ${forTerminal(join(outDir, '*', 'episode.json'))}), so the feed has no items.\n`);
      process.stderr.write(`  Make one with \`newscast generate ARTICLE -o ${forTerminal(outDir)}\`, or give the folder generate wrote to.\n`);
    }
    process.stderr.write(`newscast: wrote ${forTerminal(written)}\n`);
  });

program
  .command('site')
  .description("write the show's site: OUTDIR/index.html, OUTDIR/<slug>/index.html (player, chapters, transcript), the player script and feed.xml")
  .argument('<outdir>', 'the folder `newscast generate -o` wrote to')
  .option('--base-url <url>', "where OUTDIR is published (default: show.json's baseUrl, else OUTDIR's file:// URL)")
  .option('--template <name|dir>', "audio template giving the show's name, language and cover design when show.json does not", 'default')
  .action(async (outDir: string, flags: { baseUrl?: string; template: string }) => {
    const { writeSite } = await import('./publish/site/site.js');
    const written = await withFileSystemErrors(resolve(outDir), () => writeSite(outDir, { ...flags, onWarning: (message) => process.stderr.write(`newscast: warning: ${forTerminal(message)}\n`) }));
    process.stderr.write(`newscast: wrote ${forTerminal(written)} and the episodes' pages\n`);
  });

const voicesCommand = program
  .command('voices')
  .description('list the speech engines and voices on this machine (* marks the default)')
  .option('--json', 'print them as JSON')
  .action(async (flags: { json?: boolean }) => {
    // The engines are asked at once: each answer is mostly a wait for a program (Festival's, half a second).
    const probes = await Promise.all(
      engineNames.map(async (name) => {
        const engine = createEngine(name);
        const available = await engine.isAvailable();
        const [version, voices] = available ? await Promise.all([engine.version(), engine.voices()]) : [undefined, []];
        return { name, available, version, defaultVoice: engine.defaultVoice, voices };
      }),
    );
    // engineNames is in `auto`'s order: the first engine available is the one it picks.
    const defaultEngine = probes.find((probe) => probe.available)?.name;
    const rows: { engine: string; available: boolean; version?: string; defaultVoice: string; isDefaultEngine: boolean; voices: Voice[] }[] = probes.map(
      ({ name, available, version, defaultVoice, voices }) => ({ engine: name, available, version, defaultVoice, isDefaultEngine: name === defaultEngine, voices }),
    );
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    // Voice names, languages and qualities come from files anyone may have put there: shown escaped.
    for (const row of rows) {
      process.stdout.write(`${row.isDefaultEngine ? '*' : ' '} ${row.engine}${row.available ? `  (${forTerminal(row.version ?? '')})` : '  (not installed)'}\n`);
      for (const voice of row.voices) {
        const mark = row.isDefaultEngine && voice.name === row.defaultVoice ? '*' : ' ';
        const neural = voice.quality ? `, ${voice.speakers ?? 1} speaker${voice.speakers === 1 ? '' : 's'}, ${forTerminal(voice.quality)}` : '';
        process.stdout.write(`    ${mark} ${forTerminal(voice.name).padEnd(12)} ${forTerminal(voice.language).padEnd(6)} ${voice.sampleRate} Hz${neural}\n`);
      }
    }
  });

function parsePositive(what: string, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!(number > 0 && number <= max)) throw new InvalidArgumentError(`use ${what} from above 0 to ${max}.`);
    return number;
  };
}

program
  .command('worker')
  .description("run the show's jobs from Redis (BullMQ): any number of workers, on any machines that share OUTDIR")
  .requiredOption('--redis <url>', 'the Redis the service puts jobs on: redis://[:password@]host[:port][/db], rediss:// for TLS')
  .requiredOption('-o, --output <dir>', "the show's folder, OUTDIR, as this machine sees it (the same folder as `newscast serve OUTDIR --redis`)")
  .option('--concurrency <n>', 'jobs this worker runs at once', parseJobs, 1)
  .option('--queue <name>', 'the queue: one per show, the same for its server and workers', 'newscast')
  .option('--lock-duration <seconds>', "how long a worker's hold on its job lasts unless renewed (renewed every half): a dead worker's job is free after this", parsePositive('a number of seconds', 3600), 30)
  .option('--stalled-interval <seconds>', 'how often workers look for jobs whose worker died, and give them to another', parsePositive('a number of seconds', 3600), 30)
  .option('-q, --quiet', 'log only start-up, connection and stop lines, not each job')
  .addHelpText(
    'after',
    `
Each job is one article voiced into OUTDIR/<slug>/ and OUTDIR/feed.xml, as \`newscast generate\` does;
publishing is one worker at a time across machines (a lock in Redis). SIGTERM: take no more jobs,
finish the running ones, exit 0; a second SIGTERM hands them back to the queue and exits 143.
A worker killed outright (SIGKILL, a lost machine) has its job run again by another worker once its
lock lapses (--lock-duration) and a check finds it (--stalled-interval).`,
  )
  .action(async (flags: import('./jobs/worker-process.js').WorkerFlags) => {
    const { runWorker } = await import('./jobs/worker-process.js');
    await runWorker(flags);
  });

withJobsOptions(
  program
  .command('serve')
  .description('serve OUTDIR over HTTP: the show\'s files (ranges, ETags, compression, CORS) and the JSON API under /api')
  .argument('<outdir>', 'the folder `newscast generate -o` wrote to')
  .option('--port <n>', 'port to listen on; 0 takes a free one', parsePort, 8080)
  .option('--host <address>', 'address to listen on; beyond loopback (e.g. 0.0.0.0) it needs NEWSCAST_API_TOKEN', '127.0.0.1')
  .option('-q, --quiet', 'no request log on stderr (warnings and errors are still said)')
  .option('--redis <url>', 'put jobs on BullMQ in this Redis instead of OUTDIR/.newscast; this server then runs none: `newscast worker` processes do')
  .option('--queue <name>', 'with --redis: the queue, one per show, the same for its workers', 'newscast'),
)
  .addHelpText(
    'after',
    `
Reads (every file of OUTDIR but hidden ones, GET /api/...) are public. Writes (POST, DELETE
under /api) need "Authorization: Bearer $NEWSCAST_API_TOKEN" whenever it is set; listening
beyond loopback refuses to start without it (at least 16 characters). Without it, writes
come only from this machine, never from a web page of another origin.
API: GET /api/episodes, DELETE /api/episodes/SLUG, POST /api/episodes (an article, as a job),
GET /api/jobs/ID[/events], GET /api/openapi.json (all routes). Jobs live in
OUTDIR/.newscast/jobs.sqlite and survive a restart; with --redis, in Redis (BullMQ), run by
\`newscast worker\` processes on any machines sharing OUTDIR (this server runs none).
SIGINT or SIGTERM: stops accepting, finishes requests under way, exits 0.`,
  )
  .action(async (outDir: string, flags: { port: number; host: string; quiet?: boolean } & JobsFlags, command: Command) => {
    if (flags.redis !== undefined && command.getOptionValueSource('concurrency') === 'cli') {
      throw new NewscastError('usage', 'With --redis, serve runs no job itself, so --concurrency has no use here.', 'Start `newscast worker --redis URL -o OUTDIR --concurrency N` processes to run the jobs.');
    }
    const { serve } = await import('./server/serve-command.js');
    const { serveWithJobs } = await import('./jobs/jobs-command.js');
    await serveWithJobs(outDir, flags, serve);
  });

addWatchCommand(program, parseRate);

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('use a port number from 1 to 65535, or 0 for a free one.');
  return port;
}

/** Whether OUTDIR holds any episode folder at all (feed.ts decides which of them are valid). */
function hasEpisodeFolders(outDir: string): boolean {
  return readdirSync(outDir, { withFileTypes: true }).some((entry) => entry.isDirectory() && !entry.name.startsWith('.') && existsSync(join(outDir, entry.name, 'episode.json')));
}

voicesCommand
  .command('install')
  .description("download a Piper voice (e.g. en_US-joe-medium) into the voices folder (NEWSCAST_VOICES_DIR), checked against its size and hash")
  .argument('<name>', 'the voice, as named in the repository\'s voices.json')
  .option('--from <url>', "the voice repository (default: NEWSCAST_VOICES_URL, else Piper's on huggingface.co)")
  .option('--manifest <file|url>', "a voices.json giving each file's size and hash, instead of the repository's")
  .option('-q, --quiet', 'no progress on stderr')
  .action(async (name: string, flags: { from?: string; manifest?: string; quiet?: boolean }) => {
    const { installVoice } = await import('./tts/engines/piper-download.js');
    let shown = -1;
    const model = await installVoice(name, {
      baseUrl: flags.from,
      manifest: flags.manifest,
      onProgress: flags.quiet
        ? undefined
        : (file, received, total) => {
            const percent = Math.floor((received / total) * 100);
            if (percent === shown) return;
            shown = percent;
            // The file name comes from the (remote) voices.json: shown escaped.
            process.stderr.write(`\rnewscast: ${forTerminal(file)} ${percent}% of ${(total / 1e6).toFixed(1)} MB${received === total ? '\n' : ''}`);
            if (received === total) shown = -1;
          },
    });
    process.stderr.write(`newscast: installed ${forTerminal(model)}\n`);
  });

function asNewscastError(error: unknown): NewscastError {
  if (error instanceof NewscastError) return error;
  // Only a path in the temporary folder is known to be a destination here; the output folder's
  // errors were mapped where it is known (withFileSystemErrors). Anything else is reported as is.
  const destination = fileSystemError(error);
  if (destination) return destination;
  const message = error instanceof Error ? error.message : String(error);
  return new NewscastError('internal', message, 'This is a bug in newscast: please report it with the command you ran.', { cause: error });
}

function printError(error: NewscastError, subject?: string): void {
  // Messages quote paths, titles and tool output: escaped, so none of it is a terminal command.
  const text = (untrusted: string) => forTerminal(untrusted, { keepNewlines: true });
  process.stderr.write(`newscast: error${subject ? ` (${text(subject)})` : ''}: ${text(error.message)}\n`);
  if (error.hint) process.stderr.write(`  ${text(error.hint)}\n`);
  if (error.kind === 'internal' && process.env['NEWSCAST_DEBUG'] && error.cause instanceof Error) process.stderr.write(`${text(error.cause.stack ?? '')}\n`);
}

hideWasiWarning();
exitCleanlyOnSignals();
try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and --version end here too; usage mistakes were already printed by commander.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const failure = asNewscastError(error);
    printError(failure);
    process.exitCode = failure.exitCode;
  }
}
