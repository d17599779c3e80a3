// HTML built from templates whose every value is escaped unless it is itself such HTML: text from
// an article or a manifest can never become markup on the site's pages.
import { escapeUTF8 } from 'entities';

/** Markup that came from `html`, safe to insert as it is. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type Value = Html | string | number | undefined | null | false | readonly Value[];

function render(value: Value): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeUTF8(String(value));
}

/** A tagged template: `html\`<p>${text}</p>\`` escapes `text` (quotes too, so it is safe in attributes). */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((markup, string, index) => markup + render(values[index - 1] as Value) + string));
}

/** The address if it is a web link; anything else (javascript:, data:…) is not linked at all. */
export function webLink(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const { protocol } = new URL(url);
  return protocol === 'https:' || protocol === 'http:' ? url : undefined;
}

/** A link to a file or folder beside the page: encoded, so a name like "javascript:alert(1)" or "a#b" stays that file's name. */
export function relativeHref(name: string): string {
  return `./${encodeURIComponent(name)}`;
}
