// @vitest-environment happy-dom
/**
 * The passphrase dialog and the recovery prompt, over generated input: the dialog sends on exactly what was
 * typed when it is acceptable and nothing otherwise (a new passphrase of at least 8 characters, typed twice
 * the same), and clears it from the page; discarding kept work always takes a second, deliberate click.
 */
import { mount } from '@vue/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import PassphraseDialog from '../../../renderer/components/PassphraseDialog.vue';
import RecoveryPrompt from '../../../renderer/components/RecoveryPrompt.vue';
import type { DesktopRecoveryEntry, PassphraseRequest } from '../../../renderer/platform/host';

const request = (purpose: PassphraseRequest['purpose'], error: string | null = null): PassphraseRequest => ({ id: 7, purpose, fileName: 'dept.radbench', error });

async function submit(purpose: PassphraseRequest['purpose'], typed: string, again = typed) {
  const wrapper = mount(PassphraseDialog, { props: { request: request(purpose) }, attachTo: document.body });
  await wrapper.find('[data-testid="passphrase-input"]').setValue(typed);
  if (purpose === 'set') await wrapper.find('[data-testid="passphrase-confirm"]').setValue(again);
  await wrapper.find('form').trigger('submit');
  const answers = (wrapper.emitted('answer') ?? []).map((a) => a[0]);
  const problem = wrapper.find('[data-testid="passphrase-problem"]');
  const state = { answers, problem: problem.exists() ? problem.text() : null, left: (wrapper.find('[data-testid="passphrase-input"]').element as HTMLInputElement).value };
  wrapper.unmount();
  return state;
}

describe('PassphraseDialog', () => {
  it('protect: sends the passphrase only when it is long enough and typed the same twice, and clears the fields', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), fc.boolean(), async (typed, same) => {
        const again = same ? typed : `${typed}x`;
        const { answers, problem, left } = await submit('set', typed, again);
        if (typed.length >= 8 && same) {
          expect(answers).toEqual([typed]);
          expect(left).toBe('');
          expect(problem).toBeNull();
        } else {
          expect(answers).toEqual([]);
          expect(problem).toMatch(typed.length < 8 ? /at least 8 characters/ : /not the same/);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('open and remove: send any non-empty passphrase as typed, and refuse an empty one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('unlock' as const, 'remove' as const), fc.string({ maxLength: 16 }), async (purpose, typed) => {
        const { answers, problem } = await submit(purpose, typed);
        if (typed.length > 0) expect(answers).toEqual([typed]);
        else {
          expect(answers).toEqual([]);
          expect(problem).toBe('Enter the passphrase.');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('shows why the last passphrase was refused, and Cancel answers null', async () => {
    const wrapper = mount(PassphraseDialog, { props: { request: request('unlock', 'That passphrase does not open dept.radbench.') }, attachTo: document.body });
    expect(wrapper.text()).toContain('Enter the passphrase for dept.radbench');
    expect(wrapper.find('[data-testid="passphrase-problem"]').text()).toBe('That passphrase does not open dept.radbench.');
    await wrapper.find('[data-testid="passphrase-cancel"]').trigger('click');
    expect(wrapper.emitted('answer')).toEqual([[null]]);
    wrapper.unmount();
  });
});

const entry = (i: number, originalPath: string | null, encrypted: boolean): DesktopRecoveryEntry => ({
  id: `17408196000${String(i).padStart(2, '0')}-0123456789ab`,
  originalPath,
  savedAt: '2025-03-01T09:00:00.000Z',
  encrypted,
  bytes: 1_500_000,
});

describe('RecoveryPrompt', () => {
  it('lists every kept copy by file, restores on one click, discards only on a second', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ path: fc.option(fc.constantFrom('/data/dept.radbench', 'C:\\Trust\\CT audit.radbench'), { nil: null }), encrypted: fc.boolean() }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        async (specs, pick) => {
          const entries = specs.map((s, i) => entry(i, s.path, s.encrypted));
          const wrapper = mount(RecoveryPrompt, { props: { entries, open: true }, attachTo: document.body });
          const rows = wrapper.findAll('li.entry');
          expect(rows).toHaveLength(entries.length);
          entries.forEach((e, i) => {
            const text = rows[i]!.text();
            expect(text).toContain(e.originalPath ? e.originalPath.split(/[\\/]/).pop()! : 'Untitled database');
            expect(text.includes('protected with a passphrase')).toBe(e.encrypted);
            expect(text).toContain('1.5 MB');
          });
          const target = pick % entries.length;
          await rows[target]!.find('[data-testid="recovery-discard"]').trigger('click');
          expect(wrapper.emitted('discard')).toBeUndefined();
          expect(rows[target]!.find('[data-testid="recovery-discard"]').text()).toBe('Discard for good');
          await rows[target]!.find('[data-testid="recovery-discard"]').trigger('click');
          expect(wrapper.emitted('discard')).toEqual([[entries[target]!.id]]);
          await rows[target]!.find('[data-testid="recovery-restore"]').trigger('click');
          expect(wrapper.emitted('restore')).toEqual([[entries[target]!.id]]);
          await wrapper.find('[data-testid="recovery-later"]').trigger('click');
          expect(wrapper.emitted('later')).toHaveLength(1);
          wrapper.unmount();
        },
      ),
      { numRuns: 25 },
    );
  });
});
