// The frame every page of the show's site shares: head, colours (4.5:1 or more in light and dark),
// readable at 320 px and at 200% zoom (one column, sizes in rem), visible focus.
import { html, Html } from './html.js';

const style = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1b1b; --muted: #4d4d4d; --link: #0a58b0; --line: #767676; }
@media (prefers-color-scheme: dark) { :root { --bg: #16181c; --fg: #f2f2f2; --muted: #c4c4c4; --link: #8fc1ff; --line: #8f8f8f; } }
body { margin: 0 auto; max-width: 48rem; padding: 1rem; font: 1.0625rem/1.6 system-ui, sans-serif; color: var(--fg); background: var(--bg); overflow-wrap: anywhere; }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
img { max-width: 100%; height: auto; }
.cover { width: 10rem; height: 10rem; object-fit: cover; border-radius: .5rem; }
.muted { color: var(--muted); }
.episodes { list-style: none; padding: 0; }
.episodes li { border-top: 1px solid var(--line); padding: .75rem 0; }
.episodes h3 { margin: 0 0 .25rem; }
footer { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: .5rem; }
newscast-player { margin: 1rem 0; }
`;

export interface PageFrame {
  title: string;
  language: string;
  description?: string;
  /** Extra elements for the head: feed links, the player's script. */
  head?: Html;
  body: Html;
}

export function page({ title, language, description, head, body }: PageFrame): string {
  return `<!doctype html>\n${html`<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${description ? html`<meta name="description" content="${description}">` : ''}
${head}
<style>${new Html(style)}</style>
</head>
<body>
${body}
</body>
</html>`}\n`;
}
