/**
 * Provider names in statements and tariffs: resolved through the provider aliases (so "MEDICA REPORTING LTD"
 * and "Medica" are one provider), and, for a file without a provider column, read from its name or title rows.
 */
import type { ProviderIndex } from '../finance/providers';

/** The canonical provider for a name: its alias's provider, else the name as written (spaces tidied). */
export function canonicalProvider(index: ProviderIndex, name: string): string {
  const tidy = name.trim().replace(/\s+/g, ' ');
  return index.resolve(tidy) ?? tidy;
}

/** Whether a name is a known provider (an alias matches it). */
export function isKnownProvider(index: ProviderIndex, name: string): boolean {
  return index.resolve(name.trim()) !== null;
}

/**
 * The provider a file names: in its file name ("Medica statement Oct-25.csv") or, failing that, in the title rows
 * above its header ("Everlight Radiology — activity statement"). Only aliases of five or more characters are
 * looked for, as whole words, so an acronym in a file name is never taken for a provider.
 */
export function providerNamedIn(index: ProviderIndex, texts: readonly string[]): string | null {
  for (const text of texts) {
    const found = index.mentionedIn(text.replace(/\.[a-z0-9]{2,4}$/i, ''));
    if (found) return found;
  }
  return null;
}
