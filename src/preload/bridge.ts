import type { Bridge } from '../shared/bridge';
import { channelOf } from '../shared/bridge';
import { procedureNames } from '../shared/contract';
import { EVENT_NAMES, type EventName } from '../shared/contract/events';
import type { Result } from '../shared/errors';

/** No electron import: the preload passes ipcRenderer.invoke / on in, tests pass fakes. */
export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
export interface EventMessage {
  name: string;
  payload: unknown;
}
export type Subscribe = (listener: (message: EventMessage) => void) => () => void;

export function makeBridge(
  invoke: Invoke,
  subscribe: Subscribe,
  names: readonly string[] = procedureNames,
  eventNames: readonly string[] = EVENT_NAMES,
): Bridge {
  const known = new Set(names);
  const knownEvents = new Set(eventNames);
  const bridge: Bridge = {
    call(name: string, input: unknown): Promise<Result<unknown>> {
      if (typeof name !== 'string' || !known.has(name)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'NOT_FOUND', message: `There is no procedure called ${String(name).slice(0, 80)}.` },
        });
      }
      return invoke(channelOf(name), input) as Promise<Result<unknown>>;
    },
    on(event, listener) {
      if (typeof event !== 'string' || !knownEvents.has(event)) {
        throw new Error(`There is no event called ${String(event).slice(0, 80)}.`);
      }
      if (typeof listener !== 'function') throw new Error('on() needs a listener function.');
      return subscribe((message) => {
        if (message && message.name === (event as EventName)) listener(message.payload as never);
      });
    },
  };
  return Object.freeze(bridge);
}
