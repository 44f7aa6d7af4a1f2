import { Alert, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupsSection } from './BackupsSection';
import { LanguageSelect } from '../../components/LanguageSelect';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { ProfileForm } from '../../components/ProfileForm';
import { ThemeControl } from '../../components/ThemeControl';
import { UnsavedGuard } from '../../components/UnsavedGuard';
import { TeamFolderSection } from './TeamFolderSection';
import { useApiErrorText } from '../../text/errors';
import { useAppState } from '../../api/state';

export function SettingsPage() {
  const { t } = useTranslation(['settings', 'common']);
  const { settings, info, updateSettings, saveProfile } = useAppState();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const apiErrorText = useApiErrorText();

  const change = (patch: Parameters<typeof updateSettings>[0]) => {
    setError(null);
    updateSettings(patch).catch((e: unknown) => setError(apiErrorText(e)));
  };

  return (
    <>
      <PageHeader title={t('page.title')} />
      <Stack gap="lg" maw={720}>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Section title={t('page.appearance')}>
          <Stack gap="md">
            <LanguageSelect value={settings.language} onChange={(language) => change({ language })} />
            <ThemeControl value={settings.theme} onChange={(theme) => change({ theme })} />
          </Stack>
        </Section>
        <Section title={t('reminders.title')}>
          <Switch
            checked={settings.reminders}
            onChange={(event) => change({ reminders: event.currentTarget.checked })}
            label={t('reminders.label')}
            description={t(info.host === 'electron' ? 'reminders.description' : 'reminders.descriptionBrowser')}
          />
        </Section>
        <Section title={t('team.title')}>
          <TeamFolderSection />
        </Section>
        <Section title={t('profile.title')}>
          <ProfileForm
            initial={settings.profile}
            submitLabel={t('common:actions.save')}
            onSubmit={async (profile) => {
              setSaved(false);
              await saveProfile(profile);
              setSaved(true);
            }}
          >
            {({ dirty }) => (
              <>
                <UnsavedGuard dirty={dirty} />
                {saved && !dirty && (
                  <Text c="teal.8" role="status">
                    {t('page.saved')}
                  </Text>
                )}
              </>
            )}
          </ProfileForm>
        </Section>
        <Section title={t('backups.title')}>
          <BackupsSection />
        </Section>
        <Section title={t('page.about')}>
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={180}>{t('page.version')}</Table.Th>
                <Table.Td dir="ltr">{info.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('page.runningIn')}</Table.Th>
                <Table.Td>{t(info.host === 'electron' ? 'page.host_electron' : 'page.host_browser')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('page.dataFolder')}</Table.Th>
                <Table.Td dir="ltr" className="path">
                  {info.dataDir}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Section>
      </Stack>
    </>
  );
}
