import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../lib/library/pattern.js';
import { findDefinedTerms, termsSource } from '../../../lib/analysis/terms.js';

const GATE = [compilePattern('beyond (?:its |the )?(?:reasonable )?control'), compilePattern('\\bacts? of god\\b')];
const CLAIMS = (body: string) =>
  GATE.some((pattern) => {
    pattern.lastIndex = 0;
    return pattern.test(body);
  });
const KNOWN = (term: string) => /force majeure/i.test(term);

describe('findDefinedTerms', () => {
  it("learns a term whose definition uses the clause's own words", () => {
    const text =
      '1.1 "Agreement" means this supply agreement.\n1.2 "Contingency" means any event beyond the reasonable control of a party, including acts of God.\n';
    expect(findDefinedTerms(text, CLAIMS, KNOWN).map((term) => term.term)).toEqual(['Contingency']);
  });

  it('reads the sentence a parenthetical definition closes, not the one before it', () => {
    const text = 'Prices are fixed for the term. A delay caused by acts of God or other events beyond its control (each, an "Excused Delay") is not a breach.';
    expect(findDefinedTerms(text, CLAIMS, KNOWN).map((term) => term.term)).toEqual(['Excused Delay']);
    const unrelated = 'Acts of God happen. The supplier ("Seller") ships goods.';
    expect(findDefinedTerms(unrelated, CLAIMS, KNOWN)).toEqual([]);
  });

  it('reads terms defined in single quotes, straight or curly, as British drafting writes them', () => {
    const text =
      "21.2 'Relief Event' means an act of God or any event beyond the reasonable control of the affected party. 21.3 ‘Excused Delay’ means a delay caused by acts of God.";
    expect(findDefinedTerms(text, CLAIMS, KNOWN).map((term) => term.term)).toEqual(['Relief Event', 'Excused Delay']);
    // An apostrophe inside a sentence is not a quotation mark.
    expect(findDefinedTerms("The Buyer's Event Day means the date of delivery beyond control.", CLAIMS, KNOWN)).toEqual([]);
  });

  it('ends a definition where the next one starts, even when no sentence break is visible between them', () => {
    // Lines flattened and the next item lettered in lower case: "... placed by Customer. f) “Force Majeure Event” means ...".
    const text =
      'e) “Effective Date” means the date these terms are accepted, or the date an order is placed by Customer. f) “Force Majeure Event” means an event beyond the reasonable control of a party.';
    expect(findDefinedTerms(text, CLAIMS, KNOWN)).toEqual([]);
  });

  it('reads on past the points of "U.S." and "No." inside a definition', () => {
    const text = '"Applicable Laws" means all laws applicable to a party, including the U.S. laws on acts of God. "Price" means the price.';
    expect(findDefinedTerms(text, CLAIMS, KNOWN).map((term) => term.term)).toEqual(['Applicable Laws']);
    const numbered = '"Relevant Rules" means Regulation No. 12 on events beyond the control of a party.';
    expect(findDefinedTerms(numbered, CLAIMS, KNOWN).map((term) => term.term)).toEqual(['Relevant Rules']);
  });

  it("skips terms the library already knows and definitions that do not use the clause's words", () => {
    const text = '"Force Majeure Event" means any event beyond the control of a party. "Delivery Date" means the date in the order.';
    expect(findDefinedTerms(text, CLAIMS, KNOWN)).toEqual([]);
  });
});

describe('findDefinedTerms: other forms of definition', () => {
  const EVENTS = /\b(?:war|riot|flood|fire|embargo)/gi;
  const eventList = (body: string, term: string) => /(?:Event|Cause)$/.test(term) && (body.match(EVENTS)?.length ?? 0) >= 2;

  it('reads an unquoted definition of an event ("a Supervening Event is an event ...")', () => {
    const text = 'For this purpose a Supervening Event is an event or circumstance beyond the reasonable control of the Party claiming relief.';
    expect(findDefinedTerms(text, CLAIMS, KNOWN).map((term) => term.term)).toEqual(['Supervening Event']);
    expect(findDefinedTerms('The Event is an event of the season.', CLAIMS, KNOWN)).toEqual([]);
  });

  it('reads one that opens a sentence with a capital article ("A Suspension Event is any circumstance ...")', () => {
    const text = '11.1 A Suspension Event is any circumstance beyond the reasonable control of the party relying on it.';
    expect(findDefinedTerms(text, CLAIMS, KNOWN).map((term) => term.term)).toEqual(['Suspension Event']);
  });

  it('reads a quoted term defined as an event in the same way ("an \'Extraordinary Event\' is an occurrence ...")', () => {
    const text = "For this Clause, an 'Obstructing Event' is an occurrence beyond the reasonable control of the Party it hinders.";
    expect(findDefinedTerms(text, CLAIMS, KNOWN).map((term) => term.term)).toEqual(['Obstructing Event']);
    expect(findDefinedTerms('A \u201cDelay Event\u201d is an event beyond the control of the Supplier.', CLAIMS, KNOWN).map((term) => term.term)).toEqual([
      'Delay Event',
    ]);
  });

  it("hands the claim the term as well as its definition, so an event list under an event's name can qualify", () => {
    const text = '"Retarding Event" means (a) war or riot; (b) embargoes; (c) flood. "Delivery Date" means the date in Appendix B.';
    expect(findDefinedTerms(text, eventList, KNOWN).map((term) => term.term)).toEqual(['Retarding Event']);
    expect(findDefinedTerms('"Retarding Factor" means (a) war or riot; (b) flood.', eventList, KNOWN)).toEqual([]);
  });
});

describe('termsSource', () => {
  it('matches the term, its plural and a "y" plural, as library patterns do', () => {
    const source = termsSource([
      { term: 'Contingency', start: 0 },
      { term: 'Excused Delay', start: 0 },
    ])!;
    const pattern = compilePattern(source, true);
    expect(pattern.test('if a Contingency occurs')).toBe(true);
    expect(compilePattern(source, true).test('two Contingencies')).toBe(true);
    expect(compilePattern(source, true).test('any Excused\nDelays')).toBe(true);
    expect(compilePattern(source, true).test('a contingency fee')).toBe(false);
    expect(termsSource([])).toBeNull();
  });
});
