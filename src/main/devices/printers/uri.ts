import { AppError } from '../../../shared/errors';

export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'file'; path: string };

/** `tcp://host:port` (port 9100 when absent), `serial:/dev/ttyUSB0?baud=19200`, `file:/dev/usb/lp0`. */
export function parsePrinterUri(uri: string): PrinterAddress {
  const tcp = /^tcp:\/\/([^\s/:]+)(?::(\d{1,5}))?\/?$/i.exec(uri);
  if (tcp) {
    const port = tcp[2] ? Number(tcp[2]) : 9100;
    if (port < 1 || port > 65535) throw bad(uri);
    return { kind: 'tcp', host: tcp[1] as string, port };
  }
  const serial = /^serial:([^?\s]+)(?:\?baud=(\d+))?$/i.exec(uri);
  if (serial) return { kind: 'serial', path: serial[1] as string, baudRate: serial[2] ? Number(serial[2]) : 9600 };
  const file = /^file:(\S+)$/i.exec(uri);
  if (file) return { kind: 'file', path: (file[1] as string).replace(/^\/\/(?=\/)/, '') };
  throw bad(uri);
}

function bad(uri: string) {
  return new AppError(
    'VALIDATION',
    `"${uri}" is not a printer address: use tcp://host:port, serial:/path?baud=N or file:/path.`,
  );
}

export function describeAddress(a: PrinterAddress): string {
  if (a.kind === 'tcp') return `the network printer at ${a.host}:${a.port}`;
  if (a.kind === 'serial') return `the serial printer on ${a.path}`;
  return `the printer device ${a.path}`;
}
