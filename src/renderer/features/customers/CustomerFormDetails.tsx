import type { Customer, CustomerCreate } from '../../../shared/contract/customers';
import { LANGUAGE_NAMES, type MessageKey, useT } from '../../i18n';
import { CheckField, SelectField, TextField } from '../../ui/fields';
import { blankFirst } from '../../ui/SelectFields';

type Kind = 'billing' | 'shipping';
export interface AddressDraft {
  key: number;
  kind: Kind;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  isDefault: boolean;
}

/** The less common parts of a customer: birthday, language, consents and addresses. */
export interface Details {
  dateOfBirth: string;
  preferredLanguage: string;
  registrationNo: string;
  businessType: string;
  industry: string;
  consentSms: boolean;
  consentWhatsapp: boolean;
  consentEmail: boolean;
  marketingOptIn: boolean;
  addresses: AddressDraft[];
}

let nextKey = 1;
const blankAddress = (kind: Kind, isDefault: boolean): AddressDraft => ({
  key: nextKey++,
  kind,
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
  isDefault,
});

export function initialDetails(c: Customer | undefined): Details {
  return {
    dateOfBirth: c?.dateOfBirth ?? '',
    preferredLanguage: c?.preferredLanguage ?? '',
    registrationNo: c?.registrationNo ?? '',
    businessType: c?.businessType ?? '',
    industry: c?.industry ?? '',
    consentSms: c?.consentSms ?? false,
    consentWhatsapp: c?.consentWhatsapp ?? false,
    consentEmail: c?.consentEmail ?? false,
    marketingOptIn: c?.marketingOptIn ?? false,
    addresses: (c?.addresses ?? []).map((a) => ({ ...a, key: nextKey++ })),
  };
}

/** An address's text parts: which, the end of its field's id, its label. */
const ADDRESS_LINES = [
  ['line1', 'line1', 'cust.address.line1'],
  ['line2', 'line2', 'cust.address.line2'],
  ['city', 'city', 'cust.address.city'],
  ['region', 'region', 'cust.address.region'],
  ['postalCode', 'postal', 'cust.address.postalCode'],
  ['country', 'country', 'cust.address.country'],
] as const satisfies readonly (readonly [keyof AddressDraft, string, MessageKey])[];

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The contract fields the details hold; blank addresses are left out. */
export function detailsInput(d: Details, type: Customer['type']): Partial<CustomerCreate> {
  return {
    dateOfBirth: type === 'individual' ? orNull(d.dateOfBirth) : null,
    preferredLanguage: orNull(d.preferredLanguage),
    ...(type === 'business'
      ? {
          registrationNo: orNull(d.registrationNo),
          businessType: orNull(d.businessType),
          industry: orNull(d.industry),
        }
      : {}),
    consentSms: d.consentSms,
    consentWhatsapp: d.consentWhatsapp,
    consentEmail: d.consentEmail,
    marketingOptIn: d.marketingOptIn,
    addresses: d.addresses
      .filter((a) => [a.line1, a.line2, a.city, a.region, a.postalCode].some((v) => v.trim()))
      .map(({ key: _k, ...a }) => ({ ...a, country: a.country.trim().toUpperCase() })),
  };
}

export function CustomerFormDetails({
  d,
  setD,
  type,
  optedInAt,
}: {
  d: Details;
  setD: (f: (d: Details) => Details) => void;
  type: Customer['type'];
  /** when the customer said yes to marketing, if they have */
  optedInAt: number | null;
}) {
  const t = useT();
  const set =
    <K extends keyof Details>(k: K) =>
    (v: Details[K]) =>
      setD((x) => ({ ...x, [k]: v }));
  type Texts = 'dateOfBirth' | 'registrationNo' | 'businessType' | 'industry' | 'preferredLanguage';
  type Checks = 'consentSms' | 'consentWhatsapp' | 'consentEmail' | 'marketingOptIn';
  const bind = (k: Texts) => ({ value: d[k], onChange: set(k) });
  const check = (k: Checks) => ({ checked: d[k], onChange: set(k) });
  const setAddress = (key: number, patch: Partial<AddressDraft>) =>
    setD((x) => {
      const target = x.addresses.find((a) => a.key === key);
      return {
        ...x,
        addresses: x.addresses.map((a) => {
          if (a.key === key) return { ...a, ...patch };
          // one default per kind: choosing one clears the others of its kind
          if (patch.isDefault && target && a.kind === (patch.kind ?? target.kind)) return { ...a, isDefault: false };
          return a;
        }),
      };
    });
  const add = (kind: Kind) =>
    setD((x) => ({
      ...x,
      addresses: [...x.addresses, blankAddress(kind, !x.addresses.some((a) => a.kind === kind))],
    }));
  const remove = (key: number) => setD((x) => ({ ...x, addresses: x.addresses.filter((a) => a.key !== key) }));
  const languages = Object.entries(LANGUAGE_NAMES) as Array<[string, string]>;
  if (d.preferredLanguage && !languages.some(([code]) => code === d.preferredLanguage))
    languages.push([d.preferredLanguage, d.preferredLanguage]);

  return (
    <>
      <div className="cust-grid">
        {type === 'individual' ? (
          <TextField id="cf-dob" label={t('cust.dob')} type="date" {...bind('dateOfBirth')} />
        ) : (
          <>
            <TextField id="cf-regno" label={t('cust.registrationNo')} {...bind('registrationNo')} />
            <TextField id="cf-btype" label={t('cust.businessType')} {...bind('businessType')} />
            <TextField id="cf-industry" label={t('cust.industry')} {...bind('industry')} />
          </>
        )}
        <SelectField
          id="cf-language"
          label={t('cust.language')}
          {...bind('preferredLanguage')}
          options={blankFirst(
            t('cust.language.none'),
            languages.map(([value, label]) => ({ value, label })),
          )}
        />
      </div>
      <fieldset className="plain cf-consents">
        <legend>{t('cust.consent')}</legend>
        <CheckField id="cf-sms" label={t('cust.consent.sms')} {...check('consentSms')} />
        <CheckField id="cf-whatsapp" label={t('cust.consent.whatsapp')} {...check('consentWhatsapp')} />
        <CheckField id="cf-consent-email" label={t('cust.consent.email')} {...check('consentEmail')} />
        <CheckField id="cf-marketing" label={t('cust.marketing')} {...check('marketingOptIn')} />
        {d.marketingOptIn && optedInAt !== null && (
          <span className="muted">{t('cust.marketing.since', { date: new Date(optedInAt).toLocaleDateString() })}</span>
        )}
      </fieldset>
      <fieldset className="plain cf-addresses">
        <legend>{t('cust.addresses')}</legend>
        {d.addresses.map((a, i) => {
          const n = i + 1;
          return (
            <fieldset key={a.key} className="cf-address">
              <legend className="sr-only">{t('cust.address.n', { n })}</legend>
              <SelectField
                id={`cf-a${a.key}-kind`}
                label={t('cust.address.kind')}
                value={a.kind}
                onChange={(kind) => setAddress(a.key, { kind, isDefault: false })}
                options={(['billing', 'shipping'] as const).map((k) => ({
                  value: k,
                  label: t(`cust.address.${k}` as MessageKey),
                }))}
              />
              {ADDRESS_LINES.map(([k, id, label]) => (
                <TextField
                  key={k}
                  id={`cf-a${a.key}-${id}`}
                  label={t(label)}
                  maxLength={k === 'country' ? 2 : undefined}
                  value={a[k]}
                  onChange={(v) => setAddress(a.key, { [k]: v })}
                />
              ))}
              <CheckField
                id={`cf-a${a.key}-default`}
                label={t(`cust.address.default.${a.kind}` as MessageKey)}
                checked={a.isDefault}
                onChange={(v) => setAddress(a.key, { isDefault: v })}
              />
              <button type="button" className="btn btn-sm btn-ghost" onClick={() => remove(a.key)}>
                {t('cust.address.remove', { n })}
              </button>
            </fieldset>
          );
        })}
        <div className="row-actions">
          <button type="button" className="btn btn-sm" onClick={() => add('billing')}>
            {t('cust.address.addBilling')}
          </button>
          <button type="button" className="btn btn-sm" onClick={() => add('shipping')}>
            {t('cust.address.addShipping')}
          </button>
        </div>
      </fieldset>
    </>
  );
}
