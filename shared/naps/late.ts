/** Statuses that say the work is still to be done. */
const STILL_RUNNING: readonly unknown[] = ['planned', 'ongoing'];

/**
 * A NAP action whose end date has passed while its status still says planned or ongoing: shown
 * as past its end date in the outline, the matrix and the dashboard, so that it is either
 * finished, marked delayed, or given a new end. `today` is the person's calendar day (YYYY-MM-DD).
 */
export function isActionLate(fields: Record<string, unknown>, today: string): boolean {
  const end = fields.end;
  return typeof end === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(end) && end < today && STILL_RUNNING.includes(fields.status);
}
