/**
 * Canonical provider names. One name joins ledger suppliers ("MEDICA REPORTING LTD", "Medica Reporting Ltd
 * (Medica Group)") to the RIS outsourcing-provider column ("Medica"). Matching is deliberately narrow: an exact
 * normalised alias, or a supplier that starts with an alias at a word boundary; never a loose "contains", so
 * "Alliance Healthcare (Distribution) Ltd" can never become Alliance Medical.
 */
import seed from '../../resources/providers/aliases.json';

export interface ProviderAlias {
  alias: string;
  provider: string;
}

/** The aliases shipped in resources/providers/aliases.json. */
export const seedAliases: readonly ProviderAlias[] = seed.aliases;

/** Trailing words that do not tell one supplier from another. */
const SUFFIX_NOISE = new Set(['LTD', 'LLP', 'PLC', 'GROUP', 'UK', 'LLC', 'INC']);

/** Aliases shorter than this (acronyms such as TMC or RRO) match only a whole supplier name. */
export const MIN_PREFIX_ALIAS = 5;

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/['’`]/g, '')
    .split(/[^A-Z0-9]+/)
    .filter((t) => t !== '');
}

function tokens(name: string): string[] {
  const upper = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/['’`]/g, '');
  const split = (s: string): string[] => s.split(/[^A-Z0-9]+/).filter((t) => t !== '');
  // Bracketed parts are trading names or divisions: "(Medica Group)", "(TMC)", "(Distribution )".
  let words = split(upper.replace(/\([^)]*\)?|\[[^\]]*\]?/g, ' '));
  if (words.length === 0) words = split(upper);
  words = words.map((w) => (w === 'LIMITED' ? 'LTD' : w));
  if (words.length > 1 && words[0] === 'THE') words = words.slice(1);
  let end = words.length;
  while (end > 1 && SUFFIX_NOISE.has(words[end - 1]!)) end--;
  return words.slice(0, end);
}

/**
 * The matching form of a supplier or provider name: upper case, accents and punctuation removed, '&' as AND,
 * bracketed parts dropped, LIMITED read as LTD, a leading THE and trailing LTD/LLP/PLC/GROUP/UK dropped.
 * "Medica Reporting Ltd (Medica Group)" → "MEDICA REPORTING".
 */
export function normaliseSupplier(name: string): string {
  return tokens(name).join(' ');
}

interface PrefixEntry {
  key: string;
  provider: string;
}

/** A prepared alias table; resolve() caches by supplier name, since ledgers repeat suppliers. */
export class ProviderIndex {
  private readonly exact = new Map<string, string>();
  private readonly prefixes: PrefixEntry[] = [];
  private readonly cache = new Map<string, string | null>();
  /** Keys that may be found inside a description, by their length in characters. */
  private readonly mentionKeys = new Map<string, string>();
  private longestMention = 0;

  constructor(aliases: readonly ProviderAlias[]) {
    for (const { alias, provider } of aliases) {
      const canonical = provider.trim();
      const key = tokens(alias).join('');
      if (!key || !canonical || this.exact.has(key)) continue;
      this.exact.set(key, canonical);
      if (key.length >= MIN_PREFIX_ALIAS) {
        this.prefixes.push({ key, provider: canonical });
        this.mentionKeys.set(key, canonical);
        this.longestMention = Math.max(this.longestMention, key.length);
      }
    }
    // Longest alias first, then by key, so the most specific alias wins and the order never matters.
    this.prefixes.sort((a, b) => b.key.length - a.key.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  resolve(name: string | null | undefined): string | null {
    if (!name) return null;
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const result = this.lookup(name);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(name, result);
    return result;
  }

  /**
   * The provider a description names, as whole words ("Accrual - Medica Oct-23" → Medica): for journals that have
   * no supplier, such as accruals and their reversals. Acronyms are not looked for; the longest, earliest name wins.
   */
  mentionedIn(text: string | null | undefined): string | null {
    if (!text || this.mentionKeys.size === 0) return null;
    const w = words(text);
    let best: { at: number; length: number; provider: string } | null = null;
    for (let i = 0; i < w.length; i++) {
      let run = '';
      for (let j = i; j < w.length && run.length < this.longestMention; j++) {
        run += w[j];
        const provider = this.mentionKeys.get(run);
        if (provider !== undefined && (!best || run.length > best.length)) best = { at: i, length: run.length, provider };
      }
      if (best) return best.provider;
    }
    return null;
  }

  private lookup(name: string): string | null {
    const words = tokens(name);
    // Spacing is ignored ("4 WAYS" = "4WAYS"), but a prefix must end where a word ends.
    const compact = words.join('');
    if (!compact) return null;
    const exact = this.exact.get(compact);
    if (exact !== undefined) return exact;
    const boundaries = new Set<number>();
    let at = 0;
    for (const w of words) boundaries.add((at += w.length));
    for (const p of this.prefixes) {
      if (p.key.length < compact.length && boundaries.has(p.key.length) && compact.startsWith(p.key)) return p.provider;
    }
    return null;
  }
}

/** A ledger line's provider: from its supplier; for a line without one (a journal), from its description. */
export function lineProvider(index: ProviderIndex, supplier: string | null, narrative: string | null): string | null {
  return supplier && supplier.trim() ? index.resolve(supplier) : index.mentionedIn(narrative);
}

/** The canonical provider for a supplier or RIS provider name, or null when no alias matches. */
export function resolveProvider(name: string | null | undefined, aliases: readonly ProviderAlias[] | ProviderIndex): string | null {
  const index = aliases instanceof ProviderIndex ? aliases : new ProviderIndex(aliases);
  return index.resolve(name);
}
