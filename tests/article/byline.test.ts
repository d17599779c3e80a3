/** The byline as the intro says it ("By …"): names in capitals and an agency glued to the last name are tidied. */
import { describe, expect, test } from 'vitest';
import { tidyByline } from '../../src/article/byline.js';

describe('tidyByline', () => {
  test.each([
    ['MARIA LOPEZ and TOM REYES', 'Maria Lopez and Tom Reyes'],
    ['ANNA BERG, JOHN PAUL KIMANI and SAM OKAFORWire Press', 'Anna Berg, John Paul Kimani and Sam Okafor, Wire Press'],
    ['HARBOUR TIMES STAFF', 'Harbour Times Staff'],
    ['JANE ROE', 'Jane Roe'],
    // A name and the desk it writes for, set apart by a bar: the name.
    ['Maria Lopez | Harbour Media for Courier.com', 'Maria Lopez'],
    // Already tidy, or capitals that are initials or an outlet's letters: as written.
    ['Jane Roe, BBC News', 'Jane Roe, BBC News'],
    ['Jill Disis, CNN Business', 'Jill Disis, CNN Business'],
    ['Sarah E. Needleman', 'Sarah E. Needleman'],
    ['Amira Patel and Tom Reyes', 'Amira Patel and Tom Reyes'],
    ['AP', 'AP'],
  ])('%s → %s', (byline, expected) => {
    expect(tidyByline(byline)).toBe(expected);
  });
});
