import { FormDialog } from '../../components/FormDialog';
import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconHistory, IconPlus, IconTrash } from '@tabler/icons-react';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../../shared/records/codec';
import type { FieldName, FormValues } from '../../../../shared/records/form-values';
import { ACTION_STATUSES, NAP_STATUSES, PILLARS, WPS_RESOLUTIONS, fieldSpec, type Kind } from '../../../../shared/records/kinds';
import { contentLanguage } from '../../../../shared/records/text-version';
import { LANGUAGES } from '../../../../shared/i18n/languages';
import { useCountryOptions } from '../../components/CountrySelect';
import { DateField, MlField, NumberField, SelectField, TagsField, TextField } from '../../components/form/fields';
import { RecordFormProvider } from '../../components/form/RecordFormContext';
import { SaveStatusText } from '../../components/SaveStatusText';
import { UnsavedGuard } from '../../components/UnsavedGuard';
import { recordOf, useRecordForm, type RecordForm } from '../../hooks/useRecordForm';
import { useRecordText } from '../../text/records-text';
import { useNapFormat } from './format';
import { useNap } from './useNap';
import { HistoryTable } from './VersionsTab';

/** Told whether the form shown holds values it refused to save (so leaving it would drop them). */
export const FormBlockedContext = createContext<(blocked: boolean) => void>(() => undefined);

function FormFrame<K extends Kind, F extends FieldName<K>>(props: {
  title: string;
  record: RecordView;
  fields: readonly string[];
  form: RecordForm<K, F>;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation('naps');
  const { nap } = useNap();
  const [history, setHistory] = useState(false);
  const { status, flush } = props.form;
  const dirty = props.form.form.formState.isDirty;
  // The plan view asks before showing another item while this form holds refused values.
  const reportBlocked = useContext(FormBlockedContext);
  const blocked = status === 'invalid' && dirty;
  useEffect(() => {
    reportBlocked(blocked);
    return () => reportBlocked(false);
  }, [blocked, reportBlocked]);
  return (
    <RecordFormProvider value={props.form} contentLanguage={contentLanguage('nap', nap.fields, i18n.language)}>
      <form onSubmit={(e) => e.preventDefault()} noValidate>
        <Stack gap="md">
          <Group justify="space-between" align="baseline">
            <Title order={2} size="h4">
              {props.title}
            </Title>
            <Group gap="sm">
              <SaveStatusText status={status} />
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
          <UnsavedGuard dirty={dirty} save={flush} />
        </Stack>
      </form>
    </RecordFormProvider>
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
  const form = useRecordForm(recordOf(record, 'nap'), NAP_FIELDS);
  return (
    <FormFrame record={record} fields={NAP_FIELDS} title={t('form.napTitle')} form={form}>
      <MlField name="title" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SelectField name="country" data={countries} searchable />
        <NumberField name="generation" min={1} max={20} decimal={false} description={t('form.generationHint')} />
        <NumberField name="periodStart" decimal={false} />
        <NumberField name="periodEnd" decimal={false} />
        <SelectField
          name="status"
          data={NAP_STATUSES.map((s) => ({ value: s, label: text.value('nap', 'status', s) }))}
        />
        <TextField name="leadAgency" />
        <TextField name="coordinatingBody" />
      </SimpleGrid>
      <MlField name="summary" multiline />
    </FormFrame>
  );
}

export function ObjectiveForm({ record }: { record: RecordView }) {
  const { t } = useTranslation('naps');
  const text = useRecordText();
  const { nap } = useNap();
  const form = useRecordForm(recordOf(record, 'nap.objective'), OBJECTIVE_FIELDS);
  const listed = (Array.isArray(nap.fields.pillars) ? nap.fields.pillars : []) as string[];
  const options = PILLARS.filter((p) => listed.includes(p) || record.fields.pillar === p).map((p) => ({
    value: p,
    label: text.value('nap.objective', 'pillar', p),
  }));
  return (
    <FormFrame record={record} fields={OBJECTIVE_FIELDS} title={t('form.objectiveTitle')} form={form}>
      <SelectField name="pillar" data={options} description={t('form.pillarHint')} />
      <MlField name="title" />
      <MlField name="description" multiline />
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
  const form = useRecordForm(recordOf(record, 'nap.action'), ACTION_FIELDS);
  const amount = useWatch({ control: form.form.control, name: 'budgetAmount' });
  const currency = useWatch({ control: form.form.control, name: 'budgetCurrency' });
  return (
    <FormFrame record={record} fields={ACTION_FIELDS} title={t('form.actionTitle')} form={form}>
      <MlField name="description" multiline />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField name="leadAgency" />
        <SelectField
          name="status"
          data={ACTION_STATUSES.map((s) => ({ value: s, label: text.value('nap.action', 'status', s) }))}
        />
      </SimpleGrid>
      <TagsField name="partnerAgencies" description={t('form.tagsHint')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField name="start" />
        <DateField name="end" />
        <NumberField
          name="budgetAmount"
          min={0}
          description={typeof amount === 'number' ? format.money(amount, currency) : undefined}
        />
        <SelectField name="budgetCurrency" data={currencies} searchable clearable />
      </SimpleGrid>
      <TagsField
        name="resolutions"
        numbers
        data={WPS_RESOLUTIONS.map(String)}
        description={t('form.resolutionsHint')}
      />
      <MlField name="notes" multiline />
    </FormFrame>
  );
}

type IndicatorValues = FormValues<'nap.indicator', (typeof INDICATOR_FIELDS)[number]>;
type Measurement = NonNullable<IndicatorValues['measurements']>[number];

/** A row just added: nothing in it yet. */
const isBlank = (m: Partial<Record<keyof Measurement, unknown>> | undefined) =>
  !m || (!m.date && (m.value === null || m.value === undefined) && !m.source);

/**
 * The measurements of an indicator, a row each. A row just added is not part of the indicator
 * until something is typed in it or it is left: an empty row neither shows errors nor blocks
 * saving the other fields, and is not saved; left empty, it is said to be incomplete.
 */
function Measurements({ form, left }: { form: RecordForm<'nap.indicator', (typeof INDICATOR_FIELDS)[number]>; left: Set<number> }) {
  const { t } = useTranslation('naps');
  const control = form.form.control;
  const { fields, append, remove } = useFieldArray({ control, name: 'measurements' });
  const leave = (index: number) => {
    left.add(index);
    void form.form.trigger('measurements');
  };
  const drop = (index: number) => {
    // Rows after the removed one move up a place; so does what is known of them.
    const shifted = [...left].filter((i) => i !== index).map((i) => (i > index ? i - 1 : i));
    left.clear();
    for (const i of shifted) left.add(i);
    remove(index);
  };
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
              <Table.Tr
                key={item.id}
                onBlur={(e) => {
                  // Left when the focus goes outside the row (not from its date to its value).
                  if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) leave(index);
                }}
              >
                <Table.Td>
                  <DateField name={`measurements.${index}.date`} aria-label={t('form.measurementDateN', { n: index + 1 })} empty="" />
                </Table.Td>
                <Table.Td>
                  <NumberField name={`measurements.${index}.value`} aria-label={t('form.measurementValueN', { n: index + 1 })} />
                </Table.Td>
                <Table.Td>
                  <TextField name={`measurements.${index}.source`} aria-label={t('form.measurementSourceN', { n: index + 1 })} optional />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    onClick={() => drop(index)}
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
          onClick={() => append(EMPTY_MEASUREMENT)}
        >
          {t('form.addMeasurement')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A new row holds no value yet, which a saved measurement always has: the form holds it until it is filled. */
const EMPTY_MEASUREMENT = { date: '', value: null } as unknown as Measurement;

export function IndicatorForm({ record }: { record: RecordView }) {
  const { t } = useTranslation('naps');
  // The rows the person has left (by place in the list): only those are checked while empty.
  const [left] = useState(() => new Set<number>());
  const form = useRecordForm(recordOf(record, 'nap.indicator'), INDICATOR_FIELDS, {
    defaults: { measurements: [] },
    drafts: (values) =>
      (values.measurements ?? []).flatMap((m, i) => (isBlank(m) && !left.has(i) ? [['measurements', i] as const] : [])),
  });
  return (
    <FormFrame record={record} fields={INDICATOR_FIELDS} title={t('form.indicatorTitle')} form={form}>
      <MlField name="name" />
      <TextField name="unit" description={t('form.unitHint')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberField name="baselineValue" />
        <NumberField name="baselineYear" decimal={false} />
        <NumberField name="targetValue" />
        <NumberField name="targetYear" decimal={false} />
      </SimpleGrid>
      <Measurements form={form} left={left} />
      <MlField name="meansOfVerification" multiline />
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
    <FormDialog opened={true} onClose={props.onClose} title={t('versions.fieldHistory')} closeLabel={t('common:actions.dismiss')}>
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
    </FormDialog>
  );
}
