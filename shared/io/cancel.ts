import { ImportError } from './types';

/** Throws the import's 'cancelled' error once the caller has aborted. Readers call it between chunks. */
export function throwIfAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new ImportError('cancelled', file, `Reading ${file} was cancelled.`);
}
