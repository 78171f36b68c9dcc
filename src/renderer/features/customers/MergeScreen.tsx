import { useEffect, useRef, useState } from 'react';
import {
  type Category,
  type Customer,
  type CustomerListRow,
  MERGE_FIELDS,
  type MergeField,
  type MergeInput,
} from '../../../shared/contract/customers';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { EscButton } from '../../ui/DialogParts';
import { closeOnEscape } from '../../ui/escape';
import { RadioGroup, SearchField } from '../../ui/fields';
import { useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { useDebounced } from '../../ui/useDebounced';
import { StatusPill } from './CustomerList';

type Side = 'a' | 'b';

/** The form's label for each field a merge can choose. */
export const MERGE_LABEL: Record<MergeField, MessageKey> = {
  code: 'cust.code',
  type: 'cust.type',
  title: 'cust.titleField',
  firstName: 'cust.firstName',
  lastName: 'cust.lastName',
  companyName: 'cust.company',
  contactPerson: 'cust.contact',
  taxId: 'cust.taxId',
  registrationNo: 'cust.registrationNo',
  businessType: 'cust.businessType',
  industry: 'cust.industry',
  dateOfBirth: 'cust.dob',
  email: 'cust.email',
  preferredLanguage: 'cust.language',
  categoryId: 'cust.category',
  notes: 'cust.notes',
  paymentTermsDays: 'cust.terms',
  creditLimit: 'cust.creditLimit',
  loyaltyCardNo: 'cust.card',
};

const isBlank = (v: unknown) => v === null || v === undefined || v === '';

/** Merge another customer into this one (or this one into the other): pick the record that stays and, per field, the value kept. */
export function MergeScreen({
  id,
  categories,
  onDone,
  onCancel,
}: {
  id: string;
  categories: Category[];
  onDone: (survivorId: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const { onError, store } = useShell();
  const currency: CurrencyCode = store?.currency ?? 'UGX';
  const a = useApiQuery('customers', 'get', { id }).data ?? null;
  const [b, setB] = useState<Customer | null>(null);
  const [text, setText] = useState('');
  const [survivor, setSurvivor] = useState<Side>('a');
  const [keep, setKeep] = useState<Partial<Record<MergeField, Side>>>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const headRef = useRef<HTMLHeadingElement>(null);

  const loaded = a !== null;
  useEffect(() => {
    if (loaded) requestAnimationFrame(() => headRef.current?.focus());
  }, [loaded]);

  // as-you-type search for the other customer (active or inactive, never this one)
  const settled = useDebounced(text.trim() ? text : '', 150);
  const search = useApiQuery(
    'customers',
    'search',
    { text: settled, status: 'any', limit: 10 },
    { enabled: settled !== '', keepPrevious: true },
  );
  const found: CustomerListRow[] =
    text.trim() && search.data ? search.data.rows.filter((r) => r.id !== id && r.status !== 'merged') : [];

  const pick = async (otherId: string) => {
    try {
      setB(await api.customers.get({ id: otherId }));
      setSurvivor('a');
      setKeep({});
    } catch (err) {
      onError(err);
    }
  };

  const value = (c: Customer, f: MergeField): string => {
    const v = c[f];
    if (isBlank(v)) return '';
    if (f === 'categoryId') return c.categoryName ?? categories.find((x) => x.id === v)?.name ?? '';
    if (f === 'creditLimit') return formatMoney(v as number, currency, store?.locale);
    if (f === 'type') return t(`cust.type.${v}` as MessageKey);
    return String(v);
  };

  // rows where the two differ: those are the only real choices
  const rows = a && b ? MERGE_FIELDS.filter((f) => value(a, f) !== value(b, f)) : [];

  if (!a) {
    return (
      <section className="section">
        <p className="muted">{t('cust.loading')}</p>
      </section>
    );
  }

  /** the side whose value is kept: the one chosen, else the survivor's unless it is empty */
  const chosen = (f: MergeField): Side => {
    const explicit = keep[f];
    if (explicit) return explicit;
    if (!b) return survivor;
    const other: Side = survivor === 'a' ? 'b' : 'a';
    const s = survivor === 'a' ? a : b;
    const o = survivor === 'a' ? b : a;
    return isBlank(s[f]) && !isBlank(o[f]) ? other : survivor;
  };

  const merge = async () => {
    if (!b) return;
    setBusy(true);
    try {
      const [s, o] = survivor === 'a' ? [a, b] : [b, a];
      const input: MergeInput = {
        survivorId: s.id,
        otherId: o.id,
        keep: Object.fromEntries(rows.map((f) => [f, chosen(f) === survivor ? 'survivor' : 'other'])),
      };
      const result = await api.customers.merge(input);
      toast.success(t('cust.merge.done', { other: o.displayName, name: result.displayName }));
      onDone(result.id);
    } catch (err) {
      setConfirming(false);
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const names = { a: a.displayName, b: b?.displayName ?? '' };
  const goner = survivor === 'a' ? names.b : names.a;
  const stays = survivor === 'a' ? names.a : names.b;

  return (
    <section
      className="section"
      aria-labelledby="h-merge"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !confirming) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="section-head">
        <h1 id="h-merge" tabIndex={-1} ref={headRef}>
          {t('cust.merge.title', { name: a.displayName })}
        </h1>
        <EscButton label={t('common.cancel')} onClick={onCancel} />
      </div>

      <div className="card">
        <SearchField id="merge-search" label={t('cust.merge.find')} autoFocus value={text} onChange={setText} />
        {text.trim() && found.length === 0 && <p className="muted">{t('cust.merge.noneFound')}</p>}
        {found.length > 0 && (
          <ul className="merge-found" aria-label={t('cust.merge.results')}>
            {found.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className={`btn btn-sm${b?.id === r.id ? ' btn-primary' : ''}`}
                  onClick={() => void pick(r.id)}
                >
                  {t('cust.merge.choose', { name: r.displayName })}
                </button>
                <span className="muted">{[r.phone, r.email, r.cardNo].filter(Boolean).join(' · ')}</span>
                <StatusPill status={r.status} />
              </li>
            ))}
          </ul>
        )}
      </div>

      {b && (
        <div className="card">
          <RadioGroup
            legend={t('cust.merge.stays')}
            className="plain merge-survivor"
            options={(['a', 'b'] as const).map((s) => ({
              value: s,
              label: t('cust.merge.keepRecord', { name: names[s] }),
            }))}
            value={survivor}
            onChange={(s) => {
              setSurvivor(s);
              setKeep({});
            }}
          />
          <div className="table-wrap">
            <table className="table merge-table">
              <caption className="sr-only">{t('cust.merge.fields')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cust.merge.field')}</th>
                  <th scope="col">{names.a}</th>
                  <th scope="col">{names.b}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((f) => {
                  const label = t(MERGE_LABEL[f], { currency });
                  return (
                    <tr key={f}>
                      <th scope="row">{label}</th>
                      {(['a', 'b'] as const).map((s) => {
                        const v = value(s === 'a' ? a : (b as Customer), f);
                        return (
                          <td key={s} className={chosen(f) === s ? 'merge-kept' : ''}>
                            <label className="radio-line">
                              <input
                                type="radio"
                                name={`merge-${f}`}
                                aria-label={`${label}: ${v || t('cust.empty.value')}`}
                                checked={chosen(f) === s}
                                onChange={() => setKeep((k) => ({ ...k, [f]: s }))}
                              />
                              {v || <span className="muted">{t('cust.empty.value')}</span>}
                            </label>
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={3} className="muted">
                      {t('cust.merge.same')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('cust.merge.moves', { name: stays })}</p>
          {confirming ? (
            <div
              className="confirm-box"
              role="alertdialog"
              aria-labelledby="merge-confirm"
              onKeyDown={closeOnEscape(() => setConfirming(false))}
            >
              <p id="merge-confirm">{t('cust.merge.confirm', { other: goner, name: stays })}</p>
              <div className="row-actions">
                <button type="button" className="btn btn-danger" autoFocus disabled={busy} onClick={() => void merge()}>
                  {t('cust.merge.go')}
                </button>
                <EscButton label={t('common.cancel')} onClick={() => setConfirming(false)} />
              </div>
            </div>
          ) : (
            <div className="row-actions">
              <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)}>
                {t('cust.merge.review', { other: goner, name: stays })}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
