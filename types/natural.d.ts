// `natural` ships types per directory only; the root import loads database drivers, so the
// analyzer imports single files and declares just what it uses.
declare module 'natural/lib/natural/tfidf/tfidf.js' {
  export default class TfIdf {
    constructor();
    addDocument(document: string | string[] | Record<string, number>, key?: unknown): void;
    tfidf(term: string, documentIndex: number): number;
    idf(term: string): number;
    documents: Array<Record<string, number>>;
  }
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  export class WordTokenizer {
    tokenize(text: string): string[];
  }
  export class RegexpTokenizer {
    constructor(options: { pattern: RegExp; gaps?: boolean });
    /** With `gaps: false` this is `text.match(pattern)`: null when nothing matches. */
    tokenize(text: string): string[] | null;
  }
}
