import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Json } from '../../../shared/sync/record';
import { recordTitle } from '../../../shared/records/codec';
import { fieldSpec, type KINDS, type Kind } from '../../../shared/records/kinds';
import { splitItemKey } from '../../../shared/records/lists';
import { isolate } from './bidi';

type FieldName = { [K in Kind]: keyof (typeof KINDS)[K]['fields'] }[Kind] | '_deleted' | '_parent' | '_order';

/** Every kind's name, every field's label, every listed value's words: typed exhaustive, so a new field cannot go unlabelled. */
export const KIND_LABELS = {
  'nap': 'records:kinds.nap',
  'nap.consultation': 'records:kinds.nap.consultation',
  'nap.snapshot': 'records:kinds.nap.snapshot',
  'nap.objective': 'records:kinds.nap.objective',
  'nap.action': 'records:kinds.nap.action',
  'nap.indicator': 'records:kinds.nap.indicator',
  'meeting': 'records:kinds.meeting',
  'action': 'records:kinds.action',
  'contact': 'records:kinds.contact',
  'input': 'records:kinds.input',
} as const satisfies Record<Kind, string>;

export const FIELD_LABELS = {
  title: 'records:fields.title',
  country: 'records:fields.country',
  generation: 'records:fields.generation',
  periodStart: 'records:fields.periodStart',
  periodEnd: 'records:fields.periodEnd',
  status: 'records:fields.status',
  summary: 'records:fields.summary',
  leadAgency: 'records:fields.leadAgency',
  coordinatingBody: 'records:fields.coordinatingBody',
  pillar: 'records:fields.pillar',
  description: 'records:fields.description',
  partnerAgencies: 'records:fields.partnerAgencies',
  start: 'records:fields.start',
  end: 'records:fields.end',
  budgetAmount: 'records:fields.budgetAmount',
  budgetCurrency: 'records:fields.budgetCurrency',
  resolutions: 'records:fields.resolutions',
  notes: 'records:fields.notes',
  name: 'records:fields.name',
  unit: 'records:fields.unit',
  baselineValue: 'records:fields.baselineValue',
  baselineYear: 'records:fields.baselineYear',
  targetValue: 'records:fields.targetValue',
  targetYear: 'records:fields.targetYear',
  measurements: 'records:fields.measurements',
  meansOfVerification: 'records:fields.meansOfVerification',
  type: 'records:fields.type',
  timeZone: 'records:fields.timeZone',
  place: 'records:fields.place',
  online: 'records:fields.online',
  chairs: 'records:fields.chairs',
  participants: 'records:fields.participants',
  agenda: 'records:fields.agenda',
  decisions: 'records:fields.decisions',
  guidingQuestions: 'records:fields.guidingQuestions',
  details: 'records:fields.details',
  owner: 'records:fields.owner',
  dueDate: 'records:fields.dueDate',
  priority: 'records:fields.priority',
  heading: 'records:fields.heading',
  number: 'records:fields.number',
  meetingId: 'records:fields.meetingId',
  napActionId: 'records:fields.napActionId',
  followUpDate: 'records:fields.followUpDate',
  completionNote: 'records:fields.completionNote',
  institution: 'records:fields.institution',
  role: 'records:fields.role',
  languages: 'records:fields.languages',
  email: 'records:fields.email',
  phone: 'records:fields.phone',
  author: 'records:fields.author',
  delegation: 'records:fields.delegation',
  addressee: 'records:fields.addressee',
  targetWords: 'records:fields.targetWords',
  deadline: 'records:fields.deadline',
  body: 'records:fields.body',
  napId: 'records:fields.napId',
  pillars: 'records:fields.pillars',
  date: 'records:fields.date',
  channel: 'records:fields.channel',
  outcome: 'records:fields.outcome',
  takenAt: 'records:fields.takenAt',
  records: 'records:fields.records',
  templateStep: 'records:fields.templateStep',
  actionHeadings: 'records:fields.actionHeadings',
  _deleted: 'records:fields._deleted',
  _parent: 'records:fields._parent',
  _order: 'records:fields._order',
} as const satisfies Record<FieldName, string>;

/** Which list of words a field's value comes from. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  nap_status: {
    drafting: 'records:values.nap_status.drafting',
    consultation: 'records:values.nap_status.consultation',
    validation: 'records:values.nap_status.validation',
    adopted: 'records:values.nap_status.adopted',
    under_review: 'records:values.nap_status.under_review',
    archived: 'records:values.nap_status.archived',
  },
  pillar: {
    participation: 'records:values.pillar.participation',
    protection: 'records:values.pillar.protection',
    prevention: 'records:values.pillar.prevention',
    relief_recovery: 'records:values.pillar.relief_recovery',
  },
  action_status: {
    planned: 'records:values.action_status.planned',
    ongoing: 'records:values.action_status.ongoing',
    completed: 'records:values.action_status.completed',
    delayed: 'records:values.action_status.delayed',
    cancelled: 'records:values.action_status.cancelled',
  },
  meeting_type: {
    focal_points_network: 'records:values.meeting_type.focal_points_network',
    informal_expert_group: 'records:values.meeting_type.informal_expert_group',
    open_debate: 'records:values.meeting_type.open_debate',
    ministerial: 'records:values.meeting_type.ministerial',
    national_consultation: 'records:values.meeting_type.national_consultation',
    working_group: 'records:values.meeting_type.working_group',
    other: 'records:values.meeting_type.other',
  },
  action_point_status: {
    open: 'records:values.action_point_status.open',
    in_progress: 'records:values.action_point_status.in_progress',
    done: 'records:values.action_point_status.done',
    blocked: 'records:values.action_point_status.blocked',
    cancelled: 'records:values.action_point_status.cancelled',
  },
  priority: {
    low: 'records:values.priority.low',
    normal: 'records:values.priority.normal',
    high: 'records:values.priority.high',
  },
  contact_role: {
    national_focal_point: 'records:values.contact_role.national_focal_point',
    civil_society: 'records:values.contact_role.civil_society',
    un_entity: 'records:values.contact_role.un_entity',
    regional_organization: 'records:values.contact_role.regional_organization',
    other: 'records:values.contact_role.other',
  },
  input_type: {
    written_statement: 'records:values.input_type.written_statement',
    comment: 'records:values.input_type.comment',
    recommendation: 'records:values.input_type.recommendation',
  },
  input_status: {
    drafting: 'records:values.input_status.drafting',
    sent: 'records:values.input_status.sent',
    received: 'records:values.input_status.received',
    considered: 'records:values.input_status.considered',
    reflected: 'records:values.input_status.reflected',
  },
  consultation_channel: {
    meeting: 'records:values.consultation_channel.meeting',
    workshop: 'records:values.consultation_channel.workshop',
    written: 'records:values.consultation_channel.written',
    online: 'records:values.consultation_channel.online',
    bilateral: 'records:values.consultation_channel.bilateral',
    other: 'records:values.consultation_channel.other',
  },
  template_step: {
    request_letter: 'records:values.template_step.request_letter',
    background_material: 'records:values.template_step.background_material',
    meeting_summary: 'records:values.template_step.meeting_summary',
    follow_up_meeting: 'records:values.template_step.follow_up_meeting',
    chairs_summary: 'records:values.template_step.chairs_summary',
    newsletter_item: 'records:values.template_step.newsletter_item',
  },
  boolean: {
    true: 'records:values.boolean.true',
    false: 'records:values.boolean.false',
  },
};

const VALUE_GROUP: Partial<Record<Kind, Partial<Record<string, string>>>> = {
  nap: { status: 'nap_status' },
  'nap.objective': { pillar: 'pillar' },
  'nap.consultation': { channel: 'consultation_channel' },
  'nap.action': { status: 'action_status' },
  meeting: { type: 'meeting_type', online: 'boolean' },
  action: { status: 'action_point_status', priority: 'priority', templateStep: 'template_step' },
  contact: { role: 'contact_role' },
  input: { type: 'input_type', status: 'input_status' },
};

// Keys here are chosen at run time from the typed maps above, so the lookup itself is untyped.
const lookup = (t: unknown, key: string) => (t as (k: string) => string)(key);

/** Labels for a record's parts in the UI language: kind, field (with the language of a text), value. */
export function useRecordText() {
  const { t, i18n } = useTranslation(['records', 'common']);
  const languageName = useCallback(
    (lang: string) => new Intl.DisplayNames([i18n.language], { type: 'language' }).of(lang) ?? lang,
    [i18n.language],
  );
  const kind = useCallback((k: Kind) => lookup(t, KIND_LABELS[k]), [t]);
  /** `title@fr` → "Title (French)" in the UI language; one item of a list, `measurements#…` → "Measurements: one item". */
  const field = useCallback(
    (syncKey: string) => {
      const [whole, item] = splitItemKey(syncKey);
      const [name, lang] = whole.split('@') as [string, string | undefined];
      const key = (FIELD_LABELS as Record<string, string>)[name];
      const label = key ? lookup(t, key) : name;
      if (item !== undefined) return t('records:items.one', { field: label });
      return lang ? `${label} (${languageName(lang)})` : label;
    },
    [t, languageName],
  );
  const number = useCallback((n: number) => new Intl.NumberFormat(i18n.language).format(n), [i18n.language]);
  /** One item of a list as a person reads it: "31 Mar 2026: 14 (Rapport)", "(c) Training", a chair's name or country. */
  const item = useCallback(
    (k: Kind, name: string, v: Json): string => {
      const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Json>) : null;
      if (name === 'measurements' && o && typeof o.date === 'string' && typeof o.value === 'number') {
        const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${o.date}T00:00:00Z`));
        const args = { date: isolate(date), value: isolate(number(o.value)) };
        return typeof o.source === 'string' && o.source ? t('records:items.measurementSource', { ...args, source: isolate(o.source) }) : t('records:items.measurement', args);
      }
      if (name === 'actionHeadings' && o && typeof o.letter === 'string') return t('records:items.heading', { letter: o.letter, title: isolate(String(o.title ?? '')) });
      if (name === 'agenda' && o && typeof o.text === 'string') return o.text;
      if ((name === 'chairs' || name === 'participants') && o) {
        const country = typeof o.country === 'string' && o.country ? (new Intl.DisplayNames([i18n.language], { type: 'region' }).of(o.country) ?? o.country) : '';
        return [o.name, o.organisation, country].filter((x) => typeof x === 'string' && x).map((x) => isolate(String(x))).join(', ') || '—';
      }
      // A Security Council resolution is named by its number, never grouped as an amount.
      if (name === 'resolutions' && typeof v === 'number') return t('records:items.resolution', { number: v });
      const group = VALUE_GROUP[k]?.[name] ?? (name === 'pillars' ? 'pillar' : undefined);
      const key = group ? VALUE_LABELS[group]?.[String(v)] : undefined;
      if (key) return lookup(t, key);
      return typeof v === 'string' ? v : typeof v === 'number' ? number(v) : JSON.stringify(v);
    },
    [t, i18n.language, number],
  );
  const value = useCallback(
    (k: Kind, syncKey: string, v: Json): string => {
      // A version of one list item that is null is that item's removal.
      if (v === null && splitItemKey(syncKey)[1] !== undefined) return t('records:items.removed');
      if (v === null || v === undefined) return '—';
      const name = splitItemKey(syncKey)[0].split('@')[0]!;
      // A list (or one of its items, in a conflict or a history): each item in words.
      if (fieldSpec(k, name)?.list) return Array.isArray(v) ? v.map((x) => item(k, name, x)).join('; ') || '—' : item(k, name, v);
      const group = VALUE_GROUP[k]?.[syncKey.split('@')[0]!];
      const key = group ? VALUE_LABELS[group]?.[String(v)] : undefined;
      if (key) return lookup(t, key);
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return new Intl.NumberFormat(i18n.language).format(v);
      if (typeof v === 'boolean') return lookup(t, v ? 'records:values.boolean.true' : 'records:values.boolean.false');
      return JSON.stringify(v);
    },
    [t, i18n.language, item],
  );
  /** A record's name in lists: its title or name, in the UI language when it has one. */
  const title = useCallback(
    (fields: Record<string, Json>) => recordTitle(fields, i18n.language) || lookup(t, 'records:untitled'),
    [t, i18n.language],
  );
  return { kind, field, value, title };
}
