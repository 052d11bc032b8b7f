/**
 * Provider names in statements and tariffs: resolved through the provider aliases (so "MEDICA REPORTING LTD"
 * and "Medica" are one provider), and, for a file without a provider column, read from its name or title rows.
 */
import type { ProviderIndex } from '../finance/providers';
import type { MappedColumns } from '../ingest/mappedColumns';
import type { RowIssue } from '../model';

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

/**
 * Each line's provider in a statement or tariff: its provider column through the aliases, else the provider the
 * file name or title gives, else an error. An unknown name, and the fallback to the file's provider, are each
 * said once per file rather than on every line.
 */
export class LineProviders {
  private readonly warned = new Set<string>();

  constructor(
    private readonly index: ProviderIndex,
    private readonly fileProvider: string | null,
    private readonly fields: MappedColumns,
    private readonly hasColumn: boolean,
  ) {}

  /** The provider for a line whose provider cell reads `raw` ('' when empty). */
  read(raw: string, rowNumber: number, issues: RowIssue[]): string | null {
    if (raw) {
      const provider = canonicalProvider(this.index, raw);
      if (!isKnownProvider(this.index, raw) && !this.warned.has(provider)) {
        this.warned.add(provider);
        issues.push(this.fields.issue(rowNumber, 'provider', raw, 'not a known provider name: kept as written (add a provider alias if it is another name for a known provider)', 'warning'));
      }
      return provider;
    }
    if (this.fileProvider) {
      if (this.hasColumn && !this.warned.has('')) {
        // Said once: the importer has already said so when the file has no provider column at all.
        this.warned.add('');
        issues.push(this.fields.issue(rowNumber, 'provider', '', `the provider is empty: taken as ${this.fileProvider}, as the file name or title says (and for any other empty provider)`, 'warning'));
      }
      return this.fileProvider;
    }
    issues.push(this.fields.issue(rowNumber, 'provider', '', 'the provider is empty, and the file name does not name one'));
    return null;
  }
}
