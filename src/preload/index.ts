import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL } from '../shared/bridge';
import { type EventMessage, makeBridge } from './bridge';

// Sandboxed preload: exposes only `window.counterline.call/on`, never ipcRenderer itself.
const bridge = makeBridge(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (listener) => {
    const handler = (_event: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
);

contextBridge.exposeInMainWorld('counterline', bridge);
