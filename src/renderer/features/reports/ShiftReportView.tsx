import type { ShiftReport } from '../../../shared/contract/shifts';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { TableHead } from '../../ui/DataTable';

/** The X or Z report on screen: the same figures as the printed one, in the shop's words. */
export function ShiftReportView({ report, locale }: { report: ShiftReport; locale: string }) {
  const t = useT();
  const money = (n: number) => formatMoney(n, report.currency as CurrencyCode, locale, { code: false });
  const method = (m: string) => t(`method.${m}` as MessageKey);
  const row = (label: string, count: number | null, amount: number, strong = false) => (
    <tr key={label} className={strong ? 'strong' : undefined}>
      <th scope="row">{label}</th>
      <td className="num">{count ?? ''}</td>
      <td className="num">{money(amount)}</td>
    </tr>
  );
  const c = report.cash;
  const diffLabel =
    (c.difference ?? 0) > 0
      ? 'shift.report.over'
      : (c.difference ?? 0) < 0
        ? 'shift.report.short'
        : 'shift.report.even';
  return (
    <div className="shift-report" data-testid={`${report.kind.toLowerCase()}-report`} data-shift-id={report.shiftId}>
      <h2 className="debt-h2">{t('shift.report.title', { kind: report.kind, number: report.number })}</h2>
      <table
        className="table report-table"
        aria-label={t('shift.report.title', { kind: report.kind, number: report.number })}
      >
        <TableHead
          cells={[t('shift.report.sales'), t('shift.report.count'), `${t('shift.report.amount')} (${report.currency})`]}
          num={[1, 2]}
          srOnly={[0]}
        />
        <tbody>
          {row(t('shift.report.sales'), report.sales.count, report.sales.total, true)}
          {report.payments.map((p) => row(`— ${method(p.method)}`, p.count, p.amount))}
          {report.voids.count > 0 && row(t('shift.report.voids'), report.voids.count, -report.voids.total)}
          {row(t('shift.report.refunds'), report.refunds.count, -report.refunds.total)}
          {report.refunds.byMethod.map((p) => row(`— ${method(p.method)}`, null, -p.amount))}
          {row(t('shift.report.discounts'), report.discounts.priceOverrides || null, report.discounts.total)}
          {report.taxes.map((x) =>
            row(t('shift.report.tax', { rate: x.rateBp / 100, net: money(x.net) }), null, x.tax),
          )}
          {row(t('shift.report.debt'), report.debtCollected.count, report.debtCollected.total)}
          {report.debtCollected.byMethod.map((p) => row(`— ${method(p.method)}`, null, p.amount))}
          {row(t('shift.report.payIns'), report.payIns.count, report.payIns.total)}
          {row(t('shift.report.payOuts'), report.payOuts.count, -report.payOuts.total)}
          <tr>
            <th scope="row">{t('shift.report.noSales')}</th>
            <td className="num">{report.noSales}</td>
            <td />
          </tr>
          {row(t('shift.report.change'), null, report.changeGiven)}
        </tbody>
        <tbody className="cash-block">
          <tr>
            <th scope="rowgroup" colSpan={3}>
              {t('shift.report.cash')}
            </th>
          </tr>
          {row(t('shift.report.float'), null, c.float)}
          {row(`+ ${t('shift.report.cashSales')}`, null, c.sales)}
          {c.voids !== 0 && row(`− ${t('shift.report.cashVoids')}`, null, c.voids)}
          {row(`− ${t('shift.report.cashRefunds')}`, null, -c.refunds)}
          {row(`+ ${t('shift.report.cashDebt')}`, null, c.debtPayments)}
          {row(`+ ${t('shift.report.payIns')}`, null, c.payIns)}
          {row(`− ${t('shift.report.payOuts')}`, null, -c.payOuts)}
          {row(t('shift.report.expected'), null, c.expected, true)}
          {c.counted !== null && row(t('shift.report.countedCash'), null, c.counted, true)}
          {c.difference !== null && row(t(diffLabel), null, c.difference, true)}
        </tbody>
      </table>
    </div>
  );
}
