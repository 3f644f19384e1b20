import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../helpers/errors.js';
import { isClausewatchError } from '../../../lib/errors.js';
import { loadDefaultLibrary, parseLibrary, parseLibraryJson } from '../../../lib/library/load.js';

describe('clause library', () => {
  const library = loadDefaultLibrary();

  it('ships both clause types with the element ids the labels use', () => {
    const ids = (type: string) => library.clauseTypes.find((candidate) => candidate.id === type)?.elements.map((element) => element.id);
    expect(ids('force-majeure')).toEqual(
      expect.arrayContaining(['governmentAction', 'tradeRestrictions', 'supplyChain', 'notice', 'mitigation', 'termination', 'mutual', 'excludesPayment']),
    );
    expect(ids('export-control')).toEqual(expect.arrayContaining(['compliance', 'sanctions', 'licensing', 'endUse', 'classification', 'remedy']));
  });

  it('encodes the buyer-side default policy as data', () => {
    const policy = (type: string) => library.clauseTypes.find((candidate) => candidate.id === type)?.policy.adequateRequires;
    expect(policy('force-majeure')).toEqual(['governmentAction', 'tradeRestrictions', 'notice', 'termination']);
    expect(policy('export-control')).toEqual(['compliance', 'licensing', 'remedy']);
  });

  it('rejects a library whose policy names an unknown element, naming the field', () => {
    const broken = structuredClone(library);
    broken.clauseTypes[0]!.policy.adequateRequires.push('noSuchElement');
    const error = thrownBy(() => parseLibrary(broken));
    expect(isClausewatchError(error) && error.code).toBe('library_invalid');
    expect((error as Error).message).toMatch(/clauseTypes\[0\]\.policy\.adequateRequires\[4\]: names element "noSuchElement"/);
  });

  it('rejects element cues that name an unknown element', () => {
    const broken = structuredClone(library);
    broken.clauseTypes[1]!.elementCues = { elements: ['remedy', 'noSuchElement'], weight: 1 };
    const error = thrownBy(() => parseLibrary(broken));
    expect((error as Error).message).toMatch(/clauseTypes\[1\]\.elementCues\.elements\[1\]: names element "noSuchElement"/);
  });

  it('rejects a clause type that yields to one analysed after it (or to none that exists)', () => {
    const reordered = structuredClone(library);
    reordered.clauseTypes.reverse();
    const error = thrownBy(() => parseLibrary(reordered));
    expect(isClausewatchError(error) && error.code).toBe('library_invalid');
    expect(String((error as Error).message)).toContain('yieldTo');
    const unknown = structuredClone(library);
    unknown.clauseTypes[1]!.yieldTo = { clauseTypes: ['no-such-type'], unless: [] };
    expect(String((thrownBy(() => parseLibrary(unknown)) as Error).message)).toContain('no-such-type');
  });

  it('rejects an invalid regular expression and a missing field, naming each', () => {
    const broken = structuredClone(library) as unknown as {
      clauseTypes: Array<Record<string, unknown> & { elements: Array<{ rules: Array<{ all: string[] }> }> }>;
    };
    broken.clauseTypes[1]!.elements[2]!.rules[0]!.all[0] = '(unclosed';
    delete broken.clauseTypes[0]!.title;
    const message = (thrownBy(() => parseLibrary(broken)) as Error).message;
    expect(message).toMatch(/clauseTypes\[1\]\.elements\[2\]\.rules\[0\]\.all\[0\]\.pattern: not a valid regular expression/);
    expect(message).toMatch(/clauseTypes\[0\]\.title/);
  });

  it('rejects text that is not JSON', () => {
    const error = thrownBy(() => parseLibraryJson('{ nope', 'clause library my.json'));
    expect((error as Error).message).toMatch(/clause library my\.json is not valid JSON/);
  });
});
