import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  resolveSharedInputs,
  SHARED_INPUT_CAPACITY,
  SharedInputCache,
  sharedInputRefs,
  splitSharedInputs,
  type SharedInputs,
} from '../../../lib/runner/protocol.js';

// Stand-ins: the protocol only keys and passes these objects, it never reads them.
const asInputs = (value: Record<string, unknown>) => value as unknown as SharedInputs;

describe('shared inputs between the pool and a worker', () => {
  it('sends a value the first time a worker needs it, then only its key', () => {
    const library = { id: 'a' };
    const sent = new SharedInputCache();
    const first = sharedInputRefs(asInputs({ library }), sent);
    const second = sharedInputRefs(asInputs({ library }), sent);
    expect(first.library).toEqual({ key: expect.any(String), value: library });
    expect(second.library).toEqual({ key: first.library!.key });
    expect(sharedInputRefs(asInputs({ library }), new SharedInputCache()).library?.value).toBe(library);
  });

  it('passes a model turned off (null) as null, and leaves out what was not given', () => {
    const refs = sharedInputRefs(asInputs({ library: {}, model: null }), new SharedInputCache());
    expect(refs.model).toEqual({ key: 'null', value: null });
    expect(refs.watchlist).toBeUndefined();
    const inputs = resolveSharedInputs(refs, new SharedInputCache());
    expect(inputs.model).toBeNull();
    expect('watchlist' in inputs).toBe(false);
  });

  it('splits the shared inputs off the options', () => {
    const { shared, rest } = splitSharedInputs({ name: 'x.pdf', library: asInputs({}).library, limits: {} });
    expect(Object.keys(rest).sort()).toEqual(['limits', 'name']);
    expect('library' in shared).toBe(true);
  });

  it('the worker resolves every job to the very objects the caller passed, whatever the order and however many', () => {
    const objects = Array.from({ length: SHARED_INPUT_CAPACITY + 4 }, (_, index) => ({ index }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(objects.length - 1), fc.nat(objects.length - 1)), { minLength: 1, maxLength: 60 }), (jobs) => {
        const sent = new SharedInputCache();
        const held = new SharedInputCache();
        for (const [library, watchlist] of jobs) {
          const refs = sharedInputRefs(asInputs({ library: objects[library], watchlist: objects[watchlist] }), sent);
          const inputs = resolveSharedInputs(refs, held) as unknown as Record<string, unknown>;
          expect(inputs.library).toBe(objects[library]);
          expect(inputs.watchlist).toBe(objects[watchlist]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a worker refuses a key it never received instead of analysing with the wrong library', () => {
    expect(() => resolveSharedInputs({ library: { key: 'shared-unknown' } }, new SharedInputCache())).toThrow(/no longer holds the library/);
  });
});
