import { z } from 'zod';

/*
 * The words the report, the watchlist's severity rules and the pages share, defined once: a
 * verdict, a severity and an exposure level mean the same wherever they appear.
 */

export const Verdict = z.enum(['missing', 'weak', 'adequate']);
export type Verdict = z.infer<typeof Verdict>;

export const Severity = z.enum(['low', 'medium', 'high']);
export type Severity = z.infer<typeof Severity>;

export const ExposureLevel = z
  .enum(['high', 'medium', 'low', 'none'])
  .describe(
    'high: a watchlisted material named and a country that controls it named as its origin or place of supply, with the control in force on the analysis date; medium: a watchlisted material named, or origin or supply in a country that controls critical materials; low: such a country named only as a party, the governing law or in passing; none: nothing.',
  );
export type ExposureLevel = z.infer<typeof ExposureLevel>;
