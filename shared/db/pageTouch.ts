/**
 * Touching fresh memory pages before SQLite writes them. The first write to a page costs the operating system a
 * fault, which on some machines adds seconds to a large import; a thread that would otherwise wait can take
 * that cost instead.
 */
export const PAGE_BYTES = 4096;

/** The part of a database image, in memory another thread can reach, that SQLite has not written yet. */
export interface SharedHeadroom {
  buffer: SharedArrayBuffer;
  /** The first byte of headroom (the database's pages come before it). */
  from: number;
}

/**
 * Touches a shared image's pages from `next`, at most `bytes` of them; returns where it stopped. Each touch is an
 * atomic add of zero: it changes nothing, even while the thread that runs SQLite writes the same page.
 */
export function touchSharedPages(words: Int32Array, next: number, bytes: number): number {
  const until = Math.min(words.length * 4, next + bytes);
  let at = Math.ceil(next / PAGE_BYTES) * PAGE_BYTES;
  for (; at < until; at += PAGE_BYTES) Atomics.add(words, at >> 2, 0);
  return Math.max(next, Math.min(at, words.length * 4));
}
