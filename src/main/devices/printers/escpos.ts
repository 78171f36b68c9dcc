import { BreakLine, CharacterSet, type PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { CodePage, PrinterProfile } from '../../../shared/contract/devices';
import { type Bitmap, code128Bitmap } from './code128';
import { type Block, type Line, layout } from './document';
import { bitImageCommands } from './logo';
import { qrBitmap, rasterCommand } from './raster';
import { starBitImage, starQr } from './star';

const CHARACTER_SETS: Record<CodePage, CharacterSet> = {
  PC437: CharacterSet.PC437_USA,
  PC850: CharacterSet.PC850_MULTILINGUAL,
  PC858: CharacterSet.PC858_EURO,
  WPC1252: CharacterSet.WPC1252,
};

/** Dialects whose node-thermal-printer driver has `code128` and `printQR`; the rest always get raster images. */
const NATIVE_CODES = new Set(['epson', 'star', 'custom']);

export type Profile = Pick<
  PrinterProfile,
  'dialect' | 'paperMm' | 'charsPerLine' | 'codePage' | 'cut' | 'drawerKick' | 'codes'
> &
  Partial<Pick<PrinterProfile, 'imageMode'>>;

/**
 * An image as the profile's printer takes it: `GS v 0` raster, or `ESC *` bit image for older printers; Star Line
 * Mode has neither and gets its own `ESC k` bands.
 */
export function imageCommand(bmp: Bitmap, profile: Pick<Profile, 'imageMode' | 'dialect'>): Buffer {
  if (profile.dialect === 'star') return starBitImage(bmp);
  return profile.imageMode === 'bit-image' ? bitImageCommands(bmp) : rasterCommand(bmp);
}

/** Star Line Mode has no PC850 (ESC GS t n), only PC858: the same table with € in one place. */
function characterSet(profile: Pick<Profile, 'dialect' | 'codePage'>): CharacterSet {
  if (profile.dialect === 'star' && profile.codePage === 'PC850') return CharacterSet.PC858_EURO;
  return CHARACTER_SETS[profile.codePage];
}

export function charsPerLine(p: Pick<PrinterProfile, 'paperMm' | 'charsPerLine'>): number {
  return p.charsPerLine || (p.paperMm === 58 ? 32 : 48);
}

/** The library's typings lag its code: no initHardware, a string-only interface, Star-only code128 settings. */
type Ntp = Omit<ThermalPrinter, 'code128'> & {
  initHardware(): void;
  code128(data: string, settings: Record<string, number | string>): void;
};
type NtpConfig = ConstructorParameters<typeof ThermalPrinter>[0];

export function thermalPrinter(profile: Profile, transport?: object): Ntp {
  return new ThermalPrinter({
    type: profile.dialect as PrinterTypes,
    width: charsPerLine(profile),
    // layout() already broke the lines; the library must not fold them again
    breakLine: BreakLine.NONE,
    interface: transport,
  } as unknown as NtpConfig) as unknown as Ntp;
}

/**
 * Lines → printer bytes through node-thermal-printer's command tables (dialect, code page, cut, drawer), with
 * our own images (`GS v 0` or `ESC *`) for the logo, and for barcodes and QR codes when the printer lacks the native
 * commands. `logo` is the shop logo already turned into dots (logo.ts), so the preview shows the same dots.
 */
export async function encodeLines(lines: Line[], profile: Profile, logo?: Bitmap | null): Promise<Buffer> {
  const p = thermalPrinter(profile);
  p.initHardware();
  p.setCharacterSet(characterSet(profile));
  const native = profile.codes === 'native' && NATIVE_CODES.has(profile.dialect);
  for (const line of lines) {
    switch (line.kind) {
      case 'text': {
        if (line.align === 'center') p.alignCenter();
        else if (line.align === 'right') p.alignRight();
        else p.alignLeft();
        if (line.big) p.setTextQuadArea();
        if (line.bold) p.bold(true);
        p.println(line.text);
        if (line.bold) p.bold(false);
        if (line.big) p.setTextNormal();
        break;
      }
      case 'barcode':
        p.alignCenter();
        // the Star driver reads its own option names (text below, medium modules); Epson's are hriPos/width
        if (native && profile.dialect === 'star') p.code128(line.data, { text: 2, width: 'MEDIUM', height: 60 });
        else if (native) p.code128(line.data, { hriPos: 2, hriFont: 0, width: 2, height: 60 });
        else {
          p.append(imageCommand(code128Bitmap(line.data), profile));
          p.println(line.data);
        }
        p.newLine();
        p.alignLeft();
        break;
      case 'qr':
        p.alignCenter();
        if (native && profile.dialect === 'star') p.append(starQr(line.data));
        else if (native) p.printQR(line.data, { cellSize: 5, correction: 'M', model: 2 });
        else p.append(imageCommand(qrBitmap(line.data), profile));
        p.newLine();
        p.alignLeft();
        break;
      case 'logo':
        if (logo) {
          p.alignCenter();
          p.append(imageCommand(logo, profile));
          p.alignLeft();
        }
        break;
      case 'drawer':
        if (profile.drawerKick) p.openCashDrawer();
        break;
      case 'cut':
        if (profile.cut) p.partialCut({ verticalTabAmount: 0 });
        break;
    }
  }
  return p.getBuffer();
}

export function encode(blocks: Block[], profile: Profile, logo?: Bitmap | null): Promise<Buffer> {
  return encodeLines(layout(blocks, charsPerLine(profile)), profile, logo);
}
