import { z } from 'zod';
import { ClausewatchError } from '../errors.js';
import { PatternSource } from './pattern.js';

/*
 * Library data names a pattern once and uses it in many places: a gate phrase that is also a cue,
 * the same "unless the failure is excluded" guard in every rule of an element. A pattern writes
 * `{fragment:name}` where the fragment's pattern belongs; loading replaces it with that pattern as
 * a group, before anything else reads the data, so examples and matching see the whole pattern.
 * A fragment cannot name another fragment.
 */

/** A named piece of pattern, shared by the patterns that write `{fragment:name}`. */
export const Fragment = z.object({
  /** What the piece matches, for the people who edit the data. */
  description: z.string().min(1),
  pattern: PatternSource,
});

export const FragmentName = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'a fragment name is a camelCase word');

/** The `fragments` field of library data. */
export const Fragments = z.record(FragmentName, Fragment);

const REFERENCE = /\{fragment:([A-Za-z0-9]+)\}/g;

/**
 * Library data with every `{fragment:name}` replaced by the named fragment's pattern, in a group.
 * Data without `fragments` comes back as it is; a reference to a fragment the data does not define
 * is a `library_invalid` error naming where it is.
 */
export function expandFragments(value: unknown, source: string): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const fragments = (value as { fragments?: unknown }).fragments;
  const patterns = new Map<string, string>();
  if (fragments && typeof fragments === 'object') {
    for (const [name, fragment] of Object.entries(fragments)) {
      const pattern = (fragment as { pattern?: unknown } | null)?.pattern;
      if (typeof pattern === 'string') patterns.set(name, pattern);
    }
  }
  // A fragment may use others ("remedyAction" holds "liabilityExcused"); a cycle would never end.
  const expand = (text: string, path: string, using: readonly string[] = []): string =>
    text.replace(REFERENCE, (_, name: string) => {
      const pattern = patterns.get(name);
      if (pattern === undefined) {
        throw new ClausewatchError('library_invalid', `The ${source} is invalid: ${path}: names fragment "${name}", which "fragments" does not define`);
      }
      if (using.includes(name)) {
        throw new ClausewatchError('library_invalid', `The ${source} is invalid: ${path}: fragment "${name}" uses itself (${[...using, name].join(' → ')})`);
      }
      return `(?:${expand(pattern, path, [...using, name])})`;
    });
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') return node.includes('{fragment:') ? expand(node, path) : node;
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${path}[${index}]`));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, path ? `${path}.${key}` : key)]));
    }
    return node;
  };
  const { fragments: _kept, ...rest } = value as Record<string, unknown>;
  const expanded = walk(rest, '') as Record<string, unknown>;
  return fragments === undefined ? expanded : { ...expanded, fragments };
}
