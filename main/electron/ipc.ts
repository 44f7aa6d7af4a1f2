import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import { channelOf, EVENT_CHANNEL, OPERATION_NAMES } from '../../shared/api/contract.js';
import { apiError, type Envelope } from '../../shared/api/errors.js';
import type { Core } from '../core/index.js';
import { isAppUrl } from './security.js';

/**
 * One IPC handler per operation of the contract, each checking that the call comes from the app's
 * own page (not an iframe or a page navigated elsewhere) before handing it to the core.
 */
export function registerIpc(core: Core): () => void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(channelOf(name), async (event: IpcMainInvokeEvent, request: unknown): Promise<Envelope<unknown>> => {
      if (!isAppUrl(event.senderFrame?.url)) {
        return { ok: false, error: apiError('forbidden', 'IPC from a frame that is not the app') };
      }
      return core.dispatch(name, request);
    });
  }
  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, name, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}
