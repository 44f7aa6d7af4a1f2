import type { MEETING_TYPES, TEMPLATE_STEPS } from '../records/kinds.js';

export type MeetingType = (typeof MEETING_TYPES)[number];
export type TemplateStep = (typeof TEMPLATE_STEPS)[number];

/**
 * The procedure a meeting of a type follows, from the WPS texts: the Informal Expert Group's
 * preparation and follow-up, the Focal Points Network's chair's summary and newsletter item.
 */
export const MEETING_TEMPLATES: Partial<Record<MeetingType, readonly TemplateStep[]>> = {
  informal_expert_group: ['request_letter', 'background_material', 'meeting_summary', 'follow_up_meeting'],
  focal_points_network: ['chairs_summary', 'newsletter_item'],
};

/** A calendar day, `YYYY-MM-DD`, computed in UTC so no time zone can shift it. */
type Day = string;

const toDate = (day: Day) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date): Day => date.toISOString().slice(0, 10);
const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6;

export function addDays(day: Day, days: number): Day {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

/** `count` working days before (negative) or after (positive) a day; Saturdays and Sundays skipped. */
export function addWorkingDays(day: Day, count: number): Day {
  const date = toDate(day);
  const step = Math.sign(count);
  for (let left = Math.abs(count); left > 0; ) {
    date.setUTCDate(date.getUTCDate() + step);
    if (!isWeekend(date)) left--;
  }
  return toDay(date);
}

/** Months later, on the same day of the month where it exists (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(day: Day, months: number): Day {
  const date = toDate(day);
  const target = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toDay(new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), last))));
}

/** The next working day from a day (the day itself when it is one). */
export function workingDayFrom(day: Day): Day {
  const date = toDate(day);
  while (isWeekend(date)) date.setUTCDate(date.getUTCDate() + 1);
  return toDay(date);
}

/**
 * When a step is due, given the meeting's day:
 * - request letter with proposed dates: sent 2 to 4 weeks before; due at the latest 2 weeks before
 *   (`earliest` is 4 weeks before);
 * - background material and key recommendations: to the members at least 2 working days before;
 * - meeting summary, chair's summary: 5 working days after;
 * - newsletter item: 10 working days after;
 * - follow-up meeting: about 6 months later, on a working day.
 */
/** The delays of the steps, from the WPS texts (also said in the sentences that describe them). */
export const STEP_TIMING = {
  letterWeeksEarliest: 4,
  letterWeeksLatest: 2,
  materialDaysBefore: 2,
  summaryDaysAfter: 5,
  newsletterDaysAfter: 10,
  followUpMonths: 6,
} as const;

export function stepDates(step: TemplateStep, meetingDay: Day): { due: Day; earliest?: Day } {
  switch (step) {
    case 'request_letter':
      return { due: addDays(meetingDay, -7 * STEP_TIMING.letterWeeksLatest), earliest: addDays(meetingDay, -7 * STEP_TIMING.letterWeeksEarliest) };
    case 'background_material':
      return { due: addWorkingDays(meetingDay, -STEP_TIMING.materialDaysBefore) };
    case 'meeting_summary':
    case 'chairs_summary':
      return { due: addWorkingDays(meetingDay, STEP_TIMING.summaryDaysAfter) };
    case 'newsletter_item':
      return { due: addWorkingDays(meetingDay, STEP_TIMING.newsletterDaysAfter) };
    case 'follow_up_meeting':
      return { due: workingDayFrom(addMonths(meetingDay, STEP_TIMING.followUpMonths)) };
  }
}

/** The calendar day a meeting starts on where it is held (its time zone), else as written. */
export function meetingDay(start: string, timeZone?: string | null): Day {
  if (!timeZone) return start.slice(0, 10);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(start));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
