import type { i18n } from 'i18next';
import { localDay, summariseActionPoints } from '../../shared/records/action-points.js';
import type { Core } from './index.js';

export interface Reminder {
  title: string;
  body: string;
}

/** The notification text for a day's due and overdue action points, or null when nothing is due. */
export function reminderText(i18n: i18n, overdue: number, dueToday: number): Reminder | null {
  if (overdue === 0 && dueToday === 0) return null;
  const parts = [
    overdue > 0 ? i18n.t('common:reminders.overdue', { count: overdue }) : null,
    dueToday > 0 ? i18n.t('common:reminders.dueToday', { count: dueToday }) : null,
  ].filter((p): p is string => p !== null);
  return { title: i18n.t('common:reminders.title'), body: parts.join(i18n.t('common:reminders.separator')) };
}

/**
 * Desktop reminders (the Electron shell shows them as native notifications): once a day, and again
 * when more action points fall due, for those due today and overdue — unless switched off in
 * Settings. The shell decides how to show one; this decides when and what.
 */
export function createReminders(options: {
  core: Pick<Core, 'settings' | 'workspace'>;
  i18n: () => i18n;
  notify(reminder: Reminder): void;
  now?: () => Date;
  /** How often to look (ms); the first look is at once. */
  every?: number;
}): { check(): void; stop(): void } {
  const now = options.now ?? (() => new Date());
  let last: { day: string; seen: number } | null = null;
  const check = () => {
    const workspace = options.core.workspace;
    if (!workspace || !options.core.settings.all().reminders) return;
    const today = localDay(now());
    const summary = summariseActionPoints(workspace.views('action'), today, 0);
    const due = summary.overdue.count + summary.dueToday;
    // One a day; another the same day only if more fell due since (not every half hour).
    if (last && last.day === today && due <= last.seen) return;
    last = { day: today, seen: due };
    const text = reminderText(options.i18n(), summary.overdue.count, summary.dueToday);
    if (text) options.notify(text);
  };
  const timer = setInterval(check, options.every ?? 30 * 60_000);
  timer.unref?.();
  check();
  return { check, stop: () => clearInterval(timer) };
}
