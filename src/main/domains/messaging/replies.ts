import type { ReplyOutcome } from '../../../shared/contract/messaging';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import { toE164 } from '../customers/normalise';
import type { Deps } from '../deps';

/**
 * Words that ask to stop, as people reply them to a shop's SMS: the carriers' English keywords, Indonesian
 * (berhenti, stop) and Kiswahili (acha, sitisha, simamisha). Only the reply's first word counts, so "stop by the shop
 * later" would stop too; a shop would rather lose one customer's SMS than message someone who asked it not to.
 */
const STOP_WORDS = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'UNSUB',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'REVOKE',
  'BERHENTI',
  'UNREG',
  'ACHA',
  'SITISHA',
  'SIMAMISHA',
]);

export function asksToStop(text: string): boolean {
  const first = text
    .trim()
    .split(/\s+/)[0]
    ?.toUpperCase()
    .replace(/[^A-Z]/g, '');
  return !!first && STOP_WORDS.has(first);
}

/**
 * A reply from a customer's phone. STOP (or its words) withdraws that number's customers' consent to SMS, cancels the
 * SMS waiting for them, and is audited with the reply; other replies change nothing and are only matched to customers.
 */
export function receiveReply(
  deps: Deps,
  audit: AuditService,
  actor: Actor,
  country: string,
  reply: { from: string; text: string },
): ReplyOutcome {
  const e164 = reply.from.startsWith('+') ? reply.from.replace(/[^\d+]/g, '') : toE164(reply.from, country);
  const customers = e164
    ? (stmt(
        deps.sqlite,
        `SELECT id, display_name AS name, consent_sms AS consentSms FROM customers
         WHERE phone_primary_e164 = ? AND status != 'merged' ORDER BY id`,
      ).all(e164) as Array<{ id: string; name: string; consentSms: number }>)
    : [];
  const stop = asksToStop(reply.text);
  if (stop)
    deps.sqlite.transaction(() => {
      const now = deps.clock.now();
      for (const c of customers) {
        stmt(deps.sqlite, 'UPDATE customers SET consent_sms = 0, updated_at = ? WHERE id = ?').run(now, c.id);
        const cancelled = stmt(
          deps.sqlite,
          `UPDATE outbox SET status = 'cancelled', last_error = 'The customer replied STOP.', updated_at = ?
           WHERE customer_id = ? AND channel = 'sms' AND status = 'queued'`,
        ).run(now, c.id).changes;
        audit.record(actor, {
          action: 'consent.withdraw',
          entity: 'customer',
          entityId: c.id,
          before: { consentSms: !!c.consentSms },
          after: { consentSms: false },
          note: `replied "${reply.text.trim().slice(0, 60)}" by SMS from ${e164}; ${cancelled} waiting SMS cancelled`,
        });
      }
    })();
  return { stop, customers: customers.map(({ id, name }) => ({ id, name })) };
}

/**
 * A reply an SMS gateway posts to the shop: Africa's Talking's incoming-message callback (form fields `from`, `text`),
 * Twilio's (`From`, `Body`), or JSON with `from` and `text`. Null when the body holds no sender and text.
 */
export function parseGatewayReply(body: string, contentType: string): { from: string; text: string } | null {
  let fields: Record<string, unknown>;
  if (/json/i.test(contentType)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (!parsed || typeof parsed !== 'object') return null;
      fields = parsed as Record<string, unknown>;
    } catch {
      return null;
    }
  } else fields = Object.fromEntries(new URLSearchParams(body));
  const from = fields.from ?? fields.From;
  const text = fields.text ?? fields.Body ?? fields.message;
  if (typeof from !== 'string' || typeof text !== 'string' || from.trim().length < 3) return null;
  return { from: from.trim().slice(0, 40), text: text.slice(0, 2000) };
}
