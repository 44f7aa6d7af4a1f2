import { NumberInput, Select, TagsInput, TextInput } from '@mantine/core';
import { Controller, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Multilingual } from '../../../../shared/records/text';
import { contentLanguage, firstShownLanguage } from '../../../../shared/records/text-version';
import { MultilingualInput } from '../../components/MultilingualInput';
import { useNap } from './useNap';

/* Form controls bound to a react-hook-form field, each showing its error beside it. */

type Base = { control: Control<never>; name: string; label: string; error?: string; description?: string };

/**
 * A text of the record in its languages. A text with no version yet is written in the language of
 * the record's other texts, else of the plan's, else the interface language.
 */
export function MlField(props: Base & { multiline?: boolean }) {
  const { i18n } = useTranslation();
  const { nap } = useNap();
  const values = useWatch({ control: props.control }) as Record<string, unknown>;
  const content = firstShownLanguage(Object.values(values ?? {}), i18n.language) ?? contentLanguage('nap', nap.fields, i18n.language);
  return (
    <Controller
      control={props.control}
      name={props.name as never}
      render={({ field }) => (
        <MultilingualInput
          label={props.label}
          value={field.value as Multilingual | null}
          onChange={field.onChange}
          onBlur={field.onBlur}
          multiline={props.multiline}
          error={props.error}
          description={props.description}
          contentLanguage={content}
        />
      )}
    />
  );
}

export function TextField(props: Base) {
  return (
    <Controller
      control={props.control}
      name={props.name as never}
      render={({ field }) => (
        <TextInput
          label={props.label}
          dir="auto"
          value={(field.value as string | null) ?? ''}
          onChange={(e) => field.onChange(e.currentTarget.value)}
          onBlur={field.onBlur}
          error={props.error}
          description={props.description}
        />
      )}
    />
  );
}

export function NumberField(props: Base & { min?: number; max?: number; year?: boolean; decimal?: boolean }) {
  return (
    <Controller
      control={props.control}
      name={props.name as never}
      render={({ field }) => (
        <NumberInput
          label={props.label}
          value={(field.value as number | null) ?? ''}
          onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
          onBlur={field.onBlur}
          error={props.error}
          description={props.description}
          min={props.min}
          max={props.max}
          allowDecimal={props.decimal !== false}
          clampBehavior="none"
          hideControls
        />
      )}
    />
  );
}

export function DateField(props: Base) {
  return (
    <Controller
      control={props.control}
      name={props.name as never}
      render={({ field }) => (
        <TextInput
          type="date"
          label={props.label}
          value={(field.value as string | null) ?? ''}
          onChange={(e) => field.onChange(e.currentTarget.value || null)}
          onBlur={field.onBlur}
          error={props.error}
          description={props.description}
        />
      )}
    />
  );
}

export function SelectField(props: Base & { data: { value: string; label: string }[]; clearable?: boolean; searchable?: boolean }) {
  const { t } = useTranslation('naps');
  return (
    <Controller
      control={props.control}
      name={props.name as never}
      render={({ field }) => (
        <Select
          label={props.label}
          data={props.data}
          value={(field.value as string | null) ?? null}
          onChange={(v) => field.onChange(v)}
          onBlur={field.onBlur}
          error={props.error}
          description={props.description}
          clearable={props.clearable}
          clearButtonProps={{ 'aria-label': t('form.clear', { field: props.label }) }}
          searchable={props.searchable}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    />
  );
}

export function TagsField(props: Base & { data?: string[]; numbers?: boolean }) {
  return (
    <Controller
      control={props.control}
      name={props.name as never}
      render={({ field }) => {
        const value = ((field.value as (string | number)[] | null) ?? []).map(String);
        return (
          <TagsInput
            label={props.label}
            data={props.data}
            value={value}
            onChange={(next) => {
              if (!props.numbers) return field.onChange(next);
              const numbers = next.map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0 && n < 10_000);
              field.onChange([...new Set(numbers)]);
            }}
            onBlur={field.onBlur}
            error={props.error}
            description={props.description}
            splitChars={[',', ';']}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
        );
      }}
    />
  );
}
