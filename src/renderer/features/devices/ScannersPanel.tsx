import { type FormEvent, useCallback, useState } from 'react';
import type { ScannerProfile } from '../../../shared/contract/devices';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { FormActions } from '../../ui/DialogParts';
import { CheckField, numberSpec, SelectField, TextField, TextFields } from '../../ui/fields';
import { useApiQuery } from '../../ui/query';
import { namedOptions } from '../../ui/SelectFields';
import { useToast } from '../../ui/toast';
import { useScans } from '../till/useScans';
import { WedgeSettingsForm } from './WedgeSettingsForm';

type Row = ScannerProfile & { connected: boolean; problem: string | null };
interface Seen {
  n: number;
  source: string;
  code: string;
  at: string;
}

const EMPTY = { name: '', kind: 'serial' as 'serial' | 'hid', path: '', baud: '9600', vid: '', pid: '', pos: false };

/** Scanners the till reads, and a live test: every scan from any scanner (keyboard ones too) shows up here. */
export function ScannersPanel() {
  const t = useT();
  const toast = useToast();
  const { onError, can } = useShell();
  const scanners = useApiQuery('devices', 'scanners', null);
  const rows: Row[] = scanners.data ?? [];
  const load = () => void scanners.refetch();
  const [seen, setSeen] = useState<Seen[]>([]);
  const [draft, setDraft] = useState<typeof EMPTY | null>(null);

  const add = useCallback((source: string, code: string) => {
    setSeen((s) => [{ n: (s[0]?.n ?? 0) + 1, source, code, at: new Date().toLocaleTimeString() }, ...s].slice(0, 10));
  }, []);
  useScans((scan) => add(scan.source === 'device' ? scan.scanner : t('scan.keyboard'), scan.code));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    try {
      await api.devices.saveScanner({
        name: draft.name,
        kind: draft.kind,
        path: draft.path,
        baudRate: Number(draft.baud) || 9600,
        vendorId: Number.parseInt(draft.vid || '0', 16) || 0,
        productId: Number.parseInt(draft.pid || '0', 16) || 0,
        hidMode: draft.pos ? 'pos' : 'keyboard',
        hasReportId: false,
      });
      toast.success(t('scan.saved', { name: draft.name }));
      setDraft(null);
      setTimeout(load, 500);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <div className="card">
      <h2>{t('scan.title')}</h2>
      <p className="muted">{t('scan.help')}</p>
      {rows.length > 0 && (
        <ul className="scanner-list">
          {rows.map((r) => (
            <li key={r.id}>
              <strong>{r.name}</strong>{' '}
              <code>{r.kind === 'serial' ? r.path : `USB ${hex(r.vendorId)}:${hex(r.productId)} (${r.hidMode})`}</code>{' '}
              <span className={`pill ${r.connected ? 'pill-ok' : 'pill-off'}`}>
                {r.connected ? t('scan.connected') : (r.problem ?? t('scan.notConnected'))}
              </span>
              {can('devices.manage') && (
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() => void api.devices.removeScanner({ id: r.id }).then(load, onError)}
                >
                  {t('dev.remove')}
                  <span className="sr-only"> {r.name}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {can('devices.manage') &&
        (draft ? (
          <form className="printer-form" onSubmit={save}>
            <div className="form-grid">
              <TextField
                id="sc-name"
                label={t('scan.f.name')}
                required
                value={draft.name}
                onChange={(v) => setDraft({ ...draft, name: v })}
              />
              <SelectField
                id="sc-kind"
                label={t('scan.f.kind')}
                value={draft.kind}
                onChange={(v) => setDraft({ ...draft, kind: v })}
                options={namedOptions(t, 'scan.kind', ['serial', 'hid'] as const)}
              />
              <TextFields
                specs={
                  draft.kind === 'serial'
                    ? [
                        { key: 'path', id: 'sc-path', label: t('scan.f.path') },
                        numberSpec('baud', 'sc-baud', t('scan.f.baud')),
                      ]
                    : [
                        { key: 'vid', id: 'sc-vid', label: t('scan.f.vid') },
                        { key: 'pid', id: 'sc-pid', label: t('scan.f.pid') },
                      ]
                }
                values={draft}
                onChange={(key, v) => setDraft({ ...draft, [key]: v })}
              />
            </div>
            {draft.kind === 'hid' && (
              <CheckField
                id="sc-pos"
                label={t('scan.f.pos')}
                checked={draft.pos}
                onChange={(v) => setDraft({ ...draft, pos: v })}
              />
            )}
            <FormActions
              className="form-actions"
              submit={t('common.save')}
              cancel={t('common.cancel')}
              onCancel={() => setDraft(null)}
            />
          </form>
        ) : (
          <button type="button" className="btn" onClick={() => setDraft({ ...EMPTY })}>
            {t('scan.add')}
          </button>
        ))}
      <WedgeSettingsForm />
      <h3>{t('scan.live')}</h3>
      {seen.length === 0 ? (
        <p className="muted">{t('scan.liveEmpty')}</p>
      ) : (
        <ol className="scan-log" aria-label={t('scan.live')}>
          {seen.map((s) => (
            <li key={s.n}>
              <code>{s.code}</code>{' '}
              <span className="muted small">
                {s.source} · {s.at}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

const hex = (n: number) => n.toString(16).padStart(4, '0');
