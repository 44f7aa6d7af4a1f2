import type { i18n } from 'i18next';
import { MEETING_TEMPLATES, meetingDay, STEP_TIMING, stepDates, type TemplateStep } from '../../shared/meetings/templates.js';
import type { RecordView } from '../../shared/records/codec.js';
import type { Kind, SnapshotRecord } from '../../shared/records/kinds.js';
import type { RescheduleResponse } from '../../shared/records/workflows.js';
import type { Json } from '../../shared/sync/record.js';
import { CoreError } from './errors.js';
import type { Workspace } from './workspace.js';

/** Action point titles for template steps, in the language of the person applying the template. */
const STEP_TITLES = {
  request_letter: 'records:templateTitles.request_letter',
  background_material: 'records:templateTitles.background_material',
  meeting_summary: 'records:templateTitles.meeting_summary',
  follow_up_meeting: 'records:templateTitles.follow_up_meeting',
  chairs_summary: 'records:templateTitles.chairs_summary',
  newsletter_item: 'records:templateTitles.newsletter_item',
} as const satisfies Record<TemplateStep, string>;

function requireKind(view: RecordView, kind: Kind): RecordView {
  if (view.deleted) throw new CoreError('gone', `record ${view.id} is deleted`);
  if (view.kind !== kind) throw new CoreError('invalid_request', `${view.id} is not a ${kind}`, [{ path: ['id'], message: 'errors:validation.kind' }]);
  return view;
}

/** The NAP and everything in it (snapshots aside), as a snapshot keeps it. */
export function napContent(workspace: Workspace, napId: string): SnapshotRecord[] {
  const { record, children } = workspace.get({ id: napId, children: true });
  requireKind(record, 'nap');
  return [record, ...children.filter((c) => c.kind !== 'nap.snapshot')].map((r) => ({
    id: r.id,
    kind: r.kind,
    parentId: r.parentId,
    order: r.order,
    fields: r.fields,
  }));
}

export async function snapshotNap(workspace: Workspace, napId: string, name: string, now: Date): Promise<RecordView> {
  const records = napContent(workspace, napId);
  const [snapshot] = await workspace.createMany([
    { kind: 'nap.snapshot', parent: napId, fields: { name, takenAt: now.toISOString(), records } },
  ]);
  return snapshot!;
}

/**
 * The start of a plan's next generation: its outline and wording copied; dates, budgets, statuses
 * and targets left for the new plan; each indicator's baseline taken from its latest measurement
 * (else its old baseline). Consultations and snapshots stay with the old plan.
 */
export async function duplicateNap(workspace: Workspace, napId: string): Promise<RecordView> {
  const { record: nap, children } = workspace.get({ id: napId, children: true });
  requireKind(nap, 'nap');
  const f = nap.fields;
  const items: { kind: Kind; parent: number | null; fields: Record<string, unknown> }[] = [
    {
      kind: 'nap',
      parent: null,
      fields: {
        title: f.title,
        country: f.country,
        generation: typeof f.generation === 'number' ? Math.min(f.generation + 1, 20) : undefined,
        periodStart: typeof f.periodEnd === 'number' ? f.periodEnd + 1 : undefined,
        status: 'drafting',
        pillars: f.pillars,
        summary: f.summary,
        leadAgency: f.leadAgency,
        coordinatingBody: f.coordinatingBody,
      },
    },
  ];
  const index = new Map<string, number>([[nap.id, 0]]);
  const copy = (names: string[], from: Record<string, Json>) => Object.fromEntries(names.map((n) => [n, from[n]]));
  for (const child of children) {
    const parent = child.parentId === null ? undefined : index.get(child.parentId);
    if (parent === undefined) continue;
    let fields: Record<string, unknown>;
    if (child.kind === 'nap.objective') fields = copy(['pillar', 'title', 'description'], child.fields);
    else if (child.kind === 'nap.action') {
      fields = { ...copy(['description', 'leadAgency', 'partnerAgencies', 'resolutions', 'budgetCurrency'], child.fields), status: 'planned' };
    } else if (child.kind === 'nap.indicator') {
      const measured = ((child.fields.measurements ?? []) as { date: string; value: number }[])
        .slice()
        .sort((a, b) => (a.date < b.date ? -1 : 1))
        .at(-1);
      fields = {
        ...copy(['name', 'unit', 'meansOfVerification'], child.fields),
        baselineValue: measured ? measured.value : child.fields.baselineValue,
        baselineYear: measured ? Number(measured.date.slice(0, 4)) : child.fields.baselineYear,
      };
    } else continue;
    index.set(child.id, items.length);
    items.push({ kind: child.kind, parent, fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null)) });
  }
  items[0]!.fields = Object.fromEntries(Object.entries(items[0]!.fields).filter(([, v]) => v !== undefined && v !== null));
  const [created] = await workspace.createMany(items);
  return created!;
}

function meetingOf(workspace: Workspace, meetingId: string): { meeting: RecordView; day: string } {
  const meeting = requireKind(workspace.get({ id: meetingId }).record, 'meeting');
  const start = meeting.fields.start;
  if (typeof start !== 'string') {
    throw new CoreError('invalid_request', 'the meeting has no date yet', [{ path: ['start'], message: 'errors:validation.meetingDate' }]);
  }
  return { meeting, day: meetingDay(start, typeof meeting.fields.timeZone === 'string' ? meeting.fields.timeZone : null) };
}

/** The template's steps as action points of the meeting, dated from its day. Steps already there are not added twice. */
export async function applyTemplate(workspace: Workspace, meetingId: string, i18n: i18n): Promise<RecordView[]> {
  const { meeting, day } = meetingOf(workspace, meetingId);
  const steps = MEETING_TEMPLATES[meeting.fields.type as keyof typeof MEETING_TEMPLATES] ?? [];
  const existing = new Set(
    workspace.query({ kind: 'action', where: { meetingId }, limit: 10_000, offset: 0 }).records.map((r) => r.fields.templateStep),
  );
  const t = i18n.t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const items = steps
    .filter((step) => !existing.has(step))
    .map((step) => ({
      kind: 'action' as const,
      parent: null,
      fields: { title: { [i18n.language]: t(STEP_TITLES[step], STEP_TIMING) }, status: 'open', priority: 'normal', meetingId, templateStep: step, dueDate: stepDates(step, day).due },
    }));
  return items.length > 0 ? workspace.createMany(items) : [];
}

/** Template steps still to do whose computed date no longer matches the meeting's day. */
export async function reschedule(workspace: Workspace, meetingId: string, apply: boolean): Promise<RescheduleResponse> {
  const { day } = meetingOf(workspace, meetingId);
  const changes: RescheduleResponse['changes'] = [];
  for (const ap of workspace.query({ kind: 'action', where: { meetingId }, limit: 10_000, offset: 0 }).records) {
    const step = ap.fields.templateStep as TemplateStep | undefined;
    if (!step || ap.fields.status === 'done' || ap.fields.status === 'cancelled') continue;
    const to = stepDates(step, day).due;
    const from = typeof ap.fields.dueDate === 'string' ? ap.fields.dueDate : null;
    if (from !== to) changes.push({ id: ap.id, step, from, to });
  }
  if (apply && changes.length > 0) await workspace.updateMany(changes.map((c) => ({ id: c.id, fields: { dueDate: c.to } })));
  return { changes };
}
