/** The analyzer version recorded in every report; kept in step with package.json by a test. */
export const ANALYZER_VERSION = '0.1.0';
