import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Asks before leaving a page whose form holds unsaved changes (in-app navigation and window close).
 * Given `save`, leaving first saves what was typed and goes on; it asks only when that is refused
 * (a field invalid, or the save failed), since leaving would then drop it.
 */
export function UnsavedGuard({ dirty, save }: { dirty: boolean; save?(): Promise<boolean> }) {
  const { t } = useTranslation();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  // The way out whose save was refused: for it, the question is asked.
  const [refused, setRefused] = useState<unknown>(null);
  const way = blocker.state === 'blocked' ? blocker.location : null;

  useEffect(() => {
    if (!way || !save) return;
    let current = true;
    save().then(
      (saved) => {
        if (!current) return;
        if (saved) blocker.proceed?.();
        else setRefused(way);
      },
      () => current && setRefused(way),
    );
    return () => {
      current = false;
    };
    // The blocker object changes with every render; where it leads to is what counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [way]);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  return (
    <ConfirmDialog
      opened={way !== null && (!save || refused === way)}
      title={t('unsaved.title')}
      body={t('unsaved.body')}
      cancelLabel={t('actions.stay')}
      confirmLabel={t('actions.leave')}
      onCancel={() => blocker.reset?.()}
      onConfirm={() => blocker.proceed?.()}
    />
  );
}
