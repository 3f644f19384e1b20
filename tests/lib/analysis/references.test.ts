import { describe, expect, it } from 'vitest';
import { numberReference, titledNumberReference } from '../../../lib/analysis/references.js';

describe('numberReference', () => {
  it('finds a dotted or lettered number wherever it stands, but not inside a longer number', () => {
    const pattern = numberReference('19.1')!;
    expect(pattern.test('Paragraph 19.1 does not apply to payment')).toBe(true);
    expect(pattern.test('as set out in 19.1 above')).toBe(true);
    expect(pattern.test('under 19.12')).toBe(false);
    expect(pattern.test('under 119.1')).toBe(false);
    expect(numberReference('(a)')!.test('an event under (a) above')).toBe(true);
  });

  it('takes a bare or titled article number only after a title word', () => {
    for (const number of ['13', '13.', 'Article 13', 'ARTICLE 13']) {
      const pattern = numberReference(number)!;
      expect(pattern.test('prevented by a cause described in Article 13 for 90 days'), number).toBe(true);
      expect(pattern.test('as provided in section 13,'), number).toBe(true);
      expect(pattern.test('within 13 days'), number).toBe(false);
      expect(pattern.test('under Article 130'), number).toBe(false);
      expect(pattern.test('under Section 13.2'), number).toBe(false);
    }
    expect(numberReference('XII')!.test('the events listed in Article XII')).toBe(true);
    expect(numberReference('§ 7')!.test('nach § 7 dieses Vertrages')).toBe(true);
  });

  it('with sub-clauses, takes a citation of a clause inside the located one ("clause 12.1" cites clause 12)', () => {
    const pattern = numberReference('12', true)!;
    expect(pattern.test('because of an event described in clause 12.1')).toBe(true);
    expect(pattern.test('under Section 12(b)')).toBe(true);
    expect(pattern.test('under Section 120')).toBe(false);
    expect(numberReference('19.1', true)!.test('see 19.1.2 above')).toBe(true);
    expect(numberReference('19.1', true)!.test('see 19.12')).toBe(false);
  });

  it('gives no pattern for what is not a clause number', () => {
    expect(numberReference('Schedule of Rates')).toBeNull();
    expect(titledNumberReference('')).toBeNull();
  });
});

describe('titledNumberReference', () => {
  it('needs a title word even for a dotted number, so amounts and dates do not cite clauses', () => {
    const pattern = titledNumberReference('19.1')!;
    expect(pattern.test('Clause 19.1 applies')).toBe(true);
    expect(pattern.test('a fee of 19.1 per cent')).toBe(false);
  });

  it('finds the number among several cited under one title word ("Articles 4.5, 12 or 13")', () => {
    const pattern = titledNumberReference('13')!;
    for (const citation of ['breaches Articles 4.5, 12 or 13', 'under Sections 9 and 13', 'in §§ 7, 13', 'Clauses 2, 5, and 13 apply']) {
      expect(pattern.test(citation), citation).toBe(true);
    }
    expect(pattern.test('breaches Articles 4.5, 12 or 14')).toBe(false);
    expect(pattern.test('under Sections 9 and 130')).toBe(false);
    expect(pattern.test('Article 12 within 13 days')).toBe(false);
  });
});
