import { randomBytes } from 'node:crypto';
import {
  MessagingSettings,
  type MessagingSettingsPatch,
  type MessagingSettingsView,
} from '../../../shared/contract/messaging';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { readSettingRow, writeSettingRow } from '../settings/rows';

const KEY = 'messaging';

/** What the audit log and screens may show: secrets become "set" or not. */
export function viewOf(s: MessagingSettings): MessagingSettingsView {
  return {
    email: s.email ? { ...withoutKey(s.email, 'password'), passwordSet: !!s.email.password } : null,
    sms: s.sms ? { ...withoutKey(s.sms, 'authorization'), authorizationSet: !!s.sms.authorization } : null,
    modem: s.modem,
    whatsapp: s.whatsapp
      ? { ...withoutKey(s.whatsapp, 'accessToken'), accessTokenSet: !!s.whatsapp.accessToken }
      : null,
    quietHours: s.quietHours,
    marketingCap: s.marketingCap,
    replyHookSet: !!s.replyKey,
    publicAddress: s.publicAddress,
  };
}

function withoutKey<T extends object, K extends keyof T>(o: T, k: K): Omit<T, K> {
  const { [k]: _drop, ...rest } = o;
  return rest;
}

/** The shop's channels (SMTP server, SMS gateway) and quiet hours: one row of the settings table. */
export class MessagingSettingsStore {
  private cache: MessagingSettings | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  get(): MessagingSettings {
    if (this.cache) return this.cache;
    this.cache = MessagingSettings.parse(readSettingRow(this.deps.sqlite, KEY) ?? {});
    return this.cache;
  }

  view(): MessagingSettingsView {
    return viewOf(this.get());
  }

  /** The secret of the replies address: the one kept, or a new one when there is none or `renew` (audited). */
  replyKey(actor: Actor, renew: boolean): string {
    const kept = this.get().replyKey;
    if (kept && !renew) return kept;
    const key = randomBytes(24).toString('base64url');
    this.deps.sqlite.transaction(() => {
      writeSettingRow(this.deps.sqlite, KEY, { ...this.get(), replyKey: key }, this.deps.clock.now());
      this.audit.record(actor, {
        action: 'settings.messaging',
        entity: 'settings',
        entityId: KEY,
        note: kept
          ? 'a new address for the SMS gateway’s replies; the old one stops working'
          : 'an address for the SMS gateway’s replies',
      });
    })();
    this.cache = null;
    return key;
  }

  /** A password or gateway key left out of the patch keeps the one already kept. */
  update(actor: Actor, patch: MessagingSettingsPatch): MessagingSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.get();
      const next = MessagingSettings.parse({
        ...before,
        ...(patch.email !== undefined && {
          email: patch.email && {
            ...patch.email,
            password: patch.email.password !== undefined ? patch.email.password : (before.email?.password ?? null),
          },
        }),
        ...(patch.sms !== undefined && {
          sms: patch.sms && {
            ...patch.sms,
            authorization:
              patch.sms.authorization !== undefined ? patch.sms.authorization : (before.sms?.authorization ?? null),
          },
        }),
        ...(patch.modem !== undefined && { modem: patch.modem }),
        ...(patch.whatsapp !== undefined && {
          whatsapp: patch.whatsapp && {
            ...patch.whatsapp,
            accessToken:
              patch.whatsapp.accessToken !== undefined
                ? patch.whatsapp.accessToken
                : (before.whatsapp?.accessToken ?? null),
          },
        }),
        ...(patch.quietHours !== undefined && { quietHours: patch.quietHours }),
        ...(patch.marketingCap !== undefined && { marketingCap: patch.marketingCap }),
        ...(patch.publicAddress !== undefined && { publicAddress: patch.publicAddress?.replace(/\/+$/, '') || null }),
      });
      writeSettingRow(this.deps.sqlite, KEY, next, this.deps.clock.now());
      this.audit.record(actor, {
        action: 'settings.messaging',
        entity: 'settings',
        entityId: KEY,
        before: viewOf(before),
        after: viewOf(next),
      });
      this.cache = null;
      return next;
    })();
  }
}
