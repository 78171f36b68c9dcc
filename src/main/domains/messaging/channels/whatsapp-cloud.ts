import type { WhatsappCloud } from '../../../../shared/contract/messaging';
import type { SendOutcome } from './outcome';

/** Graph API error codes that another try may get through (rate limits, a busy or failing service). */
const RETRY_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

export interface TemplateMessage {
  to: string;
  template: string;
  language: string;
  params: string[];
  idempotencyKey: string;
}

/** The request body of a template message (Cloud API, POST /{phone-number-id}/messages). */
export function templateBody(m: TemplateMessage) {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: m.to.replace(/\D/g, ''),
    type: 'template',
    template: {
      name: m.template,
      language: { code: m.language },
      ...(m.params.length && {
        components: [{ type: 'body', parameters: m.params.map((text) => ({ type: 'text', text })) }],
      }),
    },
  };
}

/**
 * One approved template message through the WhatsApp Business Cloud API. 200 with `messages[0].id` (a wamid) is sent;
 * a Graph error (`{error: {code, message}}`) is a refusal in words unless its code is a rate limit or a service
 * problem, which, like 5xx, a timeout or no network, keeps it queued.
 */
export async function sendWhatsappCloud(c: WhatsappCloud, m: TemplateMessage): Promise<SendOutcome> {
  const url = `${c.baseUrl.replace(/\/$/, '')}/${c.apiVersion}/${c.phoneNumberId}/messages`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.accessToken ?? ''}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(templateBody(m)),
      signal: AbortSignal.timeout(c.timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return {
      ok: false,
      retry: true,
      message:
        err.name === 'TimeoutError'
          ? `WhatsApp did not answer within ${c.timeoutMs / 1000} s.`
          : `WhatsApp could not be reached (${err.cause?.code ?? err.message}).`,
    };
  }
  const j = (await res.json().catch(() => ({}))) as {
    messages?: Array<{ id?: string }>;
    error?: { code?: number; message?: string; error_data?: { details?: string } };
  };
  if (res.ok) return { ok: true, providerRef: j.messages?.[0]?.id ?? null };
  const code = j.error?.code;
  const why = j.error?.error_data?.details ?? j.error?.message ?? `answer ${res.status}`;
  const retry = res.status >= 500 || res.status === 429 || (code !== undefined && RETRY_CODES.has(code));
  return { ok: false, retry, message: `WhatsApp did not send it: ${why}${code ? ` (error ${code})` : ''}.` };
}
