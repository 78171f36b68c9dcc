import type { PrinterStatus } from '../../../shared/contract/devices';

/** DLE EOT n: 1 printer status, 2 offline cause, 4 roll paper sensor. Each answer is one byte. */
export const STATUS_QUERIES = [
  Buffer.from([0x10, 0x04, 0x01]),
  Buffer.from([0x10, 0x04, 0x02]),
  Buffer.from([0x10, 0x04, 0x04]),
] as const;

/**
 * Reads the three answers (null = no answer in time). Bit meanings from the ESC/POS reference: n=1 bit 3 offline;
 * n=2 bit 2 cover open, bit 5 stopped for paper end, bit 6 error; n=4 bits 5-6 paper end, bits 2-3 paper near end.
 */
export function parseStatus([printer, offline, paper]: Array<number | null>): PrinterStatus {
  if (printer === null && offline === null && paper === null)
    return { online: false, problem: 'the printer did not answer the status query (is it switched on?)' };
  if (offline != null && offline & 0x04) return { online: false, problem: 'the cover is open: close it' };
  if ((paper != null && paper & 0x60) || (offline != null && offline & 0x20))
    return { online: false, problem: 'the paper has run out: put in a new roll' };
  if (offline != null && offline & 0x40)
    return { online: false, problem: 'the printer reports an error: switch it off and on again' };
  if (printer != null && printer & 0x08) return { online: false, problem: 'the printer is offline' };
  return { online: true, problem: null };
}
