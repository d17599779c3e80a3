import { describe, expect, it } from 'vitest';
import { podcastGuid } from '../../src/publish/podcast-guid.js';

describe('podcastGuid', () => {
  it("gives the Podcasting 2.0 specification's own example", () => {
    // podcastindex.org namespace, guid tag: "podnews.net/rss" -> 9b024349-ccf0-5f69-a609-6b82873eab3c
    expect(podcastGuid('https://podnews.net/rss')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
  });

  it('ignores the scheme and trailing slashes, not the path', () => {
    expect(podcastGuid('http://podnews.net/rss/')).toBe(podcastGuid('https://podnews.net/rss'));
    expect(podcastGuid('https://podnews.net/other')).not.toBe(podcastGuid('https://podnews.net/rss'));
  });
});
