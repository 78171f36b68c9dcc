import type { PrinterProfile } from '../../../shared/contract/devices';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { type LogoBitmap, logoBitmap, PAPER_DOTS } from './logo';

/**
 * The shop logo from the store settings, as dots for one paper width. Decoded once per logo and width (the logo
 * changes rarely, receipts print all day). A logo that cannot be read prints nothing rather than stopping receipts.
 */
export class StoreLogo {
  private cached: { url: string; width: number; bmp: LogoBitmap | null } | null = null;

  constructor(private sqlite: Sqlite) {}

  for(printer: Pick<PrinterProfile, 'logo' | 'paperMm'> | null): LogoBitmap | null {
    if (!printer?.logo) return null;
    const row = stmt(
      this.sqlite,
      "SELECT json_extract(value, '$.logo') AS logo FROM settings WHERE key = 'store'",
    ).get() as { logo: string | null } | undefined;
    const url = row?.logo ?? '';
    const width = PAPER_DOTS[printer.paperMm];
    if (this.cached?.url !== url || this.cached.width !== width) {
      let bmp: LogoBitmap | null = null;
      try {
        bmp = logoBitmap(url, width);
      } catch {
        bmp = null;
      }
      this.cached = { url, width, bmp };
    }
    return this.cached.bmp;
  }
}
