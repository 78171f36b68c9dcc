import { describe, expect, it } from 'vitest';
import { code128Widths } from '../../src/main/devices/printers/code128';
import { layout } from '../../src/main/devices/printers/document';
import { encode } from '../../src/main/devices/printers/escpos';
import { renderTemplate, saleReceipt, testPage } from '../../src/main/devices/printers/templates';
import { decodeEscPos } from './escpos-decoder';
import { EPSON_80, SALE, STORE } from './sample-data';

describe('receipt templates to ESC/POS', () => {
  it('prints a sale receipt with header, lines, discounts, tax, totals, payments, change, customer and footer', async () => {
    const out = decodeEscPos(await encode(saleReceipt(SALE), EPSON_80));
    const text = out.text;
    for (const expected of [
      'Café Nakato',
      'Plot 12, Kampala Road',
      'Receipt S-000123',
      'Sugar 1 kg',
      '2 x 4.50',
      'Discount',
      '1.25 kg x 3.00',
      'incl. Tax 18% on 10.04',
      'Cash',
      'Change',
      'Amina Okello',
      '2900000012345',
      'Left to pay on account EUR',
      'Points earned',
      'Points balance',
      'Thank you — come again',
    ])
      expect(text).toContain(expected);
    expect(out.lines.some((l) => /^TOTAL EUR\s+11\.85$/.test(l))).toBe(true);
    expect(out.lines.every((l) => l.length <= 48)).toBe(true);
  });

  it('selects PC858 and sends € as 0xD5', async () => {
    const bytes = await encode(testPage({ store: STORE, printerName: 'Front', uri: 'tcp://p:9100', at: 0 }), EPSON_80);
    const out = decodeEscPos(bytes);
    expect(out.commands).toContainEqual({ op: 'codepage', n: 19 });
    expect(out.text).toContain('Money: € £ 1,234.50');
    const money = bytes.indexOf(Buffer.from('Money: ', 'latin1'));
    expect(bytes[money + 7]).toBe(0xd5);
  });

  it('uses WPC1252 when the profile says so (€ is 0x80 there)', async () => {
    const bytes = await encode(testPage({ store: STORE, printerName: 'F', uri: 'file:/x', at: 0 }), {
      ...EPSON_80,
      codePage: 'WPC1252',
    });
    expect(decodeEscPos(bytes).commands).toContainEqual({ op: 'codepage', n: 16 });
    expect(bytes[bytes.indexOf(Buffer.from('Money: ', 'latin1')) + 7]).toBe(0x80);
  });

  it('kicks the drawer, prints the document number as a Code128 barcode and cuts', async () => {
    const out = decodeEscPos(await encode(saleReceipt(SALE), EPSON_80));
    expect(out.commands).toContainEqual({ op: 'drawer', pin: 0 });
    expect(out.commands).toContainEqual({ op: 'barcode', type: 73, data: 'S-000123' });
    expect(out.commands.at(-2)).toEqual({ op: 'cut', partial: true });
  });

  it('leaves the drawer shut and the paper uncut when the profile has no drawer and no cutter', async () => {
    const out = decodeEscPos(await encode(saleReceipt(SALE), { ...EPSON_80, drawerKick: false, cut: false }));
    expect(out.commands.some((c) => c.op === 'drawer' || c.op === 'cut')).toBe(false);
  });

  it('sends QR codes natively (GS ( k) or as raster images (GS v 0) for printers without them', async () => {
    const page = testPage({ store: STORE, printerName: 'F', uri: 'file:/x', at: 0 });
    const native = decodeEscPos(await encode(page, EPSON_80));
    expect(native.commands).toContainEqual({ op: 'qr', data: 'https://counterline.example/test' });
    expect(native.commands).toContainEqual({ op: 'qr-print' });
    const raster = decodeEscPos(await encode(page, { ...EPSON_80, codes: 'raster' }));
    expect(raster.commands.some((c) => c.op === 'qr' || c.op === 'barcode')).toBe(false);
    const images = raster.commands.filter((c) => c.op === 'raster');
    expect(images).toHaveLength(2);
    expect(raster.text).toContain('TEST-1234');
  });

  it('fits 58 mm paper in 32 characters a line', async () => {
    const out = decodeEscPos(await encode(saleReceipt(SALE), { ...EPSON_80, paperMm: 58 }));
    expect(out.lines.every((l) => l.length <= 32)).toBe(true);
    expect(out.text).toContain('Amina Okello');
  });

  it('marks a reprint as a copy', async () => {
    const out = decodeEscPos(await encode(saleReceipt({ ...SALE, copy: true }), EPSON_80));
    expect(out.text).toContain('*** COPY ***');
  });

  it('prints refund, payment and loyalty card documents', async () => {
    const refund = decodeEscPos(
      await encode(
        renderTemplate('refund-receipt', {
          store: STORE,
          currency: 'UGX',
          number: 'R-000045',
          saleNumber: 'S-000123',
          at: 0,
          reason: 'Broken seal',
          method: 'cash',
          lines: [{ name: 'Sugar 1 kg', qtyMilli: 1000, total: 4500 }],
          total: 4500,
        }),
        EPSON_80,
      ),
    );
    expect(refund.text).toContain('For sale S-000123');
    expect(refund.lines.some((l) => /^REFUNDED UGX\s+4,500$/.test(l))).toBe(true);
    const payment = decodeEscPos(
      await encode(
        renderTemplate('payment-receipt', {
          store: STORE,
          currency: 'UGX',
          number: 'P-000009',
          at: 0,
          customer: { name: 'Amina Okello', cardNo: '2900000012345' },
          payments: [{ method: 'mobile_money', amount: 20000, reference: 'MM123' }],
          balanceBefore: 50000,
        }),
        EPSON_80,
      ),
    );
    expect(payment.text).toContain('Mobile money MM123');
    expect(payment.lines.some((l) => /Left to pay on account UGX\s+30,000$/.test(l))).toBe(true);
    const card = decodeEscPos(
      await encode(
        renderTemplate('loyalty-card', { store: STORE, customerName: 'Amina Okello', cardNo: '2900000012345', at: 0 }),
        EPSON_80,
      ),
    );
    expect(card.commands).toContainEqual({ op: 'barcode', type: 73, data: '2900000012345' });
    expect(card.commands).toContainEqual({ op: 'qr', data: '2900000012345' });
  });

  it('refuses a snapshot the template cannot read, in words', () => {
    expect(() => renderTemplate('sale-receipt', { number: 1 })).toThrow(/cannot print/);
    expect(() => renderTemplate('nope', {})).toThrow(/no receipt template called "nope"/);
  });
});

describe('layout and Code 128', () => {
  it('keeps amounts on the right edge and wraps long names', () => {
    const lines = layout(
      [{ kind: 'pair', left: 'A very long product name that will not fit on one line', right: '1,000' }],
      32,
    );
    const texts = lines.map((l) => (l.kind === 'text' ? l.text : ''));
    expect(texts.at(-1)?.endsWith('1,000')).toBe(true);
    expect(texts.every((t) => t.length <= 32)).toBe(true);
  });

  it('encodes Code 128 symbols of 11 modules each and a 13-module stop', () => {
    const widths = code128Widths('S-000123');
    const total = widths.reduce((a, b) => a + b, 0);
    // start + 8 data + checksum = 10 symbols of 11 modules, plus the 13-module stop
    expect(total).toBe(10 * 11 + 13);
    expect(() => code128Widths('é')).toThrow(/cannot hold/);
  });
});
