import { useCallback, useEffect, useState } from 'react';
import type { Category, Customer } from '../../../shared/contract/customers';
import { useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { useApiQuery, useSetAnswer } from '../../ui/query';
import { Screen } from '../../ui/Screen';
import { useCardScan } from '../loyalty/useCardScan';
import { CustomerForm } from './CustomerForm';
import { CustomerList, DEFAULT_QUERY, type ListQuery, NEW_SHORTCUT } from './CustomerList';
import { CustomerPage } from './CustomerPage';
import { ImportButton, ImportWizard } from './import/ImportWizard';
import { MergeScreen } from './MergeScreen';

type View =
  | { kind: 'list' }
  | { kind: 'import' }
  | { kind: 'new' }
  | { kind: 'customer'; id: string }
  | { kind: 'merge'; id: string };

const NO_CATEGORIES: Category[] = [];

/** The Customers section: list and search, new customer, one customer's page. */
export function CustomersScreen({ initialCustomerId }: { initialCustomerId?: string } = {}) {
  const t = useT();
  const { can } = useShell();
  const [view, setView] = useState<View>(
    initialCustomerId ? { kind: 'customer', id: initialCustomerId } : { kind: 'list' },
  );
  const [query, setQuery] = useState<ListQuery>(DEFAULT_QUERY);
  const categories = useApiQuery('customers', 'categories', null).data ?? NO_CATEGORIES;
  const setAnswer = useSetAnswer();
  // the categories panel's changes answer with the new list
  const setCategories = (list: Category[]) => setAnswer('customers', 'categories', null, list);
  const canEdit = can('customers.edit');

  const toList = useCallback(() => setView({ kind: 'list' }), []);
  const open = useCallback((id: string) => setView({ kind: 'customer', id }), []);
  // a loyalty card scanned on the list or a customer's page opens its customer
  useCardScan(open, { enabled: view.kind === 'list' || view.kind === 'customer' });

  // F2 starts a new customer from anywhere in this section.
  useEffect(() => {
    if (!canEdit) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === NEW_SHORTCUT && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        setView({ kind: 'new' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canEdit]);

  switch (view.kind) {
    case 'list':
      return (
        <CustomerList
          query={query}
          setQuery={setQuery}
          categories={categories}
          onCategoriesChange={setCategories}
          onOpen={open}
          onNew={canEdit ? () => setView({ kind: 'new' }) : undefined}
          actions={can('customers.import') && <ImportButton onClick={() => setView({ kind: 'import' })} />}
        />
      );
    case 'import':
      return <ImportWizard onClose={toList} />;
    case 'new':
      return (
        <Screen headingId="h-new-customer" title={t('cust.new')}>
          <CustomerForm
            categories={categories}
            onSaved={(c: Customer) => open(c.id)}
            onCancel={toList}
            onOpenExisting={open}
          />
        </Screen>
      );
    case 'customer':
      return (
        <CustomerPage
          key={view.id}
          id={view.id}
          categories={categories}
          onBack={toList}
          onOpen={open}
          onMerge={() => setView({ kind: 'merge', id: view.id })}
        />
      );
    case 'merge':
      return <MergeScreen id={view.id} categories={categories} onDone={open} onCancel={() => open(view.id)} />;
  }
}
