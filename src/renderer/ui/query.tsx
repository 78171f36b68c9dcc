import {
  keepPreviousData,
  QueryClient,
  QueryClientProvider,
  type UseQueryResult,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { EventMap } from '../../shared/contract/events';
import { type Api, api } from '../lib/api';
import { ShellContext } from '../lib/session';

type Domain = keyof Api;
type Verb<D extends Domain> = keyof Api[D] & string;
type Fn<D extends Domain, V extends Verb<D>> = Api[D][V] extends (input: infer I) => Promise<infer O>
  ? { input: I; output: O }
  : never;
export type InputOf<D extends Domain, V extends Verb<D>> = Fn<D, V>['input'];
export type OutputOf<D extends Domain, V extends Verb<D>> = Fn<D, V>['output'];

/** What each server event makes stale, by the domains whose answers it may change. */
const STALE_ON: { [E in keyof EventMap]?: (p: EventMap[E]) => Domain[] } = {
  'print.job': () => ['devices'],
  'settings.changed': () => ['settings', 'system'],
  // points moved (a sale, refund, adjustment, expiry…): the points views are read again; an export moves none
  'audit.appended': (p) =>
    p.action.startsWith('loyalty.') && p.action !== 'loyalty.exportPoints'
      ? ['audit', 'loyalty', 'loyaltyReports']
      : ['audit'],
};

/** The window event the account dialogs raise after an entry (till and customer page); see TillAccountPanel. */
const ACCOUNT_CHANGED = 'counterline:account-changed';

function makeClient() {
  return new QueryClient({
    defaultOptions: {
      // the app is local: answers come in milliseconds, a failure is shown at once (no retry), and the screens
      // are read again when they open or when an event says something changed, not on window focus
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}

/** The app root's query cache, kept fresh by the main process's events. */
export function ApiQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  useEffect(() => {
    const offs = (Object.keys(STALE_ON) as (keyof EventMap)[]).map((name) =>
      api.on(name, (payload) => {
        const domains = (STALE_ON[name] as (p: unknown) => Domain[])(payload);
        for (const d of domains) void client.invalidateQueries({ queryKey: [d] });
      }),
    );
    const onAccount = () => {
      for (const d of ['receivables', 'debts', 'customers'] as const) void client.invalidateQueries({ queryKey: [d] });
    };
    window.addEventListener(ACCOUNT_CHANGED, onAccount);
    return () => {
      for (const off of offs) off();
      window.removeEventListener(ACCOUNT_CHANGED, onAccount);
    };
  }, [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** Forget every answer (another person signs in: they may see less). */
export function useForgetAnswers(): () => void {
  const client = useQueryClient();
  return useCallback(() => client.clear(), [client]);
}

/** Errors go where the shell sends them (lock screen, sign-in, toast), once per failure. */
function useRouteError(error: unknown) {
  const shell = useContext(ShellContext);
  const onError = shell?.onError;
  useEffect(() => {
    if (error && onError) onError(error);
  }, [error, onError]);
}

/**
 * `api.<domain>.<verb>(input)` as a cached query keyed by `[domain, verb, input]`: the same question asked by two
 * screens is asked once, and an event naming the domain reads it again.
 */
export function useApiQuery<D extends Domain, V extends Verb<D>>(
  domain: D,
  verb: V,
  input: InputOf<D, V>,
  options: {
    enabled?: boolean;
    keepPrevious?: boolean;
    /** read again every this many ms (a live list) */
    every?: number;
    /** the screen shows a failure itself (inline), so it is not sent to the shell */
    quiet?: boolean;
  } = {},
): UseQueryResult<OutputOf<D, V>> {
  const q = useQuery<OutputOf<D, V>>({
    queryKey: [domain, verb, input],
    queryFn: () => (api[domain][verb] as (i: unknown) => Promise<OutputOf<D, V>>)(input),
    enabled: options.enabled ?? true,
    // a filter change keeps the last rows on screen until the new ones come (no flash of "nothing")
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    refetchInterval: options.every,
  });
  useRouteError(options.quiet ? null : q.error);
  return q;
}

/**
 * A list read a page at a time (`{ rows, nextCursor }` answers): the first page on opening, `more()` for the next,
 * all pages read again when the domain goes stale. `first` is the first page's answer (its counts and totals).
 */
export function useApiPages<
  D extends Domain,
  V extends Verb<D>,
  Row = OutputOf<D, V> extends { rows: Array<infer R> } ? R : never,
>(domain: D, verb: V, input: Omit<InputOf<D, V>, 'cursor'>, options: { enabled?: boolean } = {}) {
  type Page = OutputOf<D, V> & { rows: Row[]; nextCursor: string | null };
  const q = useInfiniteQuery({
    queryKey: [domain, verb, input, 'pages'],
    queryFn: ({ pageParam }) =>
      (api[domain][verb] as (i: unknown) => Promise<Page>)({
        ...input,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: '' as string,
    getNextPageParam: (last: Page) => last.nextCursor ?? undefined,
    // a filter change keeps the last rows on screen until the new ones come
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
  useRouteError(q.error);
  const pages = q.data?.pages;
  return {
    rows: pages ? pages.flatMap((p) => p.rows) : null,
    first: pages?.[0] ?? null,
    more: q.hasNextPage ? () => void q.fetchNextPage() : null,
    fetching: q.isFetching,
    refetch: q.refetch,
  };
}

/** A change through `api.<domain>.<verb>`; on success the domains it names (its own by default) are read again. */
export function useApiMutation<D extends Domain, V extends Verb<D>>(
  domain: D,
  verb: V,
  options: { invalidates?: Domain[]; onSuccess?: (data: OutputOf<D, V>, input: InputOf<D, V>) => void } = {},
) {
  const client = useQueryClient();
  const shell = useContext(ShellContext);
  return useMutation<OutputOf<D, V>, unknown, InputOf<D, V>>({
    mutationFn: (input) => (api[domain][verb] as (i: unknown) => Promise<OutputOf<D, V>>)(input),
    onSuccess: (data, input) => {
      for (const d of options.invalidates ?? [domain]) void client.invalidateQueries({ queryKey: [d] });
      options.onSuccess?.(data, input);
    },
    onError: (e) => shell?.onError(e),
  });
}

/** Put an answer in the cache by hand (a change that returns the new list). */
export function useSetAnswer() {
  const client = useQueryClient();
  return <D extends Domain, V extends Verb<D>>(domain: D, verb: V, input: InputOf<D, V>, data: OutputOf<D, V>) =>
    client.setQueryData([domain, verb, input], data);
}

/**
 * Reads a query again when `key` changes after the first showing (not on opening: the query reads it then), e.g. a
 * sale done or a card given that the query's answer does not know of yet.
 */
export function useRefetchOnChange(key: unknown, refetch: () => unknown) {
  const shownFor = useRef(key);
  useEffect(() => {
    if (shownFor.current === key) return;
    shownFor.current = key;
    void refetch();
  }, [key, refetch]);
}
