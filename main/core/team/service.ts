import type { SyncConfigureRequest, SyncRound, SyncStatus } from '../../../shared/team/format.js';
import { CoreError } from '../dispatch.js';

/** The team folder: being written (docs/team-folder.md). */
export class TeamFolder {
  status(): SyncStatus {
    return { folder: null, encrypted: false, state: 'off', lastSync: null, lastChange: null, members: [], problems: [] };
  }

  configure(_request: SyncConfigureRequest): Promise<SyncStatus> {
    return Promise.reject(new CoreError('unavailable', 'the team folder is not ready'));
  }

  syncNow(): Promise<SyncRound> {
    return Promise.reject(new CoreError('unavailable', 'the team folder is not ready'));
  }
}
