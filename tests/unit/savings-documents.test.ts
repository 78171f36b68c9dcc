import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoicePdf } from '../../src/main/devices/documents/invoice';
import { SaleReceiptData } from '../../src/main/devices/printers/receipt-data';
import { saleReceipt } from '../../src/main/devices/printers/templates';
import { SALE } from '../devices/sample-data';

const texts = (blocks: ReturnType<typeof saleReceipt>) =>
  blocks.flatMap((b) => ('text' in b ? [b.text] : 'left' in b ? [`${b.left} ${b.right}`] : []));

describe('what the customer saved, on the receipt and the A4 invoice', () => {
  it('the receipt says "You saved" with the currency and amount, and says nothing when nothing was saved', () => {
    expect(texts(saleReceipt({ ...SALE, savings: 4500, currency: 'UGX' }))).toContain('You saved UGX 4,500');
    expect(texts(saleReceipt({ ...SALE, savings: 0 })).some((t) => t.includes('saved'))).toBe(false);
  });

  it('the invoice carries the same line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'savings-'));
    try {
      const pdf = join(dir, 'i.pdf');
      writeFileSync(pdf, await invoicePdf(SaleReceiptData.parse({ ...SALE, savings: 4500, currency: 'UGX' })));
      expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toContain('You saved UGX 4,500');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
