import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { ApiError } from '../lib/api';

type Kind = 'success' | 'error' | 'info';
interface Toast {
  id: number;
  kind: Kind;
  text: string;
}
interface ToastApi {
  success: (text: string) => void;
  info: (text: string) => void;
  error: (errOrText: unknown) => void;
}

const ToastContext = createContext<ToastApi>({ success: () => {}, info: () => {}, error: () => {} });

/** Plain words for anything thrown: ApiError messages are written for the cashier already. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (typeof err === 'string') return err;
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong. Please try again.';
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (kind: Kind, text: string) => {
      const id = next.current++;
      setToasts((ts) => [...ts.slice(-3), { id, kind, text }]);
      setTimeout(() => dismiss(id), kind === 'error' ? 8000 : 4000);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      success: (text) => push('success', text),
      info: (text) => push('info', text),
      error: (e) => push('error', messageOf(e)),
    }),
    [push],
  );
  const errors = toasts.filter((t) => t.kind === 'error');
  const others = toasts.filter((t) => t.kind !== 'error');
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts">
        <div aria-live="assertive" className="toast-stack">
          {errors.map((t) => (
            <ToastItem key={t.id} toast={t} onClose={dismiss} />
          ))}
        </div>
        <div aria-live="polite" className="toast-stack">
          {others.map((t) => (
            <ToastItem key={t.id} toast={t} onClose={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onClose }: { toast: Toast; onClose: (id: number) => void }) {
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span className="toast-icon" aria-hidden="true">
        {toast.kind === 'error' ? '!' : toast.kind === 'success' ? '✓' : 'i'}
      </span>
      <span className="toast-text">{toast.text}</span>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => onClose(toast.id)}>
        ×
      </button>
    </div>
  );
}

export function useToast(): ToastApi {
  return useContext(ToastContext);
}
