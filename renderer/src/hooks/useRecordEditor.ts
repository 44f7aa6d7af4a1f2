import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { useCallback, useRef, useState } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { ApiClient } from '../../../shared/api/client';
import { ApiCallError } from '../../../shared/api/errors';
import { changedFields } from '../../../shared/naps/changes';
import type { RecordView } from '../../../shared/records/codec';
import type { Json } from '../../../shared/sync/record';
import { formSchema } from '../../../shared/records/kinds';
import { useApiErrorText, useFieldErrorText } from '../text/errors';
import { useAutosave, type SaveStatus } from './useAutosave';
import { LONG_TEXT_MAX } from '../../../shared/records/text';

type Values = Record<string, unknown>;

/**
 * An autosaved form over some fields of one record of any kind, validated by the kind's schema and
 * cross-field rules (the same the core checks). Only what changed since the last save is sent, and
 * of a text only the language versions edited, so a colleague's work on another field or version
 * is never overwritten. The core's own refusals are shown at their fields.
 */
export function useRecordEditor<T extends FieldValues>(
  api: ApiClient,
  record: RecordView,
  fields: readonly string[],
): { form: UseFormReturn<T>; status: SaveStatus; flush(): Promise<void>; error(name: string): string | undefined; failure: string | null } {
  const kind = record.kind;
  const [initial] = useState<Values>(() => Object.fromEntries(fields.map((f) => [f, record.fields[f] ?? null])));
  const saved = useRef<Values>(initial);
  const apiErrorText = useApiErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<T>({
    // The kind is only known at run time, so the schema's type cannot name T (nor its input type).
    resolver: zodResolver(formSchema(kind) as z.ZodType<FieldValues, FieldValues>) as unknown as Resolver<T>,
    defaultValues: { ...initial } as DefaultValues<T>,
    mode: 'onChange',
  });
  const save = useCallback(
    async (values: T) => {
      const changes = changedFields(kind, saved.current, values as Values);
      if (Object.keys(changes).length === 0) return;
      await api.call('records.update', { id: record.id, fields: changes as Record<string, Json> });
      setFailure(null);
      saved.current = { ...saved.current, ...(values as Values) };
    },
    [api, kind, record.id],
  );
  const { status, flush } = useAutosave(form, save, {
    onError(error) {
      if (error instanceof ApiCallError && error.issues?.length) {
        for (const issue of error.issues) {
          const path = issue.path.filter((p) => p !== 'fields').join('.');
          if (path) form.setError(path as Path<T>, { type: 'server', message: issue.message });
        }
      } else setFailure(apiErrorText(error));
    },
  });
  const errorText = useFieldErrorText({ max: LONG_TEXT_MAX });
  const error = useCallback(
    (name: string) => {
      let node: unknown = form.formState.errors;
      for (const p of name.split('.')) node = (node as Record<string, unknown> | undefined)?.[p];
      return errorText((node as { message?: string } | undefined)?.message);
    },
    [form.formState.errors, errorText],
  );
  return { form, status, flush, error, failure };
}
