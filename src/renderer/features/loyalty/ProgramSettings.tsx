import { type FormEvent, useState } from 'react';
import type { LoyaltyProgram, LoyaltyTier } from '../../../shared/contract/loyalty';
import { type CurrencyCode, formatMoney, parseMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { CheckField, decimalSpec, numberSpec, type Option, SelectField, TextFields } from '../../ui/fields';
import { useApiQuery, useSetAnswer } from '../../ui/query';
import { namedOptions } from '../../ui/SelectFields';
import { useToast } from '../../ui/toast';
import { ProgramExclusions } from './ProgramExclusions';

/** What the form edits: money as typed in the shop's currency, multipliers as "1.5", counts as text. */
interface Form {
  enabled: boolean;
  points: string;
  per: string;
  base: LoyaltyProgram['earn']['base'];
  minSpend: string;
  perVisit: string;
  pointValue: string;
  minPoints: string;
  maxSharePercent: string;
  tierWindowMonths: string;
  /** uid keys the row on screen; id is the tier's stored key ('' until saved) */
  tiers: Array<{ uid: string; id: string; name: string; threshold: string; multiplier: string }>;
  expiryKind: 'none' | 'months';
  expiryMonths: string;
  birthdayBonus: string;
  excludedCategoryIds: string[];
  excludedProductIds: string[];
}

const slug = (name: string, i: number) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30) || `tier-${i + 1}`;

function toForm(p: LoyaltyProgram, money: (n: number) => string): Form {
  return {
    enabled: p.enabled,
    points: String(p.earn.points),
    per: money(p.earn.per),
    base: p.earn.base,
    minSpend: money(p.earn.minSpend),
    perVisit: String(p.earn.perVisit),
    pointValue: money(p.redeem.pointValue),
    minPoints: String(p.redeem.minPoints),
    maxSharePercent: String(p.redeem.maxSharePercent),
    tierWindowMonths: String(p.tierWindowMonths),
    tiers: p.tiers.map((x) => ({
      uid: x.id,
      id: x.id,
      name: x.name,
      threshold: money(x.thresholdSpend),
      multiplier: String(x.multiplierBp / 10_000),
    })),
    expiryKind: p.expiry.kind,
    expiryMonths: String(p.expiry.kind === 'months' ? p.expiry.months : 12),
    birthdayBonus: String(p.birthdayBonus),
    excludedCategoryIds: p.earn.excludedCategoryIds,
    excludedProductIds: p.earn.excludedProductIds,
  };
}

/** The loyalty program (manager+): earning, paying with points, tiers, expiry and birthday bonus, in plain words. */
export function ProgramSettings() {
  const t = useT();
  const program = useApiQuery('loyalty', 'getProgram', null).data;
  return program ? <ProgramForm program={program} /> : <p className="muted">{t('app.loading')}</p>;
}

/** The program's form over the program as read, kept as typed until it is saved. */
function ProgramForm({ program: read }: { program: LoyaltyProgram }) {
  const t = useT();
  const toast = useToast();
  const { onError, store } = useShell();
  const setAnswer = useSetAnswer();
  const currency = (store?.currency ?? 'UGX') as CurrencyCode;
  const locale = store?.locale ?? 'en';
  const money = (n: number) => formatMoney(n, currency, locale, { code: false });
  const moneyCode = (n: number) => formatMoney(n, currency, locale);
  const [saved, setSaved] = useState<LoyaltyProgram>(read);
  const [f, setF] = useState<Form>(() => toForm(read, money));

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF({ ...f, [k]: v });
  const amount = (s: string) => {
    try {
      return parseMoney(s || '0', currency, locale);
    } catch {
      return Number.NaN;
    }
  };
  /** one field for a whole number of the form (numeric keypad) */
  const wholeField = (key: 'tierWindowMonths' | 'expiryMonths' | 'birthdayBonus', id: string, label: string) => (
    <TextFields specs={[numberSpec(key, id, label)]} values={f} onChange={set} />
  );
  /** one choice of the form (a select over its options) */
  const choiceField = <K extends 'base' | 'expiryKind'>(
    key: K,
    id: string,
    label: string,
    options: readonly Option<Form[K]>[],
  ) => <SelectField<Form[K]> id={id} label={label} value={f[key]} onChange={(v) => set(key, v)} options={options} />;
  const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const checks: Array<[string, number, number]> = [
      [t('loy.prog.earnPoints'), whole(f.points), 0],
      [t('loy.prog.earnPer', { currency }), amount(f.per), 1],
      [t('loy.prog.pointValue', { currency }), amount(f.pointValue), 1],
      [t('loy.prog.tierWindow'), whole(f.tierWindowMonths), 1],
    ];
    const bad = checks.find(([, v, min]) => !Number.isFinite(v) || v < min);
    if (bad) {
      toast.error(t('loy.prog.bad', { field: bad[0], min: bad[2] }));
      return;
    }
    const tiers: LoyaltyTier[] = f.tiers.map((x, i) => ({
      id: x.id || slug(x.name, i),
      name: x.name.trim(),
      thresholdSpend: amount(x.threshold),
      multiplierBp: Math.round(Number(x.multiplier.replace(',', '.')) * 10_000),
    }));
    const program: LoyaltyProgram = {
      ...saved,
      enabled: f.enabled,
      earn: {
        ...saved.earn,
        points: whole(f.points),
        per: amount(f.per),
        base: f.base,
        minSpend: amount(f.minSpend),
        perVisit: whole(f.perVisit),
        excludedCategoryIds: f.excludedCategoryIds,
        excludedProductIds: f.excludedProductIds,
      },
      redeem: {
        pointValue: amount(f.pointValue),
        minPoints: whole(f.minPoints),
        maxSharePercent: whole(f.maxSharePercent),
      },
      tiers,
      tierWindowMonths: whole(f.tierWindowMonths),
      expiry: f.expiryKind === 'none' ? { kind: 'none' } : { kind: 'months', months: whole(f.expiryMonths) },
      birthdayBonus: whole(f.birthdayBonus),
    };
    try {
      const next = await api.loyalty.setProgram(program);
      setAnswer('loyalty', 'getProgram', null, next);
      setSaved(next);
      setF(toForm(next, money));
      toast.success(t('loy.prog.saved'));
    } catch (err) {
      onError(err);
    }
  };

  const perAmount = amount(f.per);
  const pointValue = amount(f.pointValue);
  const setTier = (i: number, patch: Partial<Form['tiers'][0]>) =>
    set(
      'tiers',
      f.tiers.map((x, k) => (k === i ? { ...x, ...patch } : x)),
    );

  return (
    <form className="loy-program" onSubmit={(e) => void save(e)}>
      <CheckField
        id="lp-enabled"
        label={t('loy.prog.enabled')}
        checked={f.enabled}
        onChange={(v) => set('enabled', v)}
      />

      <fieldset className="card">
        <legend>{t('loy.prog.earn')}</legend>
        <div className="form-row">
          <TextFields
            specs={[
              numberSpec('points', 'lp-points', t('loy.prog.earnPoints')),
              decimalSpec('per', 'lp-per', t('loy.prog.earnPer', { currency })),
            ]}
            values={f}
            onChange={set}
          />
          {choiceField(
            'base',
            'lp-base',
            t('loy.prog.base'),
            namedOptions(t, 'loy.prog.base', ['taxIncluded', 'preTax'] as const),
          )}
        </div>
        {Number.isFinite(perAmount) && perAmount > 0 && (
          <p className="muted" data-testid="earn-summary">
            {t(f.points.trim() === '1' ? 'loy.prog.earnSummaryOne' : 'loy.prog.earnSummary', {
              points: Number.isFinite(Number(f.points)) ? Number(f.points) : f.points,
              amount: moneyCode(perAmount),
            })}
          </p>
        )}
        <div className="form-row">
          <TextFields
            specs={[
              decimalSpec('minSpend', 'lp-min-spend', t('loy.prog.minSpend', { currency })),
              numberSpec('perVisit', 'lp-per-visit', t('loy.prog.perVisit')),
            ]}
            values={f}
            onChange={set}
          />
        </div>
      </fieldset>

      <ProgramExclusions
        categoryIds={f.excludedCategoryIds}
        productIds={f.excludedProductIds}
        onChange={(x) => setF({ ...f, excludedCategoryIds: x.categoryIds, excludedProductIds: x.productIds })}
      />

      <fieldset className="card">
        <legend>{t('loy.prog.redeem')}</legend>
        <div className="form-row">
          <TextFields
            specs={[
              decimalSpec('pointValue', 'lp-point-value', t('loy.prog.pointValue', { currency })),
              numberSpec('minPoints', 'lp-min-points', t('loy.prog.minPoints')),
              numberSpec('maxSharePercent', 'lp-max-share', t('loy.prog.maxShare')),
            ]}
            values={f}
            onChange={set}
          />
        </div>
        {Number.isFinite(pointValue) && pointValue > 0 && (
          <p className="muted">{t('loy.prog.redeemSummary', { amount: moneyCode(pointValue * 100) })}</p>
        )}
      </fieldset>

      <fieldset className="card">
        <legend>{t('loy.prog.tiers')}</legend>
        {wholeField('tierWindowMonths', 'lp-window', t('loy.prog.tierWindow'))}
        {f.tiers.map((x, i) => (
          <div className="form-row loy-tier" key={x.uid}>
            <TextFields
              specs={[
                { key: 'name', id: `lp-tier-name-${i}`, label: t('loy.prog.tierName') },
                decimalSpec('threshold', `lp-tier-threshold-${i}`, t('loy.prog.tierThreshold', { currency })),
                decimalSpec('multiplier', `lp-tier-mult-${i}`, t('loy.prog.tierMultiplier')),
              ]}
              values={x}
              onChange={(k, v) => setTier(i, { [k]: v })}
            />
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() =>
                set(
                  'tiers',
                  f.tiers.filter((_, k) => k !== i),
                )
              }
            >
              {t('loy.prog.removeTier', { name: x.name || String(i + 1) })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn"
          onClick={() =>
            set('tiers', [
              ...f.tiers,
              { uid: `new-${f.tiers.length}-${Date.now()}`, id: '', name: '', threshold: '0', multiplier: '1' },
            ])
          }
        >
          {t('loy.prog.addTier')}
        </button>
      </fieldset>

      <fieldset className="card">
        <legend>{t('loy.prog.expiry')}</legend>
        <div className="form-row">
          {choiceField(
            'expiryKind',
            'lp-expiry',
            t('loy.prog.expiry'),
            namedOptions(t, 'loy.prog.expiry', ['none', 'months'] as const),
          )}
          {f.expiryKind === 'months' && wholeField('expiryMonths', 'lp-expiry-months', t('loy.prog.expiryMonths'))}
        </div>
        {wholeField('birthdayBonus', 'lp-birthday', t('loy.prog.birthday'))}
      </fieldset>

      <div className="row-actions">
        <button type="submit" className="btn btn-primary">
          {t('loy.prog.save')}
        </button>
      </div>
    </form>
  );
}
