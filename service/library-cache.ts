import type { S3Client } from '@aws-sdk/client-s3';
import type { ClausewatchError } from '../lib/errors.js';
import { loadDefaultLibrary, parseLibraryJson } from '../lib/library/load.js';
import type { ClauseLibrary } from '../lib/library/schema.js';
import { getObject } from './storage.js';

export type LoadedLibrary = { library: ClauseLibrary; source: string } | { error: ClausewatchError; source: string };

/**
 * The clause library in use: a custom library stored in the bucket overrides the built-in one.
 * It is re-read at most every `ttlSeconds`, so a new library applies without a redeploy.
 */
export class LibraryCache {
  private cached: { value: LoadedLibrary; loadedAt: number } | undefined;

  constructor(
    private readonly s3: S3Client,
    private readonly key: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(bucket: string): Promise<LoadedLibrary> {
    if (this.cached && this.now() - this.cached.loadedAt < this.ttlSeconds * 1000) return this.cached.value;
    const stored = await getObject(this.s3, bucket, this.key);
    let value: LoadedLibrary;
    if (!stored) {
      value = { library: loadDefaultLibrary(), source: 'built-in' };
    } else {
      const source = `s3://${bucket}/${this.key}`;
      try {
        value = { library: parseLibraryJson(new TextDecoder().decode(stored.bytes), `custom clause library ${source}`), source };
      } catch (error) {
        value = { error: error as ClausewatchError, source };
      }
    }
    this.cached = { value, loadedAt: this.now() };
    return value;
  }
}
