import type { CompleteResult } from '../../../shared/contract/sales';
import { useT } from '../../i18n';
import { CustomerPanel } from './CustomerPanel';
import { TillAccountPanel } from './TillAccountPanel';
import { TillLoyaltyPanel } from './TillLoyaltyPanel';
import { TotalsPanel } from './TotalsPanel';
import type { useSale } from './useSale';

/** The till's right-hand side: who is buying (with their account and points) and the totals with Pay. */
export function TillSide(p: {
  sale: ReturnType<typeof useSale>;
  done: CompleteResult | null;
  /** money the cashier chose to pay with points */
  pointsPay: number;
  onPointsPay: (amount: number) => void;
  onAttached: () => void;
  onCode: (code: string) => void;
  onReceive: () => void;
  onPay: () => void;
  onApprove: () => void;
  money: (n: number) => string;
  dateText: (ms: number) => string;
  focusKey: number;
}) {
  const t = useT();
  const { sale, money, dateText } = p;
  const { cart, quote, stale, customer } = sale;
  return (
    <aside className="till-side" aria-label={t('till.side')}>
      <CustomerPanel
        customer={customer}
        onAttach={(c) => {
          sale.setCustomer(c);
          p.onAttached();
        }}
        onDetach={() => sale.setCustomer(null)}
        onCode={p.onCode}
        money={money}
        dateText={dateText}
        focusKey={p.focusKey}
        account={
          customer && (
            <TillAccountPanel customerId={customer.id} money={money} dateText={dateText} onReceive={p.onReceive} />
          )
        }
        extra={
          customer && (
            <TillLoyaltyPanel
              customerId={customer.id}
              cart={cart}
              refreshKey={p.done}
              redeemAmount={p.pointsPay}
              onRedeem={p.onPointsPay}
              money={money}
              dateText={dateText}
            />
          )
        }
      />
      <TotalsPanel
        quote={quote}
        stale={stale}
        empty={cart.lines.length === 0}
        approvedBy={sale.approval?.name ?? null}
        money={money}
        onPay={p.onPay}
        onApprove={p.onApprove}
      />
    </aside>
  );
}
