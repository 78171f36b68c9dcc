import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelOf, IPC_EVENT_CHANNEL } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import type { EventBus } from '../events';
import { isTrustedSender } from '../security';
import type { Router } from './router';

/** Only types come from electron here: the Electron objects are passed in by src/main/index.ts. */

type RouterLike = Pick<Router, 'call' | 'names'>;
type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { id: number } };

export const FORBIDDEN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the Counterline window, so it was refused.' },
} as Result<never>;

/** The handler for one procedure: refuses untrusted frames, otherwise calls the router as this window. */
export function makeIpcHandler(router: RouterLike, name: string, getMainFrame: () => unknown) {
  return async (event: SenderEvent, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame as { url: string } | null, getMainFrame())) return FORBIDDEN_SENDER;
    return router.call(name, input, { clientKey: `ipc:${event.sender.id}` });
  };
}

/** Sends every EventBus event to every window. Returns the unsubscribe. */
export function forwardEvents(events: EventBus, getTargets: () => Array<Pick<WebContents, 'send' | 'isDestroyed'>>) {
  return events.subscribe((name, payload) => {
    for (const target of getTargets()) {
      if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, { name, payload });
    }
  });
}

export function bindIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  router: RouterLike,
  events: EventBus,
  getMainFrame: () => unknown,
  getTargets: () => Array<Pick<WebContents, 'send' | 'isDestroyed'>>,
): () => void {
  const names = router.names();
  for (const name of names) {
    const handler = makeIpcHandler(router, name, getMainFrame);
    ipcMain.handle(channelOf(name), (event, input) => handler(event, input));
  }
  const stopEvents = forwardEvents(events, getTargets);
  return () => {
    stopEvents();
    for (const name of names) ipcMain.removeHandler(channelOf(name));
  };
}
