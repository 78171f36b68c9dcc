import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-decoder';
import { serialPrinter, socatPair, startTcpPrinter, unusedPort } from './fake-printers';

/** Runs the CLI without blocking the event loop (the fake printers live in this process). */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/counterline.mjs', ...args], {
      env: { ...process.env, COUNTERLINE_DATA_DIR: mkdtempSync(join(tmpdir(), 'cl-cli-')) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('counterline printer', () => {
  it('test prints the test page to a TCP printer and says so', async () => {
    const printer = await startTcpPrinter();
    cleanups.push(printer.close);
    const run = cli('printer', 'test', `tcp://127.0.0.1:${printer.port}`);
    const job = decodeEscPos(await printer.nextJob());
    const { status, stdout } = await run;
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Test page sent to tcp:\/\/127\.0\.0\.1:\d+ \(epson, 80 mm, PC858\)\.$/m);
    expect(job.text).toContain('PRINTER TEST');
    expect(job.text).toContain('Money: € £');
  }, 90_000);

  it('test exits non-zero with one clear line when the printer cannot be reached', async () => {
    const port = await unusedPort();
    const { status, stderr, stdout } = await cli('printer', 'test', `tcp://127.0.0.1:${port}`);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      `Cannot print: The network printer at 127.0.0.1:${port} refused the connection: is it switched on, and is the address right?`,
    ]);
  }, 90_000);

  it('test prints through a serial pty and refuses an unknown profile name', async () => {
    const pair = await socatPair();
    cleanups.push(pair.close);
    const printer = await serialPrinter(pair.b);
    cleanups.push(printer.close);
    const { status } = await cli('printer', 'test', `serial:${pair.a}?baud=19200`);
    expect(status).toBe(0);
    expect(decodeEscPos(await printer.waitFor(100)).text).toContain('PRINTER TEST');
    const unknown = await cli('printer', 'test', `serial:${pair.a}`, '--profile', 'Kitchen');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Cannot print: There is no Counterline shop in .*, so no profile "Kitchen"\./);
  }, 90_000);

  it('list names the serial ports it can see', async () => {
    const { status, stdout } = await cli('printer', 'list');
    expect(status).toBe(0);
    expect(stdout).toContain('Network printers are not listed');
  }, 90_000);
});
