import { DateInput } from '@mantine/dates';
import type { FocusEventHandler, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, parseTypedDate } from '../../../shared/i18n/date-input';

export interface DateFieldProps {
  label: string;
  /** The label is not shown (a field in a table row whose column says what it is); it still names the field. */
  hideLabel?: boolean;
  /** The day as ISO `YYYY-MM-DD`, or null (an empty string counts as null). */
  value: string | null;
  onChange(value: string | null): void;
  onBlur?: FocusEventHandler<HTMLInputElement>;
  error?: ReactNode;
  description?: ReactNode;
  required?: boolean;
  /** A button that empties the field (named "Clear …" in the interface language). */
  clearable?: boolean;
  minDate?: string;
  maxDate?: string;
  name?: string;
  w?: number | string;
  disabled?: boolean;
  'data-testid'?: string;
}

/**
 * A day, shown in the interface language's long form (2 December 2026, 2026年12月2日,
 * 2 ديسمبر 2026) whatever the system's locale, with a calendar to pick from. People type it too:
 * as ISO, in the language's numeric order (2/12/2026 in French) or with the month's name. The
 * calendar's month and weekday names and first day of the week come from DatesProvider.
 */
export function DateField(props: DateFieldProps) {
  const { t, i18n } = useTranslation('common');
  const language = i18n.language;
  const { value, onChange, clearable, hideLabel, ...rest } = props;
  return (
    <DateInput
      {...rest}
      label={hideLabel ? undefined : props.label}
      aria-label={hideLabel ? props.label : undefined}
      value={value || null}
      onChange={(next) => onChange(next ? next.slice(0, 10) : null)}
      valueFormat={(iso) => formatDay(iso, language)}
      dateParser={(typed) => parseTypedDate(typed, language)}
      clearable={clearable}
      // An optional day can be emptied by deleting its text, not only with the clear button.
      allowDeselect={!props.required}
      clearButtonProps={{ 'aria-label': t('dateField.clear', { field: props.label }) }}
      ariaLabels={{
        previousMonth: t('dateField.previousMonth'),
        nextMonth: t('dateField.nextMonth'),
        previousYear: t('dateField.previousYear'),
        nextYear: t('dateField.nextYear'),
        previousDecade: t('dateField.previousDecade'),
        nextDecade: t('dateField.nextDecade'),
        monthLevelControl: t('dateField.chooseMonth'),
        yearLevelControl: t('dateField.chooseYear'),
      }}
      popoverProps={{ position: 'bottom-start' }}
    />
  );
}
