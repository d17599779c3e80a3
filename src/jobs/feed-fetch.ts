// How the feed source fetches a page an item links to. The link comes from the feed, and the page's
// text becomes a public episode, so the fetch must not be a way into the machine's network: only
// http(s); every redirect followed by hand and checked; a private, loopback or link-local address
// (169.254.169.254 is the cloud's metadata service) refused after the DNS lookup, unless it is an
// address of the feed's own host (a newsroom's intranet CMS links to itself) or the operator opted
// in. The body is read as a stream and cut at the article size limit, whatever Content-Length says.
// (The lookup is checked, then fetch looks the name up again: a DNS server that answers differently
// the second time could still get past; the feed's operator chooses which feed to trust.)
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { checkArticleSize, maxArticleBytes } from '../article/size-limit.js';
import { NewscastError } from '../errors.js';

const fetchTimeoutMs = 30_000;
const maxRedirects = 5;

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

/** Whether an address is loopback, private, link-local or unspecified (IPv4-mapped IPv6 judged as IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return privateRanges.check(mapped[1]!, 'ipv4');
  return privateRanges.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

async function addressesOf(url: URL): Promise<string[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return [host];
  return (await lookup(host, { all: true })).map((entry) => entry.address);
}

export interface FetchPolicy {
  /** The feed's URL: a private address of its own host is allowed. */
  feedUrl: string;
  /** Allow every private address (the operator's explicit choice). */
  allowPrivateAddresses?: boolean;
  /** Aborts the fetch when the source closes. */
  stopping?: AbortSignal;
}

/** Refuses a URL that is not http(s), or whose host is a private address that is not the feed's own. */
async function checkTarget(url: URL, policy: FetchPolicy): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NewscastError('input', `The link ${url.href} is not http or https; it is not fetched.`, 'A feed item links to a web page.');
  }
  if (policy.allowPrivateAddresses) return;
  const addresses = await addressesOf(url);
  const blocked = addresses.find(isPrivateAddress);
  if (blocked === undefined) return;
  const feedAddresses = await addressesOf(new URL(policy.feedUrl)).catch((): string[] => []);
  if (addresses.every((address) => !isPrivateAddress(address) || feedAddresses.includes(address))) return;
  throw new NewscastError('input', `The link ${url.href} leads to the private address ${blocked}; it is not fetched.`, 'Only pages on the public internet or on the feed\'s own host are fetched (see --source-feed in the README).');
}

/** The fetch timeout, and the caller's stop signal (a source closing) when there is one. */
export function withTimeout(stopping?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(fetchTimeoutMs);
  return stopping ? AbortSignal.any([timeout, stopping]) : timeout;
}

/** The page's bytes and its Content-Type, after checked redirects; at most the article size limit. */
export async function fetchPage(link: string, policy: FetchPolicy): Promise<{ bytes: Buffer; contentType?: string }> {
  let url = new URL(link);
  for (let hop = 0; ; hop++) {
    await checkTarget(url, policy);
    const response = await fetch(url, { redirect: 'manual', signal: withTimeout(policy.stopping), headers: { 'user-agent': 'newscast' } });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= maxRedirects) throw new NewscastError('input', `The page ${link} redirects more than ${maxRedirects} times.`, 'It is tried again at the next poll.');
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) throw new NewscastError('input', `The page ${url.href} answered ${response.status} ${response.statusText}.`, 'It is tried again at the next poll.');
    return { bytes: await readLimited(response, url.href), ...(response.headers.get('content-type') && { contentType: response.headers.get('content-type')! }) };
  }
}

/** The body, read as it streams; stopped as soon as it passes the article size limit. */
export async function readLimited(response: Response, name: string): Promise<Buffer> {
  checkArticleSize(name, Number(response.headers.get('content-length') ?? 0));
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxArticleBytes) {
      await reader.cancel();
      checkArticleSize(name, Number.POSITIVE_INFINITY);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A page's bytes as the reader takes them (UTF-8): decoded by the charset its Content-Type or its
 * <meta> names, so a Latin-1 page keeps its accents; UTF-8 or unnamed is passed on as it is.
 */
export function pageAsUtf8(bytes: Buffer, contentType: string | undefined, name: string): string | Buffer {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1];
  if (!charset || /^utf-?8$/i.test(charset)) return bytes;
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    throw new NewscastError('input', `${name} is in the character set "${charset}", which newscast cannot decode.`, 'Serve the page as UTF-8.');
  }
}
