import { stmt } from '../db/statements';
import type { Deps } from './deps';

/** Document kinds and the letter their numbers start with. */
export const DOCUMENT_PREFIXES = { sale: 'S', refund: 'R', payment: 'P' } as const;
export type DocumentKind = keyof typeof DOCUMENT_PREFIXES;

/**
 * The next human document number of this till (`S-000123`; a second till's prefix goes in front, `B-S-000001`).
 * Call inside the transaction that writes the document, so a rolled-back sale gives its number back.
 */
export function nextDocumentNumber(deps: Deps, kind: DocumentKind): string {
  const tillId = deps.tillId();
  const { last } = stmt(
    deps.sqlite,
    `INSERT INTO document_counters (till_id, kind, last) VALUES (?, ?, 1)
       ON CONFLICT (till_id, kind) DO UPDATE SET last = last + 1 RETURNING last`,
  ).get(tillId, kind) as { last: number };
  const { prefix } = stmt(deps.sqlite, 'SELECT prefix FROM tills WHERE id = ?').get(tillId) as { prefix: string };
  return `${prefix ? `${prefix}-` : ''}${DOCUMENT_PREFIXES[kind]}-${String(last).padStart(6, '0')}`;
}
