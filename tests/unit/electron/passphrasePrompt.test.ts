import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { Channels } from '../../../electron/channels';
import { PassphrasePrompter, type PromptTarget } from '../../../electron/passphrasePrompt';
import type { PassphraseRequest } from '../../../electron/preloadApi';

function fakeWindow() {
  const events = new EventEmitter();
  let destroyed = false;
  const sent: PassphraseRequest[] = [];
  const target: PromptTarget & { sent: PassphraseRequest[]; destroy(): void } = {
    sent,
    send: vi.fn((channel: string, payload: unknown) => {
      expect(channel).toBe(Channels.passphraseRequest);
      sent.push(payload as PassphraseRequest);
    }),
    isDestroyed: () => destroyed,
    once: (event, listener) => events.once(event, listener),
    destroy() {
      destroyed = true;
      events.emit('destroyed');
    },
  };
  return target;
}

describe('PassphrasePrompter', () => {
  it('asks the window and resolves with its answer to that question', async () => {
    const prompter = new PassphrasePrompter();
    const win = fakeWindow();
    const asked = prompter.ask(win, { purpose: 'unlock', fileName: 'dept.radbench', error: null });
    const [request] = win.sent;
    expect(request).toEqual({ id: expect.any(Number), purpose: 'unlock', fileName: 'dept.radbench', error: null });
    expect(prompter.answer(win, request!.id, 'the passphrase')).toBe(true);
    await expect(asked).resolves.toBe('the passphrase');
    // An answer counts once.
    expect(prompter.answer(win, request!.id, 'again')).toBe(false);
  });

  it('ignores answers from another window, to another question, or of the wrong type', async () => {
    const prompter = new PassphrasePrompter();
    const win = fakeWindow();
    const other = fakeWindow();
    const asked = prompter.ask(win, { purpose: 'set', fileName: 'x', error: null });
    const id = win.sent[0]!.id;
    expect(prompter.answer(other, id, 'intruder')).toBe(false);
    expect(prompter.answer(win, id + 1, 'wrong question')).toBe(false);
    expect(prompter.answer(win, String(id), 'not a number')).toBe(false);
    expect(prompter.answer(win, id, 42)).toBe(false);
    expect(prompter.answer(win, id, null)).toBe(true);
    await expect(asked).resolves.toBeNull();
  });

  it('answers null when the window closes, or has none, and a newer question replaces an older one', async () => {
    const prompter = new PassphrasePrompter();
    await expect(prompter.ask(null, { purpose: 'unlock', fileName: 'x', error: null })).resolves.toBeNull();
    const win = fakeWindow();
    const first = prompter.ask(win, { purpose: 'unlock', fileName: 'a', error: null });
    const second = prompter.ask(win, { purpose: 'unlock', fileName: 'b', error: 'That passphrase does not open b.' });
    await expect(first).resolves.toBeNull();
    win.destroy();
    await expect(second).resolves.toBeNull();
    await expect(prompter.ask(win, { purpose: 'unlock', fileName: 'c', error: null })).resolves.toBeNull();
  });
});
