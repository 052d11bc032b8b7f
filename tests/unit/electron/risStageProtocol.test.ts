import { describe, expect, it } from 'vitest';
import { EXAM_REPEATING_COLUMNS, EXAM_VALUES_PER_ROW, type ExamValue } from '../../../shared/engine/risStage';
import { ValueDictionary, reviveError, serialiseError } from '../../../electron/node/risStageProtocol';
import { ImportError } from '../../../shared/io/types';

/** One examination's values: every column a distinct text unless given, the source row a number. */
function row(n: number, repeated: string | null): ExamValue[] {
  return Array.from({ length: EXAM_VALUES_PER_ROW }, (_, column) =>
    column === EXAM_VALUES_PER_ROW - 1 ? n : EXAM_REPEATING_COLUMNS.includes(column) ? repeated : `unique ${n}:${column}`,
  );
}

describe('ValueDictionary', () => {
  it('sends each repeating value once and gives back exactly the values it was given, across batches', () => {
    const sender = new ValueDictionary();
    const receiver = new ValueDictionary();
    const batches = [
      [[...row(1, 'XR'), ...row(2, 'XR')], [...row(3, null)]],
      [[...row(4, 'XR'), ...row(5, 'CT'), ...row(6, 'Dr O’Brien, Ünal')]],
    ];
    const added: string[][] = [];
    for (const chunks of batches) {
      const original = structuredClone(chunks);
      added.push(sender.encode(chunks));
      // In transit only the repeating columns are codes; unique values and nulls cross as they are.
      chunks.flat().forEach((value, i) => {
        const repeating = EXAM_REPEATING_COLUMNS.includes(i % EXAM_VALUES_PER_ROW);
        if (repeating && value !== null) expect(typeof value).toBe('number');
        else expect(value).toBe(original.flat()[i]);
      });
      const received = structuredClone(chunks);
      receiver.decode(received, added.at(-1)!);
      expect(received).toEqual(original);
    }
    expect(added).toEqual([['XR'], ['CT', 'Dr O’Brien, Ünal']]);
  });
});

describe('worker errors', () => {
  it('cross as the same ImportError (code, file, message, details) or as a plain error', () => {
    const revived = reviveError(serialiseError(new ImportError('binary', 'x.csv', 'x.csv is not text.', { offset: 12 })));
    expect(revived).toBeInstanceOf(ImportError);
    expect(revived).toMatchObject({ code: 'binary', file: 'x.csv', message: 'x.csv is not text.', details: { offset: 12 } });
    const plain = reviveError(serialiseError(new Error('disk gone')));
    expect(plain).not.toBeInstanceOf(ImportError);
    expect(plain.message).toBe('disk gone');
  });
});
