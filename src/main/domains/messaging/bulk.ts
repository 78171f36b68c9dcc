import type {
  BulkPreview,
  BulkQuery,
  MessageBatch,
  MessageChannel,
  MessageLanguage,
} from '../../../shared/contract/messaging';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { NOT_OPTED_IN, quietUntil, refusal } from './consent';
import type { Outbox } from './outbox';
import { capWords, type MessagingService, RECIPIENT_COLUMNS, type Recipient } from './service';
import { languageFor, MARKETING } from './templates';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LEFT_OUT_SHOWN = 200;

interface Planned {
  c: Recipient;
  channel: Exclude<MessageChannel, 'whatsapp'>;
  to: string;
}

interface BatchRow {
  id: string;
  template: string;
  channel: MessageBatch['channel'];
  status: MessageBatch['status'];
  total: number;
  intervalMs: number;
  createdAt: number;
}

/**
 * One template to a list of customers (a segment, a debtors list, this month's birthdays): who gets it on which channel
 * and who is left out and why, then every message a row of the outbox in one transaction, due one after another at a
 * gentle rate. The outbox sends them like any other message; a paused batch's messages wait, a cancelled one's never go.
 */
export class BulkSends {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private messaging: MessagingService,
    private outbox: Outbox,
  ) {}

  private plan(q: BulkQuery): {
    planned: Planned[];
    leftOut: Array<{ customerId: string; name: string; reason: string }>;
  } {
    const ids = [...new Set(q.customerIds)];
    const found = stmt(
      this.deps.sqlite,
      `SELECT ${RECIPIENT_COLUMNS} FROM customers WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as Recipient[];
    const byId = new Map(found.map((c) => [c.id, c]));
    const marketing = MARKETING[q.template];
    const cap = marketing ? this.messaging.settings.get().marketingCap : null;
    const recent = new Map<string, number>();
    if (cap)
      for (const r of stmt(
        this.deps.sqlite,
        `SELECT customer_id AS id, count(*) AS n FROM outbox
         WHERE customer_id IN (SELECT value FROM json_each(?)) AND marketing = 1
           AND status IN ('queued', 'sending', 'sent') AND created_at >= ?
         GROUP BY customer_id`,
      ).all(JSON.stringify(ids), this.deps.clock.now() - cap.days * 86_400_000) as Array<{ id: string; n: number }>)
        recent.set(r.id, r.n);
    const planned: Planned[] = [];
    const leftOut: Array<{ customerId: string; name: string; reason: string }> = [];
    for (const id of ids) {
      const c = byId.get(id);
      if (!c) {
        leftOut.push({ customerId: id, name: '?', reason: 'is not a customer of this shop (any more)' });
        continue;
      }
      const out = (reason: string) => leftOut.push({ customerId: id, name: c.name, reason });
      if (c.status === 'merged') {
        out('was merged into another customer');
        continue;
      }
      const choice = this.channelFor(c, q.channel, marketing);
      if (typeof choice === 'string') {
        out(choice);
        continue;
      }
      if (cap && (recent.get(id) ?? 0) >= cap.messages) {
        out(capWords('', cap).trim());
        continue;
      }
      planned.push({ c, ...choice });
    }
    return { planned, leftOut };
  }

  /** The channel and address for one customer, or why none may be used (in words, without their name). */
  private channelFor(
    c: Recipient,
    wanted: BulkQuery['channel'],
    marketing: boolean,
  ): { channel: 'email' | 'sms'; to: string } | string {
    const consent = {
      consentEmail: !!c.consentEmail,
      consentSms: !!c.consentSms,
      consentWhatsapp: !!c.consentWhatsapp,
      marketingOptIn: !!c.marketingOptIn,
    };
    const tryChannel = (channel: 'email' | 'sms') => {
      const why = refusal('', consent, channel, marketing);
      if (why) return why.trim();
      const to = channel === 'email' ? c.email : c.phone;
      if (!to || (channel === 'email' ? !EMAIL.test(to) : to.replace(/\D/g, '').length < 8))
        return channel === 'email' ? 'has no e-mail address on their record' : 'has no phone number on their record';
      return { channel, to };
    };
    if (wanted !== 'best') return tryChannel(wanted);
    if (marketing && !consent.marketingOptIn) return NOT_OPTED_IN;
    const email = tryChannel('email');
    if (typeof email !== 'string') return email;
    const sms = tryChannel('sms');
    return typeof sms !== 'string' ? sms : 'has agreed to neither e-mail nor SMS, or has no address for them';
  }

  preview(q: BulkQuery): BulkPreview {
    const { planned, leftOut } = this.plan(q);
    const reasons = new Map<string, number>();
    for (const l of leftOut) reasons.set(l.reason, (reasons.get(l.reason) ?? 0) + 1);
    return {
      total: planned.length,
      willSend: {
        email: planned.filter((p) => p.channel === 'email').length,
        sms: planned.filter((p) => p.channel === 'sms').length,
      },
      leftOutCount: leftOut.length,
      reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      leftOut: leftOut.slice(0, LEFT_OUT_SHOWN),
    };
  }

  send(actor: Actor, input: BulkQuery & { idempotencyKey: string; perMinute: number }): MessageBatch {
    const id = this.deps.sqlite.transaction(() => {
      const existing = stmt(this.deps.sqlite, 'SELECT id FROM message_batches WHERE idempotency_key = ?').get(
        input.idempotencyKey,
      ) as { id: string } | undefined;
      if (existing) return existing.id;
      const { planned, leftOut } = this.plan(input);
      if (planned.length === 0)
        throw new AppError(
          'VALIDATION',
          `Nobody on this list can get this message: ${leftOut[0]?.name ?? ''} ${leftOut[0]?.reason ?? ''}.`.trim(),
        );
      const batchId = this.deps.newId();
      const now = this.deps.clock.now();
      const interval = Math.ceil(60_000 / input.perMinute);
      const marketing = MARKETING[input.template];
      const shop = this.messaging.shop();
      // marketing starts when quiet hours end; the rest start now; then one message every interval
      const start =
        (marketing && quietUntil(now, shop.timeZone, this.messaging.settings.get().quietHours)) || this.outbox.now();
      stmt(
        this.deps.sqlite,
        `INSERT INTO message_batches (id, idempotency_key, template, channel, status, total, interval_ms, created_at,
           created_by, updated_at) VALUES (?, ?, ?, ?, 'sending', ?, ?, ?, ?, ?)`,
      ).run(batchId, input.idempotencyKey, input.template, input.channel, planned.length, interval, now, actor.id, now);
      const wordings = new Map<MessageLanguage, { subject: string; body: string }>();
      planned.forEach((p, i) => {
        const lang = languageFor(p.c.language, shop.language);
        let wording = wordings.get(lang);
        if (!wording) {
          wording = this.messaging.wording(input.template, lang);
          wordings.set(lang, wording);
        }
        const text = this.messaging.fillFor(p.c, wording);
        this.outbox.enqueue({
          idempotencyKey: `bulk:${batchId}:${p.c.id}`,
          customerId: p.c.id,
          channel: p.channel,
          to: p.to,
          template: input.template,
          marketing,
          subject: text.subject,
          body: text.body,
          templateValues: { language: lang, params: text.params },
          notBefore: start + i * interval,
          attachments: [],
          createdBy: actor.id,
          batchId,
        });
      });
      this.audit.record(actor, {
        action: 'message.bulk',
        entity: 'message_batch',
        entityId: batchId,
        after: {
          template: input.template,
          channel: input.channel,
          queued: planned.length,
          leftOut: leftOut.length,
          perMinute: input.perMinute,
        },
      });
      return batchId;
    })();
    this.outbox.wake();
    return this.batch(id);
  }

  batch(id: string): MessageBatch {
    const b = stmt(
      this.deps.sqlite,
      `SELECT id, template, channel, status, total, interval_ms AS intervalMs, created_at AS createdAt
       FROM message_batches WHERE id = ?`,
    ).get(id) as BatchRow | undefined;
    if (!b) throw new AppError('NOT_FOUND', 'That bulk send was not found.', { id });
    const counts = { queued: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
    for (const r of stmt(
      this.deps.sqlite,
      'SELECT status, count(*) AS n FROM outbox WHERE batch_id = ? GROUP BY status',
    ).all(id) as Array<{ status: keyof typeof counts; n: number }>)
      counts[r.status] = r.n;
    return {
      id: b.id,
      template: b.template,
      channel: b.channel,
      status: b.status,
      total: b.total,
      ...counts,
      perMinute: Math.round(60_000 / b.intervalMs),
      createdAt: b.createdAt,
    };
  }

  list(): MessageBatch[] {
    return (
      stmt(
        this.deps.sqlite,
        'SELECT id FROM message_batches ORDER BY created_at DESC, id DESC LIMIT 50',
      ).all() as Array<{
        id: string;
      }>
    ).map((r) => this.batch(r.id));
  }

  /**
   * Pause holds the batch's waiting messages; resume spaces them out again from now at the batch's rate (so a long
   * pause does not end in a burst); cancel cancels every message not yet handed over. Each is audited.
   */
  set(actor: Actor, id: string, action: 'pause' | 'resume' | 'cancel'): MessageBatch {
    this.deps.sqlite.transaction(() => {
      const before = this.batch(id);
      if (before.status === 'cancelled') throw new AppError('CONFLICT', 'This bulk send was cancelled already.');
      const now = this.deps.clock.now();
      const due = this.outbox.now();
      const status = action === 'pause' ? 'paused' : action === 'resume' ? 'sending' : 'cancelled';
      stmt(this.deps.sqlite, 'UPDATE message_batches SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
      if (action === 'cancel')
        stmt(
          this.deps.sqlite,
          "UPDATE outbox SET status = 'cancelled', updated_at = ? WHERE batch_id = ? AND status = 'queued'",
        ).run(now, id);
      if (action === 'resume')
        stmt(
          this.deps.sqlite,
          `UPDATE outbox SET next_attempt_at = :due + r.k * :interval, updated_at = :now
           FROM (SELECT id, row_number() OVER (ORDER BY next_attempt_at, id) - 1 AS k FROM outbox
                 WHERE batch_id = :id AND status = 'queued') AS r
           WHERE outbox.id = r.id`,
        ).run({ now, due, interval: Math.ceil(60_000 / before.perMinute), id });
      this.audit.record(actor, {
        action: `message.bulk.${action}`,
        entity: 'message_batch',
        entityId: id,
        before: { status: before.status, queued: before.queued },
        after: { status },
      });
    })();
    this.outbox.wake();
    return this.batch(id);
  }
}
