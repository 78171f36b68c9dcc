import { type FormEvent, useState } from 'react';
import type { StaffRow } from '../../../shared/contract/system';
import { ROLES, type Role } from '../../../shared/permissions';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { FormActions } from '../../ui/DialogParts';
import { PinField, SelectField, TextField } from '../../ui/fields';
import { useForm } from '../../ui/form';
import { useApiQuery } from '../../ui/query';
import { Screen } from '../../ui/Screen';
import { namedOptions } from '../../ui/SelectFields';
import { useToast } from '../../ui/toast';
import { RolesCard } from './RolesCard';

export function StaffScreen() {
  const t = useT();
  const { can, onError, session } = useShell();
  const toast = useToast();
  const manage = can('staff.manage');
  const staff = useApiQuery('staff', 'list', null);
  const rows = staff.data ?? [];
  const load = () => void staff.refetch();
  const blank = { name: '', role: 'cashier' as Role, pin: '' };
  const { form, setForm, bind } = useForm(blank);
  const [resetFor, setResetFor] = useState<StaffRow | null>(null);
  const [newPin, setNewPin] = useState('');

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const created = await api.staff.create(form);
      toast.success(t('staff.added', { name: created.name }));
      setForm(blank);
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

  const columns: Column<StaffRow>[] = [
    { key: 'name', header: t('staff.name'), cell: (r) => r.name },
    { key: 'role', header: t('staff.role'), cell: (r) => t(`role.${r.role}` as MessageKey) },
    {
      key: 'status',
      header: t('staff.status'),
      cell: (r) => (
        <span className={`pill ${r.active ? 'pill-ok' : 'pill-off'}`}>
          {r.active ? t('staff.active') : t('staff.inactive')}
        </span>
      ),
    },
    {
      key: 'actions',
      header: t('staff.actions'),
      hidden: !manage,
      cell: (r) => (
        <div className="row-actions">
          {r.id !== session.staff.id && (
            <button type="button" className="btn btn-sm" onClick={() => void setActive(r, !r.active)}>
              {t(r.active ? 'staff.deactivate' : 'staff.reactivate')}
              <span className="sr-only"> {r.name}</span>
            </button>
          )}
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
      ),
    },
  ];

  return (
    <Screen headingId="h-staff" title={t('staff.title')}>
      <div className="card">
        <DataTable
          rows={rows}
          columns={columns}
          rowKey={(r) => r.id}
          rowClassName={(r) => (r.active ? undefined : 'row-inactive')}
        />
        {resetFor && (
          <form className="inline-form" onSubmit={resetPin}>
            <PinField
              id="reset-pin"
              label={t('staff.newPin', { name: resetFor.name })}
              autoFocus
              value={newPin}
              onChange={setNewPin}
            />
            <FormActions submit={t('common.save')} cancel={t('common.cancel')} onCancel={() => setResetFor(null)} />
          </form>
        )}
      </div>
      {manage && (
        <form className="card" onSubmit={add} aria-labelledby="h-add-staff">
          <h2 id="h-add-staff">{t('staff.add')}</h2>
          <div className="grid-3">
            <TextField id="new-name" label={t('staff.name')} required {...bind('name')} />
            <SelectField
              id="new-role"
              label={t('staff.role')}
              options={namedOptions(t, 'role', ROLES)}
              {...bind('role')}
            />
            <PinField id="new-pin" label={t('staff.pin')} {...bind('pin')} />
          </div>
          <button type="submit" className="btn btn-primary">
            {t('staff.add')}
          </button>
        </form>
      )}
      {session.staff.role === 'owner' && <RolesCard />}
    </Screen>
  );
}
