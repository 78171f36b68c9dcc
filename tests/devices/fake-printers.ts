import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';

/**
 * Status answers a printer gives to DLE EOT 1, 2, 4 (fixed bits set as on an Epson TM) and, where it answers it,
 * to GS r 1 (`r1`: paper sensors, bits 0-1 near end, bits 2-3 paper end).
 */
export const ANSWERS = {
  ready: { 1: 0x16, 2: 0x12, 4: 0x12, r1: 0x00 },
  paperOut: { 1: 0x16, 2: 0x32, 4: 0x72, r1: 0x0f },
  coverOpen: { 1: 0x1e, 2: 0x16, 4: 0x12, r1: 0x00 },
  nearEnd: { 1: 0x16, 2: 0x12, 4: 0x1e, r1: 0x03 },
  /** near end seen only by GS r: DLE EOT 4 says the paper is fine (interface boards that pass on one sensor) */
  nearEndGsrOnly: { 1: 0x16, 2: 0x12, 4: 0x12, r1: 0x03 },
  /** paper out seen only by GS r */
  paperOutGsrOnly: { 1: 0x16, 2: 0x12, 4: 0x12, r1: 0x0c },
} as const;
export type Answers = { 1: number; 2: number; 4: number; r1?: number };

/**
 * Reads printer bytes as a printer would, answering DLE EOT status queries from `answers` (or staying silent when
 * it is null), and collects everything else.
 */
export class PrinterSink {
  chunks: Buffer[] = [];
  /** the status queries it was asked, in order */
  asked: string[] = [];
  firstByteAt: number | null = null;
  constructor(
    private write: (b: Buffer) => void,
    public answers: Answers | null = ANSWERS.ready,
  ) {}
  feed(chunk: Buffer): void {
    this.firstByteAt ??= performance.now();
    let rest = chunk;
    // status queries (DLE EOT n, GS r 1) arrive on their own before the job; answer each one
    for (;;) {
      const dle = rest.indexOf(Buffer.from([0x10, 0x04]));
      const gsr = this.chunks.length ? -1 : rest.indexOf(Buffer.from([0x1d, 0x72, 0x01]));
      const at = dle < 0 ? gsr : gsr < 0 ? dle : Math.min(dle, gsr);
      if (at < 0 || at + 2 >= rest.length) break;
      const key = at === gsr ? 'r1' : (rest[at + 2] as 1 | 2 | 4);
      const answer = this.answers?.[key];
      if (answer !== undefined) this.write(Buffer.from([answer]));
      this.asked.push(at === gsr ? 'GS r 1' : `DLE EOT ${key}`);
      rest = Buffer.concat([rest.subarray(0, at), rest.subarray(at + 3)]);
    }
    if (rest.length) this.chunks.push(rest);
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export interface TcpPrinter {
  port: number;
  sinks: PrinterSink[];
  /** resolves with the bytes of the next job that the printer saw end (client closed) */
  nextJob(): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * A raw-9100 printer on 127.0.0.1. `mode`: 'ok' reads everything; 'close-mid-job' resets the connection after the
 * first bytes; 'slow' reads 64 bytes every 10 ms.
 */
export async function startTcpPrinter(
  opts: { mode?: 'ok' | 'close-mid-job' | 'slow'; port?: number; answers?: Answers | null } = {},
): Promise<TcpPrinter> {
  const sinks: PrinterSink[] = [];
  const waiting: Array<(b: Buffer) => void> = [];
  const done: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const sink = new PrinterSink((b) => socket.write(b), opts.answers === undefined ? ANSWERS.ready : opts.answers);
    sinks.push(sink);
    socket.on('error', () => {});
    if (opts.mode === 'slow') {
      socket.pause();
      const tick = setInterval(() => {
        const chunk = socket.read(64) ?? socket.read();
        if (chunk) sink.feed(chunk);
      }, 10);
      socket.on('end', () => clearInterval(tick));
      socket.on('close', () => clearInterval(tick));
    } else {
      socket.on('data', (chunk) => {
        sink.feed(chunk);
        if (opts.mode === 'close-mid-job' && sink.bytes.length > 0) socket.resetAndDestroy();
      });
    }
    socket.on('end', () => {
      socket.end();
      const job = sink.bytes;
      const w = waiting.shift();
      if (w) w(job);
      else done.push(job);
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    sinks,
    nextJob: () => {
      const ready = done.shift();
      return ready ? Promise.resolve(ready) : new Promise((r) => waiting.push(r));
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A free port nobody listens on (refused connections). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export interface PtyPair {
  /** the end the till opens (serial:/…/A) */
  a: string;
  /** the printer's end */
  b: string;
  close(): Promise<void>;
}

/** `socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`, waiting until both links exist. */
export async function socatPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'cl-pty-'));
  const a = join(dir, 'A');
  const b = join(dir, 'B');
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const started = Date.now();
  while (!(existsSync(a) && existsSync(b) && log.includes('starting data transfer loop'))) {
    if (child.exitCode !== null || Date.now() - started > 5000) throw new Error(`socat did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    a,
    b,
    close: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill();
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A serial printer on the far end of a pty pair. */
export async function serialPrinter(path: string, answers: Answers | null = ANSWERS.ready) {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  const sink = new PrinterSink((b) => port.write(b), answers);
  port.on('data', (chunk: Buffer) => sink.feed(chunk));
  return {
    sink,
    /** waits until at least `n` job bytes arrived */
    async waitFor(n: number, timeoutMs = 5000): Promise<Buffer> {
      const until = Date.now() + timeoutMs;
      while (sink.bytes.length < n) {
        if (Date.now() > until) throw new Error(`only ${sink.bytes.length} of ${n} bytes arrived`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return sink.bytes;
    },
    close: () => new Promise<void>((r) => port.close(() => r())),
  };
}
