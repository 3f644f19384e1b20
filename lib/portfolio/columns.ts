import type { z } from 'zod';
import { PortfolioRecord } from './record.js';

/** A column of the portfolio-rows table as Glue (Hive DDL) types it. */
export interface GlueColumn {
  name: string;
  type: string;
  comment?: string;
}

/** The zod definition's parts this schema uses (zod 4 keeps them on `_zod.def`). */
interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** The Hive type of a zod type: strings and enums are `string`, arrays `array<…>`, records `map<string,…>`, objects `struct<…>`. */
export function hiveTypeOf(schema: z.ZodType): string {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'enum':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'double';
    case 'nullable':
    case 'optional':
      return hiveTypeOf(def.innerType!);
    case 'array':
      return `array<${hiveTypeOf(def.element!)}>`;
    case 'record':
      return `map<string,${hiveTypeOf(def.valueType!)}>`;
    case 'object':
      return `struct<${Object.entries(def.shape!)
        .map(([name, field]) => `${name}:${hiveTypeOf(field)}`)
        .join(',')}>`;
    default:
      throw new Error(`No Glue type for zod type ${def.type}`);
  }
}

/** Whether a column comes back from Athena as text to parse as JSON (the query casts it so), rather than a scalar. */
export function isComplexHiveType(type: string): boolean {
  return /^(array|map|struct)</.test(type);
}

/** The table's columns, generated from the row's zod schema so that the two cannot drift apart. */
export function portfolioGlueColumns(): GlueColumn[] {
  return Object.entries(defOf(PortfolioRecord).shape!).map(([name, field]) => ({ name, type: hiveTypeOf(field) }));
}
