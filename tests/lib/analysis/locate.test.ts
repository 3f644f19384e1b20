import { describe, expect, it } from 'vitest';
import { definitionListsEvents } from '../../../lib/analysis/locate.js';
import { compileClauseType } from '../../../lib/analysis/patterns.js';
import { loadDefaultLibrary } from '../../../lib/library/load.js';

const forceMajeure = compileClauseType(loadDefaultLibrary().clauseTypes.find((type) => type.id === 'force-majeure')!);
const definition = forceMajeure.definition!;

describe('definitionListsEvents', () => {
  it('holds for a definition that gives examples or a list of events', () => {
    expect(definitionListsEvents('"Force Majeure Event" means any event beyond the reasonable control of a party, including fire and flood.', definition)).toBe(
      true,
    );
    expect(definitionListsEvents('Force Majeure Event: any circumstance not in the Seller’s control including: (a) acts of God; (b) war.', definition)).toBe(
      true,
    );
    expect(definitionListsEvents('"Force Majeure" means fire, flood, war, strikes or epidemics.', definition)).toBe(true);
    expect(definitionListsEvents('A Force Majeure Event is any event beyond a party’s control (e.g. a pandemic).', definition)).toBe(true);
  });

  it('fails for a definition that only describes the events, or only points elsewhere (convention 8)', () => {
    expect(
      definitionListsEvents('Force Majeure Event means any event beyond the Seller’s reasonable control; Goods means the goods ordered.', definition),
    ).toBe(false);
    expect(
      definitionListsEvents('"Force Majeure Event" has the meaning given in clause 14; "Goods" means the goods, parts and materials ordered.', definition),
    ).toBe(false);
  });

  it('fails where no definition of the term is found', () => {
    expect(definitionListsEvents('Neither party is liable for fire, flood, war or strikes.', definition)).toBe(false);
  });
});

describe('the definition pattern', () => {
  it('reads "are deemed cases of force majeure" as a definition, and "shall not be deemed force majeure" as none', () => {
    definition.lastIndex = 0;
    expect(definition.test('The following are deemed cases of force majeure: fire, flood and war.')).toBe(true);
    definition.lastIndex = 0;
    expect(definition.test('Neither party is liable for delay caused by fire or flood; strikes at the Seller’s plant shall not be deemed force majeure.')).toBe(
      false,
    );
  });
});
