// The command line of the jobs: the options `serve` and `watch` share, and `newscast watch`.
// Loaded with cli.ts, so it imports nothing heavy: the commands load their code when they run.
import { InvalidArgumentError, type Command } from 'commander';

const maxConcurrency = 64;

function parseConcurrency(value: string): number {
  const concurrency = Number(value);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > maxConcurrency) throw new InvalidArgumentError(`use a whole number of jobs from 1 to ${maxConcurrency}.`);
  return concurrency;
}

function parsePollSeconds(value: string): number {
  const seconds = Number(value);
  if (!(seconds >= 5 && seconds <= 86_400)) throw new InvalidArgumentError('use a number of seconds from 5 to 86400.');
  return seconds;
}

function parseFeedUrl(value: string, previous: string[]): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('use the http:// or https:// address of an RSS or Atom feed.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('use the http:// or https:// address of an RSS or Atom feed.');
  return [...previous, url.href];
}

/** --concurrency, --source-feed (repeatable), --poll: on serve and watch. */
export function withJobsOptions(command: Command): Command {
  return command
    .option('--concurrency <n>', 'jobs voiced at once (each already uses every core for speech)', parseConcurrency, 1)
    .option('--source-feed <url>', "the newsroom's RSS or Atom feed: each new item is voiced once (repeatable)", parseFeedUrl, [])
    .option('--poll <seconds>', 'how often each --source-feed is read', parsePollSeconds, 300)
    .option('--feed-private-pages', "fetch --source-feed item pages on any private or loopback address (default: only on the feed's own host)");
}

interface WatchFlags {
  output: string;
  engine: string;
  voice?: string;
  rate: number;
  template: string;
  concurrency: number;
  sourceFeed: string[];
  poll: number;
  feedPrivatePages?: boolean;
}

export function addWatchCommand(program: Command, parseRate: (value: string) => number): void {
  withJobsOptions(
    program
      .command('watch')
      .description('voice every article file dropped into DIR (and every new item of --source-feed) into OUTDIR, as jobs that survive a restart')
      .argument('<dir>', 'the folder to watch; done files move to DIR/done/, failed ones to DIR/failed/ with NAME.error.txt')
      .option('-o, --output <dir>', 'folder that receives <episode-slug>/ and feed.xml', 'out')
      .option('--engine <name>', 'speech engine of every job (see `newscast voices`)', 'auto')
      .option('--voice <name>', "voice of the engine (default: the engine's own)")
      .option('--rate <factor>', 'speaking rate, 1 = normal', parseRate, 1)
      .option('--template <name|dir>', 'audio template', 'default'),
  )
    .addHelpText(
      'after',
      `
A file is taken once its size and time have not changed for 2 s (a copy still being written is
left alone); its format comes from its extension (.txt, .md, .html, .ssml; else judged from the
text). Jobs live in OUTDIR/.newscast/jobs.sqlite: after a crash or a restart, a job that was
running runs again, and a file is never voiced twice (its job is known by its content).
SIGINT or SIGTERM: stops taking files, lets running jobs finish, exits 0.`,
    )
    .action(async (dir: string, flags: WatchFlags) => {
      const { watch } = await import('./jobs-command.js');
      await watch(dir, flags.output, flags, { engine: flags.engine, voice: flags.voice, rate: flags.rate, template: flags.template });
    });
}
