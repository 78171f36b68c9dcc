// The few parts of nodemailer Counterline uses (the package ships no types; @types/nodemailer is not installed).
declare module 'nodemailer' {
  export interface SendResult {
    messageId: string;
    accepted: Array<string | { address: string }>;
    rejected: Array<string | { address: string }>;
    response: string;
  }
  export interface Transporter {
    sendMail(message: Record<string, unknown>): Promise<SendResult>;
    verify(): Promise<true>;
    close(): void;
  }
  export function createTransport(options: Record<string, unknown>): Transporter;
  const nodemailer: { createTransport: typeof createTransport };
  export default nodemailer;
}
