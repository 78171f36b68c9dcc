import { type FormEvent, useState } from 'react';
import type { Category } from '../../../shared/contract/customers';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { EscButton } from '../../ui/DialogParts';
import { closeOnEscape } from '../../ui/escape';
import { useToast } from '../../ui/toast';

/** Payment terms as typed: blank is none; otherwise whole days 0–365, else undefined (not valid). */
function parseTerms(s: string): number | null | undefined {
  if (!s.trim()) return null;
  const n = Number(s.trim());
  return Number.isInteger(n) && n >= 0 && n <= 365 ? n : undefined;
}

function CategoryRow({
  category,
  onSaved,
}: {
  category: Category | null;
  onSaved: (list: Category[], name: string, deleted?: boolean) => void;
}) {
  const t = useT();
  const { onError } = useShell();
  const [name, setName] = useState(category?.name ?? '');
  const [terms, setTerms] = useState(category?.paymentTermsDays != null ? String(category.paymentTermsDays) : '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = category?.id ?? 'new';
  const changed =
    !category || name.trim() !== category.name || terms.trim() !== String(category.paymentTermsDays ?? '');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const paymentTermsDays = parseTerms(terms);
    if (!name.trim()) return setError(t('cust.cat.nameNeeded'));
    if (paymentTermsDays === undefined) return setError(t('cust.termsInvalid'));
    setError(null);
    setBusy(true);
    try {
      const list = await api.customers.saveCategory({
        ...(category ? { id: category.id } : {}),
        name: name.trim(),
        paymentTermsDays,
      });
      onSaved(list, name.trim());
      if (!category) {
        setName('');
        setTerms('');
      }
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!category) return;
    setBusy(true);
    try {
      onSaved(await api.customers.deleteCategory({ id: category.id }), category.name, true);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const label = category ? category.name : t('cust.cat.new');
  return (
    <form className="cat-row" onSubmit={save} aria-label={label}>
      <input
        id={`cat-name-${key}`}
        aria-label={t('cust.cat.name', { name: label })}
        placeholder={category ? '' : t('cust.cat.newPlaceholder')}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <input
        id={`cat-terms-${key}`}
        aria-label={t('cust.cat.terms', { name: label })}
        inputMode="numeric"
        placeholder={t('cust.cat.noTerms')}
        value={terms}
        onChange={(e) => setTerms(e.target.value)}
      />
      <button type="submit" className="btn btn-sm btn-primary" disabled={busy || !changed}>
        {category ? t('common.save') : t('common.add')}
      </button>
      {category ? (
        <button
          type="button"
          className="btn btn-sm btn-danger"
          aria-label={t('cust.cat.delete', { name: category.name })}
          disabled={busy}
          onClick={() => void remove()}
        >
          {t('cust.delete')}
        </button>
      ) : (
        <span />
      )}
      {error && (
        <p className="inline-alert cat-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** The shop's customer categories: add, rename, set payment terms, delete one nobody is in. */
export function CategoriesPanel({
  categories,
  onChange,
  onClose,
}: {
  categories: Category[];
  onChange: (list: Category[]) => void;
  onClose: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const saved = (list: Category[], name: string, deleted?: boolean) => {
    onChange(list);
    toast.success(t(deleted ? 'cust.cat.deleted' : 'cust.cat.saved', { name }));
  };
  return (
    <div className="card cat-panel" role="dialog" aria-labelledby="h-categories" onKeyDown={closeOnEscape(onClose)}>
      <div className="section-head">
        <h2 id="h-categories">{t('cust.cat.title')}</h2>
        <EscButton label={t('common.close')} onClick={onClose} />
      </div>
      <p className="muted">{t('cust.cat.help')}</p>
      <div className="cat-row cat-head" aria-hidden="true">
        <span>{t('cust.cat.nameCol')}</span>
        <span>{t('cust.terms')}</span>
      </div>
      {categories.map((c) => (
        <CategoryRow key={`${c.id}-${c.name}-${c.paymentTermsDays}`} category={c} onSaved={saved} />
      ))}
      <CategoryRow key="new" category={null} onSaved={saved} />
    </div>
  );
}
