import { describe, expect, it } from 'vitest';
import { insertWord, wordingProblems } from '../../src/renderer/features/messaging/wording';

describe('the template editor’s check of a wording as it is typed', () => {
  it('accepts the words Counterline fills in, spaces inside the braces too', () => {
    expect(wordingProblems('Hello {{firstName}}, you owe {{ balance }} to {{shopName}}.')).toEqual([]);
  });

  it('names each unknown word once', () => {
    expect(wordingProblems('{{fristName}} {{fristName}} {{receiptUrl}}')).toEqual([
      { kind: 'unknown', word: '{{fristName}}' },
      { kind: 'unknown', word: '{{receiptUrl}}' },
    ]);
  });

  it('flags braces left open or closed alone, and a word in single braces', () => {
    expect(wordingProblems('Hello {{firstName}')).toEqual([{ kind: 'broken' }]);
    expect(wordingProblems('Hello firstName}}')).toEqual([{ kind: 'broken' }]);
    expect(wordingProblems('Hello {firstName}')).toEqual([{ kind: 'broken' }]);
    expect(wordingProblems('A price {in braces: 5}')).toEqual([]);
  });

  it('puts a word in place of the selection and the cursor after it', () => {
    expect(insertWord('You owe  now', 'balance', 8, 8)).toEqual({ text: 'You owe {{balance}} now', cursor: 19 });
    expect(insertWord('Hi NAME!', 'firstName', 3, 7)).toEqual({ text: 'Hi {{firstName}}!', cursor: 16 });
  });
});
