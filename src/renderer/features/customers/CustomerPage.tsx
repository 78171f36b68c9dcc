import { useEffect, useRef, useState } from 'react';
import type { Category, Customer } from '../../../shared/contract/customers';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { LANGUAGE_NAMES, type Lang, type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { EscButton } from '../../ui/DialogParts';
import { closeOnEscape } from '../../ui/escape';
import { useApiPages, useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { CustomerAnalysis } from '../insights/CustomerAnalysis';
import { CustomerLoyalty } from '../loyalty/CustomerLoyalty';
import { CustomerPriceList } from '../pricing/CustomerPriceList';
import { CustomerAccount } from '../receivables/CustomerAccount';
import { CustomerRelationships } from '../relationships/CustomerRelationships';
import { CustomerForm } from './CustomerForm';
import { StatusPill } from './CustomerList';
import { EraseDialog } from './EraseDialog';
import { CustomerSales } from './sales/CustomerSales';

type Confirm = { kind: 'deactivate' | 'reactivate' | 'delete' };

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** One customer: the record (edit in place), status, delete, card number, and the history of changes. */
export function CustomerPage({
  id,
  categories,
  onBack,
  onOpen,
  onMerge,
}: {
  id: string;
  categories: Category[];
  onBack: () => void;
  onOpen: (id: string) => void;
  /** opens the merge screen for this customer */
  onMerge?: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const { onError, can, store } = useShell();
  const [c, setC] = useState<Customer | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [erasing, setErasing] = useState(false);
  const historyPages = useApiPages('customers', 'history', { id, limit: 50 });
  const history = historyPages.rows ?? [];
  const headRef = useRef<HTMLHeadingElement>(null);
  const canEdit = can('customers.edit');
  const currency: CurrencyCode = store?.currency ?? 'UGX';
  const locale = store?.locale;

  useEffect(() => {
    api.customers
      .get({ id, view: true })
      .then((x) => {
        setC(x);
        requestAnimationFrame(() => headRef.current?.focus());
      })
      .catch(onError);
  }, [id, onError]);

  // a merged record points at the customer it became part of
  const mergedInto = c?.mergedIntoId ?? null;
  const survivor = useApiQuery('customers', 'get', { id: mergedInto ?? '' }, { enabled: mergedInto !== null }).data;

  const changed = (x: Customer) => {
    setC(x);
    void historyPages.refetch();
  };

  // Esc goes back to the list when nothing else is open.
  useEffect(() => {
    if (editing || confirm || erasing) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing, confirm, erasing, onBack]);

  if (!c) {
    return (
      <section className="section">
        <p className="muted">{t('cust.loading')}</p>
      </section>
    );
  }

  const run = async () => {
    if (!confirm) return;
    const kind = confirm.kind;
    setConfirm(null);
    try {
      if (kind === 'delete') {
        await api.customers.delete({ id: c.id });
        toast.success(t('cust.deleted', { name: c.displayName }));
        onBack();
        return;
      }
      const x = await api.customers.setStatus({ id: c.id, status: kind === 'deactivate' ? 'inactive' : 'active' });
      toast.success(t(kind === 'deactivate' ? 'cust.deactivated' : 'cust.reactivated', { name: x.displayName }));
      changed(x);
    } catch (err) {
      onError(err);
    }
  };

  const money = (n: number | null) => (n == null ? '' : formatMoney(n, currency, locale));
  const none = t('cust.none');
  const details: Array<[string, string]> = [
    [t('cust.type'), t(`cust.type.${c.type}` as MessageKey)],
    ...(c.type === 'business'
      ? ([
          [t('cust.contact'), c.contactPerson ?? ''],
          [t('cust.taxId'), c.taxId ?? ''],
        ] as Array<[string, string]>)
      : []),
    ...(c.type === 'individual'
      ? ([[t('cust.dob'), c.dateOfBirth ?? '']] as Array<[string, string]>)
      : ([
          [t('cust.registrationNo'), c.registrationNo ?? ''],
          [t('cust.businessType'), c.businessType ?? ''],
          [t('cust.industry'), c.industry ?? ''],
        ] as Array<[string, string]>)),
    [t('cust.phone'), c.phones.map((p) => p.e164).join(', ')],
    [t('cust.email'), c.email ?? ''],
    [t('cust.category'), c.categoryName ?? ''],
    [t('cust.card'), c.loyaltyCardNo ?? ''],
    [t('cust.code'), c.code ?? ''],
    [t('cust.field.tags'), c.tags.join(', ')],
    [t('cust.creditLimit', { currency }), money(c.creditLimit)],
    [t('cust.terms'), c.paymentTermsDays == null ? '' : String(c.paymentTermsDays)],
    [t('cust.balance'), money(c.balance)],
    [t('cust.totalSpent'), money(c.totalSpent)],
    ...(c.openingSpent !== null || c.openingOrders !== null || c.openingLastAt !== null
      ? ([
          [
            t('cust.before'),
            [
              c.openingSpent !== null && money(c.openingSpent),
              c.openingOrders !== null && t('cust.before.orders', { n: c.openingOrders }),
              c.openingFirstAt !== null &&
                t('cust.before.first', { date: new Date(c.openingFirstAt).toLocaleDateString(locale) }),
              c.openingLastAt !== null &&
                t('cust.before.last', { date: new Date(c.openingLastAt).toLocaleDateString(locale) }),
            ]
              .filter(Boolean)
              .join(' · '),
          ],
        ] as Array<[string, string]>)
      : []),
    [t('cust.since'), new Date(c.createdAt).toLocaleDateString(locale)],
    [
      t('cust.language'),
      c.preferredLanguage ? (LANGUAGE_NAMES[c.preferredLanguage as Lang] ?? c.preferredLanguage) : '',
    ],
    [
      t('cust.contactBy'),
      [
        c.consentSms && t('cust.consent.sms'),
        c.consentWhatsapp && t('cust.consent.whatsapp'),
        c.consentEmail && t('cust.consent.email'),
      ]
        .filter(Boolean)
        .join(', ') || t('cust.contactBy.none'),
    ],
    [
      t('cust.marketing'),
      c.marketingOptIn && c.marketingOptInAt
        ? t('cust.marketing.since', { date: new Date(c.marketingOptInAt).toLocaleDateString(locale) })
        : t('common.no'),
    ],
  ];

  const confirmText =
    confirm?.kind === 'delete'
      ? t('cust.confirmDelete', { name: c.displayName })
      : confirm?.kind === 'deactivate'
        ? t('cust.confirmDeactivate', { name: c.displayName })
        : t('cust.confirmReactivate', { name: c.displayName });

  return (
    <section className="section" aria-labelledby="h-customer">
      <div className="section-head">
        <div>
          <h1 id="h-customer" tabIndex={-1} ref={headRef}>
            {c.displayName} <StatusPill status={c.status} />
          </h1>
          {c.type === 'individual' && c.companyName && <p className="muted">{c.companyName}</p>}
        </div>
        <EscButton label={t('cust.back')} onClick={onBack} />
      </div>

      {c.status === 'merged' && (
        <div className="notice merged-note" role="note">
          {t('cust.merge.tombstone', { name: survivor?.displayName ?? '…' })}{' '}
          {c.mergedIntoId && (
            <button type="button" className="btn btn-sm" onClick={() => onOpen(c.mergedIntoId as string)}>
              {t('cust.dup.openName', { name: survivor?.displayName ?? '…' })}
            </button>
          )}
        </div>
      )}

      {editing ? (
        <CustomerForm
          customer={c}
          categories={categories}
          onSaved={(x) => {
            setEditing(false);
            changed(x);
          }}
          onCancel={() => setEditing(false)}
          onOpenExisting={(other) => {
            setEditing(false);
            onOpen(other);
          }}
        />
      ) : (
        <div className="card">
          <h2>{t('cust.details')}</h2>
          <dl className="cust-details">
            {details.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v || none}</dd>
              </div>
            ))}
          </dl>
          {c.addresses.length > 0 && (
            <ul className="cust-addresses" aria-label={t('cust.addresses')}>
              {c.addresses.map((a) => (
                <li key={a.id}>
                  <strong>
                    {t(`cust.address.${a.kind}` as MessageKey)}
                    {a.isDefault ? ` ${t('cust.address.isDefault')}` : ''}
                  </strong>
                  : {[a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ')}
                </li>
              ))}
            </ul>
          )}
          {c.status !== 'merged' && <CustomerPriceList customerId={c.id} name={c.displayName} />}
          {c.notes && (
            <p className={c.notesImportant ? 'notice' : 'muted'}>
              <strong>{t('cust.notes')}:</strong> {c.notes}
            </p>
          )}
          {canEdit && c.status !== 'merged' && (
            <div className="row-actions">
              <button type="button" className="btn btn-primary" onClick={() => setEditing(true)}>
                {t('cust.edit')}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => setConfirm({ kind: c.status === 'active' ? 'deactivate' : 'reactivate' })}
              >
                {c.status === 'active' ? t('cust.deactivate') : t('cust.reactivate')}
              </button>
              {onMerge && can('customers.merge') && (
                <button type="button" className="btn" onClick={onMerge}>
                  {t('cust.merge')}
                </button>
              )}
              {can('customers.delete') && (
                <button type="button" className="btn btn-danger" onClick={() => setConfirm({ kind: 'delete' })}>
                  {t('cust.delete')}
                </button>
              )}
              {can('customers.erase') && (
                <button type="button" className="btn btn-danger" onClick={() => setErasing(true)}>
                  {t('cust.erase')}…
                </button>
              )}
            </div>
          )}
          {confirm && (
            <div
              className="confirm-box"
              role="alertdialog"
              aria-labelledby="confirm-text"
              onKeyDown={closeOnEscape(() => setConfirm(null))}
            >
              <p id="confirm-text">{confirmText}</p>
              <div className="row-actions">
                <button
                  type="button"
                  className={`btn ${confirm.kind === 'delete' ? 'btn-danger' : 'btn-primary'}`}
                  autoFocus
                  onClick={() => void run()}
                >
                  {confirm.kind === 'delete'
                    ? t('cust.delete')
                    : confirm.kind === 'deactivate'
                      ? t('cust.deactivate')
                      : t('cust.reactivate')}
                </button>
                <EscButton label={t('common.cancel')} onClick={() => setConfirm(null)} />
              </div>
            </div>
          )}
        </div>
      )}

      {erasing && (
        <EraseDialog
          customer={c}
          onClose={() => setErasing(false)}
          onErased={() => {
            setErasing(false);
            onBack();
          }}
        />
      )}
      {c.status !== 'merged' && <CustomerRelationships customer={c} />}
      {c.status !== 'merged' && <CustomerAccount customer={c} onChanged={changed} />}
      {c.status !== 'merged' && <CustomerSales customerId={c.id} />}
      {c.status !== 'merged' && <CustomerAnalysis customerId={c.id} />}
      {c.status !== 'merged' && <CustomerLoyalty customer={c} onChanged={changed} />}

      <div className="card">
        <h2>{t('cust.history')}</h2>
        {history.length === 0 ? (
          <p className="muted">{t('cust.history.empty')}</p>
        ) : (
          <ul className="cust-history" aria-label={t('cust.history')}>
            {history.map((h) => (
              <li key={h.id}>
                <div className="muted">
                  <strong>{h.actorName}</strong> · {new Date(h.at).toLocaleString(locale)} · <code>{h.action}</code>
                </div>
                {h.changes.length > 0 && (
                  <ul className="changes">
                    {h.changes.map((ch) => (
                      <li key={ch.field}>
                        {ch.field}: {show(ch.before) || t('cust.empty.value')} →{' '}
                        {show(ch.after) || t('cust.empty.value')}
                      </li>
                    ))}
                  </ul>
                )}
                {h.note && <div className="muted">{h.note}</div>}
              </li>
            ))}
          </ul>
        )}
        {historyPages.more && (
          <button type="button" className="btn btn-sm" onClick={historyPages.more}>
            {t('cust.history.more')}
          </button>
        )}
      </div>
    </section>
  );
}
