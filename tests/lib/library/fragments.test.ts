import { describe, expect, it } from 'vitest';
import { isClausewatchError } from '../../../lib/errors.js';
import { expandFragments } from '../../../lib/library/fragments.js';
import { loadDefaultLibrary, parseLibrary } from '../../../lib/library/load.js';
import defaultLibraryJson from '../../../lib/library/clause-library.json' with { type: 'json' };
import { thrownBy } from '../../helpers/errors.js';

const data = {
  fragments: { outsideControl: { description: 'outside a party control', pattern: 'outside (?:its )?control' } },
  clauseTypes: [{ gate: [{ pattern: '{fragment:outsideControl}|acts of god' }], cues: [{ pattern: 'events {fragment:outsideControl}', weight: 2 }] }],
};

/** Every string in parsed data. */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* stringsIn(item);
}

describe('named pattern fragments', () => {
  it('puts the named pattern, as a group, wherever a pattern names it', () => {
    const expanded = expandFragments(data, 'test library') as typeof data;
    expect(expanded.clauseTypes[0]!.gate[0]!.pattern).toBe('(?:outside (?:its )?control)|acts of god');
    expect(expanded.clauseTypes[0]!.cues[0]!.pattern).toBe('events (?:outside (?:its )?control)');
    expect(expanded.fragments).toEqual(data.fragments);
    // The input is not changed.
    expect(data.clauseTypes[0]!.gate[0]!.pattern).toBe('{fragment:outsideControl}|acts of god');
  });

  it('leaves data without references as it is', () => {
    const plain = { clauseTypes: [{ gate: [{ pattern: 'force majeure' }] }] };
    expect(expandFragments(plain, 'test library')).toEqual(plain);
  });

  it('rejects a reference to a fragment the data does not define, naming where it is', () => {
    const broken = structuredClone(data);
    broken.clauseTypes[0]!.cues[0]!.pattern = 'events {fragment:beyondControl}';
    const error = thrownBy(() => expandFragments(broken, 'test library'));
    expect(isClausewatchError(error) && error.code).toBe('library_invalid');
    expect((error as Error).message).toMatch(/clauseTypes\[0\]\.cues\[0\]\.pattern: names fragment "beyondControl"/);
  });

  it('expands a fragment that uses another, and rejects one that uses itself', () => {
    const nested = {
      fragments: { excuse: { pattern: 'not liable|{fragment:freed}' }, freed: { pattern: 'free from liability' } },
      clauseTypes: [{ gate: [{ pattern: 'seller is {fragment:excuse}' }] }],
    };
    const expanded = expandFragments(nested, 'test library') as typeof nested;
    expect(expanded.clauseTypes[0]!.gate[0]!.pattern).toBe('seller is (?:not liable|(?:free from liability))');
    const circular = structuredClone(nested);
    circular.fragments.freed.pattern = 'free from {fragment:excuse}';
    const error = thrownBy(() => expandFragments(circular, 'test library'));
    expect(isClausewatchError(error) && error.code).toBe('library_invalid');
    expect((error as Error).message).toMatch(/fragment "excuse" uses itself \(excuse → freed → excuse\)/);
  });

  it('is expanded in the shipped library before its patterns are checked and compiled', () => {
    expect(JSON.stringify(defaultLibraryJson)).toContain('{fragment:');
    const library = loadDefaultLibrary();
    expect(Object.keys(library.fragments ?? {}).length).toBeGreaterThan(10);
    expect([...stringsIn(library.clauseTypes)].filter((text) => text.includes('{fragment:'))).toEqual([]);
  });

  it('makes a library whose fragment breaks one of the patterns using it invalid', () => {
    const broken = structuredClone(defaultLibraryJson) as { fragments: Record<string, { pattern: string }> };
    broken.fragments.beyondControl!.pattern = 'beyond the pale';
    const error = thrownBy(() => parseLibrary(broken));
    expect(isClausewatchError(error) && error.code).toBe('library_invalid');
    expect((error as Error).message).toMatch(/misses|does not match|example/i);
  });
});
