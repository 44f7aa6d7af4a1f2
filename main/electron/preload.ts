import { contextBridge, ipcRenderer } from 'electron';
import {
  channelOf,
  EVENT_CHANNEL,
  EVENT_NAMES,
  OPERATION_NAMES,
  type EventName,
} from '../../shared/api/contract.js';
import type { DesktopBridge } from '../../shared/api/bridge.js';

/**
 * The whole bridge: one method per operation of the contract plus one event subscription.
 * Nothing else from Electron or Node reaches the page.
 */
const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke(channelOf(name), request)]),
) as DesktopBridge['operations'];

const bridge = {
  operations,
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void {
    const handler = (_event: unknown, name: unknown, payload: unknown) => {
      if (typeof name === 'string' && (EVENT_NAMES as string[]).includes(name)) listener(name as EventName, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(EVENT_CHANNEL, handler);
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('api', bridge);
