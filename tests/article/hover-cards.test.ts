/**
 * A name in a story that the page links to a pop-up card (the person's picture, their name again
 * and links to other stories about them): the card is for the mouse, not the ear. The sentence is
 * read with the name once, and none of the card's headlines.
 */
import { expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';

const rest = [
  'The man was arrested in April after he phoned her office and threatened to shoot her, the attorney’s office said in a statement on Monday.',
  'He faces up to ten years in prison when he is sentenced in February, and his lawyer said he would ask the court for leniency.',
];

test('a hover card inside a sentence is not read; the linked name is', () => {
  const card = `<span class="pop-person"><a class="pop-link" href="/people/ana-lind">Ana Lind</a><span class="pop-block"><span><img src="/img/ana-lind.jpg" width="100" height="100" alt=""><a class="name" href="/people/ana-lind">Ana Lind</a><a class="stories" href="/a/1">Harbour board votes to freeze fares | Ferry strike called off | Island school reopens</a> <a class="stories" href="/a/2">Council approves new quay</a></span></span></span>`;
  const page = `<!DOCTYPE html><html><head><title>Man pleads guilty to threatening councillor</title></head><body><main><article>
<h1>Man pleads guilty to threatening councillor</h1>
<p>A Millbrook man pleaded guilty on Monday to threatening to kill councillor ${card} in March, prosecutors said.</p>
${rest.map((text) => `<p>${text}</p>`).join('\n')}
</article></main></body></html>`;
  const heard = parseHtml(page).sections.flatMap((section) => section.paragraphs);
  expect(heard).toEqual(['A Millbrook man pleaded guilty on Monday to threatening to kill councillor Ana Lind in March, prosecutors said.', ...rest]);
});
