/**
 * Dates as people see and type them in each interface language, and back to ISO `YYYY-MM-DD`.
 * Shown with Intl's long date (2 December 2026, 2026年12月2日, 2 ديسمبر 2026); typed in any of:
 * the ISO form, the language's numeric order (2/12/2026 in French, 12/2/2026 in English,
 * 2026/12/2 in Chinese, with any separator), or with the month's name as shown.
 */

const AT_NOON = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d, 12));

/** The long date of an ISO day, in the language (UTC, so the day never shifts with the zone). */
export function formatDay(iso: string, language: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(AT_NOON(y, m, d));
}

type Part = 'year' | 'month' | 'day';

/** The order of year, month and day in the language's numeric dates. */
export function numericOrder(language: string): Part[] {
  const parts = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).formatToParts(AT_NOON(2026, 12, 2));
  const order = parts.map((p) => p.type).filter((t): t is Part => t === 'year' || t === 'month' || t === 'day');
  return order.length === 3 ? order : ['year', 'month', 'day'];
}

/** Arabic-Indic, Persian and full-width digits as ASCII, so every way of typing a number counts. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g, (c) => {
    const code = c.charCodeAt(0);
    const base = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - base);
  });
}

const fold = (word: string) => word.toLocaleLowerCase().normalize('NFD').replace(/[\u0300-\u036f.]/g, '');

const monthCache = new Map<string, Map<string, number>>();

/** The month names of the language, long and short, standalone and in a date (Russian декабря). */
function monthNames(language: string): Map<string, number> {
  const cached = monthCache.get(language);
  if (cached) return cached;
  const names = new Map<string, number>();
  const styles: Intl.DateTimeFormatOptions[] = [
    { month: 'long' },
    { month: 'short' },
    { day: 'numeric', month: 'long' },
    { day: 'numeric', month: 'short' },
  ];
  for (const options of styles) {
    const format = new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    for (let month = 1; month <= 12; month++) {
      for (const part of format.formatToParts(AT_NOON(2026, month, 15))) {
        if (part.type === 'month' && /\p{L}/u.test(part.value)) names.set(fold(part.value), month);
      }
    }
  }
  monthCache.set(language, names);
  return names;
}

/** The month a typed word names: the whole name, or the start of exactly one month's names (3+ letters). */
function monthOf(word: string, language: string): number | undefined {
  const names = monthNames(language);
  const folded = fold(word);
  const exact = names.get(folded);
  if (exact) return exact;
  if (folded.length < 3) return undefined;
  const found = new Set([...names].filter(([name]) => name.startsWith(folded)).map(([, month]) => month));
  return found.size === 1 ? [...found][0] : undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * The ISO day a typed text means in the language, or null while it is not (yet) a whole date.
 * A year has four digits, so an unfinished year never passes for a date in the first century.
 */
export function parseTypedDate(text: string, language: string): string | null {
  const typed = asciiDigits(text).trim();
  if (!typed) return null;
  const numbers = [...typed.matchAll(/\d+/g)].map((m) => m[0]);
  const months = [...typed.matchAll(/\p{L}+/gu)].map((m) => monthOf(m[0], language)).filter((m): m is number => m !== undefined);
  if (months.length > 1) return null;
  if (months.length === 1) {
    if (numbers.length !== 2) return null;
    const yearAt = numbers.findIndex((n) => n.length === 4);
    if (yearAt < 0 || numbers[1 - yearAt]!.length > 2) return null;
    return isoOf(Number(numbers[yearAt]), months[0]!, Number(numbers[1 - yearAt]));
  }
  if (numbers.length !== 3) return null;
  // The year first (ISO, and Chinese) whatever the language; otherwise the language's order.
  const order: Part[] = numbers[0]!.length === 4 ? ['year', 'month', 'day'] : numericOrder(language);
  const value = (part: Part) => numbers[order.indexOf(part)]!;
  if (value('year').length !== 4 || value('month').length > 2 || value('day').length > 2) return null;
  return isoOf(Number(value('year')), Number(value('month')), Number(value('day')));
}

/** The day the week starts on (0 Sunday … 6 Saturday) and the weekend, by the language's usual region. */
export function weekOf(language: string): { firstDayOfWeek: 0 | 1 | 6; weekendDays: (0 | 5 | 6)[] } {
  switch (language) {
    case 'ar':
      return { firstDayOfWeek: 6, weekendDays: [5, 6] };
    case 'en':
      return { firstDayOfWeek: 0, weekendDays: [0, 6] };
    default:
      return { firstDayOfWeek: 1, weekendDays: [0, 6] };
  }
}

/** dayjs's name for the language's locale (the calendar's month and weekday names). */
export function dayjsLocale(language: string): string {
  return language === 'zh' ? 'zh-cn' : language;
}
