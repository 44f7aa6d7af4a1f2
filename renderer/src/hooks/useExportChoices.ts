import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../api/state';
import { useRecordText } from '../text/records-text';

type Choice = { value: string; label: string };

/** What the kinds offered one by one are: children travel with their parents. */
const PICKABLE = ['nap', 'nap.objective', 'nap.action', 'nap.indicator', 'meeting', 'action', 'contact', 'input'] as const;

/**
 * What an export can be limited to: the plans (by title, in the UI language's order), and, once
 * `selecting`, every record that can be picked one by one, grouped by kind, most recent first.
 */
export function useExportChoices(selecting: boolean): { naps: Choice[] | null; choices: { group: string; items: Choice[] }[] | null } {
  const { api } = useAppState();
  const { i18n } = useTranslation();
  const text = useRecordText();
  const [naps, setNaps] = useState<Choice[] | null>(null);
  const [choices, setChoices] = useState<{ group: string; items: Choice[] }[] | null>(null);

  useEffect(() => {
    if (!selecting || choices) return;
    Promise.all(PICKABLE.map((kind) => api.call('records.query', { kind, sort: { by: 'updated', direction: 'desc' }, limit: 1000 }))).then(
      (results) =>
        setChoices(
          results
            .map(({ records }, i) => ({ group: text.kind(PICKABLE[i]!), items: records.map((r) => ({ value: r.id, label: text.title(r.fields) })) }))
            .filter((g) => g.items.length > 0),
        ),
      () => setChoices([]),
    );
  }, [api, selecting, choices, text]);

  useEffect(() => {
    api.call('records.query', { kind: 'nap', sort: { by: 'title', direction: 'asc' }, locale: i18n.language }).then(
      ({ records }) => setNaps(records.map((r) => ({ value: r.id, label: text.title(r.fields) }))),
      () => setNaps([]),
    );
  }, [api, i18n.language, text]);

  return { naps, choices };
}
