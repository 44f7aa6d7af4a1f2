import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'error';

/**
 * Saves a form by itself: a moment after the last change, when every field is valid. An invalid
 * field keeps the form unsaved (the guard asks before leaving) with the messages at the fields;
 * nothing is saved half-way. `flush` saves at once (leaving the page, pressing Ctrl+S) and tells
 * whether everything typed is now saved (false: refused as invalid, or the save failed).
 */
export function useAutosave<T extends FieldValues>(
  form: UseFormReturn<T>,
  save: (values: T) => Promise<void>,
  options: { delay?: number; auto?: boolean; onError?(error: unknown): void } = {},
): { status: SaveStatus; flush(): Promise<boolean> } {
  const delay = options.delay ?? 800;
  // Off: saved only by `flush` (a form with a Save button).
  const auto = options.auto ?? true;
  const [status, setStatus] = useState<SaveStatus>('idle');
  const saveRef = useRef(save);
  const onErrorRef = useRef(options.onError);
  useEffect(() => {
    saveRef.current = save;
    onErrorRef.current = options.onError;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef<Promise<boolean> | null>(null);

  const flush = useCallback(async (): Promise<boolean> => {
    // A change waiting for its save counts even before the form's own state says "dirty" (that
    // comes after the field is checked, a moment later).
    const waiting = timer.current !== null;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    await running.current;
    if (!waiting && !form.formState.isDirty) {
      // Typed back to what was saved: nothing to save, and nothing unsaved either.
      setStatus((s) => (s === 'pending' || s === 'invalid' ? 'saved' : s));
      return true;
    }
    let saved = false;
    const attempt = form
      .handleSubmit(
        async (values) => {
          setStatus('saving');
          try {
            await saveRef.current(values);
            // The values stay as typed; only the "unsaved" mark goes (typing meanwhile keeps it).
            form.reset(form.getValues(), { keepValues: true, keepErrors: false });
            setStatus('saved');
            saved = true;
          } catch (error) {
            setStatus('error');
            onErrorRef.current?.(error);
          }
        },
        () => setStatus('invalid'),
      )()
      .then(() => saved);
    running.current = attempt;
    try {
      return await attempt;
    } finally {
      running.current = null;
    }
  }, [form]);

  useEffect(() => {
    if (!auto) return;
    const subscription = form.watch((_, { type }) => {
      // Programmatic resets are not edits.
      if (type !== 'change' && !form.formState.isDirty) return;
      setStatus('pending');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delay);
    });
    return () => subscription.unsubscribe();
  }, [form, flush, delay, auto]);

  // Leaving the screen: what was typed is saved, not dropped.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void flush();
      }
    },
    [flush],
  );

  return { status, flush };
}
