/**
 * Room for a large import in sql.js's in-memory file. sql.js keeps the file in one array that otherwise grows by
 * 12.5% at a time, copying itself on every growth; a big import then spends more time copying than inserting.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { applyPragmas } from './connection';
import { PAGE_BYTES, type SharedHeadroom } from './pageTouch';

/** Pages touched per timer tick while warming: a few milliseconds of work, so that a reply is never kept waiting. */
const WARM_SLICE_BYTES = 2 * 1024 * 1024;

/**
 * A database image that sql.js may keep rather than copy. sql.js stores a new file's bytes with `slice()`, which
 * copies the whole image and so touches every page of the zeroed headroom at once (on some machines ~3 s a GB);
 * kept as it is, a page is touched only when SQLite first writes it. Any other slice copies as usual.
 */
class OwnedImage extends Uint8Array<ArrayBufferLike> {
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    // sql.js only keeps the bytes; whether they sit in shared memory is nothing to it.
    if ((start ?? 0) === 0 && (end ?? this.length) === this.length) return this as unknown as Uint8Array<ArrayBuffer>;
    return super.slice(start, end);
  }
}

/**
 * Touches the headroom's memory pages before SQLite writes them, while this thread would otherwise wait (for a
 * conversion worker to start). The first write to a fresh page costs the operating system a fault; on some
 * machines that adds seconds to a large import. Each touch writes back the byte it reads, on the thread that
 * runs SQLite and between its calls, so the file's contents never change.
 */
export class HeadroomWarmer {
  private next: number;

  constructor(
    private readonly image: Uint8Array,
    from: number,
  ) {
    this.next = Math.ceil(from / PAGE_BYTES) * PAGE_BYTES;
  }

  /** The headroom as another thread can reach it (to touch its pages there), when the image is shared memory. */
  shared(): SharedHeadroom | null {
    const buffer = this.image.buffer;
    return typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer ? { buffer, from: this.next } : null;
  }

  /** Bytes of headroom not yet touched. */
  get remaining(): number {
    return Math.max(0, this.image.length - this.next);
  }

  /** Touches a slice of pages per timer tick, in file order, until stopped or done; returns the stop. */
  start(): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const step = () => {
      const image = this.image;
      const until = Math.min(image.length, this.next + WARM_SLICE_BYTES);
      for (let at = this.next; at < until; at += PAGE_BYTES) image[at] = image[at]!;
      this.next = until;
      timer = until < image.length ? setTimeout(step, 0) : null;
    };
    timer = setTimeout(step, 0);
    return () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
  }
}

export interface Reopened {
  db: Database;
  /** Null when there was no memory for the headroom. */
  warmer: HeadroomWarmer | null;
}

/**
 * Reopens the database on an image with zeroed headroom after its pages (in shared memory if asked). SQLite trusts the page count in the
 * header, writes new pages into the headroom and truncates the unused rest at commit or rollback, so the saved
 * file is unchanged (tests/unit/db/connection.test.ts checks its integrity).
 */
export function reopenWithHeadroom(SQL: SqlJsStatic, db: Database, extraBytes: number, options: { shared?: boolean } = {}): Reopened {
  const current = db.export();
  let reopened: Reopened;
  try {
    const bytes = current.byteLength + extraBytes;
    // Shared memory when another thread will touch the headroom's pages (see SharedHeadroom).
    const image = new OwnedImage(options.shared && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    image.set(current);
    db.close();
    reopened = { db: new SQL.Database(image), warmer: new HeadroomWarmer(image, current.byteLength) };
  } catch {
    // No memory for the headroom: carry on without it (the import grows the file as it goes), never with a
    // closed database. `current` is the whole database: nothing is uncommitted between imports.
    try {
      db.close();
    } catch {
      // Already closed.
    }
    reopened = { db: new SQL.Database(current), warmer: null };
  }
  applyPragmas(reopened.db);
  return reopened;
}
