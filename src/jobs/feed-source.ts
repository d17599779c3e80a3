// `--source-feed URL`: the newsroom's own RSS or Atom feed, polled; each item becomes a job once.
// An item's full text (RSS content:encoded, Atom content) is voiced as HTML; an item with only a
// teaser has its page fetched and read by the HTML reader. An item is known by the job its key
// ("feed URL ITEM-ID") names, so the queue itself remembers what was voiced, durably, and a page
// that could not be fetched is tried again at the next poll. fast-xml-parser reads the feed: fast,
// no dependencies, CDATA and entities handled, no external entities fetched.
import { createHash } from 'node:crypto';
import { escapeAttribute, escapeText } from 'entities';
import { XMLParser } from 'fast-xml-parser';
import { NewscastError } from '../errors.js';
import { fetchPage, pageAsUtf8, readLimited, withTimeout } from './feed-fetch.js';
import { jobIdForKey } from './job-key.js';
import type { JobOptions } from './queue.js';
import type { Service } from './service.js';

export interface FeedSourceOptions {
  url: string;
  service: Service;
  jobOptions?: JobOptions;
  /** How often the feed is read (default 5 minutes). */
  intervalMs?: number;
  onMessage?: (message: string) => void;
  /** Fetch item pages on any private address too (see feed-fetch.ts); default: only the feed's own host's. */
  allowPrivateAddresses?: boolean;
}

export interface FeedItem {
  /** guid, Atom id, else the link. */
  id: string;
  title?: string;
  link?: string;
  /** The item's full text (HTML), when the feed carries it. */
  html?: string;
}

const fetchTimeoutMs = 30_000;

type Node = Record<string, unknown>;

/** A node's text: a plain value, or the #text of one with attributes. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && '#text' in value) return text((value as Node)['#text']);
  return undefined;
}

/** Atom's link: the one with rel alternate (or none). */
function atomLink(value: unknown): string | undefined {
  const links = (Array.isArray(value) ? value : [value]) as Node[];
  const link = links.find((candidate) => candidate && (candidate['@_rel'] === undefined || candidate['@_rel'] === 'alternate'));
  return typeof link?.['@_href'] === 'string' ? link['@_href'] : text(link);
}

/**
 * An RSS item with neither guid nor link: its title, date and a hash of its text, so a daily
 * "Weather" item is a new item each day, and the same item read again is the same ('' if it has no title).
 */
function untitledKey(item: Node): string {
  const title = text(item['title']);
  if (!title) return '';
  const body = text(item['content:encoded']) ?? text(item['description']) ?? '';
  return `${title} ${text(item['pubDate']) ?? ''} ${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
}

/** The items of an RSS 2.0 or Atom document, oldest first (feeds list the newest first). */
export function parseFeed(xml: string, feedUrl: string): FeedItem[] {
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'item' || name === 'entry' });
  let document: Node;
  try {
    document = parser.parse(xml, true) as Node;
  } catch (error) {
    throw new NewscastError('input', `The feed ${feedUrl} is not well-formed XML: ${(error as Error).message}`, 'Check the URL gives an RSS or Atom feed.');
  }
  const absolute = (link: string | undefined): string | undefined => (link ? new URL(link, feedUrl).href : undefined);
  const rss = (document['rss'] as Node | undefined)?.['channel'] as Node | undefined;
  const atom = document['feed'] as Node | undefined;
  let items: FeedItem[];
  if (rss) {
    items = ((rss['item'] ?? []) as Node[]).map((item) => {
      const link = absolute(text(item['link']));
      return { id: text(item['guid']) ?? link ?? untitledKey(item), title: text(item['title']), link, html: text(item['content:encoded']) };
    });
  } else if (atom) {
    items = ((atom['entry'] ?? []) as Node[]).map((entry) => {
      const link = absolute(atomLink(entry['link']));
      return { id: text(entry['id']) ?? link ?? '', title: text(entry['title']), link, html: text(entry['content']) };
    });
  } else {
    throw new NewscastError('input', `${feedUrl} is neither an RSS nor an Atom feed.`, 'Give the address of the feed itself (often /feed, /rss or /atom.xml).');
  }
  return items.filter((item) => item.id !== '').reverse();
}

/** The feed itself: the operator chose its address, so it is fetched wherever it is; its size is limited as it streams. */
async function fetchFeed(url: string, stopping: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal: withTimeout(stopping), headers: { 'user-agent': 'newscast' } });
  if (!response.ok) throw new NewscastError('input', `The feed ${url} answered ${response.status} ${response.statusText}.`, 'It is tried again at the next poll.');
  return (await readLimited(response, `The feed ${url}`)).toString('utf8');
}

/**
 * An item's full text as a page the HTML reader takes: a bare run of paragraphs has no page
 * around it, and the reader looks for the story inside one. Title and link are escaped.
 */
function itemPage(item: FeedItem): string {
  const title = escapeText(item.title ?? '');
  const canonical = item.link ? `<link rel="canonical" href="${escapeAttribute(item.link)}">` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${canonical}</head><body><article><h1>${title}</h1>\n${item.html ?? ''}\n</article></body></html>\n`;
}

export interface FeedSource {
  /** Reads the feed now and queues its new items; resolves when they are queued. */
  poll(): Promise<void>;
  /** Stops polling, cutting short a reading under way (queued jobs carry on in the service). */
  close(): Promise<void>;
}

export function startFeedSource(options: FeedSourceOptions): FeedSource {
  const { url, service } = options;
  const say = options.onMessage ?? (() => undefined);
  let polling: Promise<void> | undefined;
  const stopping = new AbortController();

  const queueItem = async (item: FeedItem): Promise<void> => {
    const idempotencyKey = `feed ${url} ${item.id}`;
    // Known: queued or voiced already. Only a transient failure is sent again: a permanent one would
    // fail the same way at every poll, and an episode the newsroom deleted stays deleted.
    const known = await service.get(jobIdForKey(idempotencyKey));
    if (known && !(known.state === 'failed' && known.error?.transient)) return;
    const title = item.title && { title: item.title };
    if (item.html) {
      const { job } = await service.submit(itemPage(item), { ...options.jobOptions, ...title, format: 'html', name: item.link ?? item.id, idempotencyKey });
      say(`${item.link ?? item.id}: queued as job ${job.id}`);
    } else if (item.link) {
      const { bytes, contentType } = await fetchPage(item.link, { feedUrl: url, allowPrivateAddresses: options.allowPrivateAddresses === true, stopping: stopping.signal });
      const page = pageAsUtf8(bytes, contentType, item.link);
      const { job } = await service.submit(page, { ...options.jobOptions, ...title, format: 'html', name: item.link, idempotencyKey });
      say(`${item.link}: fetched, queued as job ${job.id}`);
    }
  };

  const readFeed = async (): Promise<void> => {
    const items = parseFeed(await fetchFeed(url, stopping.signal), url);
    for (const item of items) {
      if (stopping.signal.aborted) return;
      // One item's page that cannot be fetched does not hold back the others.
      await queueItem(item).catch((error: unknown) => say(`${item.link ?? item.id}: ${(error as Error).message}`));
    }
  };

  const poll = (): Promise<void> => {
    polling ??= readFeed()
      .catch((error: unknown) => {
        if (!stopping.signal.aborted) say(`feed ${url}: ${(error as Error).message}`);
      })
      .finally(() => (polling = undefined));
    return polling;
  };
  const timer = setInterval(() => void poll(), options.intervalMs ?? 300_000);
  void poll();
  return {
    poll,
    async close() {
      clearInterval(timer);
      stopping.abort();
      await polling;
    },
  };
}
