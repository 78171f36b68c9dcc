import type { EventMap, EventName } from '../shared/contract';

export type EventListener = <E extends EventName>(name: E, payload: EventMap[E]) => void;

/** Main → renderer events. Transports (IPC, HTTP event stream) subscribe and forward. */
export class EventBus {
  private listeners = new Set<EventListener>();
  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    for (const l of this.listeners) l(name, payload);
  }
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
