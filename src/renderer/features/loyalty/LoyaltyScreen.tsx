import { type FormEvent, useState } from 'react';
import type { CardSettings } from '../../../shared/contract/loyalty-cards';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import { SelectField, TextField } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { useApiQuery, useSetAnswer } from '../../ui/query';
import { namedOptions } from '../../ui/SelectFields';
import { TabScreen, type TabScreenSpec } from '../../ui/Tabs';
import { useToast } from '../../ui/toast';
import './loyalty.css';
import { PointsReport } from './PointsReport';
import { ProgramSettings } from './ProgramSettings';

type Tab = 'reports' | 'program' | 'cards';

const SCREEN: TabScreenSpec = {
  headingId: 'h-loyalty-screen',
  title: 'loy.title',
  label: 'loy.title',
  tabMessages: 'loy.tab',
};

/** The Loyalty section (managers and owners): the points report, the program's settings and card numbering. */
export function LoyaltyScreen() {
  const { can } = useShell();
  const tabs: Tab[] = [
    ...(can('reports.view') ? (['reports'] as const) : []),
    ...(can('loyalty.manage') ? (['program', 'cards'] as const) : []),
  ];
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'reports');
  return (
    <TabScreen
      spec={SCREEN}
      tabs={tabs}
      state={[tab, setTab]}
      panels={{ reports: <PointsReport />, program: <ProgramSettings />, cards: <CardNumbering /> }}
    />
  );
}

/** Where generated card numbers start and which barcode they print as. */
function CardNumbering() {
  const t = useT();
  const settings = useApiQuery('loyaltyCards', 'settings', null).data;
  return settings ? <CardNumberingForm settings={settings} /> : <p className="muted">{t('app.loading')}</p>;
}

function CardNumberingForm({ settings }: { settings: CardSettings }) {
  const t = useT();
  const toast = useToast();
  const { onError } = useShell();
  const setAnswer = useSetAnswer();
  const [s, setS] = useState<CardSettings>(settings);
  const today = useShopFormat().day(Date.now());
  const [since, setSince] = useState(today);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const next = await api.loyaltyCards.updateSettings(s);
      setAnswer('loyaltyCards', 'settings', null, next);
      setS(next);
      toast.success(t('loy.cards.saved'));
    } catch (err) {
      onError(err);
    }
  };
  const sheet = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const f = await api.loyaltyCards.sheetSince({ from: since });
      downloadBase64(f.fileName, f.mimeType, f.base64);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <>
      <form className="card loy-numbering" onSubmit={(e) => void save(e)}>
        <TextField
          id="lc-prefix"
          label={t('loy.cards.prefix')}
          inputMode="numeric"
          maxLength={6}
          value={s.prefix}
          onChange={(v) => setS({ ...s, prefix: v.replace(/\D/g, '') })}
        />
        <SelectField
          id="lc-format"
          label={t('loy.cards.format')}
          value={s.format}
          onChange={(v) => setS({ ...s, format: v })}
          options={namedOptions(t, 'loy.cards.format', ['ean13', 'code128'] as const)}
        />
        <div className="row-actions">
          <button type="submit" className="btn btn-primary">
            {t('common.save')}
          </button>
        </div>
      </form>
      <form className="card loy-numbering" onSubmit={(e) => void sheet(e)}>
        <div className="form-row">
          <TextField id="lc-since" label={t('loy.cards.sheetSince')} type="date" value={since} onChange={setSince} />
          <button type="submit" className="btn">
            {t('loy.card.printSheet')}
          </button>
        </div>
        <p className="muted">{t('loy.cards.sheetHelp')}</p>
      </form>
    </>
  );
}
