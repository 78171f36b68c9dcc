// The parts of smtp-server and mailparser the tests use (neither package ships types).
declare module 'smtp-server' {
  import type { Readable } from 'node:stream';
  export interface SMTPAddress {
    address: string;
  }
  export interface SMTPSession {
    envelope: { mailFrom: SMTPAddress | false; rcptTo: SMTPAddress[] };
  }
  export interface SMTPServerOptions {
    secure?: boolean;
    authOptional?: boolean;
    disabledCommands?: string[];
    logger?: boolean;
    onData?(stream: Readable, session: SMTPSession, callback: (err?: Error | null) => void): void;
    onRcptTo?(address: SMTPAddress, session: SMTPSession, callback: (err?: Error | null) => void): void;
  }
  export class SMTPServer {
    constructor(options: SMTPServerOptions);
    listen(port: number, host: string, cb?: () => void): void;
    close(cb?: () => void): void;
    server: import('node:net').Server;
  }
}
declare module 'mailparser' {
  import type { Readable } from 'node:stream';
  export interface ParsedMail {
    subject?: string;
    text?: string;
    html?: string | false;
    messageId?: string;
    from?: { text: string };
    to?: { text: string; value: Array<{ address?: string }> } | Array<{ text: string }>;
    headers: Map<string, unknown>;
    attachments: Array<{ filename?: string; contentType: string; content: Buffer }>;
  }
  export function simpleParser(source: Readable | Buffer | string): Promise<ParsedMail>;
}
