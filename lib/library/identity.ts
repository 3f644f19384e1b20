/*
 * The library identity a report records. Reports are graded by the clause library AND the
 * exposure watchlist, so the recorded version joins both: "2026.11.3+wl.2026.11.30". A change
 * to either (a new clause library version, or a watchlist update) makes older reports stale for
 * `rescan`. This is the one place the two are joined.
 */

/** The identity of a clause library as reports record it. */
export interface LibraryIdentity {
  id: string;
  version: string;
}

const WATCHLIST_MARK = '+wl.';

/** The clause library's version joined with the watchlist's; a version that already carries a watchlist part gets the current one instead. */
export function recordedLibraryVersion(libraryVersion: string, watchlistVersion: string): string {
  const marker = libraryVersion.indexOf(WATCHLIST_MARK);
  const base = marker >= 0 ? libraryVersion.slice(0, marker) : libraryVersion;
  return `${base}${WATCHLIST_MARK}${watchlistVersion}`;
}

/** The `library` identity a report graded with this clause library and watchlist records. */
export function recordedLibrary(library: LibraryIdentity, watchlist: { version: string }): LibraryIdentity {
  return { id: library.id, version: recordedLibraryVersion(library.version, watchlist.version) };
}
