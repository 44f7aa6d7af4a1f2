import { DialogButtons } from '../../components/DialogButtons';
import { FormDialog } from '../../components/FormDialog';
import { UndoBar } from '../../components/UndoBar';
import { DateField } from '../../components/DateField';
import { ActionIcon, Alert, Badge, Button, Group, List, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconDotsVertical, IconListNumbers, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayOfMeeting } from '../../../../shared/meetings/checks';
import { MEETING_TEMPLATES, STEP_TIMING, stepDates, type MeetingType, type TemplateStep } from '../../../../shared/meetings/templates';
import { headingLabel, itemLabel, nextHeading, nextNumber, renumbering, type Renumbering } from '../../../../shared/meetings/numbering';
import { groupActionPoints, pointNumber } from '../../../../shared/meetings/action-groups';
import type { RecordView } from '../../../../shared/records/codec';
import { ACTION_POINT_STATUSES, type KindFields } from '../../../../shared/records/kinds';
import { textDirection, type Language } from '../../../../shared/i18n/languages';
import { contentLanguage, editLanguage } from '../../../../shared/records/text-version';
import { TextVersionTag } from '../../components/TextVersionTag';
import { isolate } from '../../text/bidi';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { ActionPointFlags } from '../actions/ActionPointFlags';
import { useApi } from '../../hooks/useApi';
import { useDates } from '../../hooks/useDates';
import { STATUS_COLOR } from '../../components/labels';
import { OwnerInput } from '../actions/OwnerInput';
import { oneLine, PointTitle } from '../actions/PointTitle';

export interface Heading {
  letter: string;
  title: string;
}

const numberOf = pointNumber;

/**
 * The meeting's action points as a chair's summary lists them: headings (a), (b)… each with its
 * items (i), (ii)…. Each heading ends in a one-line entry: Enter adds the item and keeps the
 * cursor there for the next, so points can be taken down as they are agreed.
 */
export function ActionPointsSection(props: {
  meeting: RecordView;
  headings: readonly Heading[];
  onHeadingsChange(next: Heading[]): void;
  actions: readonly RecordView[];
  contacts: readonly RecordView[];
  contactsById: ReadonlyMap<string, RecordView>;
  onOpen(ap: RecordView): void;
  /** Saves the meeting's pending edits first (the core dates the steps from the saved meeting). */
  prepare?(): Promise<void>;
}) {
  const { t, i18n } = useTranslation('meetings');
  const api = useApi();
  const text = useRecordText();
  const dates = useDates();
  const apiErrorText = useApiErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const [removed, setRemoved] = useState<RecordView | null>(null);
  const lastNumber = useRef(new Map<string, number>());
  const headingInputs = useRef(new Map<string, HTMLInputElement>());
  const ui = i18n.language;
  // A new point's title is written in the meeting's language when its texts have one, else the UI's.
  const content = contentLanguage('meeting', props.meeting.fields, ui);

  const meetingDay = dayOfMeeting(props.meeting);
  const steps = props.actions.filter((ap) => ap.fields.templateStep && !ap.fields.heading);
  // The same grouping and order as the chair's summary document.
  const groups = groupActionPoints(props.actions, props.headings);
  const byHeading = new Map(groups.map((g) => [g.letter, g.points]));
  const letters = groups.map((g) => g.letter);
  const titleOf = (letter: string) => props.headings.find((h) => h.letter === letter)?.title ?? '';

  const call = async (work: () => Promise<unknown>): Promise<boolean> => {
    setFailure(null);
    try {
      await work();
      return true;
    } catch (error) {
      setFailure(apiErrorText(error));
      return false;
    }
  };
  const update = (ap: RecordView, fields: KindFields<'action'>) => call(() => api.call('records.update', { id: ap.id, fields }));
  const add = async (letter: string, title: string, language: Language) => {
    const taken = (byHeading.get(letter) ?? []).map(numberOf).filter((n) => n < Number.MAX_SAFE_INTEGER);
    const number = nextNumber([...taken, lastNumber.current.get(letter) ?? 0]);
    lastNumber.current.set(letter, number);
    return call(() =>
      api.call('records.create', {
        kind: 'action',
        fields: { title: { [language]: title }, status: 'open', priority: 'normal', meetingId: props.meeting.id, number, ...(letter ? { heading: letter } : {}) },
      }),
    );
  };
  const addHeading = () => {
    const letter = nextHeading([...props.headings.map((h) => h.letter), ...byHeading.keys()]);
    props.onHeadingsChange([...props.headings, { letter, title: '' }]);
    requestAnimationFrame(() => headingInputs.current.get(letter)?.focus());
  };
  const setHeadingTitle = (letter: string, title: string) => {
    const exists = props.headings.some((h) => h.letter === letter);
    props.onHeadingsChange(exists ? props.headings.map((h) => (h.letter === letter ? { ...h, title } : h)) : [...props.headings, { letter, title }]);
  };
  // Deleting a point leaves a gap ((i), (iii)); renumbering closes it, in the order shown, as one change.
  const changes = renumbering(groups.map((g) => ({ letter: g.letter, points: g.points.map((ap) => ({ id: ap.id, number: typeof ap.fields.number === 'number' ? ap.fields.number : null })) })));
  const [confirmRenumber, setConfirmRenumber] = useState(false);
  const renumber = async (plan: readonly Renumbering[]) => {
    const ok = await call(() => api.call('records.updateMany', { items: plan.map((c) => ({ id: c.id, fields: { number: c.to } })) }));
    if (!ok) return;
    // The numbers handed out so far are no longer the highest: the next point follows the new last one.
    for (const c of plan) lastNumber.current.delete(c.letter);
    setConfirmRenumber(false);
  };
  const remove = (ap: RecordView) =>
    call(async () => {
      await api.call('records.delete', { id: ap.id });
      setRemoved(ap);
    });
  const restore = () => {
    if (!removed) return;
    void call(() => api.call('records.restore', { id: removed.id })).then((ok) => ok && setRemoved(null));
  };

  // A meeting made without its procedure (or whose type changed since) can still take it.
  const procedure = MEETING_TEMPLATES[props.meeting.fields.type as MeetingType];
  const missingSteps = procedure !== undefined && procedure.some((step) => !props.actions.some((ap) => ap.fields.templateStep === step));
  const addSteps = () =>
    call(async () => {
      await props.prepare?.();
      await api.call('meetings.applyTemplate', { meetingId: props.meeting.id });
    });

  const statusOptions = ACTION_POINT_STATUSES.map((s) => ({ value: s, label: text.value('action', 'status', s) }));

  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('points.intro')}
      </Text>
      {steps.length > 0 && (
        <div>
          <Title order={3} size="h5" mb="xs">
            {t('points.steps')}
          </Title>
          <Table withTableBorder striped={false} data-testid="procedure-steps">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{text.field('templateStep')}</Table.Th>
                <Table.Th>{text.field('dueDate')}</Table.Th>
                <Table.Th>{text.field('status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {steps
                .slice()
                .sort((a, b) => String(a.fields.dueDate ?? '').localeCompare(String(b.fields.dueDate ?? '')))
                .map((ap) => (
                  <Table.Tr key={ap.id} data-step={String(ap.fields.templateStep)} data-due={String(ap.fields.dueDate ?? '')}>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => props.onOpen(ap)} dir="auto">
                        {text.value('action', 'templateStep', ap.fields.templateStep as string)}
                      </Button>
                    </Table.Td>
                    <Table.Td>
                      {dates.day(ap.fields.dueDate as string)}
                      {ap.fields.templateStep === 'request_letter' && meetingDay && (
                        <Text size="xs" c="dimmed">
                          {t('points.window', { ...STEP_TIMING, from: isolate(dates.day(stepDates(ap.fields.templateStep as TemplateStep, meetingDay).earliest)) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="filled" color={STATUS_COLOR[(ap.fields.status as keyof typeof STATUS_COLOR) ?? 'open']}>
                        {text.value('action', 'status', (ap.fields.status as string) ?? 'open')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {missingSteps && meetingDay && (
        <Group>
          <Button variant="default" onClick={() => void addSteps()}>
            {t('new.withSteps')}
          </Button>
        </Group>
      )}
      {letters.map((letter) => {
        const items = byHeading.get(letter) ?? [];
        const label = letter ? headingLabel(letter, ui) : '';
        return (
          <section key={letter || '-'} className="ap-heading" aria-label={letter ? `${label} ${titleOf(letter)}` : t('points.unheaded')}>
            <Group gap="xs" wrap="nowrap" mb="xs">
              {letter ? (
                <>
                  <Title order={3} size="h5" miw={36}>
                    {label}
                  </Title>
                  <TextInput
                    style={{ flex: 1 }}
                    aria-label={t('points.headingTitle', { label })}
                    placeholder={t('points.headingPlaceholder')}
                    value={titleOf(letter)}
                    dir="auto"
                    ref={(el) => {
                      if (el) headingInputs.current.set(letter, el);
                      else headingInputs.current.delete(letter);
                    }}
                    onChange={(e) => setHeadingTitle(letter, e.currentTarget.value)}
                  />
                </>
              ) : (
                <Title order={3} size="h5">
                  {t('points.unheaded')}
                </Title>
              )}
            </Group>
            <ol style={{ margin: 0, padding: 0, listStyle: 'none' }}>
              {items.map((ap) => {
                const n = numberOf(ap);
                const itemText = n < Number.MAX_SAFE_INTEGER ? itemLabel(n, ui) : '•';
                const name = `${label}${itemText}`;
                return (
                  <li key={ap.id} className="ap-item" data-testid="action-point">
                    {/* A point is often a long sentence: its title takes the line, and the owner, date and
                        status go below it at the end when the row cannot give the title 28rem beside them. */}
                    <Group gap="xs" wrap="wrap" align="flex-start" ps="md" mb={6}>
                      <Text fw={600} miw={44} mt={6} aria-hidden>
                        {itemText}
                      </Text>
                      <Stack gap={2} style={{ flex: '1 1 28rem' }} miw={0}>
                        <PointTitle
                          ap={ap}
                          label={t('points.itemTitle', { label: name })}
                          contentLanguage={content}
                          onSave={(versions) => void update(ap, { title: versions })}
                        />
                        <ActionPointFlags ap={ap} meeting={props.meeting} contacts={props.contactsById} />
                      </Stack>
                      <Group gap="xs" wrap="nowrap" align="flex-start" style={{ marginInlineStart: 'auto' }}>
                        <OwnerInput
                          label={t('points.ownerOf', { label: name })}
                          hideLabel
                          w={210}
                          value={ap.fields.owner}
                          contacts={props.contacts}
                          byId={props.contactsById}
                          onCommit={(owner) => void update(ap, { owner })}
                        />
                        <DateField
                          w={170}
                          hideLabel
                          label={t('points.dueOf', { label: name })}
                          value={typeof ap.fields.dueDate === 'string' ? ap.fields.dueDate : null}
                          // Called for a whole day typed or picked, or the field emptied: saved at once.
                          onChange={(day) => {
                            if (day !== (ap.fields.dueDate ?? null)) void update(ap, { dueDate: day });
                          }}
                        />
                        <Select
                          w={130}
                          aria-label={t('points.statusOf', { label: name })}
                          data={statusOptions}
                          value={(ap.fields.status as string) ?? 'open'}
                          allowDeselect={false}
                          onChange={(v) => {
                            const status = ACTION_POINT_STATUSES.find((st) => st === v);
                            if (status) void update(ap, { status });
                          }}
                        />
                        <ActionIcon variant="default" size="lg" aria-label={t('points.more', { label: name })} onClick={() => props.onOpen(ap)}>
                          <IconDotsVertical size={16} aria-hidden />
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="red.9" size="lg" aria-label={t('points.remove', { label: name })} onClick={() => void remove(ap)}>
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    </Group>
                  </li>
                );
              })}
            </ol>
            <QuickEntry
              label={letter ? t('points.quickEntry', { label }) : t('points.quickEntryUnheaded')}
              language={editLanguage(null, ui, content)}
              onAdd={(title, language) => add(letter, title, language)}
            />
          </section>
        );
      })}
      {letters.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('points.none')}
        </Text>
      )}
      <Group>
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={addHeading}>
          {t('points.addHeading')}
        </Button>
        {changes.length > 0 && (
          <Button variant="default" leftSection={<IconListNumbers size={16} aria-hidden />} onClick={() => setConfirmRenumber(true)}>
            {t('points.renumber')}
          </Button>
        )}
      </Group>
      <RenumberDialog
        opened={confirmRenumber && changes.length > 0}
        changes={changes}
        label={(c, n) => `${c.letter ? headingLabel(c.letter, ui) : ''}${n === null ? '•' : itemLabel(n, ui)}`}
        titleOf={(id) => oneLine(text.title(props.actions.find((ap) => ap.id === id)?.fields ?? {}))}
        onCancel={() => setConfirmRenumber(false)}
        onConfirm={() => void renumber(changes)}
      />
      <UndoBar
        message={removed ? t('points.removed', { title: isolate(oneLine(text.title(removed.fields))) }) : null}
        onUndo={restore}
        onDismiss={() => setRemoved(null)}
      />
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
    </Stack>
  );
}

/** Asks before renumbering, listing each number that changes: (a)(iii) → (a)(ii). */
function RenumberDialog(props: {
  opened: boolean;
  changes: readonly Renumbering[];
  label(change: Renumbering, n: number | null): string;
  titleOf(id: string): string;
  onCancel(): void;
  onConfirm(): void;
}) {
  const { t } = useTranslation(['meetings', 'common']);
  return (
    <FormDialog opened={props.opened} onClose={props.onCancel} title={t('points.renumberTitle')} closeLabel={t('common:actions.cancel')}>
      <Text mb="sm">{t('points.renumberBody', { count: props.changes.length })}</Text>
      <List mb="lg" spacing={4} data-testid="renumber-changes">
        {props.changes.map((c) => (
          <List.Item key={c.id}>
            <bdi>{t('points.renumberChange', { from: props.label(c, c.from), to: props.label(c, c.to) })}</bdi>{' '}
            <Text span c="dimmed" dir="auto">
              {props.titleOf(c.id)}
            </Text>
          </List.Item>
        ))}
      </List>
      <DialogButtons cancelLabel={t('common:actions.cancel')} onCancel={props.onCancel} confirmLabel={t('points.renumberConfirm')} onConfirm={props.onConfirm} focusCancel />
    </FormDialog>
  );
}

/** One line: Enter adds the point and empties the line, the cursor stays for the next one. */
function QuickEntry(props: { label: string; language: Language; onAdd(title: string, language: Language): Promise<boolean> }) {
  const [value, setValue] = useState('');
  const [chosen, setChosen] = useState<Language | null>(null);
  const language = chosen ?? props.language;
  return (
    <Group gap={4} wrap="nowrap" ps="md" mt={4} align="start">
      <Textarea
        style={{ flex: 1 }}
        autosize
        minRows={1}
        maxRows={12}
        aria-label={props.label}
        placeholder={props.label}
        value={value}
        lang={language}
        dir={textDirection(language)}
        leftSection={<IconPlus size={14} aria-hidden />}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
          e.preventDefault();
          const title = oneLine(value);
          if (!title) return;
          setValue('');
          // A refused point comes back into the line, with the reason shown below.
          void props.onAdd(title, language).then((ok) => ok || setValue(title));
        }}
      />
      <TextVersionTag field={props.label} value={null} language={language} onLanguageChange={setChosen} />
    </Group>
  );
}
