import { useMemo, useRef, useState } from 'react';
import type { PriceList } from '../../../shared/contract/pricing';
import { PRICE_FIELDS, PRODUCT_FIELDS } from '../../../shared/contract/table-import';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { RadioGroup } from '../../ui/fields';
import { namedOptions } from '../../ui/SelectFields';
import { TabScreen, type TabScreenSpec } from '../../ui/Tabs';
import { OffersPanel } from '../pricing/OffersPanel';
import { PriceListsPanel } from '../pricing/PriceListsPanel';
import { ProductsPanel } from './ProductsPanel';
import '../pricing/pricing.css';
import { type TableImportDriver, TableImportWizard } from './TableImportWizard';

type Tab = 'products' | 'lists' | 'offers';

const SCREEN: TabScreenSpec = {
  headingId: 'h-catalog',
  title: 'nav.catalog' as MessageKey,
  label: 'cat.tabs',
  tabMessages: 'cat.tab',
};

/** Products and, for managers, the price lists and offers that change what customers pay. */
export function CatalogScreen() {
  const t = useT();
  const { can } = useShell();
  const pricing = can('pricing.manage');
  const [tab, setTab] = useState<Tab>('products');
  const [importing, setImporting] = useState<'products' | PriceList | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'update'>('skip');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  // read when the wizard runs, which may be from a render before the choice changed
  const choices = useRef({ onDuplicate, mode });
  choices.current = { onDuplicate, mode };

  const productDriver = useMemo<TableImportDriver>(
    () => ({
      title: t('cat.import.title'),
      fileLabel: t('cat.import.file'),
      fileHelp: t('cat.import.help'),
      backLabel: t('cat.import.back'),
      fields: PRODUCT_FIELDS,
      fieldLabel: (f) => t(`cat.field.${f}` as MessageKey),
      countLabels: {
        created: t('cat.import.created'),
        updated: t('cat.import.updated'),
        skipped: t('imp.summary.skip'),
      },
      goLabel: (n) => t('cat.import.go', { n }),
      upload: (fileName, base64) => api.catalog.importUpload({ fileName, base64 }),
      preview: (uploadId, choice) => api.catalog.importPreview({ uploadId, ...choice }),
      run: (uploadId, choice, dryRun) =>
        api.catalog.importRun({ uploadId, ...choice, onDuplicate: choices.current.onDuplicate, dryRun }),
      reportExport: (uploadId) => api.catalog.importReportExport({ uploadId }),
      policy: (rerun) => (
        <RadioGroup
          legend={t('cat.import.dup')}
          options={namedOptions(t, 'cat.import.dup', ['skip', 'update'] as const)}
          value={onDuplicate}
          onChange={(d) => {
            setOnDuplicate(d);
            choices.current.onDuplicate = d;
            rerun();
          }}
        />
      ),
    }),
    [t, onDuplicate],
  );

  const priceDriver = (list: PriceList): TableImportDriver => ({
    title: t('pr.import.title', { name: list.name }),
    fileLabel: t('pr.import.file'),
    fileHelp: t('pr.import.help'),
    backLabel: t('pr.import.back'),
    fields: PRICE_FIELDS,
    fieldLabel: (f) => t(`pr.field.${f}` as MessageKey),
    countLabels: { created: t('pr.import.created'), updated: t('pr.import.updated'), skipped: t('pr.import.same') },
    goLabel: (n) => t('pr.import.go', { n }),
    upload: (fileName, base64) => api.pricing.importUpload({ fileName, base64 }),
    preview: (uploadId, choice) => api.pricing.importPreview({ uploadId, ...choice }),
    run: (uploadId, choice, dryRun) =>
      api.pricing.importRun({ uploadId, ...choice, priceListId: list.id, mode: choices.current.mode, dryRun }),
    reportExport: (uploadId) => api.pricing.importReportExport({ uploadId }),
    policy: () => (
      <RadioGroup
        legend={t('pr.import.mode')}
        options={namedOptions(t, 'pr.import.mode', ['merge', 'replace'] as const)}
        value={mode}
        onChange={setMode}
      />
    ),
  });

  if (importing === 'products') return <TableImportWizard driver={productDriver} onClose={() => setImporting(null)} />;
  if (importing)
    return (
      <TableImportWizard
        driver={priceDriver(importing)}
        onClose={() => {
          setImporting(null);
          setTab('lists');
        }}
      />
    );

  const tabs: Tab[] = pricing ? ['products', 'lists', 'offers'] : ['products'];
  return (
    <TabScreen
      spec={SCREEN}
      tabs={tabs}
      state={[tab, setTab]}
      hideLone
      panels={{
        products: <ProductsPanel onImport={can('catalog.edit') ? () => setImporting('products') : null} />,
        lists: pricing && <PriceListsPanel onImport={(l) => setImporting(l)} />,
        offers: pricing && <OffersPanel />,
      }}
    />
  );
}
