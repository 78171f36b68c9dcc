import { type FormEvent, useState } from 'react';
import type { Category, Customer, CustomerCreate, DuplicateMatch } from '../../../shared/contract/customers';
import { type CurrencyCode, fromDecimalString, toDecimalString } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { EscButton, InlineError } from '../../ui/DialogParts';
import { closeOnEscape } from '../../ui/escape';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { blankFirst, rowOptions } from '../../ui/SelectFields';
import { useToast } from '../../ui/toast';
import { CustomerFormDetails, type Details, detailsInput, initialDetails } from './CustomerFormDetails';

type CustomerType = Customer['type'];

interface FormState {
  type: CustomerType;
  title: string;
  firstName: string;
  lastName: string;
  companyName: string;
  contactPerson: string;
  taxId: string;
  phone: string;
  email: string;
  categoryId: string;
  tags: string;
  notes: string;
  creditLimit: string;
  paymentTerms: string;
}

function primaryPhone(c: Customer): string {
  const p = c.phones.find((x) => x.isPrimary) ?? c.phones[0];
  return p?.e164 ?? c.phonePrimary ?? '';
}

function initial(c: Customer | undefined, currency: CurrencyCode): FormState {
  return {
    type: c?.type ?? 'individual',
    title: c?.title ?? '',
    firstName: c?.firstName ?? '',
    lastName: c?.lastName ?? '',
    companyName: c?.companyName ?? '',
    contactPerson: c?.contactPerson ?? '',
    taxId: c?.taxId ?? '',
    phone: c ? primaryPhone(c) : '',
    email: c?.email ?? '',
    categoryId: c?.categoryId ?? '',
    tags: c?.tags.join(', ') ?? '',
    notes: c?.notes ?? '',
    creditLimit: c?.creditLimit != null ? toDecimalString(c.creditLimit, currency) : '',
    paymentTerms: c?.paymentTermsDays != null ? String(c.paymentTermsDays) : '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** New customer, or edit in place. Handles the duplicate warning: open the existing one, or save anyway with a reason. */
export function CustomerForm({
  customer,
  categories,
  onSaved,
  onCancel,
  onOpenExisting,
}: {
  customer?: Customer;
  categories: Category[];
  onSaved: (c: Customer) => void;
  onCancel: () => void;
  onOpenExisting: (id: string) => void;
}) {
  const t = useT();
  const toast = useToast();
  const { onError, store } = useShell();
  const currency: CurrencyCode = store?.currency ?? 'UGX';
  const [f, setF] = useState<FormState>(() => initial(customer, currency));
  const [details, setDetails] = useState<Details>(() => initialDetails(customer));
  const [dupes, setDupes] = useState<DuplicateMatch[] | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof FormState) => (v: string) => {
    setF((s) => ({ ...s, [k]: v }));
    if (k === 'phone' || k === 'email' || k === 'taxId') {
      setDupes(null);
      setAsking(false);
    }
  };
  /** a text control's value and change for one part of the form */
  const bind = (k: keyof FormState) => ({ value: f[k], onChange: set(k) });
  const editing = Boolean(customer);

  const build = (): CustomerCreate | null => {
    let creditLimit: number | null = null;
    if (f.creditLimit.trim()) {
      try {
        creditLimit = fromDecimalString(f.creditLimit.replace(/[\s,]/g, ''), currency);
      } catch {
        setError(t('cust.amountInvalid'));
        return null;
      }
    }
    let paymentTermsDays: number | null = null;
    if (f.paymentTerms.trim()) {
      paymentTermsDays = Number(f.paymentTerms.trim());
      if (!Number.isInteger(paymentTermsDays) || paymentTermsDays < 0 || paymentTermsDays > 365) {
        setError(t('cust.termsInvalid'));
        return null;
      }
    }
    const input: CustomerCreate = {
      type: f.type,
      email: orNull(f.email),
      categoryId: f.categoryId || null,
      tags: f.tags
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      notes: f.notes,
      creditLimit,
      paymentTermsDays,
      ...detailsInput(details, f.type),
    };
    if (f.type === 'individual') {
      Object.assign(input, {
        title: orNull(f.title),
        firstName: orNull(f.firstName),
        lastName: orNull(f.lastName),
      });
    } else {
      Object.assign(input, {
        companyName: orNull(f.companyName),
        contactPerson: orNull(f.contactPerson),
        taxId: orNull(f.taxId),
      });
    }
    const phoneChanged = !customer || f.phone.trim() !== primaryPhone(customer);
    if (phoneChanged) {
      const others = (customer?.phones ?? [])
        .filter((p) => p.e164 !== primaryPhone(customer as Customer))
        .map((p) => ({ number: p.e164, label: p.label, isPrimary: false }));
      input.phones = [
        ...(f.phone.trim() ? [{ number: f.phone.trim(), label: 'mobile', isPrimary: true }] : []),
        ...others,
      ];
    }
    return input;
  };

  const save = async (override?: { allowDuplicate: true; duplicateReason: string }) => {
    setError(null);
    const input = build();
    if (!input) return;
    setBusy(true);
    try {
      const body = { ...input, ...override };
      const res = customer
        ? await api.customers.update({ ...body, id: customer.id })
        : await api.customers.create(body);
      const similar = res.duplicates.filter((d) => d.field === 'name');
      toast.success(t(editing ? 'cust.updated' : 'cust.created', { name: res.customer.displayName }));
      if (similar.length)
        toast.info(t('cust.dup.savedSimilar', { names: similar.map((d) => d.displayName).join(', ') }));
      onSaved(res.customer);
    } catch (err) {
      const matches = (err instanceof ApiError &&
        err.code === 'CONFLICT' &&
        (err.details as { matches?: unknown })?.matches) as DuplicateMatch[] | undefined;
      if (Array.isArray(matches) && matches.length) {
        setDupes(matches);
        setAsking(false);
      } else onError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (asking) {
      if (!reason.trim()) {
        setError(t('cust.dup.reasonNeeded'));
        return;
      }
      void save({ allowDuplicate: true, duplicateReason: reason.trim() });
    } else void save();
  };

  const matchedValue = (m: DuplicateMatch): string =>
    m.field === 'phone' ? f.phone : m.field === 'email' ? f.email : m.field === 'taxId' ? f.taxId : '';

  return (
    <form className="card cust-form" onSubmit={submit} onKeyDown={closeOnEscape(onCancel)}>
      <fieldset className="plain cust-type">
        <legend className="sr-only">{t('cust.type')}</legend>
        {(['individual', 'business'] as const).map((ty) => (
          <label key={ty} className={`seg${f.type === ty ? ' seg-on' : ''}`}>
            <input type="radio" name="cust-type" checked={f.type === ty} onChange={() => set('type')(ty)} />
            {t(`cust.type.${ty}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {f.type === 'individual' ? (
        <div className="cust-grid">
          <TextField id="cf-title" label={t('cust.titleField')} className="cf-narrow" {...bind('title')} />
          <TextField id="cf-first" label={t('cust.firstName')} autoFocus {...bind('firstName')} />
          <TextField id="cf-last" label={t('cust.lastName')} {...bind('lastName')} />
        </div>
      ) : (
        <div className="cust-grid">
          <TextField id="cf-company" label={t('cust.company')} autoFocus required {...bind('companyName')} />
          <TextField id="cf-contact" label={t('cust.contact')} {...bind('contactPerson')} />
          <TextField id="cf-tax" label={t('cust.taxId')} {...bind('taxId')} />
        </div>
      )}
      <div className="cust-grid">
        <TextField id="cf-phone" label={t('cust.phone')} type="tel" {...bind('phone')} />
        <TextField id="cf-email" label={t('cust.email')} type="email" {...bind('email')} />
        <SelectField
          id="cf-category"
          label={t('cust.category')}
          {...bind('categoryId')}
          options={blankFirst(t('cust.category.none'), rowOptions(categories))}
        />
        <TextField
          id="cf-credit"
          label={t('cust.creditLimit', { currency })}
          inputMode="decimal"
          {...bind('creditLimit')}
        />
        <TextField id="cf-terms" label={t('cust.terms')} inputMode="numeric" {...bind('paymentTerms')} />
        <TextField id="cf-tags" label={t('cust.tags')} {...bind('tags')} />
      </div>
      <CustomerFormDetails
        d={details}
        setD={setDetails}
        type={f.type}
        optedInAt={customer?.marketingOptIn ? customer.marketingOptInAt : null}
      />
      <TextAreaField id="cf-notes" label={t('cust.notes')} {...bind('notes')} />

      {dupes && (
        <div className="dup-panel" role="alert" aria-labelledby="dup-title">
          <p id="dup-title" className="dup-title">
            {t('cust.dup.title')}
          </p>
          <ul className="dup-list">
            {dupes.map((m) => (
              <li key={`${m.field}-${m.id}`}>
                <span>
                  {t(`cust.dup.${m.field}` as MessageKey, {
                    value: matchedValue(m) || (customer?.loyaltyCardNo ?? ''),
                    name: m.displayName,
                  })}
                </span>
                <button
                  type="button"
                  className="btn btn-sm"
                  aria-label={t('cust.dup.openName', { name: m.displayName })}
                  onClick={() => onOpenExisting(m.id)}
                >
                  {t('cust.dup.open')}
                </button>
              </li>
            ))}
          </ul>
          {asking ? (
            <TextField
              id="cf-reason"
              label={t('cust.dup.reason')}
              autoFocus
              required
              value={reason}
              onChange={setReason}
            />
          ) : (
            <button type="button" className="btn" onClick={() => setAsking(true)}>
              {editing ? t('cust.dup.saveAnyway') : t('cust.dup.anyway')}
            </button>
          )}
        </div>
      )}
      <InlineError error={error} />
      <div className="row-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || (Boolean(dupes) && !asking)}>
          {asking
            ? editing
              ? t('cust.dup.saveAnyway')
              : t('cust.dup.anyway')
            : editing
              ? t('cust.save')
              : t('cust.create')}
        </button>
        <EscButton label={t('common.cancel')} onClick={onCancel} />
      </div>
    </form>
  );
}
