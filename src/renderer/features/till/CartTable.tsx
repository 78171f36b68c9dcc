import { useEffect, useRef, useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import type { Cart, CartLine, Discount, PricedLine, Quote } from '../../../shared/contract/sales';
import { type MessageKey, useT } from '../../i18n';
import { TableHead } from '../../ui/DataTable';
import { KeypadIcon } from '../../ui/Keypad';
import { useTouchMode } from '../../ui/useTouchMode';
import { formatQty, parseQty } from './cart';

export function discountText(d: Discount | null | undefined, money: (n: number) => string): string {
  if (!d) return '';
  return d.kind === 'percent' ? `${d.bp / 100}%` : money(d.amount);
}

/** What a line may do and how it writes figures: the same for the table and each of its rows. */
type LineActions = {
  onSelect: (i: number) => void;
  onQty: (i: number, qtyMilli: number) => void;
  onRemove: (i: number) => void;
  /** the line's quantity on the on-screen keypad (touch tills) */
  onKeypad: (i: number) => void;
  /** back to the scan box */
  onDone: () => void;
  money: (n: number) => string;
  locale: string;
};

/** The sale's lines. Prices come from the latest quote; a line the server has not priced yet shows a dash. */
export function CartTable({
  cart,
  quote,
  products,
  selected,
  qtyFocus,
  ...actions
}: {
  cart: Cart;
  quote: Quote | null;
  products: ReadonlyMap<string, Product>;
  selected: number;
  /** bumped to put the cursor in the selected line's quantity (F4) */
  qtyFocus: number;
} & LineActions) {
  const t = useT();
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    if (!qtyFocus) return;
    const input = body.current?.querySelector<HTMLInputElement>(`[data-line="${selected}"] input`);
    input?.focus();
    input?.select();
  }, [qtyFocus, selected]);

  useEffect(() => {
    body.current?.querySelector(`[data-line="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  // a touch till at 1024 px wide has no room for a column with nothing in it
  const discounted = quote?.lines.some((l) => l.lineDiscount > 0) ?? false;
  return (
    <div className="till-cart">
      <table className={discounted ? 'till-lines' : 'till-lines till-lines-plain'}>
        <caption className="sr-only">{t('till.lines')}</caption>
        <TableHead
          cells={[
            t('till.col.item'),
            t('till.col.qty'),
            t('till.col.price'),
            t('till.col.discount'),
            t('till.col.total'),
            t('till.col.actions'),
          ]}
          num={[1, 2, 3, 4]}
          srOnly={[5]}
        />
        <tbody ref={body}>
          {cart.lines.map((line, i) => {
            const priced = quote?.lines[i]?.productId === line.productId ? quote.lines[i] : undefined;
            return (
              <LineRow
                // biome-ignore lint/suspicious/noArrayIndexKey: a line is its position in the sale
                key={i}
                index={i}
                line={line}
                priced={priced}
                product={products.get(line.productId)}
                selected={i === selected}
                {...actions}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function LineRow({
  index,
  line,
  priced,
  product,
  selected,
  onSelect,
  onQty,
  onRemove,
  onKeypad,
  onDone,
  money,
  locale,
}: {
  index: number;
  line: CartLine;
  priced: PricedLine | undefined;
  product: Product | undefined;
  selected: boolean;
} & LineActions) {
  const t = useT();
  const touch = useTouchMode();
  const name = priced?.name ?? product?.name ?? '…';
  const unit = priced?.unit ?? product?.unit ?? 'piece';
  const [qtyText, setQtyText] = useState(formatQty(line.qtyMilli, locale));
  const [bad, setBad] = useState(false);
  useEffect(() => setQtyText(formatQty(line.qtyMilli, locale)), [line.qtyMilli, locale]);

  const commit = () => {
    const milli = parseQty(qtyText, unit);
    if (milli == null) {
      setBad(true);
      return false;
    }
    setBad(false);
    if (milli !== line.qtyMilli) onQty(index, milli);
    return true;
  };
  const special = priced && priced.unitPrice !== priced.regularUnitPrice;

  return (
    <tr
      data-line={index}
      className={selected ? 'till-line till-line-sel' : 'till-line'}
      onClick={() => onSelect(index)}
    >
      <td>
        <div className="till-line-name">{name}</div>
        {priced && priced.priceReason !== 'regular' && (
          <div className="till-line-reason" data-testid="till-line-reason">
            {priced.priceOverridden ? t('till.reason.override') : priced.priceReason}
          </div>
        )}
      </td>
      <td className="num">
        <input
          className={bad ? 'till-qty till-qty-bad' : 'till-qty'}
          inputMode="decimal"
          aria-label={t('till.qtyFor', { name })}
          aria-invalid={bad}
          title={bad ? t(unit === 'piece' ? 'till.qtyWhole' : 'till.qtyDecimal') : undefined}
          value={qtyText}
          onFocus={() => onSelect(index)}
          onChange={(e) => setQtyText(e.target.value)}
          onBlur={() => {
            if (!commit()) setQtyText(formatQty(line.qtyMilli, locale));
            setBad(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (commit()) onDone();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setQtyText(formatQty(line.qtyMilli, locale));
              setBad(false);
              onDone();
            }
          }}
        />
        {touch && (
          <button
            type="button"
            className="btn btn-sm till-qty-pad"
            aria-label={`${t('keypad.label')}: ${t('till.qtyFor', { name })}`}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(index);
              onKeypad(index);
            }}
          >
            <KeypadIcon />
          </button>
        )}
        {unit !== 'piece' && <span className="till-unit">{t(`till.unit.${unit}` as MessageKey)}</span>}
      </td>
      <td className="num">
        {priced ? (
          <>
            {special && <s className="till-regular">{money(priced.regularUnitPrice)}</s>}
            <span className={special ? 'till-special' : undefined}>{money(priced.unitPrice)}</span>
          </>
        ) : (
          '–'
        )}
      </td>
      <td className="num">
        {priced && priced.lineDiscount > 0 ? (
          <span className="till-discount">
            −{money(priced.lineDiscount)}
            {line.discount?.kind === 'percent' && <span className="muted"> ({line.discount.bp / 100}%)</span>}
          </span>
        ) : (
          ''
        )}
      </td>
      <td className="num till-line-total">{priced ? money(priced.total) : '–'}</td>
      <td>
        <button
          type="button"
          className="btn btn-ghost btn-sm till-remove"
          aria-label={t('till.removeLine', { name })}
          onClick={(e) => {
            e.stopPropagation();
            onRemove(index);
          }}
        >
          ×
        </button>
      </td>
    </tr>
  );
}
