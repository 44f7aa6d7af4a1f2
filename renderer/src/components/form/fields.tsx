import { NumberInput, Select, TagsInput, TextInput } from '@mantine/core';
import { useController, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Multilingual } from '../../../../shared/records/text';
import { firstShownLanguage } from '../../../../shared/records/text-version';
import { useRecordText } from '../../text/records-text';
import { MultilingualInput } from '../MultilingualInput';
import { DateField as DayInput } from '../DateField';
import { useRecordFormContext } from './RecordFormContext';

/*
 * Controls bound to a field of the record form around them (RecordFormProvider): each reads its
 * value, its label (the field's name in the interface language, unless given) and its error.
 */

type Base = { name: string; label?: string; description?: string };

/** The form's binding of one field, its label and its error in words. */
export function useFormField(props: Base, inside = false) {
  const context = useRecordFormContext();
  const text = useRecordText();
  const { field } = useController({ control: context.form.control, name: props.name });
  return {
    field,
    label: props.label ?? text.field(props.name.split('.')[0] ?? props.name),
    error: context.error(props.name, inside),
    context,
  };
}

/**
 * A text of the record in its languages. A text with no version yet is written in the language of
 * the record's other texts, else the form's (a plan's, a meeting's), else the interface language.
 */
export function MlField(props: Base & { multiline?: boolean }) {
  const { i18n } = useTranslation();
  const { field, label, error, context } = useFormField(props, true);
  const values = useWatch({ control: context.form.control });
  const content = firstShownLanguage(Object.values(values ?? {}), i18n.language) ?? context.contentLanguage;
  return (
    <MultilingualInput
      label={label}
      value={field.value as Multilingual | null}
      onChange={field.onChange}
      onBlur={field.onBlur}
      multiline={props.multiline}
      error={error}
      description={props.description}
      contentLanguage={content}
    />
  );
}

export function TextField(
  props: Base & {
    required?: boolean;
    type?: 'email' | 'tel';
    dir?: 'auto' | 'ltr';
    'data-autofocus'?: boolean;
    'aria-label'?: string;
    /** An optional part of a list item: emptied, it is left out rather than kept as an empty text. */
    optional?: boolean;
  },
) {
  const { field, label, error } = useFormField(props);
  return (
    <TextInput
      label={props['aria-label'] ? undefined : label}
      aria-label={props['aria-label']}
      type={props.type}
      required={props.required}
      dir={props.dir ?? 'auto'}
      value={(field.value as string | null) ?? ''}
      onChange={(e) => field.onChange(e.currentTarget.value || (props.optional ? undefined : ''))}
      onBlur={field.onBlur}
      error={error}
      description={props.description}
      data-autofocus={props['data-autofocus']}
    />
  );
}

export function NumberField(
  props: Base & { min?: number; max?: number; decimal?: boolean; negative?: boolean; 'aria-label'?: string },
) {
  const { field, label, error } = useFormField(props);
  return (
    <NumberInput
      label={props['aria-label'] ? undefined : label}
      aria-label={props['aria-label']}
      value={(field.value as number | null) ?? ''}
      onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
      onBlur={field.onBlur}
      error={error}
      description={props.description}
      min={props.min}
      max={props.max}
      allowDecimal={props.decimal !== false}
      allowNegative={props.negative !== false}
      clampBehavior="none"
      hideControls
    />
  );
}

/** A day, shown and typed in the interface language (components/DateField). */
export function DateField(props: Base & { 'aria-label'?: string; empty?: null | '' }) {
  const { field, label, error } = useFormField(props);
  const empty = 'empty' in props ? props.empty : null;
  return (
    <DayInput
      label={props['aria-label'] ?? label}
      hideLabel={props['aria-label'] !== undefined}
      value={(field.value as string | null) || null}
      onChange={(day) => field.onChange(day ?? empty)}
      onBlur={field.onBlur}
      error={error}
      description={props.description}
    />
  );
}

export function SelectField(
  props: Base & {
    data: { value: string; label: string }[];
    clearable?: boolean;
    searchable?: boolean;
    placeholder?: string;
    nothingFound?: string;
    /** What a cleared choice is kept as (null unless the field keeps '' for none). */
    empty?: null | '';
    maw?: number;
  },
) {
  const { t } = useTranslation('naps');
  const { field, label, error } = useFormField(props);
  const empty = props.empty ?? null;
  return (
    <Select
      label={label}
      data={props.data}
      value={(field.value as string | null) || null}
      onChange={(v) => field.onChange(v ?? empty)}
      onBlur={field.onBlur}
      error={error}
      description={props.description}
      placeholder={props.placeholder}
      nothingFoundMessage={props.nothingFound}
      clearable={props.clearable}
      clearButtonProps={{ 'aria-label': t('form.clear', { field: label }) }}
      searchable={props.searchable}
      allowDeselect={false}
      maw={props.maw}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function TagsField(props: Base & { data?: string[]; numbers?: boolean }) {
  const { field, label, error } = useFormField(props);
  const value = ((field.value as (string | number)[] | null) ?? []).map(String);
  return (
    <TagsInput
      label={label}
      data={props.data}
      value={value}
      onChange={(next) => {
        if (!props.numbers) return field.onChange(next);
        const numbers = next.map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0 && n < 10_000);
        field.onChange([...new Set(numbers)]);
      }}
      onBlur={field.onBlur}
      error={error}
      description={props.description}
      splitChars={[',', ';']}
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}
