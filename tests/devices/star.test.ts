import { describe, expect, it } from 'vitest';
import { encode, thermalPrinter } from '../../src/main/devices/printers/escpos';
import { logoBitmap, PAPER_DOTS } from '../../src/main/devices/printers/logo';
import { saleReceipt, testPage } from '../../src/main/devices/printers/templates';
import { pngDataUrl, TEST_LOGO } from './png-fixture';
import { EPSON_80, SALE, STORE } from './sample-data';

/**
 * Expected bytes from the Star Line Mode command specification (Star Micronics, "Line Mode Command Specifications"):
 * ESC @ initialise; ESC GS t n code page (4 = PC858, 32 = Windows-1252); ESC GS a n alignment; ESC E / ESC F bold;
 * ESC d 3 partial cut after feeding to the cutter; ESC BEL n1 n2 pulse width then BEL to fire drawer 1;
 * ESC b n1 n2 n3 n4 data RS barcode (n1 '6' = Code128, n2 HRI below, n3 module width, n4 height in dots);
 * QR: ESC GS y S 0 n model, ESC GS y S 1 n correction, ESC GS y S 2 n cell size, ESC GS y D 1 m nL nH data
 * (store), ESC GS y P (print).
 */
const STAR = { ...EPSON_80, dialect: 'star' as const, drawerKick: true };
const hex = (b: Buffer | number[]) => Buffer.from(b).toString('hex');
const has = (bytes: Buffer, seq: number[] | Buffer) => bytes.indexOf(Buffer.from(seq)) >= 0;
const page = testPage({ store: STORE, printerName: 'Star', uri: 'tcp://star:9100', at: 0 });

describe('Star Line Mode bytes', () => {
  it('initialises and selects the code page with ESC GS t (PC858 = 4, Windows-1252 = 32)', async () => {
    const bytes = await encode(page, STAR);
    expect(hex(bytes.subarray(0, 6))).toBe(hex([0x1b, 0x40, 0x1b, 0x1d, 0x74, 4]));
    // € is 0xD5 in PC858
    expect(bytes[bytes.indexOf(Buffer.from('Money: ', 'latin1')) + 7]).toBe(0xd5);
    expect(has(await encode(page, { ...STAR, codePage: 'WPC1252' }), [0x1b, 0x1d, 0x74, 32])).toBe(true);
  });

  it('sends PC850 text as PC858 (Star has no PC850; the driver would select code page 0 and print CP437)', async () => {
    const bytes = await encode(page, { ...STAR, codePage: 'PC850' });
    expect(has(bytes, [0x1b, 0x1d, 0x74, 4])).toBe(true);
    expect(has(bytes, [0x1b, 0x1d, 0x74, 0])).toBe(false);
  });

  it('cuts with ESC d 3 and kicks the drawer with ESC BEL n1 n2 BEL', async () => {
    const bytes = await encode(saleReceipt(SALE), STAR);
    expect(has(bytes, [0x1b, 0x64, 0x03])).toBe(true);
    expect(has(bytes, [0x1b, 0x07, 0x0b, 0x37, 0x07])).toBe(true);
    // none of the Epson forms
    expect(has(bytes, [0x1d, 0x56])).toBe(false);
    expect(has(bytes, [0x1b, 0x70])).toBe(false);
  });

  it('prints the document number as ESC b 6 with HRI, module width and height, ended by RS', async () => {
    const bytes = await encode(saleReceipt(SALE), STAR);
    const expected = Buffer.concat([
      Buffer.from([0x1b, 0x62, 0x36, 0x02, 0x32, 60]),
      Buffer.from('S-000123', 'latin1'),
      Buffer.from([0x1e]),
    ]);
    expect(has(bytes, expected)).toBe(true);
  });

  it('stores the QR data with ESC GS y D 1 0 nL nH before printing it with ESC GS y P', async () => {
    const bytes = await encode(page, STAR);
    const qrStart = bytes.indexOf(Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x30]));
    expect(qrStart).toBeGreaterThan(0);
    const qrText = bytes.subarray(qrStart, bytes.indexOf(Buffer.from([0x1b, 0x1d, 0x79, 0x50]), qrStart) + 4);
    const found = qrText.indexOf(Buffer.from([0x1b, 0x1d, 0x79, 0x44, 0x31, 0x00]));
    expect(found).toBeGreaterThan(0);
    const len = (qrText[found + 6] as number) + (qrText[found + 7] as number) * 256;
    expect(qrText.subarray(found + 8, found + 8 + len).toString('latin1')).toBe('https://counterline.example/test');
    // the print command follows the data directly
    expect(found + 8 + len).toBe(qrText.length - 4);
    expect(hex(qrText.subarray(0, 18))).toBe(
      hex([0x1b, 0x1d, 0x79, 0x53, 0x30, 2, 0x1b, 0x1d, 0x79, 0x53, 0x31, 1, 0x1b, 0x1d, 0x79, 0x53, 0x32, 5]),
    );
  });

  it('documents why: the library driver alone sends QR data without the store header', () => {
    const p = thermalPrinter(STAR);
    p.printQR('ABC', { cellSize: 5, correction: 'M', model: 2 });
    const bytes = p.getBuffer();
    expect(has(bytes, [0x1b, 0x1d, 0x79, 0x44, 0x31])).toBe(false);
    expect(has(bytes, [0x03, 0x00, 0x41, 0x42, 0x43])).toBe(true); // nL nH data, loose in the stream
  });

  it('sends the logo as ESC k 24-dot bands between ESC 0 and ESC z 1 (Star Line Mode has no GS v 0)', async () => {
    const bmp = logoBitmap(pngDataUrl(TEST_LOGO), PAPER_DOTS[80]);
    const bytes = await encode(saleReceipt(SALE, { logo: true }), STAR, bmp);
    expect(has(bytes, [0x1d, 0x76, 0x30])).toBe(false);
    const at = bytes.indexOf(Buffer.from([0x1b, 0x30, 0x1b, 0x6b, 100, 0]));
    expect(at).toBeGreaterThan(0);
    expect(hex(bytes.subarray(at + 6, at + 9))).toBe('ffffff'); // column 0, rows 0-23 black
    const second = at + 2 + 4 + 300 + 1;
    expect(hex(bytes.subarray(second, second + 4))).toBe(hex([0x1b, 0x6b, 100, 0]));
    expect(hex(bytes.subarray(second + 4, second + 7))).toBe('ff0000'); // rows 24-31 black, then transparent
    expect(hex(bytes.subarray(second + 4 + 300 + 1, second + 4 + 300 + 4))).toBe(hex([0x1b, 0x7a, 0x01]));
  });
});
