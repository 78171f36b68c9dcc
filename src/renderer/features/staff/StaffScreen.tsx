import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { StaffRow } from '../../../shared/contract/system';
import { ROLES, type Role } from '../../../shared/permissions';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';

export function StaffScreen() {
  const t = useT();
  const { can, onError, session } = useShell();
  const toast = useToast();
  const manage = can('staff.manage');
  const [rows, setRows] = useState<StaffRow[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [pin, setPin] = useState('');
  const [resetFor, setResetFor] = useState<StaffRow | null>(null);
  const [newPin, setNewPin] = useState('');

  const load = useCallback(() => {
    api.staff.list(null).then(setRows).catch(onError);
  }, [onError]);
  useEffect(load, [load]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const created = await api.staff.create({ name, role, pin });
      toast.success(t('staff.added', { name: created.name }));
      setName('');
      setPin('');
      setRole('cashier');
      load();
    } catch (err) {
      onError(err);
    }
  };

  const setActive = async (r: StaffRow, active: boolean) => {
    try {
      const updated = await api.staff.update({ id: r.id, active });
      toast.success(t('staff.updated', { name: updated.name }));
      load();
    } catch (err) {
      onError(err);
    }
  };

  const resetPin = async (e: FormEvent) => {
    e.preventDefault();
    if (!resetFor) return;
    try {
      await api.staff.update({ id: resetFor.id, pin: newPin });
      toast.success(t('staff.pinReset', { name: resetFor.name }));
      setResetFor(null);
      setNewPin('');
    } catch (err) {
      onError(err);
    }
  };

  return (
    <section className="section" aria-labelledby="h-staff">
      <h1 id="h-staff" tabIndex={-1}>
        {t('staff.title')}
      </h1>
      <div className="card">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('staff.name')}</th>
              <th scope="col">{t('staff.role')}</th>
              <th scope="col">{t('staff.status')}</th>
              {manage && <th scope="col">{t('staff.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.active ? '' : 'row-inactive'}>
                <td>{r.name}</td>
                <td>{t(`role.${r.role}` as MessageKey)}</td>
                <td>
                  <span className={`pill ${r.active ? 'pill-ok' : 'pill-off'}`}>
                    {r.active ? t('staff.active') : t('staff.inactive')}
                  </span>
                </td>
                {manage && (
                  <td>
                    <div className="row-actions">
                      {r.id !== session.staff.id &&
                        (r.active ? (
                          <button type="button" className="btn btn-sm" onClick={() => void setActive(r, false)}>
                            {t('staff.deactivate')}
                            <span className="sr-only"> {r.name}</span>
                          </button>
                        ) : (
                          <button type="button" className="btn btn-sm" onClick={() => void setActive(r, true)}>
                            {t('staff.reactivate')}
                            <span className="sr-only"> {r.name}</span>
                          </button>
                        ))}
                      <button
                        type="button"
                        className="btn btn-sm"
                        onClick={() => {
                          setResetFor(r);
                          setNewPin('');
                        }}
                      >
                        {t('staff.resetPin')}
                        <span className="sr-only"> {r.name}</span>
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {resetFor && (
          <form className="inline-form" onSubmit={resetPin}>
            <div className="field">
              <label htmlFor="reset-pin">{t('staff.newPin', { name: resetFor.name })}</label>
              <input
                id="reset-pin"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                autoFocus
                maxLength={8}
                required
                value={newPin}
                onChange={(e) => setNewPin(e.target.value.replace(/\D/g, ''))}
              />
            </div>
            <button type="submit" className="btn btn-primary">
              {t('common.save')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setResetFor(null)}>
              {t('common.cancel')}
            </button>
          </form>
        )}
      </div>
      {manage && (
        <form className="card" onSubmit={add} aria-labelledby="h-add-staff">
          <h2 id="h-add-staff">{t('staff.add')}</h2>
          <div className="grid-3">
            <div className="field">
              <label htmlFor="new-name">{t('staff.name')}</label>
              <input id="new-name" required value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="new-role">{t('staff.role')}</label>
              <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="new-pin">{t('staff.pin')}</label>
              <input
                id="new-pin"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                required
                maxLength={8}
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              />
            </div>
          </div>
          <button type="submit" className="btn btn-primary">
            {t('staff.add')}
          </button>
        </form>
      )}
    </section>
  );
}
