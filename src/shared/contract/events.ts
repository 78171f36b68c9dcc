import type { StoreProfile } from './system';

/** Everything the main process pushes to renderers, by name. */
export interface EventMap {
  'settings.changed': { store: StoreProfile };
  'session.locked': { reason: 'idle' | 'manual' };
  'audit.appended': { entity: string; action: string };
  /** a print job changed state (the till toasts failures) */
  /** a scanner the main process reads (serial, USB HID) read a code */
  'scan.code': { scannerId: string; source: string; code: string };
  'print.job': {
    id: string;
    status: 'queued' | 'printing' | 'done' | 'failed' | 'cancelled';
    lastError: string | null;
  };
  /** a customer import's dry run or commit moved on (the wizard's progress bar) */
  'customers.importProgress': { importId: string; phase: 'read' | 'check' | 'commit'; done: number; total: number };
  /** a restore from the Backups screen moved on: checking the backup, keeping the shop aside, swapping, upgrading */
  'backups.restoreProgress': { step: 'check' | 'keep' | 'swap' | 'upgrade'; file: string };
  /** the shop's data was replaced by a backup: every screen signs in again */
  'shop.restored': { name: string; at: number };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = [
  'settings.changed',
  'session.locked',
  'audit.appended',
  'print.job',
  'scan.code',
  'customers.importProgress',
  'backups.restoreProgress',
  'shop.restored',
];
