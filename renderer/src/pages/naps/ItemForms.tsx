import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconHistory, IconPlus, IconTrash } from '@tabler/icons-react';
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { Controller, useFieldArray, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../../shared/records/codec';
import { ACTION_STATUSES, NAP_STATUSES, PILLARS, WPS_RESOLUTIONS } from '../../../../shared/records/kinds';
import { useCountryOptions } from '../../components/CountrySelect';
import { SaveStatusText } from '../../components/SaveStatusText';
import { UnsavedGuard } from '../../components/UnsavedGuard';
import { useRecordText } from '../../text/records-text';
import { DateField, MlField, NumberField, SelectField, TagsField, TextField } from './fields';
import { useNapFormat } from './format';
import { useNap } from './useNap';
import { useRecordForm } from './useRecordForm';
import { HistoryTable } from './VersionsTab';
import { fieldSpec, type Kind } from '../../../../shared/records/kinds';
import { LANGUAGES } from '../../../../shared/i18n/languages';

type C = Control<never>;

/** Told whether the form shown holds values it refused to save (so leaving it would drop them). */
export const FormBlockedContext = createContext<(blocked: boolean) => void>(() => undefined);

function FormFrame(props: {
  title: string;
  record: RecordView;
  fields: readonly string[];
  status: Parameters<typeof SaveStatusText>[0]['status'];
  dirty: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation('naps');
  const [history, setHistory] = useState(false);
  // The plan view asks before showing another item while this form holds refused values.
  const reportBlocked = useContext(FormBlockedContext);
  const blocked = props.status === 'invalid' && props.dirty;
  useEffect(() => {
    reportBlocked(blocked);
    return () => reportBlocked(false);
  }, [blocked, reportBlocked]);
  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h4">
            {props.title}
          </Title>
          <Group gap="sm">
            <SaveStatusText status={props.status} />
            <Button
              size="compact-sm"
              variant="subtle"
              className="nap-add"
              leftSection={<IconHistory size={14} aria-hidden />}
              onClick={() => setHistory(true)}
            >
              {t('versions.fieldHistory')}
            </Button>
          </Group>
        </Group>
        {history && (
          <FieldHistoryDialog record={props.record} fields={props.fields} onClose={() => setHistory(false)} />
        )}
        {props.children}
        <UnsavedGuard dirty={props.dirty} />
      </Stack>
    </form>
  );
}

const OBJECTIVE_FIELDS = ['pillar', 'title', 'description'] as const;
const ACTION_FIELDS = [
  'description',
  'leadAgency',
  'partnerAgencies',
  'start',
  'end',
  'budgetAmount',
  'budgetCurrency',
  'status',
  'resolutions',
  'notes',
] as const;
const INDICATOR_FIELDS = [
  'name',
  'unit',
  'baselineValue',
  'baselineYear',
  'targetValue',
  'targetYear',
  'measurements',
  'meansOfVerification',
] as const;
const NAP_FIELDS = [
  'title',
  'country',
  'generation',
  'periodStart',
  'periodEnd',
  'status',
  'summary',
  'leadAgency',
  'coordinatingBody',
] as const;

/** The plan's own details. */
export function NapForm({ record }: { record: RecordView }) {
  const { t, i18n } = useTranslation(['naps', 'records']);
  const text = useRecordText();
  const countries = useCountryOptions(i18n.language);
  const { form, status, error } = useRecordForm(record, NAP_FIELDS);
  const control = form.control as unknown as C;
  return (
    <FormFrame
      record={record}
      fields={NAP_FIELDS}
      title={t('form.napTitle')}
      status={status}
      dirty={form.formState.isDirty}
    >
      <MlField control={control} name="title" label={text.field('title')} error={error('title')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SelectField
          control={control}
          name="country"
          label={text.field('country')}
          data={countries}
          searchable
          error={error('country')}
        />
        <NumberField
          control={control}
          name="generation"
          label={text.field('generation')}
          min={1}
          max={20}
          decimal={false}
          error={error('generation')}
          description={t('form.generationHint')}
        />
        <NumberField
          control={control}
          name="periodStart"
          label={text.field('periodStart')}
          decimal={false}
          error={error('periodStart')}
        />
        <NumberField
          control={control}
          name="periodEnd"
          label={text.field('periodEnd')}
          decimal={false}
          error={error('periodEnd')}
        />
        <SelectField
          control={control}
          name="status"
          label={text.field('status')}
          data={NAP_STATUSES.map((s) => ({ value: s, label: text.value('nap', 'status', s) }))}
          error={error('status')}
        />
        <TextField
          control={control}
          name="leadAgency"
          label={text.field('leadAgency')}
          error={error('leadAgency')}
        />
        <TextField
          control={control}
          name="coordinatingBody"
          label={text.field('coordinatingBody')}
          error={error('coordinatingBody')}
        />
      </SimpleGrid>
      <MlField
        control={control}
        name="summary"
        label={text.field('summary')}
        multiline
        error={error('summary')}
      />
    </FormFrame>
  );
}

export function ObjectiveForm({ record }: { record: RecordView }) {
  const { t } = useTranslation('naps');
  const text = useRecordText();
  const { nap } = useNap();
  const { form, status, error } = useRecordForm(record, OBJECTIVE_FIELDS);
  const control = form.control as unknown as C;
  const listed = (Array.isArray(nap.fields.pillars) ? nap.fields.pillars : []) as string[];
  const options = PILLARS.filter((p) => listed.includes(p) || record.fields.pillar === p).map((p) => ({
    value: p,
    label: text.value('nap.objective', 'pillar', p),
  }));
  return (
    <FormFrame
      record={record}
      fields={OBJECTIVE_FIELDS}
      title={t('form.objectiveTitle')}
      status={status}
      dirty={form.formState.isDirty}
    >
      <SelectField
        control={control}
        name="pillar"
        label={text.field('pillar')}
        data={options}
        error={error('pillar')}
        description={t('form.pillarHint')}
      />
      <MlField control={control} name="title" label={text.field('title')} error={error('title')} />
      <MlField
        control={control}
        name="description"
        label={text.field('description')}
        multiline
        error={error('description')}
      />
    </FormFrame>
  );
}

function currencyOptions(language: string) {
  const names = new Intl.DisplayNames([language], { type: 'currency' });
  const codes = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.(
    'currency',
  ) ?? ['USD', 'EUR'];
  return codes.map((code) => ({ value: code, label: `${code} — ${names.of(code) ?? code}` }));
}

export function ActionForm({ record }: { record: RecordView }) {
  const { t, i18n } = useTranslation('naps');
  const text = useRecordText();
  const format = useNapFormat();
  const currencies = useMemo(() => currencyOptions(i18n.language), [i18n.language]);
  const { form, status, error } = useRecordForm(record, ACTION_FIELDS);
  const control = form.control as unknown as C;
  const amount = form.watch('budgetAmount' as never) as unknown;
  const currency = form.watch('budgetCurrency' as never) as unknown;
  return (
    <FormFrame
      record={record}
      fields={ACTION_FIELDS}
      title={t('form.actionTitle')}
      status={status}
      dirty={form.formState.isDirty}
    >
      <MlField
        control={control}
        name="description"
        label={text.field('description')}
        multiline
        error={error('description')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField
          control={control}
          name="leadAgency"
          label={text.field('leadAgency')}
          error={error('leadAgency')}
        />
        <SelectField
          control={control}
          name="status"
          label={text.field('status')}
          data={ACTION_STATUSES.map((s) => ({ value: s, label: text.value('nap.action', 'status', s) }))}
          error={error('status')}
        />
      </SimpleGrid>
      <TagsField
        control={control}
        name="partnerAgencies"
        label={text.field('partnerAgencies')}
        description={t('form.tagsHint')}
        error={error('partnerAgencies')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField control={control} name="start" label={text.field('start')} error={error('start')} />
        <DateField control={control} name="end" label={text.field('end')} error={error('end')} />
        <NumberField
          control={control}
          name="budgetAmount"
          label={text.field('budgetAmount')}
          min={0}
          error={error('budgetAmount')}
          description={typeof amount === 'number' ? format.money(amount, currency) : undefined}
        />
        <SelectField
          control={control}
          name="budgetCurrency"
          label={text.field('budgetCurrency')}
          data={currencies}
          searchable
          clearable
          error={error('budgetCurrency')}
        />
      </SimpleGrid>
      <TagsField
        control={control}
        name="resolutions"
        numbers
        data={WPS_RESOLUTIONS.map(String)}
        label={text.field('resolutions')}
        description={t('form.resolutionsHint')}
        error={error('resolutions')}
      />
      <MlField control={control} name="notes" label={text.field('notes')} multiline error={error('notes')} />
    </FormFrame>
  );
}

function Measurements({ control, error }: { control: C; error(name: string): string | undefined }) {
  const { t } = useTranslation('naps');
  const { fields, append, remove } = useFieldArray({ control, name: 'measurements' as never });
  return (
    <Stack gap="xs">
      <Text fw={600} id="measurements-label">
        {t('form.measurements')}
      </Text>
      {fields.length === 0 && <Text c="dimmed">{t('form.noMeasurements')}</Text>}
      {fields.length > 0 && (
        <Table aria-labelledby="measurements-label" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('form.measurementDate')}</Table.Th>
              <Table.Th>{t('form.measurementValue')}</Table.Th>
              <Table.Th>{t('form.measurementSource')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('list.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((item, index) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Controller
                    control={control}
                    name={`measurements.${index}.date` as never}
                    render={({ field }) => (
                      <TextInput
                        type="date"
                        aria-label={t('form.measurementDateN', { n: index + 1 })}
                        value={(field.value as string | undefined) ?? ''}
                        onChange={(e) => field.onChange(e.currentTarget.value)}
                        onBlur={field.onBlur}
                        error={error(`measurements.${index}.date`)}
                      />
                    )}
                  />
                </Table.Td>
                <Table.Td>
                  <Controller
                    control={control}
                    name={`measurements.${index}.value` as never}
                    render={({ field }) => (
                      <NumberInput
                        aria-label={t('form.measurementValueN', { n: index + 1 })}
                        value={(field.value as number | null) ?? ''}
                        onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
                        onBlur={field.onBlur}
                        hideControls
                        error={error(`measurements.${index}.value`)}
                      />
                    )}
                  />
                </Table.Td>
                <Table.Td>
                  <Controller
                    control={control}
                    name={`measurements.${index}.source` as never}
                    render={({ field }) => (
                      <TextInput
                        dir="auto"
                        aria-label={t('form.measurementSourceN', { n: index + 1 })}
                        value={(field.value as string | undefined) ?? ''}
                        onChange={(e) => field.onChange(e.currentTarget.value || undefined)}
                        onBlur={field.onBlur}
                        error={error(`measurements.${index}.source`)}
                      />
                    )}
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    onClick={() => remove(index)}
                    aria-label={t('form.removeMeasurement', { n: index + 1 })}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => append({ date: '', value: null } as never)}
        >
          {t('form.addMeasurement')}
        </Button>
      </Group>
    </Stack>
  );
}

export function IndicatorForm({ record }: { record: RecordView }) {
  const { t } = useTranslation('naps');
  const text = useRecordText();
  const { form, status, error } = useRecordForm(record, INDICATOR_FIELDS, { measurements: [] });
  const control = form.control as unknown as C;
  return (
    <FormFrame
      record={record}
      fields={INDICATOR_FIELDS}
      title={t('form.indicatorTitle')}
      status={status}
      dirty={form.formState.isDirty}
    >
      <MlField control={control} name="name" label={text.field('name')} error={error('name')} />
      <TextField
        control={control}
        name="unit"
        label={text.field('unit')}
        description={t('form.unitHint')}
        error={error('unit')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberField
          control={control}
          name="baselineValue"
          label={text.field('baselineValue')}
          error={error('baselineValue')}
        />
        <NumberField
          control={control}
          name="baselineYear"
          label={text.field('baselineYear')}
          decimal={false}
          error={error('baselineYear')}
        />
        <NumberField
          control={control}
          name="targetValue"
          label={text.field('targetValue')}
          error={error('targetValue')}
        />
        <NumberField
          control={control}
          name="targetYear"
          label={text.field('targetYear')}
          decimal={false}
          error={error('targetYear')}
        />
      </SimpleGrid>
      <Measurements control={control} error={error} />
      <MlField
        control={control}
        name="meansOfVerification"
        label={text.field('meansOfVerification')}
        multiline
        error={error('meansOfVerification')}
      />
    </FormFrame>
  );
}

/** The history of one field of this item (who set it to what, and when): each language of a text on its own. */
function FieldHistoryDialog(props: { record: RecordView; fields: readonly string[]; onClose(): void }) {
  const { t } = useTranslation(['naps', 'common']);
  const text = useRecordText();
  const options = props.fields.flatMap((f) => {
    if (!fieldSpec(props.record.kind as Kind, f)?.multilingual) return [f];
    const present = LANGUAGES.filter(
      (l) => (props.record.fields[f] as Record<string, string> | undefined)?.[l] !== undefined,
    );
    return present.map((l) => `${f}@${l}`);
  });
  const [field, setField] = useState<string | null>(options[0] ?? null);
  return (
    <Modal.Root opened onClose={props.onClose} centered size="lg">
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="none">
          <Modal.Title>{t('versions.fieldHistory')}</Modal.Title>
          <Modal.CloseButton aria-label={t('common:actions.dismiss')} title={t('common:actions.dismiss')} />
        </Modal.Header>
        <Modal.Body>
          <Stack>
            <Select
              label={t('versions.field')}
              data={options.map((o) => ({ value: o, label: text.field(o) }))}
              value={field}
              onChange={setField}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-autofocus
            />
            {field && (
              <HistoryTable key={field} id={props.record.id} kind={props.record.kind} field={field} />
            )}
          </Stack>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
