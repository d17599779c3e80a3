// What every JobQueue implementation must do, as one suite: the embedded store
// (sqlite-queue.test.ts) and BullMQ (#15) each call describeQueueContract with a factory. Jobs run
// the real pipeline with flite-wasm; faults are injected by wrapping the real runner, never by
// replacing it.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runJob } from '../../src/jobs/run-job.js';
import { fingerprintOf } from '../../src/jobs/job-key.js';
import type { BulletinJobData, Job, JobData, JobEvent, JobQueue, JobRequest, JobRunner, QueueSettings } from '../../src/jobs/queue.js';
import { NewscastError } from '../../src/errors.js';
import { decode } from '../e2e/audio-reader.js';

/** Makes a queue over `settings` (a second call with the same outDir must see the first one's jobs). */
export type MakeQueue = (settings: QueueSettings) => Promise<JobQueue>;

/** The input bytes the store holds for a job (a bulletin's: all its stories'), read from the store itself. */
export type StoredInputBytes = (outDir: string, id: string) => Promise<number>;

/** A short article, different for each `n`, so each is its own job. */
export function shortArticle(n: number, town = 'Millbrook'): string {
  return `${town} opens reading room number ${n}\n\nThe ${town} library opened reading room number ${n} on Tuesday, with seats for forty people and a wall of local newspapers.\n\nThe librarian said the room would stay open until nine in the evening.\n`;
}

export function articleRequest(text: string, extra: Partial<JobRequest> = {}): JobRequest {
  return { format: 'text', content: Buffer.from(text).toString('base64'), name: 'story.txt', options: { engine: 'flite-wasm' }, ...extra };
}

/** A bulletin of these articles (plain text, each named by its number). */
export function bulletinRequest(texts: string[], extra: Partial<BulletinJobData> = {}): JobRequest {
  const articles = texts.map((text, index) => ({ format: 'text' as const, content: Buffer.from(text).toString('base64'), name: `story-${index + 1}.txt` }));
  return { kind: 'bulletin', articles, options: { engine: 'flite-wasm', title: 'Evening bulletin' }, ...extra };
}

/** Resolves with the job once it is done or failed (checking first, so an early end is not missed). */
export async function settled(queue: JobQueue, id: string): Promise<Job> {
  return new Promise<Job>((resolve, reject) => {
    const unsubscribe = queue.subscribe((event) => {
      if (event.job.id === id && (event.type === 'done' || event.type === 'failed')) {
        unsubscribe();
        resolve(event.job);
      }
    });
    queue.get(id).then((job) => {
      if (job && (job.state === 'done' || job.state === 'failed')) {
        unsubscribe();
        resolve(job);
      }
    }, reject);
  });
}

export function describeQueueContract(name: string, makeQueue: MakeQueue, storedInputBytes: StoredInputBytes): void {
  describe(`JobQueue contract: ${name}`, () => {
    const open: JobQueue[] = [];
    const make = async (settings: Partial<QueueSettings> & { outDir: string }): Promise<JobQueue> => {
      const queue = await makeQueue({ concurrency: 1, backoffMs: 50, ...settings });
      open.push(queue);
      return queue;
    };
    const freshOut = (): string => mkdtempSync(join(tmpdir(), 'newscast-queue-'));
    afterEach(async () => {
      await Promise.all(open.splice(0).map((queue) => queue.close()));
    });

    test('a job runs to an episode, with progress by stage, then done', async () => {
      const outDir = freshOut();
      const queue = await make({ outDir });
      const events: JobEvent[] = [];
      queue.subscribe((event) => events.push(event));
      const { job, created } = await queue.add(articleRequest(shortArticle(1)));
      expect(created).toBe(true);
      expect(job.state).toBe('waiting');
      expect(job.id).toMatch(/^[0-9a-f]{32}$/);
      const done = await settled(queue, job.id);
      expect(done.state).toBe('done');
      expect(done.attempts).toBe(1);
      expect(done.result?.manifest.title).toBe('Millbrook opens reading room number 1');
      const stages = new Set(events.filter((event) => event.type === 'progress').map((event) => (event as { progress: { stage: string } }).progress.stage));
      expect([...stages]).toEqual(['read', 'script', 'render', 'assemble', 'publish']);
      expect(events.at(-1)?.type).toBe('done');
      const samples = await decode(join(outDir, done.result!.slug, 'episode.mp3'));
      expect(samples.length / 16000).toBeCloseTo(done.result!.manifest.durationSeconds, 0);
      expect(await queue.get(job.id)).toMatchObject({ state: 'done', result: { slug: done.result!.slug } });
      expect((await queue.list()).map((listed) => listed.id)).toEqual([job.id]);
    });

    test('the same content and options twice is one job and one episode; a caller key names its job', async () => {
      const outDir = freshOut();
      const queue = await make({ outDir });
      const first = await queue.add(articleRequest(shortArticle(2)));
      const again = await queue.add(articleRequest(shortArticle(2), { options: { engine: 'flite-wasm', rate: 1 } }));
      expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
      await settled(queue, first.job.id);
      expect((await queue.add(articleRequest(shortArticle(2)))).job).toMatchObject({ id: first.job.id, state: 'done' });
      const keyed = await queue.add(articleRequest(shortArticle(3), { idempotencyKey: 'cms-story-3' }));
      const sameKey = await queue.add(articleRequest(shortArticle(4), { idempotencyKey: 'cms-story-3' }));
      expect(sameKey).toMatchObject({ created: false, job: { id: keyed.job.id } });
      // The job keeps what it was made of, so a caller key sent with another body can be told (HTTP answers 422).
      expect(keyed.job.fingerprint).toBe(fingerprintOf(articleRequest(shortArticle(3))));
      expect((await queue.get(keyed.job.id))?.fingerprint).toBe(keyed.job.fingerprint);
      expect(sameKey.job.fingerprint).not.toBe(fingerprintOf(articleRequest(shortArticle(4))));
      await settled(queue, keyed.job.id);
      expect(await queue.list()).toHaveLength(2);
      // Episodes only: the show's site pages (index.html…) are in OUT too.
      expect(readdirSync(outDir).filter((entry) => existsSync(join(outDir, entry, 'episode.json')))).toHaveLength(2);
    });

    test('a bulletin job carries its articles, in order, to one episode with a chapter per story; the same bulletin again is the same job', async () => {
      const outDir = freshOut();
      const queue = await make({ outDir });
      const request = bulletinRequest([shortArticle(21, 'Ashcombe'), shortArticle(22, 'Brindle')], { options: { engine: 'flite-wasm', title: 'Evening bulletin', headlines: 2 } });
      const { job, created } = await queue.add(request);
      expect(created).toBe(true);
      expect(job).toMatchObject({ kind: 'bulletin', name: 'bulletin', articles: [{ name: 'story-1.txt', format: 'text' }, { name: 'story-2.txt', format: 'text' }], options: { headlines: 2 } });
      expect(job.format).toBeUndefined();
      const done = await settled(queue, job.id);
      expect(done.state, JSON.stringify(done.error)).toBe('done');
      const stories = ['Ashcombe opens reading room number 21', 'Brindle opens reading room number 22'];
      expect(done.result!.manifest.title).toBe('Evening bulletin');
      expect(done.result!.manifest.stories!.map((story) => story.title)).toEqual(stories);
      expect(done.result!.manifest.chapters.map((chapter) => chapter.title)).toEqual(['Introduction', 'Headlines', ...stories, 'Outro']);
      expect(existsSync(join(outDir, done.result!.slug, 'episode.mp3'))).toBe(true);
      expect(await queue.add(bulletinRequest([shortArticle(21, 'Ashcombe'), shortArticle(22, 'Brindle')], { options: { engine: 'flite-wasm', title: 'Evening bulletin', headlines: 2, skipBad: false } }))).toMatchObject({
        created: false,
        job: { id: job.id, state: 'done', kind: 'bulletin' },
      });
    });

    test('a failed job sent again runs again from attempt 0; so does a done job whose episode was deleted', async () => {
      let crashes = 1;
      const crashingOnce: JobRunner = async (data, context) => {
        if (data.name === 'flaky.txt' && crashes-- > 0) throw new NewscastError('internal', 'flite-wasm failed: worker crashed');
        return runJob(data, context);
      };
      const outDir = freshOut();
      const queue = await make({ outDir, runner: crashingOnce, maxAttempts: 1 });
      // A transient failure, its attempts used up: the same story sent later is voiced.
      const first = await queue.add(articleRequest(shortArticle(31), { name: 'flaky.txt' }));
      expect(await settled(queue, first.job.id)).toMatchObject({ state: 'failed', attempts: 1 });
      const again = await queue.add(articleRequest(shortArticle(31), { name: 'flaky.txt' }));
      expect(again).toMatchObject({ created: true, job: { id: first.job.id, state: 'waiting', attempts: 0 } });
      expect(again.job.error).toBeUndefined();
      const done = await settled(queue, first.job.id);
      expect(done).toMatchObject({ state: 'done', attempts: 1 });
      // Its episode deleted (DELETE /api/episodes/:slug): sending the story again makes it again.
      rmSync(join(outDir, done.result!.slug), { recursive: true });
      const remade = await queue.add(articleRequest(shortArticle(31), { name: 'flaky.txt' }));
      expect(remade).toMatchObject({ created: true, job: { id: first.job.id, state: 'waiting', attempts: 0 } });
      expect(remade.job.result).toBeUndefined();
      const redone = await settled(queue, first.job.id);
      expect(redone.state).toBe('done');
      expect(existsSync(join(outDir, redone.result!.slug, 'episode.mp3'))).toBe(true);
      // Its episode in place: the same job, not run again.
      expect(await queue.add(articleRequest(shortArticle(31), { name: 'flaky.txt' }))).toMatchObject({ created: false, job: { state: 'done' } });
      // A permanent failure runs again too when the caller sends it again (what it lacked may be there now).
      const bad = await queue.add(articleRequest('   \n'));
      expect(await settled(queue, bad.job.id)).toMatchObject({ state: 'failed', attempts: 1 });
      expect(await queue.add(articleRequest('   \n'))).toMatchObject({ created: true, job: { state: 'waiting', attempts: 0 } });
      expect(await settled(queue, bad.job.id)).toMatchObject({ state: 'failed', attempts: 1 });
    });

    test("an ended job keeps its record, not its input: sent again it is the same job, and one that runs again is given the input anew", async () => {
      const outDir = freshOut();
      const queue = await make({ outDir, maxAttempts: 1 });
      const stored = (id: string) => expect.poll(() => storedInputBytes(outDir, id), { timeout: 10_000 });
      const story = await queue.add(articleRequest(shortArticle(41)));
      expect(await storedInputBytes(outDir, story.job.id)).toBe(Buffer.byteLength(shortArticle(41)));
      expect(await settled(queue, story.job.id)).toMatchObject({ state: 'done' });
      await stored(story.job.id).toBe(0);
      expect(await queue.add(articleRequest(shortArticle(41)))).toMatchObject({ created: false, job: { id: story.job.id, state: 'done', name: 'story.txt', format: 'text' } });
      const bulletin = await queue.add(bulletinRequest([shortArticle(42, 'Ashcombe'), shortArticle(43, 'Brindle')]));
      expect(await settled(queue, bulletin.job.id)).toMatchObject({ state: 'done' });
      await stored(bulletin.job.id).toBe(0);
      expect(await queue.get(bulletin.job.id)).toMatchObject({ articles: [{ name: 'story-1.txt', format: 'text' }, { name: 'story-2.txt', format: 'text' }] });
      const failed = await queue.add(articleRequest('   \n', { name: 'blank.txt' }));
      expect(await settled(queue, failed.job.id)).toMatchObject({ state: 'failed' });
      await stored(failed.job.id).toBe(0);
      // Its episode deleted: sent again, it runs with the input it was sent with.
      const slug = (await queue.get(story.job.id))!.result!.slug;
      rmSync(join(outDir, slug), { recursive: true });
      expect(await queue.add(articleRequest(shortArticle(41)))).toMatchObject({ created: true, job: { id: story.job.id } });
      expect(await settled(queue, story.job.id)).toMatchObject({ state: 'done', result: { slug } });
      expect(existsSync(join(outDir, slug, 'episode.mp3'))).toBe(true);
      await stored(story.job.id).toBe(0);
      // A feed item's page that failed, fetched again changed: the job runs with the new page and is made of it.
      const item = await queue.add(articleRequest('   \n', { idempotencyKey: 'https://news.example/feed item-7' }));
      expect(await settled(queue, item.job.id)).toMatchObject({ state: 'failed' });
      const changed = articleRequest(shortArticle(46), { idempotencyKey: 'https://news.example/feed item-7' });
      expect(await queue.add(changed)).toMatchObject({ created: true, job: { id: item.job.id } });
      expect(await settled(queue, item.job.id)).toMatchObject({ state: 'done', fingerprint: fingerprintOf(changed), result: { manifest: { title: 'Millbrook opens reading room number 46' } } });
    });

    test('bad input fails at once, with the message the CLI gives', async () => {
      const queue = await make({ outDir: freshOut() });
      const { job } = await queue.add(articleRequest('   \n'));
      const failed = await settled(queue, job.id);
      expect(failed).toMatchObject({ state: 'failed', attempts: 1, error: { kind: 'input', message: 'story.txt is empty.', transient: false } });
      expect(failed.error?.hint).toBe('Give an article with some text in it.');
    });

    test('a transient failure is retried with backoff; one that persists fails after maxAttempts', async () => {
      const calls = new Map<string, number>();
      const crashing = (times: number): JobRunner => async (data: JobData, context) => {
        const n = (calls.get(data.name!) ?? 0) + 1;
        calls.set(data.name!, n);
        if (n <= times) throw new NewscastError('internal', `flite-wasm failed: worker crashed (attempt ${n})`);
        return runJob(data, context);
      };
      const queue = await make({ outDir: freshOut(), runner: crashing(1), maxAttempts: 3, backoffMs: 100 });
      const retries: JobEvent[] = [];
      queue.subscribe((event) => event.type === 'retrying' && retries.push(event));
      const { job } = await queue.add(articleRequest(shortArticle(5), { name: 'once.txt' }));
      const done = await settled(queue, job.id);
      expect(done).toMatchObject({ state: 'done', attempts: 2 });
      expect(retries).toHaveLength(1);
      expect(retries[0]).toMatchObject({ error: { kind: 'internal', transient: true, message: 'flite-wasm failed: worker crashed (attempt 1)' } });

      const alwaysQueue = await make({ outDir: freshOut(), runner: crashing(99), maxAttempts: 3, backoffMs: 20 });
      const always = await alwaysQueue.add(articleRequest(shortArticle(6), { name: 'always.txt' }));
      const failed = await settled(alwaysQueue, always.job.id);
      expect(failed).toMatchObject({ state: 'failed', attempts: 3, error: { kind: 'internal', transient: true } });
      expect(calls.get('always.txt')).toBe(3);
    });

    test('runs at most `concurrency` jobs at once, and all of them', async () => {
      let running = 0;
      let most = 0;
      const counting: JobRunner = async (data, context) => {
        most = Math.max(most, ++running);
        try {
          return await runJob(data, context);
        } finally {
          running--;
        }
      };
      const outDir = freshOut();
      const queue = await make({ outDir, runner: counting, concurrency: 2 });
      const added = await Promise.all([7, 8, 9, 10].map((n) => queue.add(articleRequest(shortArticle(n)))));
      const jobs = await Promise.all(added.map(({ job }) => settled(queue, job.id)));
      expect(jobs.map((job) => job.state)).toEqual(['done', 'done', 'done', 'done']);
      expect(most).toBe(2);
      expect(new Set(jobs.map((job) => job.result?.slug)).size).toBe(4);
    });

    test('jobs outlive the queue: a new one over the same folder knows them, and unknown ids are undefined', async () => {
      const outDir = freshOut();
      const first = await make({ outDir });
      const { job } = await first.add(articleRequest(shortArticle(11)));
      await settled(first, job.id);
      await first.close();
      open.splice(open.indexOf(first), 1);
      const second = await make({ outDir });
      expect(await second.get(job.id)).toMatchObject({ state: 'done', result: { slug: 'millbrook-opens-reading-room-number-11' } });
      expect((await second.add(articleRequest(shortArticle(11)))).created).toBe(false);
      expect(await second.get('0'.repeat(32))).toBeUndefined();
      expect(existsSync(join(outDir, 'millbrook-opens-reading-room-number-11', 'episode.json'))).toBe(true);
    });
  });
}
