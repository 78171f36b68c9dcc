import { stmt } from '../../db/statements';
import type { Deps } from '../deps';

/**
 * A document for this till's receipt printer, queued like any receipt inside the caller's transaction (no printer
 * chosen yet: the print queue sends it after commit, or keeps it while the printer is off).
 */
export function queuePrintJob(
  deps: Pick<Deps, 'sqlite'>,
  job: { id: string; template: string; data: unknown; at: number; tillId: string },
): void {
  stmt(
    deps.sqlite,
    `INSERT INTO print_jobs (id, printer_id, template, data, status, attempts, created_at, updated_at, till_id)
     VALUES (?, NULL, ?, ?, 'queued', 0, ?, ?, ?)`,
  ).run(job.id, job.template, JSON.stringify(job.data), job.at, job.at, job.tillId);
}
