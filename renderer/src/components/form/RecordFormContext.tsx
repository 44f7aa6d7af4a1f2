import { createContext, useContext, type ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { Language } from '../../../../shared/i18n/languages';
import type { FieldName } from '../../../../shared/records/form-values';
import type { Kind } from '../../../../shared/records/kinds';
import type { RecordForm } from '../../hooks/useRecordForm';

/** What a field of a record form reads: the form, its kind (for labels), errors in words. */
export interface RecordFormContextValue {
  form: UseFormReturn<FieldValues>;
  kind: Kind;
  error(name: string, inside?: boolean): string | undefined;
  /** The language an empty text is written in when the record has no text yet (else the interface's). */
  contentLanguage: Language | null;
}

const Context = createContext<RecordFormContextValue | null>(null);

/** Gives the fields inside it their form: each then needs only its name. */
export function RecordFormProvider<K extends Kind, F extends FieldName<K>>(props: {
  value: RecordForm<K, F>;
  contentLanguage?: Language | null;
  children: ReactNode;
}) {
  const { form, kind, error } = props.value;
  const value: RecordFormContextValue = {
    // A field is named at run time (a string), so it sees the form as holding any values.
    form: form as unknown as UseFormReturn<FieldValues>,
    kind,
    error,
    contentLanguage: props.contentLanguage ?? null,
  };
  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

export function useRecordFormContext(): RecordFormContextValue {
  const value = useContext(Context);
  if (!value) throw new Error('A record form field outside a RecordFormProvider');
  return value;
}
