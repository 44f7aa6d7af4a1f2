/**
 * A meeting's date and time are entered as the clock on the wall where it is held (a day, a time,
 * a time zone) and stored as an instant with its offset. These convert between the two with Intl
 * only, so daylight-saving changes come from the time-zone database, not from arithmetic.
 */

export interface WallTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm` */
  time: string;
}

function partsIn(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Minutes east of UTC that a time zone is at an instant. */
export function offsetMinutes(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** `2026-03-16`, `10:00`, `Europe/Vienna` → `2026-03-16T10:00:00+01:00`; null when the input is incomplete. */
export function toInstant(wall: WallTime, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(wall.date);
  const t = /^(\d{2}):(\d{2})$/.exec(wall.time);
  if (!d || !t) return null;
  const local = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(local)) return null;
  // The offset at the guessed instant, then again at the corrected one (a DST change in between).
  let offset = offsetMinutes(local, timeZone);
  offset = offsetMinutes(local - offset * 60_000, timeZone);
  return `${wall.date}T${wall.time}:00${formatOffset(offset)}`;
}

/** An instant as the wall clock shows it in a time zone. */
export function toWallTime(instant: string, timeZone: string): WallTime {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return { date: '', time: '' };
  const p = partsIn(ms, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** The time zone this computer is set to. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every time zone the runtime knows, with the system's own first if it is missing from the list. */
export function timeZones(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const own = systemTimeZone();
  return list.includes(own) ? list : [own, ...list];
}
