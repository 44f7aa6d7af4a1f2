import { z } from 'zod';
import { ReplicaId } from '../sync/clock.js';

/** The layout is described in ./format.ts; this part is what a team file's bundle head carries. */
export const TEAM_DIR = 'Focal Point Desk team';
export const TEAM_EXTENSION = 'fpsync';
/** `000042.fpsync`: the one name this app writes. Anything else in the folder is read as foreign. */
export const TEAM_FILE = /^(\d{6,15})\.fpsync$/;
export const teamFileName = (seq: number) => `${String(seq).padStart(6, '0')}.${TEAM_EXTENSION}`;
/** The highest file number; far beyond a lifetime of rounds. */
export const MAX_SEQ = 1e15 - 1;
/** Files a member's compact file may replace, and file numbers a member lists as read of another. */
export const MAX_TEAM_FILES = 10_000;

const Seq = z.number().int().min(1).max(MAX_SEQ);

export const TeamHead = z.strictObject({
  /** This file's number among its writer's files: 1, 2, 3… never reused. */
  seq: Seq,
  /**
   * The writer's edit counter when it wrote the file: every edit of the writer up to this counter
   * is in its files (this one and its earlier ones, or the compact file that replaced them).
   */
  counter: z.number().int().nonnegative(),
  /** The file numbers of each other member the writer had read: what compaction waits for. */
  seen: z.record(ReplicaId, z.array(Seq).max(MAX_TEAM_FILES)),
  /**
   * Set on a compact file: the writer's earlier files it replaces (deleted once it is written).
   * It holds every record the writer had published in them, at least as new as they had it.
   */
  replaces: z.array(Seq).max(MAX_TEAM_FILES).optional(),
});
export type TeamHead = z.infer<typeof TeamHead>;

