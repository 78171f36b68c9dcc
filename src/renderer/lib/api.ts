import type { Bridge } from '../../shared/bridge';
import {
  type Contract,
  type EventMap,
  type EventName,
  type InputOf,
  type OutputOf,
  procedureNames,
} from '../../shared/contract';
import type { AppErrorData, ErrorCode, Result } from '../../shared/errors';

declare global {
  interface Window {
    /** present in Electron (from the preload); absent in a browser, where the HTTP bridge is used */
    counterline?: Bridge;
  }
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type Api = {
  [D in keyof Contract]: {
    [V in keyof Contract[D]]: (input: InputOf<Contract[D][V]>) => Promise<OutputOf<Contract[D][V]>>;
  };
};

/** The browser host's bridge: POST /rpc/<name>, events over Server-Sent Events, auth by the host's cookie. */
export function httpBridge(base = ''): Bridge {
  const clientKey = tabKey();
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  return {
    async call(name, input) {
      try {
        const res = await fetch(`${base}/rpc/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Counterline-Client': clientKey },
          body: JSON.stringify(input ?? null),
          credentials: 'same-origin',
        });
        return (await res.json()) as Result<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'DEVICE_OFFLINE', message: 'Counterline is not answering. Is it still running?' },
        };
      }
    },
    on(event, listener) {
      if (!source) source = new EventSource(`${base}/events`, { withCredentials: true });
      let set = listeners.get(event);
      if (!set) {
        const fresh = new Set<(p: unknown) => void>();
        listeners.set(event, fresh);
        source.addEventListener(event, (e) => {
          const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
          for (const l of fresh) l(payload);
        });
        set = fresh;
      }
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

/** One key per browser tab, so each tab has its own signed-in session. */
function tabKey(): string {
  const existing = sessionStorage.getItem('counterline.client');
  if (existing) return existing;
  const key = crypto.randomUUID().replace(/-/g, '');
  sessionStorage.setItem('counterline.client', key);
  return key;
}

/** Typed client: `api.staff.signIn({...})` resolves to data or rejects with an ApiError. Same over IPC and HTTP. */
export function createApi(bridge: Bridge): Api & { on: Bridge['on'] } {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of procedureNames) {
    const [domain, verb] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = async (input) => {
      const result = await bridge.call(name, input === undefined ? null : input);
      if (result.ok) return result.data;
      throw toApiError(result.error);
    };
  }
  return Object.assign(api as unknown as Api, {
    on: <E extends EventName>(event: E, l: (p: EventMap[E]) => void) => bridge.on(event, l),
  });
}

function toApiError(e: AppErrorData): ApiError {
  return new ApiError(e.code, e.message, e.details);
}

export const api = createApi(typeof window !== 'undefined' && window.counterline ? window.counterline : httpBridge());
