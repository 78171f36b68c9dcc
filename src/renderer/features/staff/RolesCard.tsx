import { PERMISSIONS, type Permission } from '../../../shared/permissions';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useLoadedForm } from '../../ui/form';
import { useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';

type Editable = 'manager' | 'cashier';
const EDITABLE: Editable[] = ['manager', 'cashier'];
type Matrix = Record<Editable, Set<Permission>>;

const toMatrix = (m: Record<string, Permission[]>): Matrix => ({
  manager: new Set(m.manager ?? []),
  cashier: new Set(m.cashier ?? []),
});

/** The owner's permission matrix: a tick per role and permission, saved for both roles at once. */
export function RolesCard() {
  const t = useT();
  const { onError } = useShell();
  const toast = useToast();
  const roles = useApiQuery('staff', 'roles', null);
  // the ticks as read, then as the owner changes (and saves) them
  const { form: matrix, setForm: setMatrix } = useLoadedForm(roles.data, (r) => toMatrix(r.current));
  const defaults = roles.data && toMatrix(roles.data.defaults);

  if (!matrix || !defaults) return null;
  const toggle = (role: Editable, p: Permission) => {
    const next = new Set(matrix[role]);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    setMatrix({ ...matrix, [role]: next });
  };
  const save = async () => {
    try {
      for (const role of EDITABLE)
        await api.staff.setRolePermissions({ role, permissions: PERMISSIONS.filter((p) => matrix[role].has(p)) });
      toast.success(t('roles.saved'));
      void roles.refetch();
    } catch (err) {
      onError(err);
    }
  };

  return (
    <section className="card" aria-labelledby="h-roles">
      <h2 id="h-roles">{t('roles.title')}</h2>
      <p className="muted">{t('roles.intro')}</p>
      <div className="table-wrap">
        <table className="table" aria-labelledby="h-roles">
          <thead>
            <tr>
              <th scope="col">{t('roles.permission')}</th>
              {EDITABLE.map((r) => (
                <th key={r} scope="col">
                  {t(`role.${r}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PERMISSIONS.map((p) => {
              const label = t(`perm.${p}` as MessageKey);
              return (
                <tr key={p}>
                  <td>{label}</td>
                  {EDITABLE.map((r) => (
                    <td key={r}>
                      <input
                        type="checkbox"
                        checked={matrix[r].has(p)}
                        onChange={() => toggle(r, p)}
                        aria-label={t('roles.for', { permission: label, role: t(`role.${r}` as MessageKey) })}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="row-actions">
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('roles.save')}
        </button>
        <button type="button" className="btn" onClick={() => setMatrix(defaults)}>
          {t('roles.defaults')}
        </button>
      </div>
    </section>
  );
}
