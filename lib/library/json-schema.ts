import { z } from 'zod';
import { ExposureWatchlist } from '../exposure/schema.js';
import { ClauseLibrary } from './schema.js';

/*
 * JSON Schemas of the library data (the clause library and the exposure watchlist), generated from
 * their zod schemas so that an editor checks a file as it is written. A pattern may be written as a
 * plain string or as an object with options and examples; zod reads both, and the JSON Schema says so.
 */

type JsonSchema = Record<string, unknown>;

function isPatternObject(schema: JsonSchema): boolean {
  const properties = schema.properties as Record<string, unknown> | undefined;
  return schema.type === 'object' && !!properties && 'pattern' in properties && 'examples' in properties && 'counterExamples' in properties;
}

/** Every pattern object also accepts its shorthand, a plain string. */
function withPatternShorthand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withPatternShorthand);
  if (!value || typeof value !== 'object') return value;
  const schema = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withPatternShorthand(item)])) as JsonSchema;
  return isPatternObject(schema) ? { anyOf: [{ type: 'string', minLength: 1, description: 'A pattern without options.' }, schema] } : schema;
}

function dataSchema(schema: z.ZodType, id: string, title: string): JsonSchema {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = (generated.properties ?? {}) as JsonSchema;
  return withPatternShorthand({
    ...generated,
    $id: `https://clausewatch.dev/schema/${id}.json`,
    title,
    // The file names its schema for editors.
    properties: { $schema: { type: 'string' }, ...properties },
  }) as JsonSchema;
}

export function clauseLibraryJsonSchema(): JsonSchema {
  return dataSchema(ClauseLibrary, 'clause-library', 'clausewatch clause library');
}

export function watchlistJsonSchema(): JsonSchema {
  return dataSchema(ExposureWatchlist, 'exposure-watchlist', 'clausewatch exposure watchlist');
}
