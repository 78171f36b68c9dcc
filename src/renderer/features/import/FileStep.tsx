import type { ReactNode } from 'react';

const ACCEPT =
  '.xlsx,.xls,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv';

/** Step 1: the file to import (a spreadsheet or a text export), what it should hold, and any extras below. */
export function FileStep({
  id,
  label,
  help,
  busy,
  onPick,
  children,
}: {
  id: string;
  label: string;
  help: string;
  busy: boolean;
  onPick: (file: File) => void;
  children?: ReactNode;
}) {
  return (
    <div className="card import-card">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="file"
          accept={ACCEPT}
          disabled={busy}
          autoFocus
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onPick(f);
            // cleared so that picking the same file again (after fixing it) is a change too
            e.target.value = '';
          }}
        />
      </div>
      <p className="muted">{help}</p>
      {children}
    </div>
  );
}
