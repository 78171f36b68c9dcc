import { constants as fsc } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import type { PrinterStatus } from '../../../shared/contract/devices';
import { AppError } from '../../../shared/errors';
import { parseStatus, STATUS_QUERIES, TRANSMIT_PAPER_STATUS } from './status';
import { describeAddress, type PrinterAddress, parsePrinterUri } from './uri';

export interface TransportOptions {
  /** give up connecting after this long */
  connectTimeoutMs?: number;
  /** a printer that takes no data for this long has stalled (a slow reader that keeps reading is fine) */
  idleTimeoutMs?: number;
  /** how long a printer has to answer one status byte */
  statusTimeoutMs?: number;
}

/**
 * The transport object node-thermal-printer accepts as its `interface` (getPrinterName, isPrinterConnected,
 * execute), plus a status query. One connection per job: opened, (asked), written, closed.
 */
export class PrinterTransport {
  readonly address: PrinterAddress;
  private opts: Required<TransportOptions>;

  constructor(
    readonly uri: string,
    opts: TransportOptions = {},
  ) {
    this.address = parsePrinterUri(uri);
    this.opts = { connectTimeoutMs: 3000, idleTimeoutMs: 10_000, statusTimeoutMs: 800, ...opts };
  }

  getPrinterName(): string {
    return this.uri;
  }

  async isPrinterConnected(): Promise<boolean> {
    try {
      const ch = await this.open();
      await ch.close();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Sends the bytes; with `checkStatus` asks the printer first (DLE EOT, and `GS r 1` with `transmitStatus`) and
   * refuses to send when it reports a fault. Returns the status it read (null when it did not ask).
   */
  async execute(
    buffer: Buffer,
    options: { checkStatus?: boolean; transmitStatus?: boolean } = {},
  ): Promise<PrinterStatus | null> {
    const ch = await this.open();
    try {
      let status: PrinterStatus | null = null;
      if (options.checkStatus) {
        status = await this.queryOn(ch, options.transmitStatus);
        if (!status.online) throw new AppError('DEVICE_OFFLINE', `${cap(this.where())}: ${status.problem}`);
      }
      await ch.write(buffer);
      await ch.finish();
      return status;
    } catch (e) {
      throw this.offline(e);
    } finally {
      // a serial port stays locked until it has closed; the next job must find it free
      await ch.destroy();
    }
  }

  /**
   * DLE EOT 1, 2 and 4: online, cover, paper; with `transmitStatus` also GS r 1 (paper sensors). A printer that
   * does not answer is reported as not answering.
   */
  async status(transmitStatus = false): Promise<PrinterStatus> {
    const ch = await this.open();
    try {
      return await this.queryOn(ch, transmitStatus);
    } catch (e) {
      throw this.offline(e);
    } finally {
      await ch.destroy();
    }
  }

  private async queryOn(ch: Channel, transmitStatus = false): Promise<PrinterStatus> {
    if (!ch.readable) return { online: true, problem: null, warning: null };
    const answers: Array<number | null> = [];
    for (const q of STATUS_QUERIES) answers.push(await ch.ask(q, this.opts.statusTimeoutMs));
    const transmitted = transmitStatus ? await ch.ask(TRANSMIT_PAPER_STATUS, this.opts.statusTimeoutMs) : undefined;
    return parseStatus(answers, transmitted);
  }

  private where(): string {
    return describeAddress(this.address);
  }

  private async open(): Promise<Channel> {
    const a = this.address;
    try {
      if (a.kind === 'tcp') return await openTcp(a.host, a.port, this.opts);
      if (a.kind === 'serial') return await openSerial(a.path, a.baudRate, this.opts);
      return await openDevice(a.path);
    } catch (e) {
      throw this.offline(e);
    }
  }

  /** Turns a system error into words a cashier can act on. */
  offline(e: unknown): AppError {
    if (e instanceof AppError) return e;
    const err = e as NodeJS.ErrnoException;
    const where = this.where();
    const words: Record<string, string> = {
      ECONNREFUSED: `${where} refused the connection: is it switched on, and is the address right?`,
      ETIMEDOUT: `${where} did not answer: is it switched on and on the same network?`,
      EHOSTUNREACH: `${where} cannot be reached: check the network cable or Wi-Fi.`,
      ENETUNREACH: `${where} cannot be reached: this computer is not on a network.`,
      ENOTFOUND: `${where}: that printer name is not known on this network.`,
      ECONNRESET: `${where} closed the connection before the receipt was fully sent.`,
      EPIPE: `${where} closed the connection before the receipt was fully sent.`,
      ENOENT: `${where} is not there: is the printer plugged in and switched on?`,
      EACCES: `${where} may not be used by this user account (permission denied).`,
      EBUSY: `${where} is in use by another program.`,
      STALLED: `${where} stopped taking data: check the paper and the cover.`,
      CLOSED: `${where} closed the connection before the receipt was fully sent.`,
    };
    const text =
      (err.code && words[err.code]) ?? `${where} could not be used: ${err.message ?? String(e)}`.replace(/\.$/, '');
    return new AppError('DEVICE_OFFLINE', cap(text.endsWith('.') || text.endsWith('?') ? text : `${text}.`), {
      cause: err.code ?? null,
    });
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** A byte pipe to a printer: write with back-pressure, ask-and-wait for one status byte. */
interface Channel {
  readable: boolean;
  write(buf: Buffer): Promise<void>;
  ask(query: Buffer, timeoutMs: number): Promise<number | null>;
  /** all bytes handed over (and, for TCP, the printer saw the end of the job) */
  finish(): Promise<void>;
  close(): Promise<void>;
  /** closes at once, resolving when the device is released */
  destroy(): Promise<void>;
}

/** A channel over a Node stream (TCP socket or serial port); its first error fails whatever is waiting. */
function streamChannel(
  stream: Duplex,
  idleTimeoutMs: number,
  end: () => Promise<void>,
  release?: () => Promise<void>,
): Channel {
  let failure: Error | null = null;
  const waiters = new Set<(e: Error) => void>();
  let incoming: number[] = [];
  let onByte: (() => void) | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiters) w(failure);
  };
  stream.on('error', fail);
  stream.on('close', () => fail(errno('CLOSED', 'closed')));
  stream.on('data', (chunk: Buffer) => {
    incoming.push(...chunk);
    onByte?.();
  });
  const guarded = <T>(run: (resolve: (v: T) => void, reject: (e: Error) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failure) return reject(failure);
      const w = (e: Error) => reject(e);
      waiters.add(w);
      run(
        (v) => {
          waiters.delete(w);
          resolve(v);
        },
        (e) => {
          waiters.delete(w);
          reject(e);
        },
      );
    });
  let idle: NodeJS.Timeout | null = null;
  const watchIdle = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => stream.destroy(errno('STALLED', 'stalled')), idleTimeoutMs);
  };
  return {
    readable: true,
    write: (buf) =>
      guarded<void>((resolve) => {
        watchIdle();
        if (stream.write(buf)) resolve();
        else stream.once('drain', () => resolve());
      }),
    ask: (query, timeoutMs) =>
      guarded<number | null>((resolve) => {
        incoming = [];
        const timer = setTimeout(() => {
          onByte = null;
          resolve(null);
        }, timeoutMs);
        onByte = () => {
          clearTimeout(timer);
          onByte = null;
          resolve(incoming.shift() ?? null);
        };
        stream.write(query);
      }),
    finish: () =>
      guarded<void>((resolve, reject) => {
        watchIdle();
        end().then(resolve, reject);
      }).finally(() => idle && clearTimeout(idle)),
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
    destroy: () => {
      if (idle) clearTimeout(idle);
      stream.removeAllListeners('close');
      stream.on('error', () => {});
      if (release) return release();
      if (stream.closed) return Promise.resolve();
      const closed = new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        setTimeout(resolve, 1000).unref();
      });
      stream.destroy();
      return closed;
    },
  };
}

function openTcp(host: string, port: number, opts: Required<TransportOptions>): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port, noDelay: true });
    const timer = setTimeout(() => socket.destroy(errno('ETIMEDOUT', 'connect timeout')), opts.connectTimeoutMs);
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      // The job is delivered when the printer has read everything and closed its end after ours (or, for printers
      // that keep the connection open, once the kernel has handed every byte over and a short grace has passed).
      const end = () =>
        new Promise<void>((res, rej) => {
          let grace: NodeJS.Timeout | null = null;
          socket.once('end', () => {
            if (grace) clearTimeout(grace);
            res();
          });
          socket.once('error', rej);
          socket.end(() => {
            grace = setTimeout(res, 1500);
          });
        });
      resolve(streamChannel(socket, opts.idleTimeoutMs, end));
    });
  });
}

const SERIAL_SETTLE_MS = 50;

function openSerial(path: string, baudRate: number, opts: Required<TransportOptions>): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((err) => {
      if (err) {
        const code = /No such file|ENOENT|cannot open/i.test(err.message)
          ? 'ENOENT'
          : /Permission/i.test(err.message)
            ? 'EACCES'
            : /busy|lock/i.test(err.message)
              ? 'EBUSY'
              : undefined;
        return reject(code ? errno(code, err.message) : err);
      }
      // drain returns once the OS has the bytes; a pty (and some USB-serial adapters) still hold them for a moment,
      // and closing at once loses the end of the job
      const end = () =>
        new Promise<void>((res, rej) => port.drain((e) => (e ? rej(e) : setTimeout(res, SERIAL_SETTLE_MS))));
      // destroying a SerialPort stream does not close the device (nor release its lock): close it
      const release = () => new Promise<void>((res) => (port.isOpen ? port.close(() => res()) : res()));
      resolve(streamChannel(port, opts.idleTimeoutMs, end, release));
    });
  });
}

/** A printer device file (/dev/usb/lp0) or any file: written, never created under /dev. */
async function openDevice(path: string): Promise<Channel> {
  const flags = path.startsWith('/dev/') ? fsc.O_WRONLY | fsc.O_APPEND : 'a';
  const fh = await openFile(path, flags);
  return {
    readable: false,
    write: async (buf) => {
      await fh.write(buf);
    },
    ask: async () => null,
    finish: async () => {},
    close: () => fh.close(),
    destroy: () => fh.close().catch(() => {}),
  };
}
