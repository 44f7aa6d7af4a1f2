import {
  ActionIcon,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../../shared/records/codec';
import { PILLARS } from '../../../../shared/records/kinds';
import { afterFor, buildOutline, type Pillar } from '../../../../shared/naps/outline';
import { isolate } from '../../text/bidi';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useAppState } from '../../api/state';
import { UserText } from './format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ActionForm, FormBlockedContext, IndicatorForm, NapForm, ObjectiveForm } from './ItemForms';
import { DragHandle, SortableItem, SortableList } from './SortableList';
import { useLinkedItem, useRevealItem } from './linkedItem';
import { LateBadge } from './LateBadge';
import { useNap } from './useNap';

const UNTITLED = {
  'nap.objective': 'outline.untitledObjective',
  'nap.action': 'outline.untitledAction',
  'nap.indicator': 'outline.untitledIndicator',
} as const;
type OutlineKind = keyof typeof UNTITLED;
const ADD = {
  'nap.objective': 'outline.addObjective',
  'nap.action': 'outline.addAction',
  'nap.indicator': 'outline.addIndicator',
} as const satisfies Record<OutlineKind, string>;
const DELETE_TITLE = {
  'nap.objective': 'outline.deleteObjective',
  'nap.action': 'outline.deleteAction',
  'nap.indicator': 'outline.deleteIndicator',
} as const satisfies Record<OutlineKind, string>;

/** How many actions and indicators are inside a record of the outline (they are deleted with it). */
export function countInside(id: string, children: readonly RecordView[]): { actions: number; indicators: number } {
  const count = { actions: 0, indicators: 0 };
  const seen = new Set<string>();
  const walk = (parent: string) => {
    for (const c of children) {
      if (c.parentId !== parent || seen.has(c.id)) continue;
      seen.add(c.id);
      if (c.kind === 'nap.action') count.actions++;
      if (c.kind === 'nap.indicator') count.indicators++;
      walk(c.id);
    }
  };
  walk(id);
  return count;
}

/**
 * Moves the keyboard focus to an item of the outline (its row) once it is shown (a restored item
 * appears with the reload that follows the change), else to the outline itself.
 */
export function focusOutlineItem(id: string | null, waitMs = 3000) {
  const start = performance.now();
  const attempt = () => {
    const row = id ? document.querySelector<HTMLElement>(`.nap-row-button[data-item-id="${CSS.escape(id)}"]`) : null;
    if (row) row.focus();
    else if (id && performance.now() - start < waitMs) requestAnimationFrame(attempt);
    else document.querySelector<HTMLElement>('.nap-outline')?.focus();
  };
  requestAnimationFrame(attempt);
}

/** The plan as an outline (pillar → objective → action → indicator) beside the form of what is selected. */
export function PlanTab() {
  const { t } = useTranslation(['naps', 'common']);
  const { nap, children } = useNap();
  // A link to an item (`?item=ID`, from a search result) selects it and brings it into view.
  const { item: linked, linkKey } = useLinkedItem();
  const linkedHere = linked !== null && children.some((c) => c.id === linked && c.kind in UNTITLED) ? linked : null;
  const [selected, setSelected] = useState<string>(linkedHere ?? nap.id);
  const record = selected === nap.id ? nap : children.find((c) => c.id === selected);
  // A form with refused values is not left silently: switching items asks first, like leaving the page.
  const blocked = useRef(false);
  const reportBlocked = useCallback((value: boolean) => {
    blocked.current = value;
  }, []);
  const [asking, setAsking] = useState<string | null>(null);
  // A new link while the plan is open (a second search result in the same plan).
  const followed = useRef(linkKey);
  useEffect(() => {
    if (!linkedHere || followed.current === linkKey) return;
    followed.current = linkKey;
    if (blocked.current) setAsking(linkedHere);
    else setSelected(linkedHere);
  }, [linkedHere, linkKey]);
  useRevealItem(linkedHere, linkKey, selected === linkedHere);
  const select = (id: string) => {
    if (id === selected) return;
    if (blocked.current) setAsking(id);
    else setSelected(id);
  };
  return (
    <FormBlockedContext.Provider value={reportBlocked}>
      <ConfirmDialog
        opened={asking !== null}
        title={t('common:unsaved.title')}
        body={t('common:unsaved.body')}
        cancelLabel={t('common:actions.stay')}
        confirmLabel={t('common:actions.leave')}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          blocked.current = false;
          setSelected(asking ?? nap.id);
          setAsking(null);
        }}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Outline selected={record ? selected : nap.id} onSelect={select} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="lg" radius="md" component="section" aria-label={t('outline.details')}>
            <Detail key={record?.id ?? nap.id} record={record ?? nap} />
          </Paper>
        </Grid.Col>
      </Grid>
    </FormBlockedContext.Provider>
  );
}

function Detail({ record }: { record: RecordView }) {
  switch (record.kind) {
    case 'nap.objective':
      return <ObjectiveForm record={record} />;
    case 'nap.action':
      return <ActionForm record={record} />;
    case 'nap.indicator':
      return <IndicatorForm record={record} />;
    default:
      return <NapForm record={record} />;
  }
}

function Outline(props: { selected: string; onSelect(id: string): void }) {
  const { t, i18n } = useTranslation(['naps', 'records', 'common']);
  const { api } = useAppState();
  const { nap, children, remove } = useNap();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  // The item whose deletion is being confirmed, with where the focus goes once it is gone.
  const [confirming, setConfirming] = useState<{ record: RecordView; next: string | null } | null>(null);
  const deleting = useRef(false);
  // Open or closing: what the dialog names stays while it closes.
  const [asking, setAsking] = useState(false);
  const asked = confirming?.record;
  const outline = buildOutline(nap.fields.pillars, children);
  const pillars = outline.map((p) => p.pillar);
  const missing = PILLARS.filter((p) => !pillars.includes(p));
  const titleOf = (id: string) => {
    const r = children.find((c) => c.id === id);
    return r ? text.title(r.fields) : '';
  };

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(apiErrorText(e));
    }
  };
  const move = (siblings: string[]) => (id: string, index: number) =>
    void run(() => api.call('records.move', { id, after: afterFor(siblings, id, index) }));
  const setPillars = (next: Pillar[]) =>
    run(() => api.call('records.update', { id: nap.id, fields: { pillars: next } }));
  const add = (kind: OutlineKind, parentId: string, fields: Record<string, unknown> = {}) =>
    run(async () => {
      const created = await api.call('records.create', { kind, parentId, fields });
      props.onSelect(created.id);
    });
  const confirmDelete = async () => {
    if (!confirming || !asking || deleting.current) return;
    deleting.current = true;
    const { record, next } = confirming;
    // The form shown goes when its item or one of the items containing it goes.
    const selectedInside = (id: string): boolean => {
      if (id === record.id) return true;
      const parent = children.find((c) => c.id === id)?.parentId;
      return parent ? selectedInside(parent) : false;
    };
    let done = false;
    await run(async () => {
      if (selectedInside(props.selected)) props.onSelect(nap.id);
      await remove(record);
      done = true;
    });
    deleting.current = false;
    // Closed once the row is gone, so the dialog gives the focus back to nothing and it goes to the next item.
    setAsking(false);
    if (done) focusOutlineItem(next);
  };
  const confirmText = (record: RecordView) => {
    const { actions, indicators } = countInside(record.id, children);
    const inside = [
      ...(actions ? [t('outline.nActions', { count: actions })] : []),
      ...(indicators ? [t('outline.nIndicators', { count: indicators })] : []),
    ];
    const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(inside);
    return [...(inside.length ? [t('outline.deleteInside', { list })] : []), t('outline.deleteUndo')].join(' ');
  };

  const row = (record: RecordView, siblings: string[], level: number) => {
    const index = siblings.indexOf(record.id);
    const kind = record.kind as OutlineKind;
    const untitled = t(UNTITLED[kind]);
    const label = text.title(record.fields);
    const name = record.fields.title ?? record.fields.name ?? record.fields.description;
    const isSelected = props.selected === record.id;
    return (
      <Group gap={4} wrap="nowrap" className={`nap-row${isSelected ? ' nap-row-selected' : ''}`}>
        <DragHandle label={t('outline.drag', { title: label })} />
        <UnstyledButton
          className="nap-row-button"
          aria-current={isSelected ? 'true' : undefined}
          onClick={() => props.onSelect(record.id)}
          data-item-id={record.id}
          onKeyDown={(e) => {
            if (!e.altKey) return;
            if (e.key === 'ArrowUp' && index > 0) {
              e.preventDefault();
              move(siblings)(record.id, index - 1);
            } else if (e.key === 'ArrowDown' && index < siblings.length - 1) {
              e.preventDefault();
              move(siblings)(record.id, index + 1);
            }
          }}
          data-level={level}
        >
          <Text size="xs" c="dimmed" component="span" className="nap-row-kind">
            {text.kind(record.kind)}
          </Text>
          <Text component="span" size="sm" className="nap-row-title">
            <UserText value={name} fallback={untitled} />
          </Text>
        </UnstyledButton>
        {kind === 'nap.action' && <LateBadge fields={record.fields} />}
        <ActionIcon
          variant="subtle"
          color="gray.7"
          disabled={index <= 0}
          onClick={() => move(siblings)(record.id, index - 1)}
          aria-label={t('outline.moveUp', { title: label })}
          title={t('outline.moveUp', { title: label })}
        >
          <IconArrowUp size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          color="gray.7"
          disabled={index >= siblings.length - 1}
          onClick={() => move(siblings)(record.id, index + 1)}
          aria-label={t('outline.moveDown', { title: label })}
          title={t('outline.moveDown', { title: label })}
        >
          <IconArrowDown size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          color="red.9"
          onClick={() => {
            setAsking(true);
            setConfirming({
              record,
              // After the delete: the next item of the same list, else the one before, else the item containing it.
              next: siblings[index + 1] ?? siblings[index - 1] ?? (record.parentId !== nap.id ? record.parentId : null),
            });
          }}
          aria-label={t('outline.delete', { title: label })}
          title={t('outline.delete', { title: label })}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Group>
    );
  };
  const addButton = (
    kind: OutlineKind,
    parentId: string,
    fields: Record<string, unknown> = {},
    context = '',
  ) => (
    <Button
      size="compact-sm"
      variant="subtle"
      leftSection={<IconPlus size={14} aria-hidden />}
      onClick={() => void add(kind, parentId, fields)}
      aria-label={context ? t('outline.addIn', { what: t(ADD[kind]), where: context }) : undefined}
      className="nap-add"
    >
      {t(ADD[kind])}
    </Button>
  );

  return (
    <Stack gap="sm" component="nav" aria-label={t('outline.label')} className="nap-outline" tabIndex={-1}>
      <ConfirmDialog
        opened={asking}
        title={asked ? t(DELETE_TITLE[asked.kind as OutlineKind], { title: isolate(text.title(asked.fields)) }) : ''}
        body={asked ? confirmText(asked) : ''}
        cancelLabel={t('common:actions.cancel')}
        confirmLabel={t('outline.deleteConfirm')}
        onCancel={() => setAsking(false)}
        onConfirm={() => void confirmDelete()}
      />
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('outline.title')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed">
        {t('outline.keyboardHint')}
      </Text>
      <UnstyledButton
        className={`nap-row-button nap-plan-button${props.selected === nap.id ? ' nap-row-selected' : ''}`}
        aria-current={props.selected === nap.id ? 'true' : undefined}
        onClick={() => props.onSelect(nap.id)}
      >
        {t('outline.planDetails')}
      </UnstyledButton>
      {error && (
        <Text c="red.9" role="alert">
          {error}
        </Text>
      )}
      {outline.length === 0 && <Text c="dimmed">{t('outline.noPillars')}</Text>}
      {outline.map((p, pIndex) => {
        const pillarName = text.value('nap.objective', 'pillar', p.pillar);
        const objectiveIds = p.objectives.map((o) => o.record.id);
        const listed = pillars.filter((x) => (nap.fields.pillars as string[] | undefined)?.includes(x));
        return (
          <section key={p.pillar} className="nap-pillar" aria-label={pillarName}>
            <Group justify="space-between" wrap="nowrap" gap={4}>
              <Title order={3} size="h5">
                {pillarName}
              </Title>
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  color="gray.7"
                  disabled={pIndex === 0}
                  onClick={() => void setPillars(swap(listed, pIndex, pIndex - 1))}
                  aria-label={t('outline.moveUp', { title: pillarName })}
                  title={t('outline.moveUp', { title: pillarName })}
                >
                  <IconArrowUp size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray.7"
                  disabled={pIndex >= listed.length - 1}
                  onClick={() => void setPillars(swap(listed, pIndex, pIndex + 1))}
                  aria-label={t('outline.moveDown', { title: pillarName })}
                  title={t('outline.moveDown', { title: pillarName })}
                >
                  <IconArrowDown size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  disabled={p.objectives.length > 0}
                  onClick={() => void setPillars(listed.filter((x) => x !== p.pillar))}
                  aria-label={t('outline.removePillar', { pillar: pillarName })}
                  title={
                    p.objectives.length > 0
                      ? t('outline.pillarNotEmpty')
                      : t('outline.removePillar', { pillar: pillarName })
                  }
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </Group>
            <SortableList ids={objectiveIds} label={titleOf} onMove={move(objectiveIds)}>
              <ul className="nap-list">
                {p.objectives.map((o) => {
                  const actionIds = o.actions.map((a) => a.record.id);
                  return (
                    <SortableItem key={o.record.id} id={o.record.id}>
                      {row(o.record, objectiveIds, 1)}
                      <SortableList ids={actionIds} label={titleOf} onMove={move(actionIds)}>
                        <ul className="nap-list nap-nested">
                          {o.actions.map((a) => {
                            const indicatorIds = a.indicators.map((i) => i.id);
                            return (
                              <SortableItem key={a.record.id} id={a.record.id}>
                                {row(a.record, actionIds, 2)}
                                <SortableList ids={indicatorIds} label={titleOf} onMove={move(indicatorIds)}>
                                  <ul className="nap-list nap-nested">
                                    {a.indicators.map((i) => (
                                      <SortableItem key={i.id} id={i.id}>
                                        {row(i, indicatorIds, 3)}
                                      </SortableItem>
                                    ))}
                                  </ul>
                                </SortableList>
                                <div className="nap-nested">
                                  {addButton('nap.indicator', a.record.id, {}, text.title(a.record.fields))}
                                </div>
                              </SortableItem>
                            );
                          })}
                        </ul>
                      </SortableList>
                      <div className="nap-nested">
                        {addButton('nap.action', o.record.id, {}, text.title(o.record.fields))}
                      </div>
                    </SortableItem>
                  );
                })}
              </ul>
            </SortableList>
            {addButton('nap.objective', nap.id, { pillar: p.pillar }, pillarName)}
          </section>
        );
      })}
      {missing.length > 0 && (
        <Group align="flex-end" gap="xs">
          <Select
            label={t('outline.addPillar')}
            data={missing.map((p) => ({ value: p, label: text.value('nap.objective', 'pillar', p) }))}
            value={adding}
            onChange={setAdding}
            comboboxProps={{ withinPortal: true }}
          />
          <Button
            variant="default"
            disabled={!adding}
            onClick={() => {
              if (!adding) return;
              void setPillars([...((nap.fields.pillars as Pillar[] | undefined) ?? []), adding as Pillar]);
              setAdding(null);
            }}
          >
            {t('outline.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const copy = list.slice();
  [copy[a], copy[b]] = [copy[b]!, copy[a]!];
  return copy;
}
