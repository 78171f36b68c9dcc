import { forwardRef, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import { useT } from '../../i18n';
import { api } from '../../lib/api';

const DEBOUNCE_MS = 150;
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
  const [results, setResults] = useState<Product[]>([]);
  const [sel, setSel] = useState(0);
  const [navigated, setNavigated] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    const q = text.trim();
    if (q.length < 2) {
      setResults([]);
      return;
    }
    const timer = setTimeout(() => {
      api.catalog
        .search({ text: q, status: 'active', limit: LIMIT })
        .then((page) => {
          if (mine !== seq.current) return;
          setResults(page.rows);
          setSel(0);
          setNavigated(false);
        })
        .catch(onError);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onError]);

  const clear = () => {
    seq.current++;
    setText('');
    setResults([]);
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
        type="search"
        className="till-scan-input"
        autoComplete="off"
        autoFocus
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls="till-results"
        aria-autocomplete="list"
        aria-activedescendant={selected ? `till-res-${selected.id}` : undefined}
        aria-describedby="till-scan-hint"
        placeholder={t('till.scanPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
      />
      <span id="till-scan-hint" className="sr-only">
        {t('till.scanHint')}
      </span>
      {results.length > 0 && (
        <div id="till-results" role="listbox" aria-label={t('till.results')} className="till-results">
          {results.map((p, i) => (
            <div
              key={p.id}
              id={`till-res-${p.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === sel}
              className="till-result"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(p)}
              onKeyDown={() => {}}
              onMouseEnter={() => setSel(i)}
            >
              <span className="till-result-name">{p.name}</span>
              <span className="muted mono">{p.sku ?? p.barcodes[0] ?? ''}</span>
              <span className="till-result-price">{money(p.price)}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
