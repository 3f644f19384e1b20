import { z } from 'zod';

/*
 * Patterns in library data (the clause library and the exposure watchlist) are regular expressions
 * written as JSON strings, matched case-insensitively unless marked otherwise. One convention makes
 * them readable: a literal space matches any run of whitespace, line breaks included, because
 * extracted contract text wraps anywhere. Quantifiers on a space keep their meaning: ` ?` and ` *`
 * match no whitespace or any run of it, ` {0,3}` repeats the run. Inside a character class a space
 * stands for one whitespace character.
 */

/** The JavaScript source of a library pattern, with the whitespace convention applied. */
export function patternSource(source: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const character = source[index]!;
    if (character === '\\') {
      out += character + (source[index + 1] ?? '');
      index++;
    } else if (inClass) {
      if (character === ']') inClass = false;
      out += character === ' ' ? '\\s' : character;
    } else if (character === '[') {
      inClass = true;
      out += character;
      // "[^" and a leading "]" belong to the class.
      if (source[index + 1] === '^') out += source[++index];
      if (source[index + 1] === ']') out += source[++index];
    } else if (character === ' ') {
      while (source[index + 1] === ' ') index++;
      const quantifier = source[index + 1];
      if (quantifier === '?' || quantifier === '*') {
        out += '\\s*';
        index++;
        if (source[index + 1] === '?') index++;
      } else if (quantifier === '+') {
        out += '\\s+';
        index++;
      } else if (quantifier === '{') {
        out += '(?:\\s+)';
      } else {
        out += '\\s+';
      }
    } else {
      out += character;
    }
  }
  return out;
}

/** Compiles a library pattern: global, case-insensitive unless asked otherwise, not in Unicode mode (faster on long texts). */
export function compilePattern(source: string, caseSensitive = false): RegExp {
  return new RegExp(patternSource(source), caseSensitive ? 'g' : 'gi');
}

/** True when a pattern has no regular-expression syntax: it is then its own example. */
export function isLiteralPattern(source: string): boolean {
  return !/[\\^$.|?*+()[\]{}]/.test(source);
}

/** A pattern source that compiles under the whitespace convention. */
export const PatternSource = z
  .string()
  .min(1)
  .superRefine((source, context) => {
    try {
      new RegExp(patternSource(source), 'i');
    } catch (error) {
      context.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
    }
  });

const PatternObject = z.object({
  pattern: PatternSource,
  /** Match case-sensitively (acronyms such as "EAR" or "PRC" that are common words or fragments in lower case). */
  caseSensitive: z.boolean().default(false),
  /** Texts the pattern must match: kept with the data, checked on load (for the built-in library, by the build) and by the test suite. */
  examples: z.array(z.string().min(1)).default([]),
  /** Texts the pattern must not match (the near misses it was written to avoid). */
  counterExamples: z.array(z.string().min(1)).default([]),
});

/** Checks a pattern's own examples and counter-examples; a pattern that contradicts them is invalid data. */
function checkExamples(spec: z.output<typeof PatternObject>, context: z.RefinementCtx): void {
  let regex: RegExp;
  try {
    regex = new RegExp(patternSource(spec.pattern), spec.caseSensitive ? '' : 'i');
  } catch {
    return; // reported by PatternSource
  }
  for (const example of spec.examples) {
    if (!regex.test(example)) context.addIssue({ code: 'custom', path: ['examples'], message: `/${spec.pattern}/ does not match its example "${example}"` });
  }
  for (const counter of spec.counterExamples) {
    if (regex.test(counter))
      context.addIssue({ code: 'custom', path: ['counterExamples'], message: `/${spec.pattern}/ matches its counter-example "${counter}"` });
  }
}

/**
 * A pattern as data: a string, or `{ "pattern", "caseSensitive", "examples", "counterExamples" }`.
 * Examples travel with the pattern so that a change that breaks one is caught where it is made.
 */
export const Pattern = z.preprocess((value) => (typeof value === 'string' ? { pattern: value } : value), PatternObject.superRefine(checkExamples));
export type Pattern = z.output<typeof Pattern>;

/** The same, with the extra options of a schema that needs them (a watchlist cue's `preamble`). */
export function patternWith<T extends z.ZodRawShape>(extra: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? { pattern: value } : value),
    PatternObject.extend(extra).superRefine((spec, context) => checkExamples(spec as z.output<typeof PatternObject>, context)),
  );
}

/** Compiles a pattern spec. */
export function compileSpec(spec: Pattern): RegExp {
  return compilePattern(spec.pattern, spec.caseSensitive);
}
