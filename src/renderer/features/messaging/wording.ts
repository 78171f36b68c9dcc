import { PLACEHOLDERS, type Placeholder } from '../../../shared/contract/messaging';

export type WordingProblem = { kind: 'unknown'; word: string } | { kind: 'broken' };

const WORD = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/**
 * What is wrong with a wording before it is saved, as the editor says it while typing: a `{{word}}` Counterline
 * cannot fill (the main process refuses it too), and braces left open or a `{word}` with single braces, which would
 * reach the customer as they were typed.
 */
export function wordingProblems(text: string): WordingProblem[] {
  const out: WordingProblem[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const word = m[1] as string;
    if (!(PLACEHOLDERS as readonly string[]).includes(word) && !seen.has(word)) {
      seen.add(word);
      out.push({ kind: 'unknown', word: `{{${word}}}` });
    }
  }
  const rest = text.replace(WORD, '');
  if (/\{\{|\}\}|\{\s*[A-Za-z]+\s*\}/.test(rest)) out.push({ kind: 'broken' });
  return out;
}

/** `text` with `{{word}}` put in place of the selection `start`..`end`, and where the cursor goes after it. */
export function insertWord(text: string, word: Placeholder, start: number, end: number) {
  const token = `{{${word}}}`;
  return { text: text.slice(0, start) + token + text.slice(end), cursor: start + token.length };
}
