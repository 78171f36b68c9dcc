import { type FormEvent, useState } from 'react';
import type { Customer } from '../../../shared/contract/customers';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import { DataTable } from '../../ui/DataTable';
import { EscButton } from '../../ui/DialogParts';
import { useApiQuery, useRefetchOnChange } from '../../ui/query';
import { useToast } from '../../ui/toast';

type Mode = null | 'issue' | 'replace' | 'lost';

/** The customer's cards (active, lost, replaced) with give / replace / lost and the two ways to print a card. */
export function CardPanel({ customer, onChanged }: { customer: Customer; onChanged: (c: Customer) => void }) {
  const t = useT();
  const toast = useToast();
  const { onError, can, store } = useShell();
  const list = useApiQuery('loyaltyCards', 'list', { customerId: customer.id });
  const cards = list.data ?? [];
  const [mode, setMode] = useState<Mode>(null);
  const [cardNo, setCardNo] = useState('');
  const [reason, setReason] = useState<'lost' | 'replaced'>('lost');
  const canEdit = can('customers.edit') && customer.status !== 'merged';
  const active = customer.loyaltyCardNo;
  const day = (ms: number | null) => (ms ? new Date(ms).toLocaleDateString(store?.locale) : '');

  // read again when the customer's active card changes (given here, or by editing the customer)
  useRefetchOnChange(active, list.refetch);

  const open = (m: Mode) => {
    setMode(m);
    setCardNo('');
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const number = cardNo.trim() || undefined;
    try {
      let next: Customer;
      if (mode === 'issue') {
        next = await api.loyaltyCards.issue({ customerId: customer.id, cardNo: number });
        toast.success(t('loy.card.issued', { name: next.displayName, card: next.loyaltyCardNo ?? '' }));
      } else if (mode === 'replace') {
        next = await api.loyaltyCards.replace({ customerId: customer.id, reason, cardNo: number });
        toast.success(
          t('loy.card.replaced', { old: active ?? '', name: next.displayName, card: next.loyaltyCardNo ?? '' }),
        );
      } else {
        next = await api.loyaltyCards.markLost({ customerId: customer.id });
        toast.success(t('loy.card.markedLost', { card: active ?? '' }));
      }
      setMode(null);
      onChanged(next);
    } catch (err) {
      onError(err);
    }
  };

  const printSlip = async () => {
    try {
      await api.loyaltyCards.printSlip({ customerId: customer.id });
      toast.success(t('loy.card.slipQueued'));
    } catch (err) {
      onError(err);
    }
  };
  const sheet = async () => {
    try {
      const f = await api.loyaltyCards.sheetPdf({ customerIds: [customer.id] });
      downloadBase64(f.fileName, f.mimeType, f.base64);
    } catch (err) {
      onError(err);
    }
  };

  const onEscape = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setMode(null);
    }
  };

  return (
    <div className="loy-cards">
      <h3>{t('loy.cards')}</h3>
      <DataTable
        rows={cards}
        columns={[
          { key: 'number', header: t('loy.card.col.number'), className: 'mono', cell: (k) => k.cardNo },
          {
            key: 'status',
            header: t('loy.card.col.status'),
            cell: (k) => (
              <span className={`pill loy-card-${k.status}`}>{t(`loy.card.status.${k.status}` as MessageKey)}</span>
            ),
          },
          { key: 'issued', header: t('loy.card.col.issued'), cell: (k) => day(k.issuedAt) },
          { key: 'ended', header: t('loy.card.col.ended'), cell: (k) => day(k.endedAt) },
        ]}
        rowKey={(k) => k.id}
        label={t('loy.cards')}
        empty={t('loy.card.none')}
        rowClassName={(k) => (k.status === 'active' ? undefined : 'muted')}
      />
      {canEdit && mode === null && (
        <div className="row-actions">
          {active ? (
            <>
              <button type="button" className="btn" onClick={() => open('replace')}>
                {t('loy.card.replace')}
              </button>
              <button type="button" className="btn" onClick={() => open('lost')}>
                {t('loy.card.lost')}
              </button>
              <button type="button" className="btn" onClick={() => void printSlip()}>
                {t('loy.card.printSlip')}
              </button>
              <button type="button" className="btn" onClick={() => void sheet()}>
                {t('loy.card.printSheet')}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => open('issue')}>
              {t('loy.card.new')}
            </button>
          )}
        </div>
      )}
      {(mode === 'issue' || mode === 'replace') && (
        <form className="loy-card-form" onSubmit={(e) => void submit(e)} onKeyDown={onEscape}>
          {mode === 'replace' && (
            <div className="field">
              <label htmlFor="loy-reason">{t('loy.card.reasonLabel')}</label>
              <select
                id="loy-reason"
                autoFocus
                value={reason}
                onChange={(e) => setReason(e.target.value as typeof reason)}
              >
                <option value="lost">{t('loy.card.reason.lost')}</option>
                <option value="replaced">{t('loy.card.reason.replaced')}</option>
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="loy-card-no">{t('loy.card.numberLabel')}</label>
            <input
              id="loy-card-no"
              data-scan-target="card"
              inputMode="numeric"
              autoComplete="off"
              autoFocus={mode === 'issue'}
              value={cardNo}
              onChange={(e) => setCardNo(e.target.value.replace(/\s/g, ''))}
            />
          </div>
          <div className="row-actions">
            <button type="submit" className="btn btn-primary">
              {t('loy.card.give')}
            </button>
            <EscButton label={t('common.cancel')} onClick={() => setMode(null)} />
          </div>
        </form>
      )}
      {mode === 'lost' && (
        <div className="confirm-box" role="alertdialog" aria-labelledby="loy-lost-text" onKeyDown={onEscape}>
          <p id="loy-lost-text">{t('loy.card.confirmLost', { card: active ?? '', name: customer.displayName })}</p>
          <div className="row-actions">
            <button type="button" className="btn btn-danger" autoFocus onClick={() => void submit()}>
              {t('loy.card.lost')}
            </button>
            <EscButton label={t('common.cancel')} onClick={() => setMode(null)} />
          </div>
        </div>
      )}
    </div>
  );
}
