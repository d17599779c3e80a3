/** Two sentences a page's text runs together without a space ("… a chief physician.Police arrested …") are read as two. */
import { expect, test } from 'vitest';
import { parseHtml } from '../../src/article/html.js';

test('a full stop glued to the next sentence gets its space; names and addresses with dots are kept', () => {
  const page = `<!DOCTYPE html><html><head><title>Doctor attacked during lecture in Millbrook</title></head><body><main><article>
<h1>Doctor attacked during lecture in Millbrook</h1>
<p>The attack happened during a lecture at the Riverside Clinic, where the victim worked as a senior surgeon.Police arrested a 57-year-old man at the scene.</p>
<p>The clinic said on its website, www.RiversideClinic.org, that lectures were cancelled for the rest of the week, and St.Mary's hospital took its patients.</p>
<p>Officers said the man had no known link to the clinic, and that they were not looking for anyone else in connection with the attack.</p>
</article></main></body></html>`;
  const heard = parseHtml(page).sections.flatMap((section) => section.paragraphs);
  expect(heard[0]).toBe('The attack happened during a lecture at the Riverside Clinic, where the victim worked as a senior surgeon. Police arrested a 57-year-old man at the scene.');
  expect(heard[1]).toContain('www.RiversideClinic.org');
  expect(heard[1]).toContain("St.Mary's");
});
