import { describe, expect, it } from 'vitest';
import { fillSpokenLines, titleRepeatsLead } from '../../src/script/intro-outro.js';
import { resolveTemplate } from '../../src/audio/template.js';

describe('fillSpokenLines', () => {
  it('fills the placeholders and drops sentences whose value is missing', () => {
    const lines = ['This is {show}.', '{title}.', 'From {source}.', 'Published {date}.'];
    expect(fillSpokenLines(lines, { title: 'Rain ends', show: 'Newscast', date: '2024-05-01' })).toEqual([
      'This is Newscast.',
      'Rain ends.',
      'Published May 1, 2024.',
    ]);
  });

  it("does not double a title's own closing punctuation", () => {
    expect(fillSpokenLines(['{title}.'], { title: 'Who won the vote?', show: 'S' })).toEqual(['Who won the vote?']);
  });

  it("works on every built-in template's lines", async () => {
    for (const name of ['default', 'news', 'minimal']) {
      const template = await resolveTemplate(name);
      const intro = fillSpokenLines(template.lines.intro, { title: 'T', show: template.show, source: 'S' });
      expect(intro.join(' ')).toContain('T.');
      expect(intro.join(' ')).not.toMatch(/[{}]/);
    }
  });
});

describe('titleRepeatsLead', () => {
  const lead = 'The county council approved an £8m flood barrier for Millbrook on Tuesday, three years after the town flooded twice in one winter.';

  it('is true for a headline cut from the lead, with or without its opening article', () => {
    expect(titleRepeatsLead('County council approved an £8m flood barrier for Millbrook on Tuesday', lead)).toBe(true);
    expect(titleRepeatsLead('The county council approved an £8m flood barrier', lead)).toBe(true);
    expect(titleRepeatsLead(lead, lead)).toBe(true);
  });

  it('is false for a real headline, even one sharing the first words', () => {
    expect(titleRepeatsLead('Millbrook gets its flood barrier at last', lead)).toBe(false);
    expect(titleRepeatsLead('County council', lead)).toBe(false);
    expect(titleRepeatsLead('County council approves barrier', lead)).toBe(false);
  });
});
