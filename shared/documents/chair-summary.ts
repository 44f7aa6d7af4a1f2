import { compareText } from '../records/sort.js';
import { groupActionPoints } from '../meetings/action-groups.js';
import { headingLabel, itemLabel } from '../meetings/numbering.js';
import { textDirection } from '../i18n/languages.js';
import type { Block, DocModel, ListItem, Runs } from './model.js';
import { docFormat, documentVersion, safeFileName, type DocFormat } from './format.js';
import { markdownBlocks } from './markdown.js';
import { ownerName, personName } from './people.js';
import type { BuildInput } from './templates.js';

/** When a meeting took place, in its own time zone (a meeting in Geneva reads 10:00 wherever it is printed). */
export function meetingWhen(f: DocFormat, start: unknown, end: unknown, timeZone: unknown): string {
  if (typeof start !== 'string' || Number.isNaN(Date.parse(start))) return f.t('none');
  let zone = typeof timeZone === 'string' && timeZone ? timeZone : 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const from = new Date(start);
  const dayFormat = new Intl.DateTimeFormat(f.lang, { dateStyle: 'full', timeZone: zone });
  const clock = new Intl.DateTimeFormat(f.lang, { hour: 'numeric', minute: '2-digit', timeZone: zone });
  const to = typeof end === 'string' && !Number.isNaN(Date.parse(end)) && Date.parse(end) >= from.getTime() ? new Date(end) : null;
  if (!to) return f.t('chair.when', { day: dayFormat.format(from), times: clock.format(from), zone });
  if (dayFormat.format(from) === dayFormat.format(to)) return f.t('chair.when', { day: dayFormat.format(from), times: clock.formatRange(from, to), zone });
  // Over several days: the days as a range, and the hours of the first and the last day.
  return f.t('chair.when', { day: dayFormat.formatRange(from, to), times: f.t('range', { from: clock.format(from), to: clock.format(to) }), zone });
}

/** A markdown text (notes, decisions) in the document's version, marked when it is another language's. */
export function markdownSection(f: DocFormat, value: unknown, topLevel: 2 | 3): Block[] {
  const version = documentVersion(value, f.lang);
  if (!version) return [];
  const blocks = markdownBlocks(version.text, version.lang, { topLevel });
  if (version.lang === f.lang) return blocks;
  return [{ type: 'paragraph', runs: [{ text: f.t('fallback', { language: f.language(version.lang) }), muted: true, italic: true }] }, ...blocks];
}

/**
 * A chair's summary: title, date and place, chairs, who took part, the agenda, the summary of the
 * discussion (the notes), the decisions, then the action points under their headings with the
 * numbering United Nations documents use in the document's language.
 */
export function chairSummaryDocument({ request, source, t }: BuildInput): DocModel {
  const f = docFormat(request.language, t);
  const meeting = source.get(request.id!)!;
  const m = meeting.fields;
  const title = f.title(m.title);
  const place = m.online === true ? (typeof m.place === 'string' && m.place.trim() ? t('chair.placeAndOnline', { place: m.place }) : t('chair.online')) : typeof m.place === 'string' && m.place.trim() ? m.place : t('none');
  const chairs = (Array.isArray(m.chairs) ? m.chairs : []).map((c) => personName(f, source, c)).filter((c): c is string => !!c);
  const participants = Array.isArray(m.participants) ? m.participants : [];
  const countries = [...new Set(participants.map((p) => (p && typeof p === 'object' && typeof (p as { country?: string }).country === 'string' ? (p as { country: string }).country : '')).filter(Boolean))];
  const countryNames = countries.map((c) => f.country(c)).sort((a, b) => compareText(a, b, request.language));

  const blocks: Block[] = [
    {
      type: 'fields',
      rows: [
        { label: t('chair.date'), value: [{ text: meetingWhen(f, m.start, m.end, m.timeZone) }] },
        { label: t('records:fields.place'), value: [{ text: place }] },
        { label: t('records:fields.type'), value: [{ text: typeof m.type === 'string' ? t(`records:values.meeting_type.${m.type}`) : t('none') }] },
        { label: t(chairs.length > 1 ? 'chair.chairs' : 'chair.chair'), value: chairs.length ? [{ text: f.join(chairs) }] : [f.none()] },
      ],
    },
  ];

  blocks.push({ type: 'heading', level: 1, runs: [{ text: t('chair.participation') }] });
  if (participants.length === 0) blocks.push({ type: 'paragraph', runs: [{ text: t('chair.noParticipants'), muted: true }] });
  else {
    blocks.push({ type: 'paragraph', runs: [{ text: t('chair.participants', { count: participants.length, formatted: f.number(participants.length) }) }] });
    if (countryNames.length) blocks.push({ type: 'paragraph', runs: [{ text: t('chair.countries', { number: countryNames.length, list: f.join(countryNames) }) }] });
  }

  const agenda = (Array.isArray(m.agenda) ? (m.agenda as { order: unknown; text: string }[]) : []).filter((a) => a && typeof a.text === 'string' && a.text.trim()).map((a) => ({ order: String(a.order ?? ''), text: a.text }));
  blocks.push({ type: 'heading', level: 1, runs: [{ text: t('records:fields.agenda') }] });
  if (agenda.length === 0) blocks.push({ type: 'paragraph', runs: [{ text: t('chair.noAgenda'), muted: true }] });
  else blocks.push({ type: 'list', style: 'number', items: [...agenda].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)).map((a) => ({ runs: [{ text: a.text }] })) });

  const notes = markdownSection(f, m.notes, 2);
  if (notes.length) blocks.push({ type: 'heading', level: 1, runs: [{ text: t('chair.discussion') }] }, ...notes);
  const decisions = markdownSection(f, m.decisions, 2);
  if (decisions.length) blocks.push({ type: 'heading', level: 1, runs: [{ text: t('records:fields.decisions') }] }, ...decisions);

  blocks.push({ type: 'heading', level: 1, runs: [{ text: t('chair.actionPoints') }] });
  const points = source.all('action').filter((ap) => ap.fields.meetingId === meeting.id);
  // As stored by any version: a heading without a letter code is none, one without a title has none.
  const headings = (Array.isArray(m.actionHeadings) ? (m.actionHeadings as unknown[]) : [])
    .filter((h): h is { letter: string; title?: unknown } => !!h && typeof h === 'object' && typeof (h as { letter?: unknown }).letter === 'string')
    .map((h) => ({ letter: h.letter, title: typeof h.title === 'string' ? h.title : '' }));
  const groups = groupActionPoints(points, headings).filter((g) => g.points.length > 0 || g.title.trim() !== '');
  if (groups.every((g) => g.points.length === 0)) blocks.push({ type: 'paragraph', runs: [{ text: t('chair.noActionPoints'), muted: true }] });
  if (groups.length) {
    const items: ListItem[] = groups.map((g) => ({
      ...(g.letter ? { label: headingLabel(g.letter, request.language) } : {}),
      runs: g.letter ? (g.title.trim() ? [{ text: g.title }] : [f.none()]) : [{ text: t('chair.unheaded') }],
      ...(g.points.length
        ? {
            children: {
              style: 'labelled' as const,
              items: g.points.map((ap): ListItem => {
                const n = typeof ap.fields.number === 'number' ? ap.fields.number : null;
                const notes: Runs[] = [];
                // What the meeting said about the point beyond its title, as written.
                const details = f.textOrNull(ap.fields.details);
                if (details) notes.push(details);
                const owner = request.options.owners ? ownerName(f, source, ap.fields.owner) : null;
                const due = request.options.dueDates && typeof ap.fields.dueDate === 'string' ? f.day(ap.fields.dueDate) : null;
                const line = [owner ? t('chair.owner', { owner }) : '', due ? t('chair.due', { day: due }) : ''].filter(Boolean).join(' · ');
                if (line) notes.push([{ text: line, muted: true }]);
                return { label: n !== null ? itemLabel(n, request.language) : '•', runs: f.text(ap.fields.title), ...(notes.length ? { notes } : {}) };
              }),
            },
          }
        : {}),
    }));
    blocks.push({ type: 'list', style: 'labelled', items });
  }

  return {
    type: 'chair-summary',
    lang: request.language,
    dir: textDirection(request.language),
    title,
    subtitle: [[{ text: t('chair.kind') }], [{ text: meetingWhen(f, m.start, m.end, m.timeZone) }]],
    sections: [{ orientation: 'portrait', blocks }],
    fileName: safeFileName(`${t('chair.kind')} - ${title.at(-1)!.text}`, t('chair.kind')),
    footer: t('chair.kind'),
  };
}
