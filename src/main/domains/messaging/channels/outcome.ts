/** What a channel says about one attempt: gone (with the provider's reference), try later, or never. */
export type SendOutcome = { ok: true; providerRef: string | null } | { ok: false; retry: boolean; message: string };

/** One message as a channel sends it. */
export interface OutgoingMessage {
  id: string;
  idempotencyKey: string;
  to: string;
  subject: string;
  body: string;
  attachments: Array<{ fileName: string; mimeType: string; bytes: Buffer }>;
}
