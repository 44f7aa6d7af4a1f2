import { z } from 'zod';

export const BackupReason = z.enum(['daily', 'before_import', 'before_migration', 'before_restore', 'manual']);
export type BackupReason = z.infer<typeof BackupReason>;

export const BackupInfo = z.object({
  id: z.string(),
  reason: BackupReason,
  createdAt: z.iso.datetime(),
  records: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;
