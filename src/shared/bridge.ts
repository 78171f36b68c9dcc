import type { EventMap, EventName } from './contract/events';
import type { Result } from './errors';

/**
 * What the preload exposes as `window.counterline`, and what the browser host's client imitates:
 * one call per procedure name, and a typed event subscription that returns its unsubscribe.
 */
export interface Bridge {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export const IPC_PREFIX = 'pos:';
export const IPC_EVENT_CHANNEL = 'pos:event';
export const channelOf = (procedure: string) => `${IPC_PREFIX}${procedure}`;
