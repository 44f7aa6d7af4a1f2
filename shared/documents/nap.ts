import { buildOutline, type Pillar } from '../naps/outline.js';
import { indicatorProgress } from '../naps/progress.js';
import type { RecordView } from '../records/codec.js';
import type { Block, Cell, DocModel, Runs, Section } from './model.js';
import { docFormat, paragraphsOf, safeFileName, type DocFormat } from './format.js';
import type { BuildInput } from './templates.js';
import { textDirection } from '../i18n/languages.js';

const shorten = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('').trimEnd()}…` : text);
const cell = (runs: Runs, extra: Omit<Cell, 'runs'> = {}): Cell => ({ runs, ...extra });
const textCell = (text: string, extra: Omit<Cell, 'runs'> = {}): Cell => cell([{ text }], extra);

function prose(f: DocFormat, value: unknown): Block[] {
  const runs = f.textOrNull(value);
  if (!runs) return [];
  // The marker (if any) leads the first paragraph; each paragraph keeps the text's language.
  const text = runs.at(-1)!;
  const marker = runs.length > 1 ? runs.slice(0, -1) : [];
  return paragraphsOf(text.text).map((p, i) => ({ type: 'paragraph' as const, runs: [...(i === 0 ? marker : []), { ...text, text: p }] }));
}

function period(f: DocFormat, start: unknown, end: unknown, short = false): string {
  const s = typeof start === 'string' ? (short ? f.month(start) : f.day(start)) : null;
  const e = typeof end === 'string' ? (short ? f.month(end) : f.day(end)) : null;
  if (s && e) return f.t('range', { from: s, to: e });
  return s ?? e ?? f.t('none');
}

const years = (f: DocFormat, start: unknown, end: unknown) =>
  typeof start === 'number' && typeof end === 'number' ? f.t('range', { from: String(start), to: String(end) }) : typeof start === 'number' ? String(start) : f.t('none');

function valueWithYear(f: DocFormat, value: unknown, year: unknown, unit: unknown): string {
  if (typeof value !== 'number') return f.t('none');
  const amount = typeof unit === 'string' && unit.trim() ? `${f.number(value)} ${unit}` : f.number(value);
  return typeof year === 'number' ? f.t('valueInYear', { value: amount, year: String(year) }) : amount;
}

/**
 * A National Action Plan: its title page, summary, the plan pillar by pillar (objectives, their
 * actions with lead, partners, timeline, budget, status and resolutions, each action's indicators),
 * then the action matrix (landscape) and the indicator progress table, as NAPs are printed.
 */
export function napDocument({ request, source, t }: BuildInput): DocModel {
  const f = docFormat(request.language, t);
  const nap = source.get(request.id!)!;
  const fields = nap.fields;
  const descendants: RecordView[] = [];
  const walk = (id: string) => {
    for (const child of source.children(id)) {
      descendants.push(child);
      walk(child.id);
    }
  };
  walk(nap.id);
  const outline = buildOutline(fields.pillars, descendants);
  const pillarName = (p: Pillar) => t(`records:values.pillar.${p}`);
  const status = (kind: 'nap_status' | 'action_status', value: unknown) => (typeof value === 'string' ? t(`records:values.${kind}.${value}`) : t('none'));

  const title = f.title(fields.title);
  const titlePage: Block[] = [
    {
      type: 'fields',
      rows: [
        { label: t('records:fields.country'), value: [{ text: f.country(fields.country) }] },
        { label: t('records:fields.generation'), value: [{ text: typeof fields.generation === 'number' ? f.number(fields.generation) : t('none') }] },
        { label: t('nap.period'), value: [{ text: years(f, fields.periodStart, fields.periodEnd) }] },
        { label: t('records:fields.status'), value: [{ text: status('nap_status', fields.status) }] },
        { label: t('records:fields.leadAgency'), value: f.line(fields.leadAgency) },
        { label: t('records:fields.coordinatingBody'), value: f.line(fields.coordinatingBody) },
      ],
    },
  ];
  const summaryText = prose(f, fields.summary);
  const summary: Block[] = summaryText.length ? [{ type: 'heading', level: 1, runs: [{ text: t('nap.summary') }] }, ...summaryText] : [];

  const plan: Block[] = [];
  let objectiveNo = 0;
  const matrixRows: Cell[][] = [];
  const progressRows: Cell[][] = [];
  for (const pillar of outline) {
    plan.push({ type: 'heading', level: 1, runs: [{ text: pillarName(pillar.pillar) }] });
    if (pillar.objectives.length === 0) plan.push({ type: 'paragraph', runs: [{ text: t('nap.noObjectives'), muted: true }] });
    for (const objective of pillar.objectives) {
      objectiveNo++;
      const o = objective.record.fields;
      plan.push({ type: 'heading', level: 2, runs: [{ text: `${t('nap.objective', { number: objectiveNo })} ` }, ...f.text(o.title)] });
      plan.push(...prose(f, o.description));
      objective.actions.forEach((action, actionIndex) => {
        const a = action.record.fields;
        const number = `${f.number(objectiveNo)}.${f.number(actionIndex + 1)}`;
        plan.push({ type: 'heading', level: 3, runs: [{ text: t('nap.action', { label: number }) }] });
        plan.push(...(prose(f, a.description).length ? prose(f, a.description) : [{ type: 'paragraph' as const, runs: [f.none()] }]));
        const partners = Array.isArray(a.partnerAgencies) ? (a.partnerAgencies as unknown[]).filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
        const resolutions = Array.isArray(a.resolutions) ? (a.resolutions as unknown[]).filter((n) => typeof n === 'number' && Number.isFinite(n)).map((n) => String(n)) : [];
        const budget = f.money(a.budgetAmount, a.budgetCurrency);
        plan.push({
          type: 'fields',
          rows: [
            { label: t('records:fields.leadAgency'), value: f.line(a.leadAgency) },
            { label: t('records:fields.partnerAgencies'), value: partners.length ? [{ text: f.join(partners) }] : [f.none()] },
            { label: t('nap.timeline'), value: [{ text: period(f, a.start, a.end) }] },
            { label: t('nap.budget'), value: [{ text: budget }] },
            { label: t('records:fields.status'), value: [{ text: status('action_status', a.status) }] },
            { label: t('records:fields.resolutions'), value: [{ text: resolutions.length ? f.join(resolutions) : t('none') }] },
          ],
        });
        const notes = prose(f, a.notes);
        if (notes.length) plan.push({ type: 'paragraph', runs: [{ text: t('records:fields.notes'), bold: true }] }, ...notes);
        const indicatorNames: string[] = [];
        // The action's indicators as one table (a row each), as plans print them: compact, and
        // read across at a glance.
        const indicatorRows: Cell[][] = [];
        action.indicators.forEach((indicator, i) => {
          const x = indicator.fields;
          const progress = indicatorProgress(x);
          const name = f.text(x.name);
          const indicatorNumber = `${number}.${f.number(i + 1)}`;
          indicatorNames.push(name.map((r) => r.text).join(''));
          const latest = progress.latest ? t('valueOnDay', { value: valueWithYear(f, progress.latest.value, undefined, x.unit), day: f.day(progress.latest.date) }) : t('none');
          indicatorRows.push([
            cell([{ text: `${indicatorNumber} ` }, ...name]),
            textCell(valueWithYear(f, x.baselineValue, x.baselineYear, x.unit)),
            textCell(valueWithYear(f, x.targetValue, x.targetYear, x.unit)),
            textCell(latest),
            cell(f.text(x.meansOfVerification)),
          ]);
          progressRows.push([
            textCell(number),
            cell(name),
            cell(f.line(x.unit)),
            textCell(valueWithYear(f, x.baselineValue, x.baselineYear, undefined), { numeric: true, ...(typeof x.baselineValue === 'number' ? { number: x.baselineValue } : {}) }),
            textCell(valueWithYear(f, x.targetValue, x.targetYear, undefined), { numeric: true, ...(typeof x.targetValue === 'number' ? { number: x.targetValue } : {}) }),
            textCell(progress.latest ? f.number(progress.latest.value) : t('none'), { numeric: true, ...(progress.latest ? { number: progress.latest.value } : {}) }),
            textCell(progress.latest ? f.day(progress.latest.date) : t('none'), progress.latest ? { date: progress.latest.date.slice(0, 10) } : {}),
            textCell(t(`naps:progress.${progress.status}`)),
          ]);
        });
        if (indicatorRows.length) {
          plan.push({
            type: 'table',
            columns: [
              { label: t('nap.indicators'), width: 3.2 },
              { label: t('nap.baseline'), width: 1.3 },
              { label: t('nap.target'), width: 1.3 },
              { label: t('nap.latest'), width: 1.6 },
              { label: t('records:fields.meansOfVerification'), width: 2 },
            ],
            rows: indicatorRows,
          });
        }
        if (action.indicators.length === 0) plan.push({ type: 'paragraph', runs: [{ text: t('nap.noIndicators'), muted: true }], style: 'small' });
        matrixRows.push([
          textCell(pillarName(pillar.pillar)),
          cell(f.text(o.title)),
          cell([{ text: `${number} ` }, ...f.text(a.description)]),
          cell(f.line(a.leadAgency)),
          textCell(partners.length ? f.join(partners) : t('none')),
          textCell(period(f, a.start, a.end, true)),
          textCell(budget, { numeric: true, ...(typeof a.budgetAmount === 'number' ? { number: a.budgetAmount } : {}) }),
          textCell(status('action_status', a.status)),
          textCell(indicatorNames.length ? indicatorNames.join('\n') : t('none')),
        ]);
      });
      if (objective.actions.length === 0) plan.push({ type: 'paragraph', runs: [{ text: t('nap.noActions'), muted: true }], style: 'small' });
    }
  }
  if (outline.length === 0) plan.push({ type: 'paragraph', runs: [{ text: t('nap.empty'), muted: true }] });

  // The title page stands alone, as a plan's cover does; the plan starts on the next page.
  const sections: Section[] = [
    { orientation: 'portrait', blocks: titlePage },
    { orientation: 'portrait', blocks: [...summary, ...plan] },
  ];
  if (request.options.matrix) {
    sections.push({
      orientation: 'landscape',
      blocks: [
        { type: 'heading', level: 1, runs: [{ text: t('nap.matrix') }] },
        {
          type: 'table',
          caption: t('nap.matrixCaption'),
          sheet: t('nap.matrixSheet'),
          columns: [
            { label: t('records:fields.pillar'), width: 1.6 },
            { label: t('nap.objectiveColumn'), width: 2 },
            { label: t('nap.actionColumn'), width: 2.8 },
            { label: t('records:fields.leadAgency'), width: 1.5 },
            { label: t('records:fields.partnerAgencies'), width: 1.5 },
            { label: t('nap.timeline'), width: 1.4 },
            { label: t('nap.budget'), width: 1.7 },
            { label: t('records:fields.status'), width: 1.3 },
            { label: t('nap.indicators'), width: 2.2 },
          ],
          rows: matrixRows,
        },
        ...(matrixRows.length === 0 ? [{ type: 'paragraph' as const, runs: [{ text: t('nap.noActionsAtAll'), muted: true }] }] : []),
      ],
    });
  }
  if (request.options.progress) {
    sections.push({
      orientation: 'landscape',
      blocks: [
        { type: 'heading', level: 1, runs: [{ text: t('nap.progress') }] },
        {
          type: 'table',
          caption: t('nap.progressCaption'),
          sheet: t('nap.progressSheet'),
          columns: [
            { label: t('nap.actionColumn'), width: 0.8 },
            { label: t('nap.indicatorColumn'), width: 3.5 },
            { label: t('records:fields.unit'), width: 1 },
            { label: t('nap.baseline'), width: 1.3 },
            { label: t('nap.target'), width: 1.3 },
            { label: t('nap.latest'), width: 1.1 },
            { label: t('nap.latestDate'), width: 1.4 },
            { label: t('nap.progressStatus'), width: 1.2 },
          ],
          rows: progressRows,
        },
        ...(progressRows.length === 0 ? [{ type: 'paragraph' as const, runs: [{ text: t('nap.noIndicatorsAtAll'), muted: true }] }] : []),
      ],
    });
  }

  const subtitle: Runs[] = [[{ text: [f.country(fields.country), years(f, fields.periodStart, fields.periodEnd)].filter((s) => s !== t('none')).join(' · ') || t('kinds.nap') }]];
  return {
    type: 'nap',
    lang: request.language,
    dir: textDirection(request.language),
    title,
    subtitle,
    sections,
    fileName: safeFileName(title.at(-1)!.text, t('kinds.nap')),
    // Short enough to sit beside the page number on one line.
    footer: `${shorten(title.at(-1)!.text, 60)} — ${status('nap_status', fields.status)}`,
  };
}
