import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../../components/LanguageSelect';
import { Notices } from '../../components/Notices';
import { ProfileForm } from '../../components/ProfileForm';
import { useAppState } from '../../api/state';

/**
 * The first screen of a new installation. It opens in the OS language when that is one of the six;
 * choosing another language switches the screen at once.
 */
export function FirstRunPage() {
  const { t } = useTranslation('settings');
  const { settings, updateSettings, saveProfile } = useAppState();
  useEffect(() => {
    document.title = t('firstRun.title');
  }, [t]);
  return (
    <Container size="sm" py="xl">
      <main>
        <Notices />
        <Paper withBorder p="xl" radius="md">
          <Stack gap="lg">
            <Title order={1} size="h2">
              {t('firstRun.title')}
            </Title>
            <Text>{t('firstRun.intro')}</Text>
            <LanguageSelect value={settings.language} onChange={(language) => void updateSettings({ language })} />
            <ProfileForm initial={null} submitLabel={t('firstRun.submit')} onSubmit={saveProfile} />
          </Stack>
        </Paper>
      </main>
    </Container>
  );
}
