import { describe, expect, it } from 'vitest';
import { layout } from '../../src/main/devices/printers/document';
import { encode } from '../../src/main/devices/printers/escpos';
import { LOGO_MAX_HEIGHT, logoBitmap, PAPER_DOTS } from '../../src/main/devices/printers/logo';
import { decodePng } from '../../src/main/devices/printers/png';
import { previewSvg } from '../../src/main/devices/printers/preview';
import { saleReceipt, testPage } from '../../src/main/devices/printers/templates';
import { bitImageDots, type Command, decodeEscPos, rasterDots } from './escpos-decoder';
import { isBlackInTestLogo, makePng, pngDataUrl, TEST_LOGO } from './png-fixture';
import { EPSON_80, SALE, STORE } from './sample-data';

const logo = () => logoBitmap(pngDataUrl(TEST_LOGO), PAPER_DOTS[80]);
type Raster = Extract<Command, { op: 'raster' }>;
type Band = Extract<Command, { op: 'bit-image' }>;

describe('the shop logo as printer dots', () => {
  it('reads a PNG whatever row filters it uses (none, sub, up, average, Paeth)', () => {
    const img = decodePng(makePng(7, 10, (x, y) => [x * 30, y * 20, (x * y) % 256, 255]));
    expect([img.width, img.height]).toEqual([7, 10]);
    for (let y = 0; y < 10; y++)
      for (let x = 0; x < 7; x++) {
        const o = (y * 7 + x) * 4;
        expect([...img.rgba.subarray(o, o + 4)]).toEqual([x * 30, y * 20, (x * y) % 256, 255]);
      }
  });

  it('refuses a file that is not a PNG in words', () => {
    expect(() => decodePng(Buffer.from('GIF89a...'))).toThrow(/not a PNG file/);
  });

  it('turns dark pixels black and light, grey-ish and transparent ones white, at the PNG size when it fits', () => {
    const bmp = logo();
    expect(bmp).not.toBeNull();
    expect([bmp?.width, bmp?.height]).toEqual([100, 40]);
    for (let y = 0; y < 40; y++) for (let x = 0; x < 100; x++) expect(bmp?.get(x, y)).toBe(isBlackInTestLogo(x, y));
  });

  it('scales a wide logo down to the paper (576 dots on 80 mm, 384 on 58 mm) and a tall one to 200 dots', () => {
    const wide = makePng(1152, 100, (x) => (x < 576 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
    const on80 = logoBitmap(pngDataUrl(wide), PAPER_DOTS[80]);
    expect([on80?.width, on80?.height]).toEqual([576, 50]);
    expect(on80?.get(287, 10)).toBe(true);
    expect(on80?.get(288, 10)).toBe(false);
    const on58 = logoBitmap(pngDataUrl(wide), PAPER_DOTS[58]);
    expect([on58?.width, on58?.height]).toEqual([384, 33]);
    const tall = logoBitmap(pngDataUrl(makePng(50, 1000, () => [0, 0, 0, 255])), PAPER_DOTS[80]);
    expect([tall?.width, tall?.height]).toEqual([10, LOGO_MAX_HEIGHT]);
  });

  it('has no logo for no setting or a JPEG (the receipt prints without one)', () => {
    expect(logoBitmap(null, 576)).toBeNull();
    expect(logoBitmap('data:image/jpeg;base64,/9j/4AAQ', 576)).toBeNull();
  });
});

describe('the logo on receipts', () => {
  it('prints the logo first, centred, as GS v 0 with 8 dots a byte, most significant bit left', async () => {
    const bmp = logo();
    const out = decodeEscPos(await encode(saleReceipt(SALE, { logo: true }), EPSON_80, bmp));
    const at = out.commands.findIndex((c) => c.op === 'raster');
    const raster = out.commands[at] as Raster;
    expect(raster).toMatchObject({ widthBytes: 13, height: 40 }); // 100 dots → 13 bytes, the last 4 bits padding
    expect(out.commands[at - 1]).toEqual({ op: 'align', n: 1 });
    expect(raster.bits[0]).toBe(0xff); // dots 0-7 black
    expect(raster.bits[6]).toBe(0xc0); // dots 48-55: 48 and 49 black, then white
    const dots = rasterDots(raster);
    for (let y = 0; y < 40; y++)
      for (let x = 0; x < 104; x++) expect(dots[y]?.[x]).toBe(x < 100 && isBlackInTestLogo(x, y));
    // before the store name: the logo heads the receipt
    const firstText = out.lines.findIndex((l) => l.includes('Café Nakato'));
    expect(firstText).toBeGreaterThanOrEqual(0);
    expect(out.commands.filter((c) => c.op === 'raster')).toHaveLength(1);
  });

  it('sends ESC * 33 bands (24 dots high, 3 bytes a column, top bit first) to printers set to bit images', async () => {
    const bmp = logo();
    const out = decodeEscPos(
      await encode(
        testPage({ store: STORE, printerName: 'Old', uri: 'file:/x', at: 0 }, { logo: true }),
        { ...EPSON_80, codes: 'raster', imageMode: 'bit-image' },
        bmp,
      ),
    );
    expect(out.commands.some((c) => c.op === 'raster')).toBe(false);
    const start = out.commands.findIndex((c) => c.op === 'line-spacing' && c.dots === 24);
    const bands = out.commands.slice(start + 1, start + 3) as Band[];
    expect(bands.map((b) => [b.op, b.m, b.width])).toEqual([
      ['bit-image', 33, 100],
      ['bit-image', 33, 100],
    ]); // 40 rows → two bands of 24
    expect(out.commands[start + 3]).toEqual({ op: 'line-spacing', dots: null });
    expect([...(bands[0] as Band).bits.subarray(0, 3)]).toEqual([0xff, 0xff, 0xff]);
    expect([...(bands[1] as Band).bits.subarray(0, 3)]).toEqual([0xff, 0x00, 0x00]); // rows 24-31 black, then white
    const dots = bitImageDots(bands);
    for (let y = 0; y < 48; y++)
      for (let x = 0; x < 100; x++) expect(dots[y]?.[x]).toBe(y < 40 && isBlackInTestLogo(x, y));
    // the test page's barcode and QR code go the same way on such a printer
    expect(out.commands.filter((c) => c.op === 'bit-image').length).toBeGreaterThan(2);
  });

  it('prints no image when the profile has the logo on but the shop has none', async () => {
    const out = decodeEscPos(await encode(saleReceipt(SALE, { logo: true }), EPSON_80, null));
    expect(out.commands.some((c) => c.op === 'raster' || c.op === 'bit-image')).toBe(false);
  });

  it('shows the same dots in the preview, above the store name', () => {
    const bmp = logo();
    const { svg } = previewSvg(layout(saleReceipt(SALE, { logo: true }), 48), 48, bmp);
    const group = /<g aria-label="logo">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    const unit = 403.2 / 576; // 48 columns of 8.4 px span the 576 dots
    const covered = [...group.matchAll(/width="([\d.]+)" height="([\d.]+)"/g)].reduce(
      (n, m) => n + Math.round(Number(m[1]) / unit),
      0,
    );
    expect(covered).toBe(50 * 32); // the black half of each of the 32 opaque rows
    expect(svg.indexOf('aria-label="logo"')).toBeLessThan(svg.indexOf('Café Nakato'));
  });
});

describe('the logo from the store settings through the print queue', () => {
  it('prints the uploaded logo on the receipt of a completed sale and shows it in the job preview', async () => {
    const { makeTestApp, signInAs, DEMO } = await import('../helpers');
    const { startTcpPrinter } = await import('./fake-printers');
    const app = makeTestApp();
    const printer = await startTcpPrinter();
    try {
      app.services.system.createDemoShop();
      await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
      app.services.devices.queue.configure({ backoffMs: 40, maxBackoffMs: 120 });
      app.services.devices.queue.start();
      const call = async <T>(name: string, input: unknown = null): Promise<T> => {
        const r = await app.call(name, input);
        if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
        return r.data as T;
      };
      await call('settings.updateStore', { logo: pngDataUrl(TEST_LOGO) });
      await call('devices.savePrinter', { name: 'Front', uri: `tcp://127.0.0.1:${printer.port}`, logo: true });
      const sugar = await call<{ id: string }>('catalog.byBarcode', { code: '6164000000034' });
      const sale = await call<{ printJobId: string }>('sales.complete', {
        cart: { lines: [{ productId: sugar.id, qtyMilli: 1000 }] },
        payments: [{ method: 'cash', amount: 10_000 }],
        idempotencyKey: 'logo-sale-1',
      });
      const out = decodeEscPos(await printer.nextJob());
      const raster = out.commands.find((c): c is Raster => c.op === 'raster' && c.height === 40);
      expect(raster?.widthBytes).toBe(13);
      const preview = await call<{ svg: string }>('devices.previewJob', { id: sale.printJobId });
      expect(preview.svg).toContain('aria-label="logo"');
    } finally {
      app.services.devices.queue.stop();
      app.dispose();
      await printer.close();
    }
  });
});
