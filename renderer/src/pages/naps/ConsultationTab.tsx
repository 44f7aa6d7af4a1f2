import { DialogButtons } from '../../components/DialogButtons';
import { FormDialog } from '../../components/FormDialog';
import { ActionIcon, Alert, Anchor, Button, Group, Loader, Select, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordView } from '../../../../shared/records/codec';
import type { FieldName, FormValues } from '../../../../shared/records/form-values';
import { CONSULTATION_CHANNELS, INPUT_STATUSES, INPUT_TYPES, type Kind } from '../../../../shared/records/kinds';
import { contentLanguage } from '../../../../shared/records/text-version';
import type { Json } from '../../../../shared/sync/record';
import { DateField, MlField, SelectField, TextField } from '../../components/form/fields';
import { RecordFormProvider } from '../../components/form/RecordFormContext';
import { Section } from '../../components/Section';
import { recordOf, useRecordForm } from '../../hooks/useRecordForm';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useAppState } from '../../api/state';
import { loadState, useRecords } from '../../hooks/useRecords';
import { UserText, useNapFormat } from './format';
import { StatusBadge } from './StatusBadge';
import { useLinkedItem, useRevealItem } from './linkedItem';
import { useNap } from './useNap';

const CONSULTATION_FIELDS = ['date', 'participants', 'channel', 'summary', 'outcome'] as const;
const INPUT_FIELDS = ['title', 'type', 'author', 'status', 'body'] as const;

/** Civil society's part in the plan: the consultations held (and what they changed) and the written inputs received. */
export function ConsultationTab() {
  return (
    <Stack gap="lg">
      <ConsultationLog />
      <WrittenInputs />
    </Stack>
  );
}

function ConsultationLog() {
  const { t } = useTranslation('naps');
  const { nap, children, remove } = useNap();
  const text = useRecordText();
  const format = useNapFormat();
  const [editing, setEditing] = useState<RecordView | 'new' | null>(null);
  const list = children.filter((c) => c.kind === 'nap.consultation').sort((a, b) => String(b.fields.date ?? '').localeCompare(String(a.fields.date ?? '')));
  const { item: linked, linkKey } = useLinkedItem();
  useRevealItem(linked, linkKey, list.some((c) => c.id === linked));
  return (
    <Section title={t('consultation.logTitle')}>
      <Stack gap="sm">
        <Text c="dimmed">{t('consultation.logHint')}</Text>
        {list.length === 0 ? (
          <Text>{t('consultation.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{text.field('date')}</Table.Th>
                  <Table.Th>{text.field('participants')}</Table.Th>
                  <Table.Th>{text.field('channel')}</Table.Th>
                  <Table.Th>{text.field('summary')}</Table.Th>
                  <Table.Th>{t('consultation.outcome')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('list.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((c) => (
                  <Table.Tr key={c.id} data-item-id={c.id} className={c.id === linked ? 'nap-row-selected' : undefined}>
                    <Table.Td>{format.date(c.fields.date)}</Table.Td>
                    <Table.Td dir="auto">{String(c.fields.participants ?? '—')}</Table.Td>
                    <Table.Td>{c.fields.channel ? text.value('nap.consultation', 'channel', c.fields.channel) : '—'}</Table.Td>
                    <Table.Td>
                      <UserText value={c.fields.summary} fallback="—" />
                    </Table.Td>
                    <Table.Td>
                      <UserText value={c.fields.outcome} fallback="—" />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon variant="subtle" color="gray.7" onClick={() => setEditing(c)} aria-label={t('consultation.edit', { date: format.date(c.fields.date) })}>
                          <IconPencil size={16} aria-hidden />
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="red.9" onClick={() => void remove(c)} aria-label={t('consultation.delete', { date: format.date(c.fields.date) })}>
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group>
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('consultation.add')}
          </Button>
        </Group>
      </Stack>
      {editing && (
        <RecordDialog
          kind="nap.consultation"
          parentId={nap.id}
          record={editing === 'new' ? null : editing}
          title={editing === 'new' ? t('consultation.add') : t('consultation.editTitle')}
          fields={CONSULTATION_FIELDS}
          defaults={{ date: new Date().toISOString().slice(0, 10), channel: 'meeting' }}
          onClose={() => setEditing(null)}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField name="date" />
            <SelectField name="channel" data={CONSULTATION_CHANNELS.map((c) => ({ value: c, label: text.value('nap.consultation', 'channel', c) }))} />
          </SimpleGrid>
          <TextField name="participants" description={t('consultation.participantsHint')} />
          <MlField name="summary" multiline />
          <MlField name="outcome" label={t('consultation.outcome')} description={t('consultation.outcomeHint')} multiline />
        </RecordDialog>
      )}
    </Section>
  );
}

/** A record created or edited in a dialog, saved as a whole (validated first: nothing saved half-way). */
function RecordDialog<K extends Kind, F extends FieldName<K>>(props: {
  kind: K;
  parentId: string | null;
  record: RecordView | null;
  title: string;
  fields: readonly F[];
  defaults: Partial<FormValues<K, F>>;
  extra?: Record<string, Json>;
  onClose(): void;
  onSaved?(): void;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation(['naps', 'common']);
  const { api } = useAppState();
  const { nap } = useNap();
  const editor = useRecordForm(props.record ? recordOf(props.record, props.kind) : { id: null, kind: props.kind, fields: {} }, props.fields, {
    mode: 'submit',
    validate: 'onTouched',
    defaults: props.defaults,
    // A new record is created with what was filled in (and what ties it to the plan).
    save: props.record
      ? undefined
      : async (_changes, values) => {
          const filled = Object.entries(values as Record<string, Json | undefined>).filter(
            (entry): entry is [string, Json] => entry[1] !== null && entry[1] !== undefined,
          );
          await api.call('records.create', { kind: props.kind, parentId: props.parentId, fields: { ...Object.fromEntries(filled), ...props.extra } });
        },
    onSaved: () => {
      props.onSaved?.();
      props.onClose();
    },
  });
  return (
    <FormDialog opened={true} onClose={props.onClose} title={props.title} closeLabel={t('common:actions.cancel')}>
      <RecordFormProvider value={editor} contentLanguage={contentLanguage('nap', nap.fields, i18n.language)}>
        <form onSubmit={(e) => void editor.submit(e)} noValidate>
          <Stack>
            {props.children}
            {editor.failure && (
              <Text c="red.9" role="alert">
                {editor.failure}
              </Text>
            )}
            <DialogButtons cancelLabel={t('common:actions.cancel')} onCancel={props.onClose} confirmLabel={t('common:actions.save')} busy={editor.form.formState.isSubmitting} />
          </Stack>
        </form>
      </RecordFormProvider>
    </FormDialog>
  );
}

function WrittenInputs() {
  const { t } = useTranslation(['naps', 'common']);
  const { api } = useAppState();
  const { nap, remove } = useNap();
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const [adding, setAdding] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const loaded = useRecords('input', { where: { napId: nap.id } });
  const load = loaded.reload;
  const state = loadState(loaded, (inputs) => ({ inputs }));
  const setStatus = async (input: RecordView, status: string) => {
    setFailure(null);
    try {
      await api.call('records.update', { id: input.id, fields: { status } });
    } catch (e) {
      setFailure(apiErrorText(e));
    }
  };
  return (
    <Section title={t('inputs.title')}>
      <Stack gap="sm">
        <Text c="dimmed">{t('inputs.hint')}</Text>
        {failure && (
          <Text c="red.9" role="alert">
            {failure}
          </Text>
        )}
        {state.status === 'loading' && (
          <Group role="status" gap="xs">
            <Loader size="xs" aria-hidden />
            <Text>{t('inputs.loading')}</Text>
          </Group>
        )}
        {state.status === 'error' && (
          <Alert color="red.9" variant="outline" role="alert">
            <Text mb="xs">{apiErrorText(state.error)}</Text>
            <Button size="xs" variant="default" onClick={load}>
              {t('common:actions.reload')}
            </Button>
          </Alert>
        )}
        {state.status === 'ready' && state.inputs.length === 0 && <Text>{t('inputs.none')}</Text>}
        {state.status === 'ready' && state.inputs.length > 0 && (
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{text.field('title')}</Table.Th>
                <Table.Th>{text.field('type')}</Table.Th>
                <Table.Th>{text.field('author')}</Table.Th>
                <Table.Th>{text.field('status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('list.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.inputs.map((input) => (
                <Table.Tr key={input.id}>
                  <Table.Td>
                    {/* Opened, read and edited in full in the statement editor. */}
                    <Anchor component={Link} to={`/statements/${input.id}`}>
                      <UserText value={input.fields.title} fallback={text.title({})} />
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{input.fields.type ? text.value('input', 'type', input.fields.type) : '—'}</Table.Td>
                  <Table.Td dir="auto">{String(input.fields.author ?? '—')}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <StatusBadge kind="input" value={input.fields.status} />
                      <Select
                        size="xs"
                        w={160}
                        aria-label={t('inputs.changeStatus', { title: text.title(input.fields) })}
                        data={INPUT_STATUSES.map((s) => ({ value: s, label: text.value('input', 'status', s) }))}
                        value={typeof input.fields.status === 'string' ? input.fields.status : null}
                        onChange={(v) => v && void setStatus(input, v)}
                        allowDeselect={false}
                        comboboxProps={{ withinPortal: true }}
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red.9" onClick={() => void remove(input).then(load)} aria-label={t('inputs.delete', { title: text.title(input.fields) })}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group>
          <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            {t('inputs.add')}
          </Button>
        </Group>
      </Stack>
      {adding && (
        <RecordDialog
          kind="input"
          parentId={null}
          record={null}
          title={t('inputs.add')}
          fields={INPUT_FIELDS}
          defaults={{ type: 'comment', status: 'received' }}
          extra={{ napId: nap.id }}
          onClose={() => setAdding(false)}
          onSaved={load}
        >
          <MlField name="title" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <SelectField name="type" data={INPUT_TYPES.map((v) => ({ value: v, label: text.value('input', 'type', v) }))} />
            <TextField name="author" />
            <SelectField name="status" data={INPUT_STATUSES.map((v) => ({ value: v, label: text.value('input', 'status', v) }))} />
          </SimpleGrid>
          <MlField name="body" multiline />
        </RecordDialog>
      )}
    </Section>
  );
}
