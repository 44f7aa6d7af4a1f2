import type { AppInfo } from '../../../shared/api/contract.js';
import type { BundleService } from '../bundles/exchange.js';
import type { Handlers } from '../dispatch.js';
import type { CoreEvents } from '../events.js';
import type { CoreOptions } from '../index.js';
import type { SettingsService } from '../settings.js';
import type { TeamFolder } from '../team/service.js';
import type { Workspace } from '../workspace.js';

/** What every domain's handlers work with. The getters refuse when the workspace could not be opened. */
export interface HandlerContext {
  options: CoreOptions;
  settings: SettingsService;
  events: CoreEvents;
  info(): AppInfo;
  ws(): Workspace;
  bs(): BundleService;
  tf(): TeamFolder;
  /** The team folder, if the workspace is open (a restore tells it to read again). */
  team: TeamFolder | null;
}

/** One domain's share of the handlers; the dispatcher's map is their union, checked complete. */
export type DomainHandlers = Partial<Handlers>;
