import { isOverdue, localDay } from '../records/action-points.js';
import { headingLabel, itemLabel } from '../meetings/numbering.js';
import { textDirection } from '../i18n/languages.js';
import type { RecordView } from '../records/codec.js';
import type { Cell, Column, DocModel, Runs } from './model.js';
import { docFormat, safeFileName } from './format.js';
import { ownerName } from './people.js';
import type { BuildInput } from './templates.js';

/** Which action points a table holds: the page's rows as shown (ids, in order), or a filter. */
export function selectedActionPoints({ request, source }: Pick<BuildInput, 'request' | 'source'>): RecordView[] {
  const selection = request.actions ?? {};
  if (selection.ids) {
    const out: RecordView[] = [];
    const seen = new Set<string>();
    for (const id of selection.ids) {
      const ap = seen.has(id) ? undefined : source.get(id);
      seen.add(id);
      if (ap && ap.kind === 'action') out.push(ap);
    }
    return out;
  }
  const today = request.today ?? localDay();
  const statuses = selection.statuses && selection.statuses.length ? new Set<string>(selection.statuses) : null;
  return source
    .all('action')
    .filter((ap) => (!statuses || statuses.has(typeof ap.fields.status === 'string' ? ap.fields.status : 'open')) && (!selection.meetingId || ap.fields.meetingId === selection.meetingId) && (!selection.overdueOnly || isOverdue(ap, today)))
    .sort((a, b) => String(a.fields.dueDate ?? '\uffff').localeCompare(String(b.fields.dueDate ?? '\uffff')) || (a.id < b.id ? -1 : 1));
}

/** The action points as a table: a document to circulate, and the same table as a workbook. */
export function actionsDocument(input: BuildInput): DocModel {
  const { request, source, t } = input;
  const f = docFormat(request.language, t);
  const points = selectedActionPoints(input);
  const meetings = new Map<string, RecordView | undefined>();
  const meetingOf = (id: unknown) => {
    if (typeof id !== 'string') return undefined;
    if (!meetings.has(id)) meetings.set(id, source.get(id));
    return meetings.get(id);
  };
  const columns: Column[] = [
    { label: t('actions.number'), width: 0.8 },
    { label: t('records:kinds.action'), width: 4 },
    ...(request.options.owners ? [{ label: t('records:fields.owner'), width: 1.8 }] : []),
    ...(request.options.dueDates ? [{ label: t('records:fields.dueDate'), width: 1.4 }] : []),
    { label: t('records:fields.status'), width: 1.1 },
    { label: t('records:fields.priority'), width: 1 },
    { label: t('actions.meeting'), width: 2.4 },
  ];
  const rows: Cell[][] = points.map((ap) => {
    const a = ap.fields;
    const number = (typeof a.heading === 'string' ? headingLabel(a.heading, request.language) : '') + (typeof a.number === 'number' ? itemLabel(a.number, request.language) : '');
    const meeting = meetingOf(a.meetingId);
    const owner = ownerName(f, source, a.owner);
    const title: Runs = f.text(a.title);
    return [
      { runs: [{ text: number || t('none') }] },
      { runs: title },
      ...(request.options.owners ? [{ runs: owner ? [{ text: owner }] : [f.none()] }] : []),
      ...(request.options.dueDates ? [{ runs: [{ text: f.day(a.dueDate) }], ...(typeof a.dueDate === 'string' ? { date: a.dueDate.slice(0, 10) } : {}) }] : []),
      { runs: [{ text: t(`records:values.action_point_status.${typeof a.status === 'string' ? a.status : 'open'}`) }] },
      { runs: [{ text: t(`records:values.priority.${typeof a.priority === 'string' ? a.priority : 'normal'}`) }] },
      { runs: meeting ? f.text(meeting.fields.title) : [f.none()] },
    ];
  });
  const today = request.today ?? localDay();
  const selection = request.actions ?? {};
  const about: string[] = [];
  if (selection.statuses?.length) about.push(t('actions.statuses', { statuses: f.join(selection.statuses.map((s) => t(`records:values.action_point_status.${s}`))) }));
  if (selection.meetingId) about.push(t('actions.forMeeting', { meeting: f.text(meetingOf(selection.meetingId)?.fields.title).at(-1)!.text }));
  if (selection.overdueOnly) about.push(t('actions.overdueOnly'));
  const title = t('actions.title');
  return {
    type: 'actions',
    lang: request.language,
    dir: textDirection(request.language),
    title: [{ text: title }],
    subtitle: [[{ text: t('actions.asOf', { day: f.day(today), count: points.length, formatted: f.number(points.length) }) }], ...(about.length ? [[{ text: about.join(' · ') }]] : [])],
    sections: [
      {
        orientation: 'landscape',
        blocks: [
          { type: 'table', columns, rows, sheet: t('actions.sheet') },
          ...(rows.length === 0 ? [{ type: 'paragraph' as const, runs: [{ text: t('actions.none'), muted: true }] }] : []),
        ],
      },
    ],
    fileName: safeFileName(`${title} ${today}`, title),
    footer: title,
  };
}
