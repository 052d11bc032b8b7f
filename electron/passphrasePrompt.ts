/**
 * Main asks the page for a passphrase: Electron has no native text-entry dialog, so the page shows its
 * own (PassphraseDialog.vue) and answers through window.radbench.answerPassphrase. Only the window that
 * was asked can answer, and only the question it was asked; a closed window answers "cancelled".
 * The passphrase passes straight on to the engine host: it is neither kept here nor logged.
 */
import { Channels } from './channels';
import type { PassphraseRequest } from './preloadApi';

/** The parts of a WebContents used here (tests pass fakes). */
export interface PromptTarget {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

interface Pending {
  target: PromptTarget;
  resolve: (passphrase: string | null) => void;
}

export class PassphrasePrompter {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Shows the page's dialog and resolves with the passphrase, or null when cancelled or the window went away. */
  ask(target: PromptTarget | null, request: Omit<PassphraseRequest, 'id'>): Promise<string | null> {
    if (!target || target.isDestroyed()) return Promise.resolve(null);
    // One question per window at a time: a newer one replaces (cancels) the older.
    for (const [id, p] of this.pending) {
      if (p.target === target) this.settle(id, null);
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { target, resolve });
      target.once('destroyed', () => this.settle(id, null));
      target.send(Channels.passphraseRequest, { ...request, id } satisfies PassphraseRequest);
    });
  }

  /** The page's answer. False (and nothing happens) unless `from` is the window that was asked this question. */
  answer(from: PromptTarget, id: unknown, passphrase: unknown): boolean {
    if (typeof id !== 'number') return false;
    const p = this.pending.get(id);
    if (!p || p.target !== from) return false;
    if (passphrase !== null && typeof passphrase !== 'string') return false;
    this.settle(id, passphrase);
    return true;
  }

  private settle(id: number, passphrase: string | null): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.resolve(passphrase);
  }
}
