import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useRef } from 'react';
import { useForm, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { ApiCallError } from '../../../../shared/api/errors';
import type { RecordView } from '../../../../shared/records/codec';
import { changedFields } from '../../../../shared/naps/changes';
import { formSchema } from '../../../../shared/records/kinds';
import { useAutosave, type SaveStatus } from '../../hooks/useAutosave';
import { useFieldErrorText } from '../../text/errors';
import { useAppState } from '../../api/state';

type Values = Record<string, unknown>;

/**
 * An autosaved form over some fields of one record, validated by the kind's own schema and its
 * cross-field rules (the same ones the core checks). Nothing is saved while a field is invalid;
 * the core's own refusals are shown at their fields too.
 */
export function useRecordForm<T extends FieldValues = Values>(
  record: RecordView,
  fields: readonly string[],
  defaults: Values = {},
): { form: UseFormReturn<T>; status: SaveStatus; flush(): Promise<void>; error(name: string): string | undefined } {
  const { api } = useAppState();
  const kind = record.kind;
  const initial = Object.fromEntries(fields.map((f) => [f, record.fields[f] ?? defaults[f] ?? null]));
  const saved = useRef<Values>(Object.fromEntries(fields.map((f) => [f, record.fields[f] ?? null])));
  const form = useForm<T>({
    resolver: zodResolver(formSchema(kind) as never) as never,
    defaultValues: initial as never,
    mode: 'onChange',
  });
  const save = useCallback(
    async (values: T) => {
      const changes = changedFields(kind, saved.current, values as Values);
      if (Object.keys(changes).length === 0) return;
      await api.call('records.update', { id: record.id, fields: changes as never });
      saved.current = { ...saved.current, ...(values as Values) };
    },
    [api, kind, record.id],
  );
  const { status, flush } = useAutosave(form, save, {
    onError(error) {
      if (error instanceof ApiCallError) {
        for (const issue of error.issues ?? []) {
          const path = issue.path.filter((p) => p !== 'fields').join('.');
          if (path) form.setError(path as Path<T>, { type: 'server', message: issue.message });
        }
      }
    },
  });
  const errorText = useFieldErrorText({ max: 1000 });
  const error = useCallback(
    (name: string) => {
      const parts = name.split('.');
      let node: unknown = form.formState.errors;
      for (const p of parts) node = (node as Record<string, unknown> | undefined)?.[p];
      return errorText((node as { message?: string } | undefined)?.message);
    },
    [form.formState.errors, errorText],
  );
  return { form, status, flush, error };
}
