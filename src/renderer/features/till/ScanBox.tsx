import { forwardRef, type KeyboardEvent, useEffect, useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { comboboxOf, SearchResults } from './SearchResults';
import { useTillSearch } from './useCustomerSearch';

const LIMIT = 8;

/** Text that is a code to look up (barcode, card, receipt number) rather than words to search for. */
export function looksLikeCode(text: string): boolean {
  return /^\S+$/.test(text) && /\d/.test(text);
}

/**
 * The till's top box: a scanner types into it, a person searches products by name, SKU or barcode. Enter on a code
 * looks it up (card, product or receipt); Enter on words adds the highlighted product. With the box empty, the arrow
 * keys and Delete work on the sale's lines.
 */
export const ScanBox = forwardRef<
  HTMLInputElement,
  {
    onProduct: (p: Product) => void;
    onCode: (code: string) => void;
    onLineKey: (key: 'up' | 'down' | 'delete') => void;
    money: (n: number) => string;
    onError: (e: unknown) => void;
  }
>(function ScanBox({ onProduct, onCode, onLineKey, money, onError }, ref) {
  const t = useT();
  const [text, setText] = useState('');
  const search = useTillSearch(text, (q) => api.catalog.search({ text: q, status: 'active', limit: LIMIT }), onError);
  const { rows: results, sel, setSel } = search;
  const [navigated, setNavigated] = useState(false);
  // each answer starts on its first row, not one chosen with the arrows
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the results change
  useEffect(() => setNavigated(false), [results]);

  const clear = () => {
    search.clear();
    setText('');
    setNavigated(false);
  };

  const pick = (p: Product) => {
    clear();
    onProduct(p);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const q = text.trim();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (results.length) {
        setSel((s) => Math.max(0, Math.min(results.length - 1, s + (e.key === 'ArrowDown' ? 1 : -1))));
        setNavigated(true);
      } else if (!q) onLineKey(e.key === 'ArrowDown' ? 'down' : 'up');
      else return;
    } else if (e.key === 'Delete' && !q) {
      onLineKey('delete');
    } else if (e.key === 'Enter') {
      const highlighted = results[sel];
      if (highlighted && (navigated || !looksLikeCode(q))) pick(highlighted);
      else if (q && looksLikeCode(q)) {
        clear();
        onCode(q);
      } else if (q) return;
    } else if (e.key === 'Escape' && q) {
      clear();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const selected = results[sel];
  return (
    <div className="till-scan">
      <label htmlFor="till-scan-input" className="till-scan-label">
        {t('till.scan')} <kbd>F2</kbd>
      </label>
      <input
        ref={ref}
        id="till-scan-input"
        className="till-scan-input"
        autoFocus
        {...comboboxOf('till-results', results.length > 0, selected ? `till-res-${selected.id}` : undefined)}
        aria-describedby="till-scan-hint"
        placeholder={t('till.scanPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
      />
      <span id="till-scan-hint" className="sr-only">
        {t('till.scanHint')}
      </span>
      <SearchResults
        id="till-results"
        label={t('till.results')}
        search={search}
        optionId={(p) => `till-res-${p.id}`}
        onPick={pick}
        hover
      >
        {(p) => (
          <>
            <span className="till-result-name">{p.name}</span>
            <span className="muted mono">{p.sku ?? p.barcodes[0] ?? ''}</span>
            <span className="till-result-price">{money(p.price)}</span>
          </>
        )}
      </SearchResults>
    </div>
  );
});
