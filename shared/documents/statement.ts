import { textDirection } from '../i18n/languages.js';
import type { Block, DocModel } from './model.js';
import { docFormat, documentVersion, paragraphsOf, safeFileName } from './format.js';
import { meetingWhen } from './chair-summary.js';
import { countsCharacters, countText, DEFAULT_TARGET_WORDS } from './word-count.js';
import type { BuildInput } from './templates.js';

/**
 * A written statement (or comment, recommendation) as it is sent: title, on whose behalf, to
 * whom, for which debate, the text, and its length against the target ("about 500 words").
 */
export function statementDocument({ request, source, t }: BuildInput): DocModel {
  const f = docFormat(request.language, t);
  const input = source.get(request.id!)!;
  const s = input.fields;
  const title = f.title(s.title);
  const meeting = typeof s.meetingId === 'string' ? source.get(s.meetingId) : undefined;
  const nap = typeof s.napId === 'string' ? source.get(s.napId) : undefined;
  const type = typeof s.type === 'string' ? t(`records:values.input_type.${s.type}`) : t('records:kinds.input');

  const rows = [
    { label: t('records:fields.delegation'), value: f.line(s.delegation) },
    { label: t('records:fields.author'), value: f.line(s.author) },
    { label: t('records:fields.addressee'), value: f.line(s.addressee) },
  ];
  if (meeting) rows.push({ label: t('statement.meeting'), value: [...f.text(meeting.fields.title), { text: ` — ${meetingWhen(f, meeting.fields.start, meeting.fields.end, meeting.fields.timeZone)}` }] });
  if (nap) rows.push({ label: t('statement.nap'), value: f.text(nap.fields.title) });

  const blocks: Block[] = [{ type: 'fields', rows }];
  const body = documentVersion(s.body, request.language);
  if (!body) blocks.push({ type: 'paragraph', runs: [{ text: t('statement.noText'), muted: true }] });
  else {
    if (body.lang !== request.language) blocks.push({ type: 'paragraph', runs: [{ text: t('fallback', { language: f.language(body.lang) }), muted: true, italic: true }] });
    for (const p of paragraphsOf(body.text)) blocks.push({ type: 'paragraph', runs: [{ text: p, lang: body.lang }] });
    const count = countText(body.text, body.lang);
    const target = typeof s.targetWords === 'number' ? s.targetWords : DEFAULT_TARGET_WORDS;
    const words = t('statement.words', { count: count.words, formatted: f.number(count.words), target: f.number(target) });
    const characters = countsCharacters(body.lang) ? ` ${t('statement.characters', { count: count.characters, formatted: f.number(count.characters) })}` : '';
    blocks.push({ type: 'paragraph', style: 'small', runs: [{ text: words + characters, muted: true }] });
  }
  return {
    type: 'statement',
    lang: request.language,
    dir: textDirection(request.language),
    title,
    subtitle: [[{ text: type }]],
    sections: [{ orientation: 'portrait', blocks }],
    fileName: safeFileName(title.at(-1)!.text, type),
    footer: [typeof s.delegation === 'string' ? s.delegation : '', type].filter(Boolean).join(' — '),
  };
}
