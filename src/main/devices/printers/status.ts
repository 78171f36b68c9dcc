import type { PrinterStatus } from '../../../shared/contract/devices';

/** DLE EOT n: 1 printer status, 2 offline cause, 4 roll paper sensor. Each answer is one byte. */
export const STATUS_QUERIES = [
  Buffer.from([0x10, 0x04, 0x01]),
  Buffer.from([0x10, 0x04, 0x02]),
  Buffer.from([0x10, 0x04, 0x04]),
] as const;

/**
 * GS r 1: transmit the paper sensor status. Some printers (and some interface boards) report the paper sensors only
 * this way, or report paper near-end here and not through DLE EOT; the profile says whether to ask.
 */
export const TRANSMIT_PAPER_STATUS = Buffer.from([0x1d, 0x72, 0x01]);

const WORDS = {
  silent: 'the printer did not answer the status query (is it switched on?)',
  cover: 'the cover is open: close it',
  paperOut: 'the paper has run out: put in a new roll',
  error: 'the printer reports an error: switch it off and on again',
  offline: 'the printer is offline',
  nearEnd: 'the paper is running low: have a new roll ready',
} as const;

/**
 * Reads the answers (null = no answer in time). Bit meanings from the ESC/POS reference:
 * DLE EOT 1 bit 3 offline; DLE EOT 2 bit 2 cover open, bit 5 stopped for paper end, bit 6 error;
 * DLE EOT 4 bits 2-3 paper near end, bits 5-6 paper end; GS r 1 bits 0-1 paper near end, bits 2-3 paper end.
 * Paper near end is no fault (the roll still prints a while): it comes back as a warning with the printer online.
 */
export function parseStatus(
  [printer, offline, paper]: Array<number | null>,
  transmitted: number | null | undefined = undefined,
): PrinterStatus {
  const gsr = transmitted ?? null;
  if (printer === null && offline === null && paper === null && gsr === null)
    return { online: false, problem: WORDS.silent, warning: null };
  const down = (problem: string): PrinterStatus => ({ online: false, problem, warning: null });
  if (offline != null && offline & 0x04) return down(WORDS.cover);
  if ((paper != null && paper & 0x60) || (offline != null && offline & 0x20) || (gsr != null && gsr & 0x0c))
    return down(WORDS.paperOut);
  if (offline != null && offline & 0x40) return down(WORDS.error);
  if (printer != null && printer & 0x08) return down(WORDS.offline);
  const nearEnd = (paper != null && paper & 0x0c) || (gsr != null && gsr & 0x03);
  return { online: true, problem: null, warning: nearEnd ? WORDS.nearEnd : null };
}
