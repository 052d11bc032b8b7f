import { describe, expect, it } from 'vitest';
import { checkDecideRequest, DecisionError, isLocked, MAX_NOTE_LENGTH } from '../../../shared/reconcile/decisions';

describe('decision requests', () => {
  it('need a known decision and at least one line', () => {
    expect(() => checkDecideRequest({ keys: [], decision: 'accepted' })).toThrow(DecisionError);
    expect(() => checkDecideRequest({ keys: ['k'], decision: 'maybe' as never })).toThrow(/not a decision/);
  });

  it('need a note to dispute, and keep notes within bounds', () => {
    expect(() => checkDecideRequest({ keys: ['k'], decision: 'disputed' })).toThrow(/needs a note/);
    expect(() => checkDecideRequest({ keys: ['k'], decision: 'disputed', note: '   ' })).toThrow(/needs a note/);
    expect(() => checkDecideRequest({ keys: ['k'], decision: 'accepted', note: 'x'.repeat(MAX_NOTE_LENGTH + 1) })).toThrow(/longer than/);
    expect(checkDecideRequest({ keys: ['k', 'k', ''], decision: 'disputed', note: '  Not ours  ' })).toEqual({ keys: ['k'], decision: 'disputed', note: 'Not ours' });
  });

  it('lock a line when accepted or resolved only', () => {
    expect(['accepted', 'resolved'].map((d) => isLocked(d as never))).toEqual([true, true]);
    expect(['open', 'disputed', null, undefined].map((d) => isLocked(d as never))).toEqual([false, false, false, false]);
  });
});
