import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form';
import { ApiCallError } from '../../../shared/api/errors';
import { changedFields } from '../../../shared/naps/changes';
import type { FieldName, FormValues } from '../../../shared/records/form-values';
import { formSchema, KINDS, type Kind, type KindFields } from '../../../shared/records/kinds';
import { SHORT_TEXT_MAX } from '../../../shared/records/text';
import type { Json } from '../../../shared/sync/record';
import { useApiErrorText, useFieldErrorText } from '../text/errors';
import { useAppState } from '../api/state';
import { useAutosave, type SaveStatus } from './useAutosave';

/** The record a form edits: one that exists (`id`), or one about to be created (`id: null`, saved by `options.save`). */
export interface FormRecord<K extends Kind> {
  id: string | null;
  kind: K;
  fields: Readonly<Record<string, unknown>>;
}

export interface RecordFormOptions<K extends Kind, F extends FieldName<K>> {
  /**
   * `autosave` (default): saved by itself a moment after the last change, when valid (`flush` saves
   * at once). `submit`: saved only by `submit` (a dialog or a panel with a Save button).
   */
  mode?: 'autosave' | 'submit';
  /** When fields are checked (default: as typed when autosaved, on submit when submitted). */
  validate?: 'onChange' | 'onTouched' | 'onSubmit';
  /** Values for fields the record has not got yet. */
  defaults?: Partial<FormValues<K, F>>;
  /** Autosave: how long after the last change (ms). */
  delay?: number;
  /**
   * Items of a list field not part of the record yet (a row just added and left empty): neither
   * checked nor saved, so they block nothing. Given the form's values, their field and index.
   */
  drafts?(values: FormValues<K, F>): ReadonlyArray<readonly [F, number]>;
  /** Sends what changed (default: an update of the record's changed fields). */
  save?(changes: KindFields<K>, values: FormValues<K, F>): Promise<void>;
  /** After a save went through, with what was sent. */
  onSaved?(changes: KindFields<K>): void | Promise<void>;
}

export interface RecordForm<K extends Kind, F extends FieldName<K>> {
  form: UseFormReturn<FormValues<K, F>>;
  kind: K;
  status: SaveStatus;
  /** Saves now what was typed; true when nothing typed is left unsaved (false: invalid, or the save failed). */
  flush(): Promise<boolean>;
  /** Submit mode: checks, saves, then `onSaved`; for a form's onSubmit. */
  submit(event?: { preventDefault?(): void }): Promise<void>;
  /**
   * The error at a field, in words; `inside`: else the first one inside it (a language of a text,
   * for a control showing the whole text).
   */
  error(name: string, inside?: boolean): string | undefined;
  /** What went wrong that belongs to no field (the core unreachable, the record gone), in words. */
  failure: string | null;
  setFailure(failure: string | null): void;
  /** Typed values not saved yet (for the unsaved-changes guard). */
  unsaved: boolean;
}

type Values = Record<string, unknown>;

/** The longest text a field takes (for the "too long" sentence). */
function maxLength(kind: Kind, path: string): number {
  const fields = KINDS[kind].fields as Record<string, { schema: unknown }>;
  const top = path.split('.')[0] ?? '';
  const schema = Object.prototype.hasOwnProperty.call(fields, top)
    ? (fields[top]!.schema as { maxLength?: number | null; def?: { valueType?: { maxLength?: number | null } } })
    : undefined;
  return schema?.maxLength ?? schema?.def?.valueType?.maxLength ?? SHORT_TEXT_MAX;
}

/** The message at a path of the errors, or (`inside`) else the first one inside it. */
function messageAt(errors: FieldErrors, name: string, inside: boolean): string | undefined {
  let node: unknown = errors;
  for (const p of name.split('.')) node = (node as Record<string, unknown> | undefined)?.[p];
  const first = (n: unknown, depth: number): string | undefined => {
    if (!n || typeof n !== 'object' || depth > 4) return undefined;
    const message = (n as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
    for (const [key, inner] of Object.entries(n)) {
      if (key === 'ref') continue;
      const found = first(inner, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  if (!inside) {
    const message = (node as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' && message ? message : undefined;
  }
  return first(node, 0);
}

/** Errors without those of draft list items. */
function withoutDrafts<T extends FieldValues>(errors: FieldErrors<T>, drafts: ReadonlyArray<readonly [string, number]>): FieldErrors<T> {
  const out: Values = { ...errors };
  for (const field of new Set(drafts.map(([f]) => f))) {
    const list = out[field];
    if (!Array.isArray(list)) continue;
    // A list's errors are an array by item, with the list's own (its length) as `message` beside.
    const items: unknown[] = [...(list as unknown[])];
    for (const [f, index] of drafts) if (f === field) delete items[index];
    const own = (list as { message?: string; type?: string }).message;
    if (own) out[field] = Object.assign(items, { message: own, type: (list as { type?: string }).type });
    else if (items.some((e) => e !== undefined)) out[field] = items;
    else delete out[field];
  }
  return out as FieldErrors<T>;
}

/**
 * A form over some fields of one record, typed by the record's kind and checked by the kind's own
 * schema and cross-field rules (the same the core checks). Saving sends only what changed since the
 * last save, and of a text only the language versions edited, so a colleague's work on another
 * field or version is never overwritten. The core's refusals are shown at their fields; a failure
 * belonging to no field as `failure`.
 */
export function useRecordForm<K extends Kind, F extends FieldName<K>>(
  record: FormRecord<K>,
  fields: readonly F[],
  options: RecordFormOptions<K, F> = {},
): RecordForm<K, F> {
  type V = FormValues<K, F>;
  const { api } = useAppState();
  const kind = record.kind;
  const [initial] = useState<Values>(() =>
    Object.fromEntries(fields.map((f) => [f, record.fields[f] ?? (options.defaults as Values | undefined)?.[f] ?? null])),
  );
  // What the record holds: a default shown in the form is a change to save, not what was saved.
  const saved = useRef<Values>(Object.fromEntries(fields.map((f) => [f, record.fields[f] ?? null])));
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });
  const apiErrorText = useApiErrorText();
  const [failure, setFailure] = useState<string | null>(null);

  const resolver = useMemo<Resolver<V>>(() => {
    // The kind is chosen at run time, so the schema's value type is its kind's fields, not V itself.
    const base = zodResolver(formSchema(kind) as unknown as Parameters<typeof zodResolver>[0]) as unknown as Resolver<V>;
    return async (values, context, resolverOptions) => {
      const drafts = optionsRef.current.drafts?.(values) ?? [];
      if (drafts.length === 0) return base(values, context, resolverOptions);
      const checked = await base(values, context, resolverOptions);
      const errors = withoutDrafts<V>(checked.errors, drafts);
      if (Object.keys(errors).length > 0) return { values: {}, errors };
      // Valid but for the drafts: the values without them are what is saved.
      const kept: Values = { ...values };
      for (const field of new Set(drafts.map(([f]) => f))) {
        const skip = new Set(drafts.filter(([f]) => f === field).map(([, i]) => i));
        const list = (values as Values)[field];
        if (Array.isArray(list)) kept[field] = list.filter((_, i) => !skip.has(i));
      }
      return base(kept as V, context, resolverOptions);
    };
  }, [kind]);

  const form = useForm<V>({
    resolver,
    defaultValues: { ...initial } as DefaultValues<V>,
    mode: options.validate ?? (options.mode === 'submit' ? 'onSubmit' : 'onChange'),
  });

  const showError = useCallback(
    (error: unknown) => {
      if (error instanceof ApiCallError && error.issues?.length) {
        for (const issue of error.issues) {
          // The core names a field `fields.<name>` (the request's shape); the form names it `<name>`.
          const path = (issue.path[0] === 'fields' ? issue.path.slice(1) : issue.path).join('.');
          if (path) form.setError(path as Path<V>, { type: 'server', message: issue.message });
          else setFailure(apiErrorText(error));
        }
      } else setFailure(apiErrorText(error));
    },
    [form, apiErrorText],
  );

  /** Sends what changed; the changes sent, or null when nothing had changed. */
  const save = useCallback(
    async (values: V): Promise<KindFields<K> | null> => {
      const changes = changedFields(kind, saved.current, values as Values) as KindFields<K>;
      if (Object.keys(changes).length === 0 && record.id !== null) return null;
      const send = optionsRef.current.save;
      if (send) await send(changes, values);
      else if (record.id !== null) await api.call('records.update', { id: record.id, fields: changes as Record<string, Json> });
      setFailure(null);
      saved.current = { ...saved.current, ...(values as Values) };
      return changes;
    },
    [api, kind, record.id],
  );

  const autosave = useAutosave(
    form,
    async (values) => {
      const changes = await save(values);
      if (changes) await optionsRef.current.onSaved?.(changes);
    },
    { delay: options.delay, auto: options.mode !== 'submit', onError: showError },
  );

  const submit = useCallback(
    async (event?: { preventDefault?(): void }) => {
      event?.preventDefault?.();
      setFailure(null);
      await form.handleSubmit(async (values) => {
        let changes: KindFields<K> | null;
        try {
          changes = await save(values);
        } catch (error) {
          showError(error);
          return;
        }
        form.reset(form.getValues(), { keepValues: true });
        await optionsRef.current.onSaved?.(changes ?? {});
      })();
    },
    [form, save, showError],
  );

  const errorText = useFieldErrorText();
  const { errors } = form.formState;
  const error = useCallback(
    (name: string, inside = false) => {
      const message = messageAt(errors, name, inside);
      return message ? errorText(message, { max: maxLength(kind, name) }) : undefined;
    },
    [errors, errorText, kind],
  );

  const status = autosave.status;
  return {
    form,
    kind,
    status,
    flush: autosave.flush,
    submit,
    error,
    failure,
    setFailure,
    unsaved: form.formState.isDirty || status === 'pending' || status === 'invalid',
  };
}

/** A record as one of the kind a form expects (the page chose it by its kind; a mix-up is a bug, said at once). */
export function recordOf<K extends Kind>(record: { id: string; kind: Kind; fields: Readonly<Record<string, unknown>> }, kind: K): FormRecord<K> {
  if (record.kind !== kind) throw new Error(`A ${record.kind} record in a ${kind} form`);
  return { id: record.id, kind, fields: record.fields };
}
