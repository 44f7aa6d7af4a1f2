import { UndoBar } from '../../components/UndoBar';
import { Alert, Anchor, Button, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import {
  IconChartLine,
  IconHistory,
  IconLanguage,
  IconListTree,
  IconMessages,
  IconTable,
} from '@tabler/icons-react';
import { Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { RecordView } from '../../../../shared/records/codec';
import { PageHeader } from '../../components/PageHeader';
import { ExportDocumentButton } from '../../components/ExportDocumentDialog';
import { contentLanguage, languageOf } from '../../../../shared/records/text-version';
import { BackLink } from '../../components/BackLink';
import { isolate } from '../../text/bidi';
import { useApiErrorText } from '../../text/errors';
import { useRecordText } from '../../text/records-text';
import { useAppState } from '../../api/state';
import { ConsultationTab } from './ConsultationTab';
import { UserText, useNapFormat } from './format';
import { MatrixTab } from './MatrixTab';
import { focusOutlineItem, PlanTab } from './PlanTab';
import { ProgressTab } from './ProgressTab';
import { TranslationTab } from './TranslationTab';
import { NapContext, useNapData, type NapContextValue } from './useNap';
import { VersionsTab } from './VersionsTab';
import './naps.css';

const TABS = ['plan', 'matrix', 'translation', 'consultation', 'versions', 'progress'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS = {
  plan: 'tabs.plan',
  matrix: 'tabs.matrix',
  translation: 'tabs.translation',
  consultation: 'tabs.consultation',
  versions: 'tabs.versions',
  progress: 'tabs.progress',
} as const satisfies Record<Tab, string>;
const TAB_ICONS = {
  plan: IconListTree,
  matrix: IconTable,
  translation: IconLanguage,
  consultation: IconMessages,
  versions: IconHistory,
  progress: IconChartLine,
};

/** One plan, in six views: the outline and its forms, the printed matrix, translation, consultation, versions, progress. */
export function NapEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(['naps', 'common', 'pages']);
  const { api } = useAppState();
  const data = useNapData(id);
  const text = useRecordText();
  const apiErrorText = useApiErrorText();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'plan';
  const [deleted, setDeleted] = useState<{ record: RecordView; label: string } | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  const { reload } = data;

  const remove = useCallback(
    async (record: RecordView) => {
      setUndoError(null);
      await api.call('records.delete', { id: record.id });
      setDeleted({ record, label: text.title(record.fields) });
      // Resolved once the outline no longer shows it, so the caller can move the focus on.
      await reload();
    },
    [api, text, reload],
  );
  const undo = useCallback(async () => {
    if (!deleted) return;
    try {
      await api.call('records.restore', { id: deleted.record.id });
      setDeleted(null);
      await reload();
      // Back on the restored item, where the person was before deleting it.
      focusOutlineItem(deleted.record.id);
    } catch (error) {
      setUndoError(apiErrorText(error));
    }
  }, [api, apiErrorText, deleted, reload]);

  const context = useMemo<NapContextValue | null>(
    () => (data.status === 'ready' ? { nap: data.nap, children: data.children, reload, remove } : null),
    [data, reload, remove],
  );

  if (data.status === 'loading') {
    return (
      <>
        <PageHeader title={t('pages:naps.title')} />
        <Group role="status" gap="xs">
          <Loader size="sm" aria-hidden />
          <Text>{t('editor.loading')}</Text>
        </Group>
      </>
    );
  }
  if (data.status === 'error' || !context) {
    return (
      <>
        <PageHeader title={t('pages:naps.title')} />
        <Alert color="red.9" variant="outline" role="alert" title={t('editor.loadError')}>
          <Text mb="sm">{data.status === 'error' ? apiErrorText(data.error) : ''}</Text>
          <Group>
            <Button variant="default" onClick={() => void reload()}>
              {t('common:actions.reload')}
            </Button>
            <Anchor component={Link} to="/naps">
              {t('editor.back')}
            </Anchor>
          </Group>
        </Alert>
      </>
    );
  }
  const nap = context.nap;
  return (
    <NapContext.Provider value={context}>
      <BackLink to="/naps" label={t('editor.back')} />
      <EditorHeader nap={nap} />
      <UndoBar
        message={deleted ? t('editor.deleted', { title: isolate(deleted.label) }) : null}
        onUndo={() => void undo()}
        onDismiss={() => setDeleted(null)}
        error={undoError}
      />
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'plan' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((name) => {
            const Icon = TAB_ICONS[name];
            return (
              <Tabs.Tab key={name} value={name} leftSection={<Icon size={16} aria-hidden />}>
                {t(TAB_LABELS[name])}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="plan">
          <PlanTab />
        </Tabs.Panel>
        <Tabs.Panel value="matrix">
          <MatrixTab />
        </Tabs.Panel>
        <Tabs.Panel value="translation">
          <TranslationTab />
        </Tabs.Panel>
        <Tabs.Panel value="consultation">
          <ConsultationTab />
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <VersionsTab />
        </Tabs.Panel>
        <Tabs.Panel value="progress">
          <ProgressTab />
        </Tabs.Panel>
      </Tabs>
      <Stack />
    </NapContext.Provider>
  );
}

/** The plan's title as its h1, in the language it was written in; it names the window too. */
function EditorHeader({ nap }: { nap: RecordView }) {
  const { t, i18n } = useTranslation(['naps', 'common']);
  const text = useRecordText();
  const format = useNapFormat();
  const title = text.title(nap.fields);
  const appName = t('common:app.name');
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" mb="lg">
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Title order={1} size="h2">
          <UserText value={nap.fields.title} fallback={text.title({})} />
        </Title>
        <Text c="dimmed">
          {[
            format.country(nap.fields.country),
            format.generation(nap.fields.generation),
            format.period(nap.fields.periodStart, nap.fields.periodEnd),
          ].join(' · ')}
        </Text>
      </Stack>
      <ExportDocumentButton
        type="nap"
        id={nap.id}
        defaultLanguage={
          contentLanguage('nap', nap.fields, i18n.language) ?? languageOf(i18n.language) ?? 'en'
        }
      />
    </Group>
  );
}
