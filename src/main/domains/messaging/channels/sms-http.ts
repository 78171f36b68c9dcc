import type { SmsGateway } from '../../../../shared/contract/messaging';
import type { OutgoingMessage, SendOutcome } from './outcome';
import { PRESETS } from './sms-presets';

/** A value put into the body template, escaped for what the body is: JSON string contents or a form field. */
function escapeFor(contentType: SmsGateway['contentType'], s: string): string {
  return contentType === 'application/json' ? JSON.stringify(s).slice(1, -1) : encodeURIComponent(s);
}

export function gatewayBody(g: SmsGateway, m: Pick<OutgoingMessage, 'to' | 'body' | 'idempotencyKey'>): string {
  const values: Record<string, string> = { to: m.to, text: m.body, id: m.idempotencyKey, from: g.sender };
  return g.bodyTemplate.replace(/\{\{\s*(to|text|id|from)\s*\}\}/g, (_m, k: string) =>
    escapeFor(g.contentType, values[k] ?? ''),
  );
}

function jsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The gateway's own reference for the message, when its answer is JSON that names one. */
function referenceIn(text: string): string | null {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    for (const k of ['messageId', 'message_id', 'id', 'reference', 'sid'])
      if (typeof j[k] === 'string' || typeof j[k] === 'number') return String(j[k]);
  } catch {
    // not JSON: the status code is the answer
  }
  return null;
}

/**
 * One SMS through an HTTP gateway: the configured request with the text filled in and the message's key as an
 * Idempotency-Key header (gateways that honour it never send twice). 2xx is sent; 5xx, a timeout or no network keeps
 * it queued; other answers (bad number, no credit, wrong key) are the gateway refusing it.
 */
export async function sendSms(g: SmsGateway, m: OutgoingMessage): Promise<SendOutcome> {
  const preset = g.preset === 'custom' ? null : PRESETS[g.preset];
  let url = g.url;
  let init: RequestInit;
  if (preset) {
    const r = preset.request(g, m);
    url = r.url;
    init = { method: 'POST', headers: { ...r.headers, 'Idempotency-Key': m.idempotencyKey }, body: r.body };
  } else {
    const body = gatewayBody(g, m);
    const headers: Record<string, string> = { 'Idempotency-Key': m.idempotencyKey };
    if (g.authorization) headers.Authorization = g.authorization;
    init = { method: g.method, headers };
    if (g.method === 'GET') url += (url.includes('?') ? '&' : '?') + body;
    else {
      headers['Content-Type'] = g.contentType;
      init.body = body;
    }
  }
  init.signal = AbortSignal.timeout(g.timeoutMs);
  const host = new URL(g.url).host;
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError')
      return {
        ok: false,
        retry: true,
        message: `The SMS gateway ${host} did not answer within ${g.timeoutMs / 1000} s.`,
      };
    return {
      ok: false,
      retry: true,
      message: `The SMS gateway ${host} could not be reached (${err.cause?.code ?? err.message}).`,
    };
  }
  const raw = await res.text().catch(() => '');
  const read = preset?.read(res.status, jsonOr(raw));
  if (read) return read;
  const text = raw.replace(/\s+/g, ' ').slice(0, 200);
  if (res.ok) return { ok: true, providerRef: referenceIn(text) };
  const retry = res.status >= 500 || res.status === 429 || res.status === 408;
  return { ok: false, retry, message: `The SMS gateway answered ${res.status}${text ? `: ${text}` : ''}` };
}
