import { useState } from 'react';
import { useI18n } from '../../i18n';
import { SelectField, TextField } from '../../ui/fields';
import { blankFirst } from '../../ui/SelectFields';
import { DEFAULT_QUERY, type ListQuery } from './list-query';

const EXTRA: Array<keyof ListQuery> = [
  'tag',
  'city',
  'birthMonth',
  'createdFrom',
  'createdTo',
  'activeFrom',
  'activeTo',
];
const MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;

/** The list's less common filters, folded away until asked for; the button says how many are set. */
export function MoreFilters({ query, setQuery }: { query: ListQuery; setQuery: (q: ListQuery) => void }) {
  const { t, lang } = useI18n();
  const monthName = (m: string) => new Date(2000, Number(m) - 1, 1).toLocaleString(lang, { month: 'long' });
  const active = EXTRA.filter((k) => query[k] !== DEFAULT_QUERY[k]).length;
  const [open, setOpen] = useState(active > 0);
  const set =
    <K extends keyof ListQuery>(k: K) =>
    (v: ListQuery[K]) =>
      setQuery({ ...query, [k]: v });
  const bind = <K extends keyof ListQuery>(k: K) => ({ value: query[k], onChange: set(k) });

  return (
    <div className="more-filters">
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          aria-expanded={open}
          aria-controls="cust-more-filters"
          onClick={() => setOpen((x) => !x)}
        >
          {active ? t('cust.filters.moreCount', { n: active }) : t('cust.filters.more')}
        </button>
        {active > 0 && (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() => setQuery({ ...query, ...Object.fromEntries(EXTRA.map((k) => [k, DEFAULT_QUERY[k]])) })}
          >
            {t('cust.filters.clear')}
          </button>
        )}
      </div>
      {open && (
        <div id="cust-more-filters" className="more-filters-grid">
          <TextField id="cust-tag" label={t('cust.filters.tag')} {...bind('tag')} />
          <TextField id="cust-city" label={t('cust.filters.city')} {...bind('city')} />
          <SelectField
            id="cust-birth-month"
            label={t('cust.filters.birthMonth')}
            {...bind('birthMonth')}
            options={blankFirst(
              t('cust.filters.anyMonth'),
              MONTHS.map((m) => ({ value: m, label: monthName(m) })),
            )}
          />
          <TextField
            id="cust-created-from"
            label={t('cust.filters.createdFrom')}
            type="date"
            {...bind('createdFrom')}
          />
          <TextField id="cust-created-to" label={t('cust.filters.createdTo')} type="date" {...bind('createdTo')} />
          <TextField id="cust-active-from" label={t('cust.filters.activeFrom')} type="date" {...bind('activeFrom')} />
          <TextField id="cust-active-to" label={t('cust.filters.activeTo')} type="date" {...bind('activeTo')} />
        </div>
      )}
    </div>
  );
}
