/**
 * The publisher's name as a presenter would say it ("From …"). Pages often give, where the site's
 * name belongs, a CMS slug ("lakeside"), an address ("https://www.lakeside.com"), the name and
 * domain joined by a bar, or the name of a subdomain ("Hosted" on hosted.example.org).
 */
import { normalizeWhitespace } from './text-cleanup.js';

/** The first candidate that is a name, made sayable; else the page's domain when a candidate was refused. */
export function spokenSiteName(candidates: (string | undefined)[], pageUrl?: string): string | undefined {
  const host = hostOf(pageUrl);
  let refused = false;
  for (const candidate of candidates) {
    const name = normalizeWhitespace(candidate ?? '').split(/\s+\|\s+/)[0]?.trim() ?? '';
    if (name === '') continue;
    if (/^https?:\/\//i.test(name)) {
      const named = hostOf(name);
      if (named) return named.replace(/^www\./, '');
      refused = true;
      continue;
    }
    if (host && /^[\p{L}\p{N}-]+$/u.test(name)) {
      const labels = host.split('.');
      const domain = registrableDomain(host);
      const domainName = domain.split('.')[0];
      // A slug in lower case that is the domain's name: the domain says it ("lakeside.com").
      if (name === name.toLowerCase() && name === domainName) return domain;
      // The name of a subdomain ("hosted", "eu", "m") is no publisher's.
      if (labels.slice(0, -domain.split('.').length).some((label) => label === name.toLowerCase())) {
        refused = true;
        continue;
      }
    }
    return name;
  }
  return refused && host ? registrableDomain(host) : undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url.trim()).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * "news.example.com" → "example.com", "www.example.co.uk" → "example.co.uk": the last two labels,
 * or three under a country's generic second level (co, com, org, net, ac, gov, edu …).
 */
export function registrableDomain(host: string): string {
  const labels = host.split('.');
  const countrySecondLevel = labels.length >= 3 && /^[a-z]{2}$/.test(labels.at(-1) ?? '') && /^(?:co|com|org|net|ac|gov|edu|ne|or)$/.test(labels.at(-2) ?? '');
  return labels.slice(countrySecondLevel ? -3 : -2).join('.');
}
