import { z } from 'zod';
import { BundleProblem } from '../bundle/format.js';
import { ReplicaId } from '../sync/clock.js';

/**
 * The team folder: a folder the team's own engine keeps in step (OneDrive, Nextcloud, Dropbox,
 * Syncthing, a USB stick). Documented in docs/team-folder.md.
 *
 *   <chosen folder>/Focal Point Desk team/<replicaId>/<seq>.fpsync
 *
 * Each installation writes only in its own subfolder, and each file once: under a temporary
 * name, flushed, then renamed. A file is a bundle (shared/bundle/format.ts) whose head carries
 * `team` (TeamHead) and the scope `{ type: 'team' }`; sealed with the team passphrase when there
 * is one, so that nothing in the folder is plain text but the folder and file names.
 */
export { MAX_SEQ, MAX_TEAM_FILES, TEAM_DIR, TEAM_EXTENSION, TEAM_FILE, teamFileName, TeamHead } from './head.js';

/** What configuring or a round can run into; each has a sentence in errors:team.* in six languages. */
export const TeamProblemCode = z.enum([
  /** The folder is not there (a network drive not mounted, a USB stick not plugged in). */
  'folder_missing',
  /** The folder exists but is a file, or cannot be listed. */
  'not_a_folder',
  /** The app cannot write there. */
  'folder_read_only',
  /** The disk holding the team folder is full. */
  'disk_full',
  /** The chosen folder is inside the app's data folder (or holds it): refused. */
  'inside_data',
  /** The team's files are sealed with a passphrase and none was given. */
  'needs_passphrase',
  /** The passphrase does not open the team's files. */
  'wrong_passphrase',
  /** A passphrase was given but the team's files are not sealed: the team has no passphrase. */
  'not_encrypted',
  /** A file could not be read and was set aside (see `bundle` for why); the rest were read. */
  'file_refused',
  /** A file written by a newer version of the app; read again after updating. */
  'too_new',
  /** Another installation writes under this installation's identity (a copied data folder). */
  'same_identity',
]);
export type TeamProblemCode = z.infer<typeof TeamProblemCode>;

export const TeamProblem = z.object({
  code: TeamProblemCode,
  /** The file concerned, relative to the team folder, when one is. */
  file: z.string().optional(),
  /** For file_refused: why the reader refused it. */
  bundle: BundleProblem.optional(),
});
export type TeamProblem = z.infer<typeof TeamProblem>;

export const TeamMember = z.object({
  replicaId: ReplicaId,
  name: z.string(),
  organisation: z.string(),
  /** When this member last wrote to the folder (its newest file's time), ISO. */
  lastSeen: z.string(),
  /** This installation. */
  me: z.boolean(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const SyncState = z.enum(['off', 'idle', 'syncing', 'problem']);

export const SyncStatus = z.object({
  /** The chosen folder (absolute), or null when the workspace is not kept in step with a team. */
  folder: z.string().nullable(),
  /** The team's files are sealed with a passphrase. */
  encrypted: z.boolean(),
  state: SyncState,
  /** The end of the last round that reached the folder, ISO. */
  lastSync: z.string().nullable(),
  /** The last time a round brought changes from others, ISO. */
  lastChange: z.string().nullable(),
  members: z.array(TeamMember),
  /** What the last round ran into, in plain words on the screen. Empty when all went well. */
  problems: z.array(TeamProblem),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** The shortest passphrase accepted, for a bundle and for the team folder alike. */
export const PASSPHRASE_MIN = 8;

export const SyncConfigureRequest = z.strictObject({
  /** An absolute folder path, or null to stop keeping the workspace in step. */
  folder: z.string().min(1, { error: 'errors:validation.required' }).max(4096).nullable(),
  /** The team passphrase; every member uses the same one. Absent: the team's files are plain. */
  passphrase: z.string().min(PASSPHRASE_MIN, { error: 'errors:team.passphrase_short' }).max(200).optional(),
});
export type SyncConfigureRequest = z.infer<typeof SyncConfigureRequest>;

/** What one round did: files written and read, records brought in by others. */
export const SyncRound = z.object({
  status: SyncStatus,
  /** Files this installation wrote (0 or 1, 2 with a compact file). */
  wrote: z.number().int(),
  /** Files of others read in this round. */
  read: z.number().int(),
  /** Records changed here by what was read (new, updated, deleted, conflicting). */
  changed: z.number().int(),
  /** Records this installation published. */
  published: z.number().int(),
});
export type SyncRound = z.infer<typeof SyncRound>;
