import type { SmsGateway } from '../../../../shared/contract/messaging';
import type { SendOutcome } from './outcome';

/** A provider's request for one SMS, and how to read its answer. */
interface Preset {
  request(
    g: SmsGateway,
    m: { to: string; body: string },
  ): { url: string; headers: Record<string, string>; body: string };
  /** the answer, once the status is known; null: fall back to "2xx is sent" */
  read(status: number, json: unknown): SendOutcome | null;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = 'application/x-www-form-urlencoded';
const asRecord = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/**
 * The providers' documented request shapes and answers:
 * - Africa's Talking, POST /version1/messaging (form: username, to, message, from; header apiKey). The answer is
 *   201 even when a recipient failed: `SMSMessageData.Recipients[].statusCode` 100–102 is sent (queued/submitted/
 *   buffered), 401–409 are refusals (RiskHold, InvalidSenderId, InvalidPhoneNumber, UnsupportedNumberType,
 *   InsufficientBalance, UserInBlacklist, CouldNotRoute), 500/501 internal errors to retry.
 * - Zenziva, POST /reguler/api/sendsms/ (form: userkey, passkey, to, message). The answer is JSON with `status` "1"
 *   for sent and `text` saying why not otherwise.
 * - Twilio, POST /2010-04-01/Accounts/{AccountSid}/Messages.json (form: To, From, Body; HTTP Basic with the account
 *   SID and auth token). 201 with the message's `sid`; errors are JSON `{code, message, status}`.
 */
export const PRESETS: Record<Exclude<SmsGateway['preset'], 'custom'>, Preset> = {
  africastalking: {
    request: (g, m) => ({
      url: g.url,
      headers: { apiKey: g.authorization ?? '', Accept: 'application/json', 'Content-Type': FORM },
      body: form({ username: g.account, to: m.to, message: m.body, ...(g.sender ? { from: g.sender } : {}) }),
    }),
    read: (status, json) => {
      if (status >= 500) return null;
      const data = asRecord(asRecord(json).SMSMessageData);
      const first = asRecord(Array.isArray(data.Recipients) ? data.Recipients[0] : undefined);
      const code = Number(first.statusCode);
      if (code >= 100 && code <= 102)
        return { ok: true, providerRef: typeof first.messageId === 'string' ? first.messageId : null };
      if (Number.isFinite(code))
        return {
          ok: false,
          retry: code >= 500,
          message: `Africa's Talking did not send it: ${String(first.status)} (${code}).`,
        };
      // no recipient in the answer: the whole request was refused (e.g. InvalidSenderId)
      if (status < 300 && typeof data.Message === 'string')
        return { ok: false, retry: false, message: `Africa's Talking did not send it: ${data.Message}.` };
      return null;
    },
  },
  zenziva: {
    request: (g, m) => ({
      url: g.url,
      headers: { 'Content-Type': FORM, Accept: 'application/json' },
      body: form({ userkey: g.account, passkey: g.authorization ?? '', to: m.to.replace(/^\+/, ''), message: m.body }),
    }),
    read: (status, json) => {
      if (status >= 500) return null;
      const j = asRecord(json);
      if (String(j.status) === '1') return { ok: true, providerRef: j.messageId == null ? null : String(j.messageId) };
      return { ok: false, retry: false, message: `Zenziva did not send it: ${String(j.text ?? `answer ${status}`)}.` };
    },
  },
  twilio: {
    request: (g, m) => ({
      url: g.url.replace('{{account}}', encodeURIComponent(g.account)),
      headers: {
        Authorization: `Basic ${Buffer.from(`${g.account}:${g.authorization ?? ''}`).toString('base64')}`,
        'Content-Type': FORM,
        Accept: 'application/json',
      },
      body: form({ To: m.to, From: g.sender, Body: m.body }),
    }),
    read: (status, json) => {
      const j = asRecord(json);
      if (status >= 200 && status < 300) return { ok: true, providerRef: typeof j.sid === 'string' ? j.sid : null };
      if (status >= 500 || status === 429) return null;
      return {
        ok: false,
        retry: false,
        message: `Twilio did not send it: ${String(j.message ?? status)} (${String(j.code ?? status)}).`,
      };
    },
  },
};
